"""A quick probe of product search at the desk (the integrator's bench/catalogue.py is the
full benchmark): a desk cache with N synthetic products, filled through the pull's own bulk
path, then barcode lookups and word searches timed through the desk's catalogue service.

    .venv/bin/python bench/catalogue_desk_probe.py [--products 100000] [--queries 300] [--seed 7]

Products have an English and a Russian name (3-4 words of generated vocabularies, 6,000
Latin and 4,000 Cyrillic words), a 12-word description, a category of a 20 x 10 tree and an
EAN-13. Queries: scanned barcodes (``by_code``), exact SKUs, a whole name word, a word's
start, a word with one typo, a Latin name word typed in Cyrillic, two words, and a word
within a top category. Peer in the same run: ``LIKE '%word%'`` over the names (what a
search without an index does). Prints one JSON object as its last line (latencies in ms).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.catalogue import CategoryPublic
from frontdesk.services.catalogue.desk import DeskCatalogue

LATIN = ["ka", "ro", "mi", "tel", "dra", "ven", "sto", "lin", "bar", "qu", "zen", "po",
         "fle", "gri", "shan", "tor", "vel", "ham", "mer", "cra"]  # fmt: skip
CYRILLIC = ["ка", "ро", "ми", "тел", "дра", "вен", "сто", "лин", "бар", "шу", "зен", "по",
            "фле", "гри", "шан", "тор", "вел", "жи", "ныр", "чу"]  # fmt: skip
TO_CYRILLIC = dict(zip(LATIN, ["ка", "ро", "ми", "тел", "дра", "вен", "сто", "лин", "бар",
                               "ку", "зен", "по", "фле", "гри", "шан", "тор", "вел", "хам",
                               "мер", "кра"], strict=True))  # fmt: skip
PAGE = 5_000


def vocabulary(rng: random.Random, syllables: list[str], size: int) -> list[list[str]]:
    words: dict[str, list[str]] = {}
    while len(words) < size:
        parts = rng.choices(syllables, k=rng.randint(2, 4))
        words.setdefault("".join(parts), parts)
    return list(words.values())


def ean(number: int) -> str:
    payload = f"46{number:010d}"
    return payload + str(check_digit(payload))


def products(n: int, rng: random.Random) -> tuple[list[ProductPublic], list[list[list[str]]]]:
    latin, cyrillic = vocabulary(rng, LATIN, 6_000), vocabulary(rng, CYRILLIC, 4_000)
    rows, names = [], []
    for i in range(n):
        en = rng.sample(latin, rng.randint(3, 4))
        ru = rng.sample(cyrillic, 3)
        body = " ".join("".join(w) for w in rng.sample(latin, 12))
        names.append(en)
        rows.append(ProductPublic(
            sku=f"SKU-{i:06d}", name=" ".join("".join(w) for w in en).title(), category="x",
            unit_price="9.99", currency="GBP",
            names={"en": " ".join("".join(w) for w in en).title(),
                   "ru": " ".join("".join(w) for w in ru).capitalize()},
            descriptions={"en": body}, category_code=f"c{i % 20}.s{i % 200 // 20}",
            barcodes=[ean(i)], seq=i + 1000,
        ))  # fmt: skip
    return rows, names


def categories() -> list[CategoryPublic]:
    rows = [CategoryPublic(code=f"c{t}", parent=None, names={"en": f"Top {t}"}, seq=t + 1)
            for t in range(20)]  # fmt: skip
    rows += [CategoryPublic(code=f"c{t}.s{s}", parent=f"c{t}", names={"en": f"Sub {s}"},
                            seq=100 + t * 10 + s)
             for t in range(20) for s in range(10)]  # fmt: skip
    return rows


def fill(uow: SqlAlchemyUnitOfWork, rows: list[ProductPublic]) -> dict[str, float]:
    started = time.perf_counter()
    for start in range(0, len(rows), PAGE):
        page = PullPage(cursor=start + PAGE, has_more=True, products=rows[start : start + PAGE],
                        categories=categories() if start == 0 else [])  # fmt: skip
        with uow:
            uow.replica.apply(page, index=False)
            uow.commit()
    applied = time.perf_counter()
    with uow:
        uow.replica.rebuild_index()
        uow.commit()
    done = time.perf_counter()
    return {"apply_s": applied - started, "index_build_s": done - applied}


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + "x" + word[i:]


def queries(names: list[list[list[str]]], n: int, rng: random.Random) -> dict[str, list[Any]]:
    """Queries by kind; ``picked`` is the index of the product each was taken from."""
    chosen = [rng.randrange(len(names)) for _ in range(n)]
    picked = [names[i] for i in chosen]
    word = ["".join(rng.choice(name)) for name in picked]
    return {
        "whole_word": word,
        "word_start": [w[: max(3, len(w) - 2)] for w in word],
        "one_typo": [typo(w, rng) if len(w) >= 5 else w for w in word],
        "latin_in_cyrillic": ["".join(TO_CYRILLIC[s] for s in rng.choice(n_)) for n_ in picked],
        "two_words": [" ".join("".join(w) for w in rng.sample(n_, 2)) for n_ in picked],
        "word_in_category": [(w, f"c{rng.randrange(20)}") for w in word],
        "picked": chosen,
    }


def timed(calls: list[Callable[[], object]]) -> dict[str, float]:
    ms = []
    for call in calls:
        started = time.perf_counter()
        call()
        ms.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, names = products(args.products, rng)
    with tempfile.TemporaryDirectory() as folder:
        database = open_cache(Path(folder) / "cache.sqlite3")
        try:
            figures = {
                "products": args.products,
                **fill(SqlAlchemyUnitOfWork(database.writer), rows),
            }
            port = SqlAlchemyCatalogue(database.reader)
            desk = DeskCatalogue(port)
            asked = queries(names, args.queries, rng)
            picked = asked.pop("picked")
            codes = [ean(rng.randrange(args.products)) for _ in range(args.queries)]
            skus = [f"SKU-{rng.randrange(args.products):06d}" for _ in range(args.queries)]
            results = {
                "barcode_by_code": timed([lambda c=c: port.by_code(c) for c in codes]),
                "sku_by_code": timed([lambda c=c: port.by_code(c) for c in skus]),
                "barcode_search": timed([lambda c=c: desk.search(c, limit=50) for c in codes]),
            }
            for kind, texts in asked.items():
                if kind == "word_in_category":
                    calls = [
                        lambda t=t, c=c: desk.search(t, category=c, limit=50) for t, c in texts
                    ]
                else:
                    calls = [lambda t=t: desk.search(t, limit=50) for t in texts]
                results[kind] = timed(calls)
            results["all_words_p95_ms"] = max(v["p95_ms"] for k, v in results.items() if k in asked)
            # The product a typo was made from, among the first 50 (a list's first screen).
            found = sum(f"SKU-{i:06d}" in port.search(t, category=None, limit=50)
                        for t, i in zip(asked["one_typo"], picked, strict=True))  # fmt: skip
            results["one_typo_found_share"] = found / len(picked)
            peer = database.reader()
            like = "SELECT sku FROM products WHERE name LIKE ? LIMIT 50"
            results["peer_like_scan"] = timed([
                lambda w=w: peer.connection().exec_driver_sql(like, (f"%{w}%",)).all()
                for w in asked["whole_word"][:50]])  # fmt: skip
            peer.close()
            figures["results"] = results
            figures["cache_bytes"] = (Path(folder) / "cache.sqlite3").stat().st_size
        finally:
            database.dispose()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
