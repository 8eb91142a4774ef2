"""The knowledge base in a real desk cache: pulled articles indexed, searched offline in both
languages (stems, typos, prefixes, translations, snippets), changed and archived articles,
suggestions, and feedback through the outbox."""

from __future__ import annotations

import pytest
from kb_pages import HOLD_EN, HOLD_RU, KERNEL_EN, MIRROR_RU, PDF, article, first_page, kb_page

from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge
from frontdesk.services.knowledge import writes
from frontdesk.services.knowledge.desk import DeskKnowledge, UnknownArticle
from frontdesk.services.writes import InvalidWrite


@pytest.fixture
def kb(cache_db, apply) -> DeskKnowledge:
    apply(first_page())
    return DeskKnowledge(SqlAlchemyKnowledge(cache_db.reader), language="en")


def sources(hits) -> list[str]:
    return [h.source for h in hits]


def test_other_forms_of_the_words_find_the_article(kb) -> None:
    assert sources(kb.search("holding packages"))[0] == "faq/en/hold"
    assert sources(kb.search("removing kernels"))[0] == "faq/en/kernel"


def test_a_russian_question_finds_the_article_shown_in_the_desks_language(kb) -> None:
    hit = kb.search("зафиксировать пакеты")[0]
    assert hit.source == "faq/en/hold" and hit.lang == "en"
    assert (hit.translation_id, hit.translation_lang) == (HOLD_RU.id, "ru")
    russian = DeskKnowledge(kb._kb, language="ru").search("hold a package")[0]
    assert russian.source == "faq/ru/hold" and russian.translation_id == HOLD_EN.id


def test_an_article_and_its_translation_are_one_answer(kb) -> None:
    hits = kb.search("apt-mark hold")
    assert [h.group for h in hits].count(hits[0].group) == 1


def test_typos_and_word_beginnings_still_find(kb) -> None:
    assert sources(kb.search("pakage on hlod"))[0] == "faq/en/hold"
    assert sources(kb.search("kern"))[0] == "faq/en/kernel"
    assert sources(kb.search("зеркла", lang="ru"))[0] == "faq/ru/mirror"


def test_the_title_counts_above_the_body(kb, apply) -> None:
    apply(kb_page(article("faq/en/body", "en", "Something else",
                          "a kernel kernel note about a kernel", seq=20)))  # fmt: skip
    assert sources(kb.search("kernel"))[0] == "faq/en/kernel"


def test_document_text_finds_its_article(kb) -> None:
    assert sources(kb.search("pinning preferences"))[0] == "faq/en/hold"


def test_snippets_mark_the_matched_words(kb) -> None:
    hit = kb.search("upgrading")[0]
    marked = [hit.snippet[s:e] for s, e in hit.spans]
    assert marked == ["upgraded"]
    assert "**" not in hit.snippet and "`" not in hit.snippet
    assert [hit.title[s:e] for s, e in kb.search("packages")[0].title_spans] == ["package"]


def test_nothing_for_no_words_and_no_match(kb) -> None:
    assert kb.search("   ") == [] and kb.search("?!") == []
    assert kb.search("zzzzqqq") == []


def test_a_changed_article_is_indexed_again_alone(kb, apply) -> None:
    changed = HOLD_EN.model_copy(update={"title": "Freezing a version", "body_md": "pin it",
                                         "version": 2, "seq": 30})  # fmt: skip
    apply(kb_page(changed))
    assert sources(kb.search("freezing"))[0] == "faq/en/hold"
    assert "faq/en/hold" not in sources(kb.search("unhold"))
    assert sources(kb.search("kernel"))[0] == "faq/en/kernel"
    stale = HOLD_EN.model_copy(update={"title": "Old", "seq": 25})
    apply(kb_page(stale))  # an older page never goes back
    assert kb.article(HOLD_EN.id).title == "Freezing a version"


def test_archived_and_departed_articles_leave(kb, apply) -> None:
    apply(kb_page(KERNEL_EN.model_copy(update={"status": "archived", "seq": 40}),
                  left=(MIRROR_RU.id,)))  # fmt: skip
    assert kb.search("kernel") == [] and kb.search("зеркало") == []
    with pytest.raises(UnknownArticle):
        kb.article(KERNEL_EN.id)
    assert kb.for_products(["SKU-2"]) == []


def test_an_article_with_its_translation_and_documents(kb) -> None:
    found = kb.article(HOLD_EN.id)
    assert found.translations == ((HOLD_RU.id, "ru"),)
    (document,) = found.documents
    assert (document.sha256, document.pages, document.offline) == (PDF, 2, False)
    assert kb.translation(HOLD_EN.id).title == HOLD_RU.title


def test_suggestions_for_a_basket_and_a_case(kb) -> None:
    assert sources(kb.for_products(["SKU-1", "SKU-2"])) == ["faq/en/kernel", "faq/en/hold"]
    suggested = kb.for_case(category="software", subject="remove old kernel")
    assert sources(suggested) == ["faq/en/hold", "faq/en/kernel"]


def test_feedback_and_a_draft_go_through_the_outbox(uow) -> None:
    entry = writes.record_feedback(uow, article_id=HOLD_EN.id, version=1, verdict="helpful",
                                   query="hold", context="search")  # fmt: skip
    draft = writes.submit_draft(uow, article_id=HOLD_EN.id, base_version=1, title="Hold",
                                body_md="fixed", role="supervisor")  # fmt: skip
    with uow:
        kinds = [e.kind for e in uow.outbox.pending(limit=10)]
    assert kinds == ["kb.feedback", "kb.draft"]
    assert entry.payload["verdict"] == "helpful" and draft.payload["body_md"] == "fixed"


def test_bad_feedback_and_drafts_write_nothing(uow) -> None:
    with pytest.raises(InvalidWrite, match="case_id"):
        writes.record_feedback(uow, article_id=HOLD_EN.id, version=1, verdict="used_in_case")
    with pytest.raises(InvalidWrite, match="verdict"):
        writes.record_feedback(uow, article_id=HOLD_EN.id, version=1, verdict="great")
    with pytest.raises(InvalidWrite, match="supervisor"):
        writes.submit_draft(uow, article_id=HOLD_EN.id, base_version=1, title="x",
                            body_md="y", role="agent")  # fmt: skip
    with uow:
        assert uow.outbox.pending(limit=10) == []


def test_a_question_finds_the_title_that_asks_it_the_same_way(kb, apply) -> None:
    # "what is" asks for a definition, "how do I" for a procedure: stop words count in
    # titles, where the articles' questions are, though a body says "package" more often.
    apply(kb_page(
        article("faq/en/what", "en", "What is a package?", "An archive of files.", seq=40),
        article("faq/en/how", "en", "How do I build a package?",
                "Build the package, then sign the package and upload the package.", seq=41),
    ))  # fmt: skip
    assert sources(kb.search("what is a package"))[0] == "faq/en/what"
    assert sources(kb.search("how do i build a package"))[0] == "faq/en/how"


def test_a_contraction_typed_without_its_apostrophe_is_a_stop_word(kb) -> None:
    assert sources(kb.search("whats holding packages")) == sources(kb.search("holding packages"))
