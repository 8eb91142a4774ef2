"""argon2id verifiers of a desk's last online password, for unlocking the desk offline.

Same parameters as the server's password hashes (OWASP's baseline: 19 MiB, 2 passes, one
lane): a stolen cache file gives an attacker a slow hash to guess at, never the password.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from frontdesk.services.desk_login import AbstractPasswordVerifier

_HASHER = PasswordHasher(
    time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)


class Argon2Verifier(AbstractPasswordVerifier):
    def make(self, password: str) -> str:
        return _HASHER.hash(password)

    def check(self, verifier: str, password: str) -> bool:
        try:
            return _HASHER.verify(verifier, password)
        except (VerificationError, InvalidHashError):
            return False
