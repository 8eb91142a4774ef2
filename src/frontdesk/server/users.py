"""Server users: creation with validated names, roles and argon2id password hashes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import Role
from frontdesk.server.auth import hash_password
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.models import User

MIN_PASSWORD_LENGTH = 8
MAX_USERNAME_LENGTH = 100
MAX_BRANCH_LENGTH = 100


class UserError(ValueError):
    """A user that cannot be created; the message says which value is wrong and why."""


class DuplicateUsername(UserError):
    """The username is already taken."""


class InvalidUser(UserError):
    """A username, password, role or branch that breaks its rule."""


def add_user(
    factory: sessionmaker[Session], *, username: str, password: str, role: str, branch: str = ""
) -> User:
    """Create a user with an argon2id hash of ``password``; returns the stored user."""
    user = User(
        username=_checked_username(username),
        password_hash=hash_password(checked_password(password)),
        role=checked_role(role).value,
        branch=_checked_branch(branch),
        created_at=utcnow(),
    )
    try:
        with transaction(factory) as session:
            session.add(user)
    except IntegrityError:
        raise DuplicateUsername(f"username {user.username!r} is already taken") from None
    return user


def _checked_username(username: str) -> str:
    name = username.strip()
    if not name:
        raise InvalidUser("username must not be empty")
    if len(name) > MAX_USERNAME_LENGTH:
        raise InvalidUser(f"username must be at most {MAX_USERNAME_LENGTH} characters")
    if any(ch.isspace() or not ch.isprintable() for ch in name):
        raise InvalidUser(f"username {name!r} must not contain spaces or control characters")
    return name


def checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUser(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters (got {len(password)})"
        )
    return password


def checked_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidUser(f"unknown role {role!r} (expected one of: {allowed})") from None


def _checked_branch(branch: str) -> str:
    if len(branch) > MAX_BRANCH_LENGTH:
        raise InvalidUser(f"branch must be at most {MAX_BRANCH_LENGTH} characters")
    return branch.strip()
