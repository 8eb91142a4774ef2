"""``frontdesk kb search|show`` on a real desk cache, as a script runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from kb_pages import HOLD_EN, HOLD_RU, first_page

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.config import CACHE_FILE


def run(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err)  # fmt: skip
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    database = open_cache(tmp_path / CACHE_FILE)
    uow = SqlAlchemyUnitOfWork(database.writer)
    try:
        with uow:
            uow.replica.apply(first_page())
            uow.commit()
    finally:
        database.dispose()
    return tmp_path


def test_search_prints_title_language_source_and_score(desk: Path) -> None:
    code, out, _ = run(desk, "kb", "search", "пакет на hold", "--json", "--language", "ru")
    first = json.loads(out.splitlines()[0])
    assert code == 0
    assert (first["title"], first["language"], first["source"]) == (
        HOLD_RU.title,
        "ru",
        "faq/ru/hold",
    )
    assert first["score"] > 0 and first["translation"] == {"id": HOLD_EN.id, "language": "en"}


def test_one_query_per_stdin_line(desk: Path) -> None:
    code, out, _ = run(desk, "kb", "search", "-", "--json", stdin="old kernel\nzzzqqq\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [a["query"] for a in answers] == ["old kernel", "zzzqqq"]
    assert answers[0]["results"][0]["source"] == "faq/en/kernel" and answers[1]["results"] == []


def test_no_answer_exits_1_and_show_prints_the_article(desk: Path) -> None:
    code, _, err = run(desk, "kb", "search", "zzzqqq")
    assert code == 1 and "no article" in err
    code, out, _ = run(desk, "kb", "show", HOLD_EN.id, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["translations"] == [{"id": HOLD_RU.id, "language": "ru"}]
    assert shown["documents"][0]["offline"] is False
    code, _, err = run(desk, "kb", "show", "nope")
    assert code == 1 and "no article" in err
