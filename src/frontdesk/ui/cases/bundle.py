"""What the case view shows of one case, read from the cache in one background operation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.cases.ports import (
    Attachment,
    CaseCategory,
    CaseConflict,
    CaseEvent,
    CaseRecord,
    Team,
)


@dataclass(frozen=True, slots=True)
class CaseBundle:
    case: CaseRecord
    history: list[CaseEvent]
    conflicts: list[CaseConflict]
    teams: list[Team]
    categories: list[CaseCategory]
    customer_name: str
    now: datetime
    #: The number of each linked purchase the desk holds, by id: what the agent can read out.
    purchase_numbers: dict[str, str]
    attachments: list[Attachment] = field(default_factory=list)
    #: The largest file the desk attaches (the server's limit as last learnt); 0: unknown.
    attachment_limit: int = 0

    def team_names(self) -> dict[str, str]:
        return {team.code: team.name for team in self.teams}

    def category_name(self, language: str) -> str:
        for category in self.categories:
            if category.code == self.case.category:
                return category.name(language)
        return self.case.category


def load_bundle(cases: DeskCases, case_id: str, now: datetime) -> CaseBundle | None:
    case = cases.case(case_id)
    if case is None:
        return None
    names = {row.id: row.customer_name for row in cases.of_customer(case.customer_id)}
    return CaseBundle(
        case=case,
        history=cases.history(case_id),
        conflicts=cases.conflicts(case_id),
        teams=cases.teams(),
        categories=cases.categories(),
        customer_name=names.get(case_id, case.customer_id),
        now=now,
        purchase_numbers=cases.purchase_numbers(
            [link["ref"] for link in case.links if link.get("kind") == "purchase"]
        ),
        attachments=cases.attachments(case_id),
        attachment_limit=cases.attachment_limit(),
    )
