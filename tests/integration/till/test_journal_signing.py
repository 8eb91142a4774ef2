"""The server signs the till journal: tampering that keeps the hash chain whole is named.

Each case pushes a shift through the real push endpoint, changes the database behind the
server's back with the database's own driver (someone with database access, not the key
file), and runs ``verify-journal``: it must name the register and the entry, exit 1.
"""

from __future__ import annotations

import os
import sqlite3
from argparse import Namespace
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from test_till_server import _shift, _tamper, _verify
from till_helpers import APPROVAL, RULES, gbp, new_device, payment, push_pending

from frontdesk.domain.till import chain_hash, genesis_hash
from frontdesk.server.app import create_app
from frontdesk.server.commands import run
from frontdesk.server.db import utcnow
from frontdesk.server.settings import Settings
from frontdesk.server.till.models import TillJournalEntry, TillRegister
from frontdesk.server.till.signing import (
    JournalSigner,
    SigningKeyError,
    entry_message,
    head_message,
    load,
    record_key,
)
from frontdesk.services import till


def _pushed(api, till_uow) -> None:
    """Entries 1-5: a shift opened and four payments; 6: a refund of entry 2's payment."""
    paid = _shift(till_uow)
    till.refund(till_uow, till.Refund(paid[0].receipt_no, gbp("0.25"), "cat", APPROVAL),
                rules=RULES)  # fmt: skip
    results = push_pending(api, new_device(api), till_uow)
    assert [r["status"] for r in results] == ["applied"] * 6


def _rows(url: str, query: str) -> list[tuple]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return connection.execute(query).fetchall()
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        return connection.execute(query).fetchall()


def _rechain_after_editing_entry_3(url: str) -> str:
    """Edit entry 3's amount, recompute its hash and every later one, and the head: the
    chain is whole again, as the old ``verify-journal`` saw it."""
    rows = _rows(url, "SELECT seq, content, prev_hash FROM till_journal "
                      "WHERE register = 'SHOP1' ORDER BY seq")  # fmt: skip
    statements, running = [], None
    for seq, content, prev_hash in rows:
        if seq == 3:
            content = content.replace('"amount":"2.25"', '"amount":"0.25"')
        prev = prev_hash if running is None else running
        running = chain_hash(prev, content)
        quoted = content.replace("'", "''")
        statements.append(f"UPDATE till_journal SET content = '{quoted}', "
                          f"prev_hash = '{prev}', hash = '{running}' "
                          f"WHERE register = 'SHOP1' AND seq = {seq};")  # fmt: skip
    statements.append(f"UPDATE till_registers SET head_hash = '{running}' "
                      "WHERE register = 'SHOP1';")  # fmt: skip
    return "".join(statements)


