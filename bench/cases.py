"""Cases benchmark: a PostgreSQL server with many cases, a desk's push and first pull, and the
desk's queues and full-text search over its SQLite cache.

    .venv/bin/python bench/cases.py [--server-cases 20000] [--desk-cases 5000]
        [--push-events 1000] [--customers N] [--branches 10] [--queue-runs 200]
        [--searches 400] [--batch N] [--seed 7]

Targets (issue 17) at ``--server-cases 1000000 --desk-cases 100000 --push-events 10000``.

1. **Fill** (not measured as a write path): a throw-away PostgreSQL database (127.0.0.1:5432)
   is migrated and given its reference lists through the server's own commands (users, case
   categories, teams, service levels); then customers, ``--server-cases`` cases and their
   3-6 history lines each are written straight into the tables with COPY, through the
   models' table definitions. The cases spread over ``--branches`` branches, two teams each,
   seven statuses, four priorities and eight categories; the desk's branch (Leeds) holds
   ``--desk-cases`` of them. Subjects, descriptions and comments are built from the UCI
   Online Retail product descriptions (``../shared/data``; ``FRONTDESK_RETAIL_DATA`` names
   another folder) and from Russian and English phrases an agent writes.
2. **First pull**: a new desk of Leeds (agent ann, a member of one Leeds team) pulls from a
   real server process on loopback, in a child process: seconds, the cases, history lines
   and customers it received, its peak RSS.
3. **Push**: ``--push-events`` case writes made at that desk with its own use cases
   (comments for the customer and internal, status moves on its open cases, and about one
   in ten new cases), queued offline, then pushed by the push engine: events/s.
4. **Desk queries**, on that cache, through ``DeskCases`` as the window calls it: p50/p95/p99
   of each queue (mine, team, due today, overdue, waiting) and of ``counts()``; full-text
   search over a mix of real words of the data (Russian and English, whole words, word
   beginnings, two words, other grammatical cases, words no case has). Peers in the same
   run: the same queue queries with ``NOT INDEXED`` on the cases table (a plain scan), and
   search as ``LIKE '%word%'`` over subjects, descriptions and comments.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import lzma
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.domain.cases import TRANSITIONS, CaseStatus, case_number
from frontdesk.server.cases.models import Case, CaseEvent
from frontdesk.server.db import allocate_seq, make_engine, session_factory
from frontdesk.server.models import Customer
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.cases.ports import CASE_QUEUES
from frontdesk.sync.push import DEFAULT_BATCH, push_all
from frontdesk.sync.service import workstation_transport
from sync import PASSWORD, Server, drop_postgres, fresh_postgres, log, server_cli

HOME = "Leeds"
BRANCHES = (
    HOME,
    "London, Oxford Street",
    "Москва, Тверская",
    "Manchester",
    "Санкт-Петербург, Невский",
    "Bristol",
    "Казань",
    "Edinburgh",
    "Новосибирск",
    "Екатеринбург",
    "Birmingham",
    "Самара",
)
CATEGORIES = (
    ("billing", "Billing and payments", "Оплата и счета"),
    ("returns", "Returns and refunds", "Возвраты"),
    ("delivery", "Delivery", "Доставка"),
    ("loyalty", "Loyalty card", "Карта лояльности"),
    ("warranty", "Warranty and repair", "Гарантия и ремонт"),
    ("quality", "Product quality", "Качество товара"),
    ("store", "In the shop", "В магазине"),
    ("account", "Account and data", "Учётная запись"),
)
PRIORITIES = (("low", 0.15), ("normal", 0.6), ("high", 0.2), ("urgent", 0.05))
#: (wall minutes to first response, to resolution): the fill's due times, near what the
#: imported policies give in business minutes.
DUE_MINUTES = {
    "low": (480, 7 * 1440),
    "normal": (240, 2 * 1440),
    "high": (60, 480),
    "urgent": (15, 120),
}
#: Final status, its share, and the moves that led there from "new".
STORIES = (
    ("closed", 0.52, ("open", "resolved", "closed")),
    ("resolved", 0.13, ("open", "resolved")),
    ("open", 0.12, ("open",)),
    ("new", 0.06, ()),
    ("waiting", 0.08, ("open", "waiting")),
    ("escalated", 0.05, ("open", "escalated")),
    ("reopened", 0.04, ("open", "resolved", "reopened")),
)
CHANNELS = ("phone", "email", "chat", "visit")
AGENTS_PER_BRANCH = 15

EN_SUBJECTS = (
    "{p} arrived broken",
    "Refund for {p}",
    "Wrong colour of {p}",
    "{p} missing from the parcel",
    "Charged twice for {p}",
    "Exchange {p} for another size",
    "Where is my order of {p}?",
    "Points not added for {p}",
    "{p}: lid cracked after a week",
    "Invoice copy for {p}",
)
RU_SUBJECTS = (
    "Возврат: {p}",
    "Не пришёл заказ — {p}",
    "Брак товара: {p}",
    "Двойное списание за {p}",
    "Обмен {p} на другой размер",
    "Баллы не начислены за {p}",
    "Курьер не привёз {p}",
    "Сломался через неделю: {p}",
    "Нужна копия чека за {p}",
    "Жалоба на продавца, покупка {p}",
)
EN_PHRASES = (
    "The customer wants the money back on the same card.",
    "The courier did not come at the agreed time.",
    "The parcel arrived damaged and the box was wet.",
    "She would like to exchange it for another colour.",
    "Charged twice; he sent a bank statement as proof.",
    "Loyalty points were not added after the purchase.",
    "Call the customer back after lunch.",
    "Waiting for photos of the damage from the customer.",
    "Passed to the warehouse to check the stock.",
    "Refund issued, the money arrives within five working days.",
    "The customer is unhappy with the service in the shop.",
    "A copy of the receipt is needed for their accounts.",
    "Warranty repair agreed with the supplier.",
    "The order is held at the Daventry warehouse.",
    "The delivery address has changed.",
    "A replacement was sent by courier today.",
    "Called again and asks us to hurry.",
    "Agreed a discount on the next order as compensation.",
    "The item does not match the description on the website.",
    "The loyalty card is blocked; the customer asks to restore it.",
)
RU_PHRASES = (
    "Клиент просит вернуть деньги на карту.",
    "Курьер не приехал в назначенное время.",
    "Посылка пришла повреждённой, коробка мокрая.",
    "Покупательница хочет обменять товар на другой цвет.",
    "Списали оплату дважды, прислал выписку из банка.",
    "Баллы лояльности не начислены после покупки.",
    "Перезвонить клиенту после обеда.",
    "Ждём фотографии повреждений от клиента.",
    "Передано на склад для проверки остатков.",
    "Возврат оформлен, деньги поступят в течение пяти рабочих дней.",
    "Клиент недоволен качеством обслуживания в магазине.",
    "Нужна копия чека для бухгалтерии.",
    "Гарантийный ремонт согласован с поставщиком.",
    "Заказ задерживается на складе в Подольске.",
    "Клиент сменил адрес доставки.",
    "Отправили новый товар курьерской службой.",
    "Позвонил повторно, просит ускорить решение.",
    "Согласовали компенсацию скидкой на следующий заказ.",
    "Товар не соответствует описанию на сайте.",
    "Карта лояльности заблокирована, клиент просит восстановить.",
)
FIRST_NAMES = (
    "Anna",
    "Oliver",
    "Amelia",
    "George",
    "Isla",
    "Harry",
    "Sophie",
    "Jack",
    "Анна",
    "Иван",
    "Мария",
    "Дмитрий",
    "Елена",
    "Сергей",
    "Ольга",
    "Алексей",
)
LAST_NAMES = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Walker",
    "Иванова",
    "Петров",
    "Смирнова",
    "Кузнецов",
    "Попова",
    "Соколов",
    "Лебедева",
    "Морозов",
)
#: Words a search looks for that no case has (Latin and Cyrillic).
MISSES = ("zeppelin", "quasar", "xylograph", "квазар", "дирижабль", "snorkelling", "фотосинтез")
#: Russian words of the phrases as an agent might type them in another grammatical case.
RU_FORMS = (
    "возврата",
    "возвратом",
    "курьера",
    "курьером",
    "посылку",
    "посылки",
    "доставкой",
    "доставки",
    "склада",
    "складе",
    "чека",
    "карты",
    "картой",
    "ремонта",
    "покупки",
    "списание",
    "поставщика",
    "магазина",
    "обслуживанием",
    "компенсации",
)


def main() -> None:
    args = _args()
    rng = random.Random(args.seed)
    products = _products()
    log(f"{len(products)} product descriptions")
    results: dict[str, Any] = {
        "server_cases": args.server_cases,
        "desk_cases_target": args.desk_cases,
        "push_events": args.push_events,
        "customers": args.customers,
        "branches": args.branches,
        "cpus": os.cpu_count(),
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
    }
    name, url = fresh_postgres()
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-cases-") as tmp:
        workdir = Path(tmp)
        cache = workdir / "desk" / "cache.sqlite3"
        try:
            _reference(url, workdir, args.branches)
            results["fill"] = _fill(url, args, products, rng)
            server = Server(url, workdir)
            try:
                results["first_pull"] = _first_pull(server.url, cache)
                log(f"[pull] {results['first_pull']}")
                results["push"] = _push(server.url, cache, args, rng)
                log(f"[push] {results['push']}")
            finally:
                server.stop()
        finally:
            drop_postgres(name)
        results["desk"] = _desk_queries(cache, args, products, rng)
    _print_table(results)
    print(json.dumps(results))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server-cases", type=int, default=20_000)
    parser.add_argument("--desk-cases", type=int, default=5_000)
    parser.add_argument("--push-events", type=int, default=1_000)
    parser.add_argument("--customers", type=int, default=None, help="default: cases / 50")
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--queue-runs", type=int, default=200, help="timed calls per queue")
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.customers is None:
        args.customers = max(500, args.server_cases // 50)
    if not 2 <= args.branches <= len(BRANCHES):
        parser.error(f"--branches: 2 to {len(BRANCHES)}")
    if args.desk_cases > args.server_cases:
        parser.error("--desk-cases cannot be more than --server-cases")
    return args


# --- text ---------------------------------------------------------------------------------


def _products() -> list[str]:
    """The distinct product descriptions of the UCI Online Retail data, as a person writes
    them ("White hanging heart t-light holder")."""
    folder = Path(
        os.environ.get(
            "FRONTDESK_RETAIL_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"
        )
    )
    path = folder / "online_retail.csv.xz"
    if not path.exists():
        raise SystemExit(f"{path} is absent (FRONTDESK_RETAIL_DATA names its folder)")
    found: set[str] = set()
    with lzma.open(path, "rt", encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            description = " ".join(row["Description"].split())
            if len(description) >= 6 and any(c.isalpha() for c in description):
                found.add(description.capitalize())
    return sorted(found)


def _subject(rng: random.Random, products: list[str]) -> str:
    templates = EN_SUBJECTS if rng.random() < 0.5 else RU_SUBJECTS
    return rng.choice(templates).format(p=rng.choice(products))[:200]


def _description(rng: random.Random) -> str:
    pool = EN_PHRASES if rng.random() < 0.5 else RU_PHRASES
    return " ".join(rng.sample(pool, rng.randint(1, 3)))


def _comment(rng: random.Random) -> str:
    return rng.choice(EN_PHRASES if rng.random() < 0.5 else RU_PHRASES)


# --- the server's database ----------------------------------------------------------------


def _teams(branches: int) -> list[tuple[str, str, str]]:
    """(code, name, branch): a returns team and a service team per branch."""
    return [
        (f"b{i}-{kind}", f"{BRANCHES[i]}: {kind}", BRANCHES[i])
        for i in range(branches)
        for kind in ("returns", "service")
    ]


def _reference(url: str, workdir: Path, branches: int) -> None:
    """Users, categories, teams and service levels through the server's own commands."""
    server_cli(
        url,
        "add-user",
        "ann",
        "--role",
        "agent",
        "--branch",
        HOME,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    files = {
        "case-categories": {
            "categories": [
                {"code": c, "name_en": en, "name_ru": ru, "active": True}
                for c, en, ru in CATEGORIES
            ]
        },
        "teams": {
            "teams": [
                {
                    "code": code,
                    "name": name,
                    "branch": branch,
                    "members": ["ann"] if code == "b0-returns" else [],
                    "active": True,
                }
                for code, name, branch in _teams(branches)
            ]
        },
        "service-levels": {
            "policies": [
                {
                    "category": "*",
                    "priority": p,
                    "first_response_minutes": f,
                    "resolution_minutes": r,
                }
                for p, (f, r) in DUE_MINUTES.items()
            ],
            "calendars": [
                {
                    "branch": "*",
                    "timezone": "Europe/London",
                    "hours": {str(d): [["08:00", "20:00"]] for d in range(1, 7)},
                    "holidays": ["2026-12-25"],
                },
                {
                    "branch": "Москва, Тверская",
                    "timezone": "Europe/Moscow",
                    "hours": {str(d): [["09:00", "21:00"]] for d in range(1, 8)},
                    "holidays": ["2026-01-01"],
                },
            ],
        },
    }
    for command, content in files.items():
        path = workdir / f"{command}.json"
        path.write_text(json.dumps(content, ensure_ascii=False))
        server_cli(url, command, "import", str(path))


def _fill(url: str, args: argparse.Namespace, products: list[str], rng: random.Random) -> dict:
    """Customers, cases and their history straight into the tables with COPY: how the
    benchmark gets a big database, not a path it measures."""
    started = time.perf_counter()
    engine = make_engine(url)
    with session_factory(engine)() as session:
        # Enough numbers for every row (a case and at most six lines); gaps do no harm.
        seq = allocate_seq(session, args.customers + args.server_cases * 7)
        session.commit()
    engine.dispose()
    now = datetime.now(UTC).replace(tzinfo=None)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    customer_ids = [
        str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(args.customers)
    ]
    with psycopg.connect(dsn) as conn:
        _copy(conn, Customer.__table__, _customers(customer_ids, args.branches, seq, now, rng))
        seq += args.customers
        conn.commit()
        log(f"[fill] {args.customers} customers in {time.perf_counter() - started:.1f}s")
        events = 0
        chunk = 20_000
        for first in range(0, args.server_cases, chunk):
            size = min(chunk, args.server_cases - first)
            cases, lines = _cases(first, size, args, customer_ids, products, seq, now, rng)
            seq += size * 7
            _copy(conn, Case.__table__, cases)
            _copy(conn, CaseEvent.__table__, lines)
            conn.commit()
            events += len(lines)
            if (first // chunk) % 10 == 9:
                log(f"[fill] {first + size} cases, {time.perf_counter() - started:.0f}s")
        # The counter past every number the fill gave, as allocate_seq would have left it.
        conn.execute("UPDATE change_counter SET value = %s WHERE id = 1", (seq,))
        conn.commit()
        with psycopg.connect(dsn, autocommit=True) as vacuum:
            vacuum.execute("VACUUM ANALYZE customers")
            vacuum.execute("VACUUM ANALYZE cases")
            vacuum.execute("VACUUM ANALYZE case_events")
        home = conn.execute("SELECT count(*) FROM cases WHERE branch = %s", (HOME,)).fetchone()
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    figures = {
        "seconds": round(time.perf_counter() - started, 1),
        "cases": args.server_cases,
        "case_events": events,
        "customers": args.customers,
        "home_cases": home[0],
        "database_bytes": size[0],
    }
    log(f"[fill] {figures}")
    return figures


def _copy(conn: psycopg.Connection, table: Any, rows: list[tuple] | Iterator[tuple]) -> None:
    columns = [column.name for column in table.columns]
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with conn.cursor().copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _customers(
    ids: list[str], branches: int, seq: int, now: datetime, rng: random.Random
) -> Iterator[tuple]:
    # Columns in Customer.__table__'s order.
    for n, customer_id in enumerate(ids):
        created = now - timedelta(days=rng.uniform(30, 1500))
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        yield (
            customer_id,
            f"BC{n:08d}",
            name,
            json.dumps([f"+4479{n:08d}"]),
            json.dumps([f"c{n}@bench.example"]),
            None,
            BRANCHES[n % branches],
            "",
            created,
            created,
            seq + n,
            None,
            None,
        )


def _home_share(args: argparse.Namespace) -> float:
    return args.desk_cases / args.server_cases


def _cases(
    first: int,
    size: int,
    args: argparse.Namespace,
    customers: list[str],
    products: list[str],
    seq: int,
    now: datetime,
    rng: random.Random,
) -> tuple[list[tuple], list[tuple]]:
    """``size`` cases and their history lines, as rows in the tables' column order."""
    cases, lines = [], []
    statuses = [s for s, _, _ in STORIES]
    status_weights = [w for _, w, _ in STORIES]
    moves = {s: m for s, _, m in STORIES}
    priorities = [p for p, _ in PRIORITIES]
    priority_weights = [w for _, w in PRIORITIES]
    home_every = args.server_cases / max(1, args.desk_cases)
    for n in range(first, first + size):
        # Every home_every-th case is the desk's branch's: exactly --desk-cases of them.
        home = args.desk_cases and int(n / home_every) != int((n + 1) / home_every)
        b = 0 if home else 1 + n % (args.branches - 1)
        branch = BRANCHES[b]
        case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        status = rng.choices(statuses, status_weights)[0]
        priority = rng.choices(priorities, priority_weights)[0]
        still_open = status in ("new", "open", "waiting", "escalated", "reopened")
        age = rng.expovariate(1 / 6) if still_open else rng.uniform(1, 730)  # days
        opened = now - timedelta(days=min(age, 730), minutes=rng.randint(0, 600))
        first_minutes, resolve_minutes = DUE_MINUTES[priority]
        team = f"b{b}-{rng.choice(('returns', 'service'))}" if rng.random() < 0.85 else None
        user = f"agent{b:02d}-{rng.randrange(AGENTS_PER_BRANCH):02d}"
        if home and user.endswith("-00"):
            user = "ann"
        user = user if rng.random() < 0.45 else None
        author = user or f"agent{b:02d}-{rng.randrange(AGENTS_PER_BRANCH):02d}"
        device = f"bench-device-{b}"
        count = rng.randint(3, 6)
        path = moves[status]
        kinds = ["opened", *path, *["comment"] * (count - 1 - len(path))]
        if len(kinds) > 3:  # the comments come between the moves, not all at the end
            middle = kinds[1:]
            rng.shuffle(middle)
            order = iter(path)
            kinds = ["opened"] + [next(order) if k != "comment" else k for k in middle]
        at = opened
        previous = "new"
        first_response = resolved = closed = None
        for k, kind in enumerate(kinds):
            if k:
                at = min(now, at + timedelta(minutes=rng.randint(5, 2 * 1440)))
            body, visibility, old, new = "", None, None, None
            if kind == "opened":
                old, new, kind_name = None, "new", "opened"
            elif kind == "comment":
                kind_name, body = "comment", _comment(rng)
                visibility = "customer" if rng.random() < 0.4 else "internal"
                if visibility == "customer" and first_response is None:
                    first_response = at
            else:
                kind_name, old, new = "status", previous, kind
                previous = kind
                if kind in ("waiting", "resolved") and first_response is None:
                    first_response = at
                if kind == "resolved":
                    resolved = at
                elif kind == "closed":
                    closed = at
                elif kind == "reopened":
                    resolved = closed = None
            event_id = case_id if k == 0 else str(uuid.UUID(int=rng.getrandbits(128), version=4))
            # Columns in CaseEvent.__table__'s order.
            lines.append(
                (
                    event_id,
                    case_id,
                    kind_name,
                    author,
                    at,
                    body,
                    visibility,
                    old,
                    new,
                    branch,
                    device,
                    seq + 1 + k,
                    branch,  # the case's branch and team, kept on its lines
                    team,
                )
            )
        number = case_number(f"D{900_000 + b}", n + 1)
        links = (
            [{"kind": "purchase", "ref": f"P{rng.randrange(10**8):08d}", "line": None}]
            if rng.random() < 0.3
            else []
        )
        # Columns in Case.__table__'s order.
        cases.append(
            (
                case_id,
                number,
                rng.choice(customers),
                rng.choice(CHANNELS),
                rng.choice(CATEGORIES)[0],
                _subject(rng, products),
                _description(rng),
                priority,
                status,
                user,
                team,
                branch,
                author,
                device,
                opened,
                opened + timedelta(minutes=resolve_minutes),
                opened + timedelta(minutes=first_minutes),
                first_response,
                resolved if status == "resolved" else None,
                closed if status == "closed" else None,
                json.dumps(links),
                at,
                seq + len(kinds),
            )
        )
        seq += 7
    return cases, lines


# --- the desk: first pull and push ---------------------------------------------------------

_PULL_CHILD = """
import json, sys, time
from pathlib import Path
from sqlalchemy import text
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.sync.service import workstation_transport
from frontdesk.sync.pull import pull_all
url, password, cache = sys.argv[1], sys.argv[2], Path(sys.argv[3])
central = CentralClient(url, timeouts=(5.0, 300.0))
database = open_cache(cache)
uow = SqlAlchemyUnitOfWork(database.writer)
transport = workstation_transport(central, uow, "ann", password)
started = time.perf_counter()
result = pull_all(transport, uow)
seconds = time.perf_counter() - started
status = Path("/proc/self/status").read_text()
hwm = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
with uow:  # as the desk's sync keeps them: who is signed in, the case prefix
    uow.sync_state.set_login(url, "ann")
    prefix, branch = transport.case_desk
    uow.sync_state.keep_case_desk(case_prefix=prefix, branch=branch)
    uow.commit()
with database.engine.connect() as connection:
    count = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
             for t in ("cases", "case_events", "customers")}
database.dispose()
print(json.dumps({"seconds": round(seconds, 2), "peak_rss_bytes": hwm * 1024,
                  "cases": count["cases"], "case_events": count["case_events"],
                  "customers": count["customers"], "pages": result.pages,
                  "cache_bytes": cache.stat().st_size}))
"""


def _first_pull(url: str, cache: Path) -> dict:
    log("[pull] a new desk of Leeds pulls")
    child = subprocess.run(
        [sys.executable, "-c", _PULL_CHILD, url, PASSWORD, str(cache)],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        raise SystemExit(f"the pulling desk failed: {child.stderr}")
    pulled = json.loads(child.stdout.strip().splitlines()[-1])
    pulled["cases_per_s"] = round(pulled["cases"] / pulled["seconds"], 1)
    return pulled


def _push(url: str, cache: Path, args: argparse.Namespace, rng: random.Random) -> dict:
    """``--push-events`` writes made with the desk's use cases offline, then pushed."""
    database = open_cache(cache)
    uow = SqlAlchemyUnitOfWork(database.writer)
    desk = DeskCases(uow.fresh, SqlAlchemyCaseQueries(database.reader))
    with database.engine.connect() as connection:
        open_cases = {
            case_id: CaseStatus(status)
            for case_id, status in connection.execute(
                text("SELECT id, status FROM cases WHERE status NOT IN ('closed')")
            )
        }
        customers = list(connection.scalars(text("SELECT id FROM customers LIMIT 2000")))
    ids = sorted(open_cases)
    made = {"comment": 0, "status": 0, "open": 0}
    started = time.perf_counter()
    for _ in range(args.push_events):
        roll = rng.random()
        if roll < 0.1:
            case = desk.open(
                rng.choice(customers),
                channel=rng.choice(CHANNELS),
                category=rng.choice(CATEGORIES)[0],
                subject=_comment(rng)[:80],
                description=_comment(rng),
                assignee_team="b0-returns",
            )
            open_cases[case.id] = CaseStatus.NEW
            ids.append(case.id)
            made["open"] += 1
        elif roll < 0.4:
            case_id = rng.choice(ids)
            moves = sorted(TRANSITIONS[open_cases[case_id]])
            new = rng.choice(moves)
            desk.change_status(case_id, new.value, note=_comment(rng))
            open_cases[case_id] = new
            made["status"] += 1
        else:
            desk.comment(
                rng.choice(ids), _comment(rng), visibility=rng.choice(("internal", "customer"))
            )
            made["comment"] += 1
    queued_s = time.perf_counter() - started
    central = CentralClient(url, timeouts=(5.0, 300.0))
    transport = workstation_transport(central, uow, "ann", PASSWORD)
    started = time.perf_counter()
    result = push_all(transport, uow, batch_size=args.batch)
    seconds = time.perf_counter() - started
    central.close()
    database.dispose()
    assert result.sent == args.push_events and result.failed == 0, result
    return {
        "events": args.push_events,
        "made": made,
        "queue_s": round(queued_s, 2),
        "seconds": round(seconds, 3),
        "events_per_s": round(args.push_events / seconds, 1),
        "batch": args.batch,
    }


# --- the desk: queues and search ----------------------------------------------------------


def _desk_queries(
    cache: Path, args: argparse.Namespace, products: list[str], rng: random.Random
) -> dict:
    database = open_cache(cache)
    uow = SqlAlchemyUnitOfWork(database.writer)
    desk = DeskCases(uow.fresh, SqlAlchemyCaseQueries(database.reader))
    peer = DeskCases(uow.fresh, SqlAlchemyCaseQueries(_not_indexed(cache)))
    with database.engine.connect() as connection:
        held = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
        events = connection.execute(text("SELECT count(*) FROM case_events")).scalar_one()
    figures: dict[str, Any] = {"cases": held, "case_events": events, "queues": {}}
    log(f"[desk] {held} cases, {events} history lines")
    for name in CASE_QUEUES:
        rows = len(desk.queue(name))
        mine = _timed(lambda name=name: desk.queue(name), args.queue_runs)
        plain = _timed(lambda name=name: peer.queue(name), max(5, args.queue_runs // 10))
        counted = desk.counts()[name]
        figures["queues"][name] = {
            "rows": rows,
            "in_queue": counted,
            **mine,
            "plain_scan": plain,
            "plain_over_indexed_p95": round(plain["p95_ms"] / mine["p95_ms"], 1),
        }
        log(f"[desk] {name}: {figures['queues'][name]}")
    counts = _timed(desk.counts, max(20, args.queue_runs // 4))
    plain_counts = _timed(peer.counts, 5)
    figures["counts"] = {
        **counts,
        "plain_scan": plain_counts,
        "plain_over_indexed_p95": round(plain_counts["p95_ms"] / counts["p95_ms"], 1),
    }
    log(f"[desk] counts: {figures['counts']}")
    figures["search"] = _search(database, desk, cache, args, products, rng)
    figures["cache_bytes"] = cache.stat().st_size
    database.dispose()
    return figures


def _not_indexed(cache: Path) -> sessionmaker:
    """Read sessions whose statements read the cases table with ``NOT INDEXED``: the same
    queries as a plain scan (the peer)."""
    engine = create_engine(f"sqlite:///{cache}")
    pattern = re.compile(r"\bFROM cases\b(?! NOT INDEXED)")

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _plain(conn, cursor, statement, parameters, context, executemany):
        return pattern.sub("FROM cases NOT INDEXED", statement), parameters

    return sessionmaker(engine)


def _timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    call()  # warm the statement and page caches
    ms = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        ms.append((time.perf_counter() - started) * 1000)
    return _percentiles(ms)


def _percentiles(ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {
        "n": len(ms),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
    }


def _search_queries(database: Any, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(kind, query): words of the cases themselves, their beginnings, two words, Russian
    words in another grammatical case, and words no case has."""
    with database.engine.connect() as connection:
        subjects = list(
            connection.scalars(text("SELECT subject FROM cases ORDER BY random() LIMIT 2000"))
        )
    split = [re.findall(r"[^\W\d_]{4,}", s) for s in subjects]
    words = [w for found in split for w in found]
    pairs = [found for found in split if len(found) >= 2]
    phrases = [w for p in EN_PHRASES + RU_PHRASES for w in re.findall(r"[^\W\d_]{5,}", p)]
    kinds: list[tuple[str, Callable[[], str]]] = [
        ("word", lambda: rng.choice(words)),
        ("prefix", lambda: rng.choice(words)[:4]),
        ("comment_word", lambda: rng.choice(phrases)),
        ("two_words", lambda: " ".join(rng.sample(rng.choice(pairs), 2))),
        ("russian_form", lambda: rng.choice(RU_FORMS)),
        ("miss", lambda: rng.choice(MISSES)),
    ]
    return [
        (kind, make().lower() if rng.random() < 0.7 else make())
        for kind, make in (kinds[n % len(kinds)] for n in range(count))
    ]


def _search(
    database: Any,
    desk: DeskCases,
    cache: Path,
    args: argparse.Namespace,
    products: list[str],
    rng: random.Random,
) -> dict:
    queries = _search_queries(database, rng, args.searches)
    for _, query in queries[:20]:
        desk.search(query)
    by_kind: dict[str, list[float]] = {}
    ms, empty = [], 0
    for kind, query in queries:
        started = time.perf_counter()
        found = desk.search(query)
        took = (time.perf_counter() - started) * 1000
        ms.append(took)
        by_kind.setdefault(kind, []).append(took)
        empty += kind != "miss" and not found
    figures: dict[str, Any] = {
        **_percentiles(ms),
        "found_nothing_not_miss": empty,
        "by_kind": {k: _percentiles(v) for k, v in by_kind.items()},
    }
    figures["like"] = _like(cache, queries[:: max(1, len(queries) // 100)])
    figures["like_over_fts_p95"] = round(figures["like"]["p95_ms"] / figures["p95_ms"], 1)
    log(f"[desk] search: {figures}")
    return figures


_LIKE_WORD = (
    "(c.subject LIKE :w{n} OR c.description LIKE :w{n} OR EXISTS (SELECT 1 FROM"
    " case_events e WHERE e.case_id = c.id AND e.kind = 'comment'"
    " AND e.body LIKE :w{n}))"
)


def _like(cache: Path, queries: list[tuple[str, str]]) -> dict:
    """The peer: each word as ``LIKE '%word%'`` over subjects, descriptions and comments
    (SQLite's LIKE folds ASCII letters only), 50 rows as the search shows."""
    engine = create_engine(f"sqlite:///{cache}")
    ms = []
    with engine.connect() as connection:
        for _, query in queries:
            words = query.split()
            where = " AND ".join(_LIKE_WORD.format(n=n) for n in range(len(words)))
            sql = text(f"SELECT c.id FROM cases c WHERE {where} LIMIT 50")
            params = {f"w{n}": f"%{w}%" for n, w in enumerate(words)}
            started = time.perf_counter()
            connection.execute(sql, params).all()
            ms.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return _percentiles(ms)


def _print_table(results: dict) -> None:
    out = io.StringIO()
    pull, push, desk = results["first_pull"], results["push"], results["desk"]
    out.write(f"\nfill: {results['fill']}\n")
    out.write(
        f"first pull: {pull['cases']} cases, {pull['case_events']} lines, "
        f"{pull['customers']} customers in {pull['seconds']} s, "
        f"peak RSS {pull['peak_rss_bytes'] / 1e6:.0f} MB\n"
    )
    out.write(f"push: {push['events']} events in {push['seconds']} s = {push['events_per_s']}/s\n")
    out.write(
        f"desk ({desk['cases']} cases): {'queue':10} {'rows':>6} {'p50':>7} {'p95':>7} "
        f"{'p99':>7} {'scan p95':>9}\n"
    )
    for name, q in [
        *desk["queues"].items(),
        ("counts", {**desk["counts"], "rows": "", "in_queue": ""}),
    ]:
        out.write(
            f"{'':>20}{name:10} {q['in_queue']!s:>6} {q['p50_ms']:7.2f} {q['p95_ms']:7.2f} "
            f"{q['p99_ms']:7.2f} {q['plain_scan']['p95_ms']:9.2f}\n"
        )
    s = desk["search"]
    out.write(
        f"search p50/p95/p99 {s['p50_ms']}/{s['p95_ms']}/{s['p99_ms']} ms; "
        f"LIKE p95 {s['like']['p95_ms']} ms\n"
    )
    print(out.getvalue())


if __name__ == "__main__":
    main()
