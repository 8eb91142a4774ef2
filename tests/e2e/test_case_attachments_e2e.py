"""A file attached to a case offline at one desk, opened at another, through a real server
on loopback: the content goes up before the item that names it, comes down on first open
with the same bytes, and is kept there for when the network is gone again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

# ``server``: that module's fixture (a central with cases' reference lists), not conftest's.
from test_cases_e2e import Server, login, ok, one, run, server  # noqa: F401

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.services.cases.attachments import AttachmentUnavailable

SCAN = bytes(range(256)) * 600 + b"the receipt, scanned"  # ~150 KB, not text


def attachment_content(data_dir: Path, attachment_id: str) -> bytes:
    client = build_client(load_settings(data_dir=data_dir))
    try:
        return client.cases().attachment_content(attachment_id)[1]
    finally:
        client.close()


def test_a_file_attached_offline_reaches_the_other_desk_byte_for_byte(
    server: Server,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    monkeypatch,
    keyring_env,
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    agent, colleague = tmp_path / "ann", tmp_path / "bob"
    login(agent, server, "ann")
    login(colleague, server, "bob")
    customer = json.loads(ok(agent, "lookup", "a", "--json", "--limit", "1").splitlines()[0])
    scan = tmp_path / "kettle receipt.pdf"
    scan.write_bytes(SCAN)

    server.stop()
    opened = one(ok(agent, "case", "open", "--customer", customer["id"], "--category",
                    "returns", "--subject", "Kettle leaks", "--team", "returns-leeds",
                    "--json"))  # fmt: skip
    attached = one(ok(agent, "case", "attach", opened["number"], str(scan), "--for-customer",
                      "--json"))  # fmt: skip
    assert attached["sha256"] == hashlib.sha256(SCAN).hexdigest() and attached["pending"]
    assert attached["size"] == len(SCAN) and not attached["internal"]
    code, _, err = run(agent, "sync")
    assert code != 0 and err  # offline: the case and its file wait

    server.start()
    ok(agent, "sync")
    status = json.loads(ok(agent, "sync", "--status", "--json"))
    assert (status["waiting"], status["failed"]) == (0, 0)
    ok(colleague, "sync")
    shown = one(ok(colleague, "case", "show", opened["number"], "--json"))
    (theirs,) = shown["attachments"]
    assert (theirs["file_name"], theirs["author"], theirs["visibility"]) == (
        "kettle receipt.pdf", "ann", "customer")  # fmt: skip
    assert not theirs["pending"]
    assert [e["kind"] for e in shown["history"]] == ["opened", "attached"]

    assert attachment_content(colleague, theirs["id"]) == SCAN
    server.stop()  # opened once, kept: offline it still opens
    assert attachment_content(colleague, theirs["id"]) == SCAN
    assert attachment_content(agent, attached["id"]) == SCAN


def test_a_desk_offline_cannot_open_what_it_never_fetched(
    server: Server,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    monkeypatch,
    keyring_env,
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    agent, colleague = tmp_path / "ann", tmp_path / "bob"
    login(agent, server, "ann")
    login(colleague, server, "bob")
    customer = json.loads(ok(agent, "lookup", "a", "--json", "--limit", "1").splitlines()[0])
    note = tmp_path / "note.txt"
    note.write_text("call back after 5")
    opened = one(ok(agent, "case", "open", "--customer", customer["id"], "--category",
                    "returns", "--subject", "Call back", "--json"))  # fmt: skip
    attached = one(ok(agent, "case", "attach", opened["number"], str(note), "--json"))
    ok(agent, "sync")
    ok(colleague, "sync")
    server.stop()
    with pytest.raises(AttachmentUnavailable, match="not available offline"):
        attachment_content(colleague, attached["id"])
