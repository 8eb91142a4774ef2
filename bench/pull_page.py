"""The server's side of a pull alone: every page of a seeded database through ``GET /sync/pull``.

    .venv/bin/python bench/pull_page.py [--customers 2000] [--page 5000] [--rounds 3]
        [--before main] [--db sqlite:///path | postgresql+psycopg://...]

Seeds a SQLite server database (seed-demo: ``--customers`` customers with about 27 purchase
lines each, returns among them, products, a cross-sell model) unless ``--db`` names one
already seeded (e.g. a PostgreSQL database filled with `frontdesk-server --db URL seed-demo`),
then times the server app answering every page of a new desk's pull (in process,
through its ASGI interface, so routing, auth, page building and serialisation all count; no
socket, no desk). The code of git revision ``--before`` (exported to a temporary folder)
and the working tree take turns, ``--rounds`` times each, in fresh processes over the same
database; the best round of each is compared (wall and the process's CPU seconds, the
steadier figure on a shared machine), and the SHA-256 of all the pages' bytes must
be the same for both (the wire format did not change). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "bench.agent", "bench passphrase, long enough"

_CHILD = """
import hashlib, json, sys, time
import frontdesk
from fastapi.testclient import TestClient
from frontdesk.server.app import create_app
from frontdesk.server.settings import Settings
db, page, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with TestClient(create_app(Settings(database_url=db))) as api:
    login = api.post("/api/v1/auth/login", json={"username": user, "password": password})
    api.headers["Authorization"] = "Bearer " + login.json()["access_token"]
    digest, cursor, pages, size, total, cpu, more = hashlib.sha256(), 0, 0, 0, 0.0, 0.0, True
    while more:
        started, started_cpu = time.perf_counter(), time.process_time()
        answer = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": page})
        total += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        assert answer.status_code == 200, answer.text
        digest.update(answer.content)
        pages, size = pages + 1, size + len(answer.content)
        head = json.loads(answer.content)
        cursor, more = head["cursor"], head["has_more"]
print(json.dumps({"seconds": total, "cpu_s": cpu, "pages": pages, "bytes": size,
                  "sha256": digest.hexdigest(), "code": frontdesk.__file__}))
"""


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="pull-page-") as folder:
        work = Path(folder)
        db = args.db or _seed(work / "server.sqlite3", args.customers)
        _add_user(db)
        before = _export(args.before, work / "before")
        runs: dict[str, list[dict]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            runs["before"].append(_time_pages(before, db, args.page))
            runs["after"].append(_time_pages(ROOT / "src", db, args.page))
    print(json.dumps(_summary(runs, args)))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--page", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default="main", help="git revision of the old code")
    parser.add_argument("--db", help="an already seeded server database URL")
    return parser.parse_args()


def _server_cli(db: str, *args: str, stdin: str | None = None) -> None:
    command = [sys.executable, "-m", "frontdesk.server.cli", "--db", db, *args]
    subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)


def _seed(path: Path, customers: int) -> str:
    db = f"sqlite:///{path}"
    _log(f"seeding {customers} customers into {path}")
    _server_cli(db, "seed-demo", "--customers", str(customers))
    return db


def _add_user(db: str) -> None:
    args = ("add-user", USER, "--role", "agent", "--password-stdin")
    try:
        _server_cli(db, *args, stdin=PASSWORD + "\n")
    except subprocess.CalledProcessError as error:
        if "already taken" not in (error.stderr or ""):
            raise


def _export(revision: str, target: Path) -> Path:
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def _time_pages(src: Path, db: str, page: int) -> dict:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, db, str(page), USER, PASSWORD],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    run = json.loads(done.stdout.strip().splitlines()[-1])
    if not run["code"].startswith(str(src)):
        raise SystemExit(f"the child ran {run['code']}, not the code under {src}")
    _log(f"{src}: {run['seconds']:.3f} s ({run['cpu_s']:.3f} s CPU), {run['pages']} pages")
    return run


def _summary(runs: dict[str, list[dict]], args: argparse.Namespace) -> dict:
    best = {name: min(r["seconds"] for r in rounds) for name, rounds in runs.items()}
    cpu = {name: min(r["cpu_s"] for r in rounds) for name, rounds in runs.items()}
    digests = {r["sha256"] for rounds in runs.values() for r in rounds}
    first = runs["after"][0]
    return {
        "customers": args.customers,
        "page_size": args.page,
        "pages": first["pages"],
        "bytes": first["bytes"],
        "before": args.before,
        "before_s": [round(r["seconds"], 3) for r in runs["before"]],
        "after_s": [round(r["seconds"], 3) for r in runs["after"]],
        "before_best_s": round(best["before"], 3),
        "after_best_s": round(best["after"], 3),
        "after_over_before": round(best["after"] / best["before"], 3),
        "before_best_cpu_s": round(cpu["before"], 3),
        "after_best_cpu_s": round(cpu["after"], 3),
        "cpu_after_over_before": round(cpu["after"] / cpu["before"], 3),
        "same_bytes": len(digests) == 1,
    }


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
