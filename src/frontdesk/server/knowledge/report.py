"""Which articles serve and which fail: desks' feedback counted per article and language.

``GET /api/v1/kb/report`` and ``frontdesk-server kb report --json|--csv``.
"""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.protocol.knowledge import KbReport, KbReportRow
from frontdesk.server.knowledge.models import KbArticle, KbFeedback

VERDICTS = ("shown", "helpful", "not_helpful", "used_in_case")


def feedback_report(session: Session) -> KbReport:
    """Every article with feedback: the most used in cases first, then the most helpful."""
    counts = [func.count().filter(KbFeedback.verdict == v).label(v) for v in VERDICTS]
    query = (
        select(KbFeedback.article_id, KbFeedback.lang, KbArticle.title, KbArticle.source, *counts)
        .join(KbArticle, KbArticle.id == KbFeedback.article_id)
        .group_by(KbFeedback.article_id, KbFeedback.lang, KbArticle.title, KbArticle.source)
    )
    rows = [KbReportRow(**row._asdict()) for row in session.execute(query)]
    rows.sort(key=lambda r: (-r.used_in_case, -r.helpful, r.not_helpful, r.source, r.lang))
    return KbReport(rows=rows)


def as_json(report: KbReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False)


def as_csv(report: KbReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KbReportRow.model_fields)
    for row in report.rows:
        writer.writerow(_safe(value) for value in row.model_dump().values())
    return out.getvalue()


def _safe(value: object) -> object:
    # A title from a CMS must not become a formula in the spreadsheet that opens the file.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def summary(report: KbReport) -> str:
    lines = [f"{len(report.rows)} articles with feedback"]
    for row in report.rows:
        lines.append(f"{row.lang} {row.source}: shown {row.shown}, helpful {row.helpful}, "
                     f"not helpful {row.not_helpful}, used in case {row.used_in_case}")  # fmt: skip
    return "\n".join(lines)