_HEAD_BACK = (
    "DELETE FROM till_journal WHERE register = 'SHOP1' AND seq = 6;"
    "UPDATE till_registers SET head_seq = 5, "
    "head_hash = (SELECT hash FROM till_journal WHERE register = 'SHOP1' AND seq = 5), "
    "head_counter = (SELECT sig_counter FROM till_journal WHERE register = 'SHOP1' AND seq = 5) "
    "WHERE register = 'SHOP1';"
)
_REPLAY = (
    "DROP INDEX ix_till_journal_sig_counter;"
    "UPDATE till_journal SET "
    "signature = (SELECT signature FROM till_journal WHERE register = 'SHOP1' AND seq = 2), "
    "sig_counter = (SELECT sig_counter FROM till_journal WHERE register = 'SHOP1' AND seq = 2) "
    "WHERE register = 'SHOP1' AND seq = 3;"
)


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (None, "SHOP1 entry 3: the server's signature does not verify"),
        (_HEAD_BACK, "SHOP1 head (entry 5): the server's head signature does not verify"),
        (_HEAD_BACK, "SHOP1 entry 5: signature counter(s) 6 missing after it"),
        ("UPDATE till_payments SET amount_minor = 9925 WHERE receipt_no = 'SHOP1-00000003'",
         "SHOP1 entry 4: its payment row differs: amount_minor 9925 (the entry says 325)"),
        ("UPDATE till_refunds SET amount_minor = 125",
         "SHOP1 entry 6: its refund row differs: amount_minor 125 (the entry says 25)"),
        ("DELETE FROM till_refunds", "SHOP1 entry 6: its refund has no refund row"),
        ("UPDATE till_payments SET currency = 'EUR' WHERE receipt_no = 'SHOP1-00000004'",
         "SHOP1 entry 5: its payment row differs: currency 'EUR' (the entry says 'GBP')"),
        (_REPLAY,
         "SHOP1 entry 3: replayed signature (signature counter 2 is also SHOP1 entry 2's)"),
        ("UPDATE till_journal SET signature = NULL, sig_counter = NULL, key_id = NULL "
         "WHERE seq = 4", "SHOP1 entry 4: unsigned after signed entry 3"),
    ],
)  # fmt: skip
def test_verify_journal_names_what_the_chain_alone_missed(
    api, migrated_url: str, till_uow, tamper: str | None, named: str
) -> None:
    _pushed(api, till_uow)
    status, output = _verify(migrated_url)
    assert status == 0 and "SHOP1: 6 entries, ok" in output, output
    _tamper(migrated_url, tamper or _rechain_after_editing_entry_3(migrated_url))
    status, output = _verify(migrated_url, register="SHOP1")
    assert status == 1 and named in output, output


def test_entries_from_before_signing_are_counted_not_faulted(
    api, migrated_url: str, till_uow
) -> None:
    _shift(till_uow, payments=1)
    device = new_device(api)
    push_pending(api, device, till_uow)
    # Entries 1-2 as a server before revision 0017_journal_signing stored them.
    _tamper(migrated_url, "UPDATE till_journal SET signature = NULL, sig_counter = NULL, "
                          "key_id = NULL; UPDATE till_registers SET head_counter = NULL, "
                          "head_signature = NULL, head_key_id = NULL; "
                          "UPDATE signature_counter SET value = 0; "
                          "DELETE FROM signing_keys;")  # fmt: skip
    status, output = _verify(migrated_url)
    assert status == 0 and "SHOP1 entries 1-2: unsigned (before signing)" in output, output
    for amount in ("3.00", "4.00"):
        till.record_payment(till_uow, payment(amount), rules=RULES)
    assert [r["status"] for r in push_pending(api, device, till_uow)] == ["applied"] * 2
    status, output = _verify(migrated_url)
    assert status == 0, output
    assert "SHOP1: 4 entries, ok\n  SHOP1 entries 1-2: unsigned (before signing)\n" in output


