"""The server's signature on the till journal: an Ed25519 key kept outside the database.

A hash chain proves only that entries follow one another: someone who can write to the
database can edit an entry and recompute every later hash and the head. So the server signs
each entry it accepts, and each position of a register's head, with a private key that lives
in a PEM file (``FRONTDESK_SERVER_SIGNING_KEY``, default ``signing-key.pem`` in the server's
data directory), never in the database. The database keeps only the public keys
(``signing_keys``), so ``verify-journal`` checks signatures made under every key the server
has used; rotating is pointing the setting at a new key file and restarting.

Each signature covers the register, the seq, the entry's hash, a server-wide counter, the
time the server received the entry and the key's id. The counter comes from one row
(``signature_counter``) raised inside the applier's transaction: its row lock orders every
server process on one database, and a transaction that rolls back takes its number back, so
the counters of the signed entries are exactly 1..N with no gap (a deleted signed entry
leaves one).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from frontdesk.server.db import make_engine
from frontdesk.server.till.models import SigningKey

log = logging.getLogger(__name__)

KEY_ID_HEX = 16
_ENTRY_DOMAIN = "frontdesk-journal-entry/v1"
_HEAD_DOMAIN = "frontdesk-journal-head/v1"


class SigningKeyError(ValueError):
    """The key file cannot be used: the message says which file and why."""


def key_id_of(public_raw: bytes) -> str:
    """First 16 hex digits of the SHA-256 of the raw 32-byte public key."""
    return hashlib.sha256(public_raw).hexdigest()[:KEY_ID_HEX]


@dataclass(frozen=True, slots=True)
class JournalSigner:
    """The server's private key and what names it."""

    private_key: Ed25519PrivateKey
    public_hex: str
    key_id: str

    @classmethod
    def of(cls, private_key: Ed25519PrivateKey) -> JournalSigner:
        raw = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return cls(private_key, raw.hex(), key_id_of(raw))

    def sign(self, message: bytes) -> str:
        return self.private_key.sign(message).hex()

    def pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def entry_message(
    *, register: str, seq: int, entry_hash: str, counter: int, received_at: datetime, key_id: str
) -> bytes:
    """What an entry's signature covers (one field a line, after a domain tag)."""
    at = received_at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = (_ENTRY_DOMAIN, register, str(seq), entry_hash, str(counter), at, key_id)
    return "\n".join(fields).encode()


def head_message(*, register: str, seq: int, entry_hash: str, counter: int, key_id: str) -> bytes:
    """What a head's signature covers: the register's last entry and its counter. Another
    domain tag than an entry's, so neither signature stands in for the other."""
    fields = (_HEAD_DOMAIN, register, str(seq), entry_hash, str(counter), key_id)
    return "\n".join(fields).encode()


@dataclass
class PublicKeys:
    """The public keys of ``signing_keys`` by id, each parsed once."""

    by_id: dict[str, str]
    _parsed: dict[str, Ed25519PublicKey] = field(default_factory=dict)

    def known(self, key_id: str | None) -> bool:
        return key_id in self.by_id

    def verifies(self, key_id: str, signature_hex: str | None, message: bytes) -> bool:
        try:
            key = self._parsed.get(key_id) or self._parse(key_id)
            key.verify(bytes.fromhex(signature_hex or ""), message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def _parse(self, key_id: str) -> Ed25519PublicKey:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.by_id[key_id]))
        self._parsed[key_id] = key
        return key


# --- counter and key records, inside the applier's transaction -----------------------------


def next_counter(session: Session) -> int:
    """The next signature counter: one row raised in the caller's transaction (its lock is
    held to commit, and a rollback returns the number)."""
    raised = session.execute(
        text("UPDATE signature_counter SET value = value + 1 WHERE id = 1 RETURNING value")
    )
    return int(raised.scalar_one())