def _migrate(url: str) -> tuple[int, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    status = run(Namespace(command="migrate", db=url), stdin=io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue() + err.getvalue()


def test_migrate_makes_the_key_file_once_readable_by_its_owner_only(
    sqlite_url: str, tmp_path: Path, monkeypatch
) -> None:
    key = tmp_path / "keys" / "journal.pem"
    monkeypatch.setenv("FRONTDESK_SERVER_SIGNING_KEY", str(key))
    status, output = _migrate(sqlite_url)
    assert status == 0 and f"created a new journal signing key {key}" in output, output
    assert key.stat().st_mode & 0o777 == 0o600
    first = key.read_bytes()
    status, output = _migrate(sqlite_url)
    assert status == 0 and "created" not in output and key.read_bytes() == first


@pytest.mark.parametrize(
    ("content", "mode", "error"),
    [
        (None, 0o644, "is open to group or others (mode 0644): chmod 600"),
        (b"not a key\n", 0o600, "is not a PEM private key"),
        (None, 0o000, "cannot read the journal signing key"),
    ],
)
def test_a_bad_key_file_stops_the_server_with_the_reason(
    sqlite_url: str, tmp_path: Path, monkeypatch, content: bytes | None, mode: int, error: str
) -> None:
    if mode == 0 and os.geteuid() == 0:
        pytest.skip("root reads a file of mode 000")
    key = tmp_path / "journal.pem"
    monkeypatch.setenv("FRONTDESK_SERVER_SIGNING_KEY", str(key))
    assert _migrate(sqlite_url)[0] == 0
    if content is not None:
        key.write_bytes(content)
    key.chmod(mode)
    status, output = _migrate(sqlite_url)
    assert status == 1 and f"migrate: error: the journal signing key {key}" in output, output
    assert error in output, output


def test_a_journal_re_signed_with_a_key_of_their_own_fails_against_the_trusted_key(
    api, migrated_url: str, server_factory, till_uow
) -> None:
    """Someone who can write the database records a key of their own and signs a rewritten
    journal with it: only the public key the back office kept away from the server shows it."""
    _pushed(api, till_uow)
    trusted = load(Settings(database_url=migrated_url).signing_key_path()).public_hex
    _tamper(migrated_url, _rechain_after_editing_entry_3(migrated_url))
    theirs = JournalSigner.of(Ed25519PrivateKey.generate())
    with server_factory.begin() as session:
        record_key(session, theirs, utcnow())
        for row in session.scalars(select(TillJournalEntry)):
            row.key_id = theirs.key_id
            row.signature = theirs.sign(
                entry_message(
                    register=row.register,
                    seq=row.seq,
                    entry_hash=row.hash,
                    counter=row.sig_counter,
                    received_at=row.received_at,
                    key_id=theirs.key_id,
                )
            )
        head = session.get_one(TillRegister, "SHOP1")
        head.head_key_id = theirs.key_id
        head.head_signature = theirs.sign(head_message(
            register="SHOP1", seq=head.head_seq, entry_hash=head.head_hash,
            counter=head.head_counter, key_id=theirs.key_id))  # fmt: skip
    status, output = _verify(migrated_url)
    assert status == 1 and "SHOP1 entry 3: its payment row differs" in output  # the row, yet
    _tamper(migrated_url, "UPDATE till_payments SET amount_minor = 25 "
                          "WHERE receipt_no = 'SHOP1-00000002'")  # fmt: skip
    assert _verify(migrated_url)[0] == 0  # made consistent: the database alone cannot tell
    status, output = _verify(migrated_url, trust=[trusted])
    assert status == 1, output
    assert f"SHOP1 entry 3: signed by an unknown key {theirs.key_id!r}" in output
    assert f"signing key {theirs.key_id}: recorded on the server but not one of" in output


def test_a_lost_key_file_is_not_silently_replaced(api, migrated_url: str, till_uow) -> None:
    """Once the journal is signed, a missing key file stops the server with what to do: a
    new key made on the quiet would hide that the old one is gone."""
    _pushed(api, till_uow)
    settings = Settings(database_url=migrated_url)
    key = settings.signing_key_path()
    key_id = load(key).key_id
    key.unlink()
    with pytest.raises(SigningKeyError, match=f"is missing, but .* signed with key {key_id}"):
        create_app(settings)
    status, output = _migrate(migrated_url)
    assert status == 1 and "restore the file from its backup" in output, output
    assert not key.exists()


def test_a_journal_wiped_back_to_its_genesis_is_named(api, migrated_url: str, till_uow) -> None:
    _pushed(api, till_uow)
    _tamper(migrated_url, "DELETE FROM till_refunds; DELETE FROM till_payments; "
                          "DELETE FROM till_feed; DELETE FROM till_approval_checks; "
                          "DELETE FROM till_journal; UPDATE till_registers SET head_seq = 0, "
                          f"head_hash = '{genesis_hash('SHOP1')}', head_counter = NULL, "
                          "head_signature = NULL, head_key_id = NULL;")  # fmt: skip
    status, output = _verify(migrated_url, register="SHOP1")
    assert status == 1, output
    assert "signature counter(s) 1-6 missing: the server signed that many entries" in output