def next_counters(session: Session, count: int) -> int:
    """Reserve ``count`` consecutive signature counters (as ``next_counter``); the first."""
    raised = session.execute(
        text("UPDATE signature_counter SET value = value + :n WHERE id = 1 RETURNING value"),
        {"n": count},
    )
    return int(raised.scalar_one()) - count + 1


def record_key(session: Session, signer: JournalSigner, now: datetime) -> None:
    """Keep ``signer``'s public key in ``signing_keys`` from its first signature on."""
    if session.get(SigningKey, signer.key_id) is not None:
        return
    values = {"key_id": signer.key_id, "public_key": signer.public_hex, "first_used_at": now}
    session.execute(_insert_once(session).values(values))


def _insert_once(session: Session):  # type: ignore[no-untyped-def]
    table = SigningKey.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["key_id"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["key_id"])
    return insert(table)


# --- the key file ---------------------------------------------------------------------------


def load_or_create(path: Path, *, database_url: str | None = None) -> tuple[JournalSigner, bool]:
    """The signer of the key file at ``path``, made (0600) first if there is none.

    Made only for a journal nobody signed yet: if the database at ``database_url`` names
    keys it was signed with, a missing file is lost, not new, and a silently made one would
    hide that (a ``SigningKeyError`` says what to do).

    Returns the signer and whether the file was created now.
    """
    if not path.exists() and database_url is not None:
        used = _recorded_keys(database_url)
        if used:
            raise SigningKeyError(
                f"the journal signing key file {path} is missing, but this database's till "
                f"journal was signed with key {', '.join(used)}: restore the file from its "
                "backup, or make a new key with `frontdesk-server signing-key new --out PATH` "
                "and set FRONTDESK_SERVER_SIGNING_KEY to it"
            )
    created = not path.exists() and _create(path, Ed25519PrivateKey.generate())
    return load(path), created


def _recorded_keys(database_url: str) -> list[str]:
    """The key ids the journal was signed with; none if the schema has no such table yet."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(SigningKey.key_id).order_by(SigningKey.key_id)))
    except SQLAlchemyError:
        return []  # not migrated yet: nothing was signed
    finally:
        engine.dispose()


def load(path: Path) -> JournalSigner:
    """The signer of an existing key file; a SigningKeyError says what is wrong with it."""
    _check_mode(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(
            f"cannot read the journal signing key {path}: {error.strerror or error}"
        ) from None
    return JournalSigner.of(_parse(path, data))


def new_key_file(path: Path) -> JournalSigner:
    """Write a new key file at ``path`` (0600); refuses to replace one that is there."""
    if path.exists():
        raise SigningKeyError(f"{path} exists already: give a new file for the new key")
    _create(path, Ed25519PrivateKey.generate())
    return load(path)


def _check_mode(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise SigningKeyError(
            f"cannot read the journal signing key {path}: {error.strerror or error}"
        ) from None
    if not stat.S_ISREG(mode):
        raise SigningKeyError(f"the journal signing key {path} is not a file")
    if os.name == "posix" and mode & 0o077:
        raise SigningKeyError(
            f"the journal signing key {path} is open to group or others "
            f"(mode {stat.S_IMODE(mode):04o}): chmod 600 {path}"
        )


def _parse(path: Path, data: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise SigningKeyError(
            f"the journal signing key {path} is encrypted: keep it unencrypted, readable "
            "by the server's user only"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise SigningKeyError(
            f"the journal signing key {path} is not a PEM private key "
            "(make one with: frontdesk-server signing-key new --out PATH)"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"the journal signing key {path} is not an Ed25519 key")
    return key


def _create(path: Path, key: Ed25519PrivateKey) -> bool:
    """Write the key beside ``path`` and link it into place: the file appears whole, and
    of server processes starting together only one key is kept (the first link wins)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    spare = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(JournalSigner.of(key).pem())
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(spare, path)
        except FileExistsError:
            return False
    finally:
        spare.unlink(missing_ok=True)
    log.warning("created a new journal signing key %s", path)
    return True
