"""Finding people and reports: by reference (report or case), name, phone or e-mail.

Names, phones and e-mails are matched exactly through the keyed blind indexes on
``reporting.Report`` (the typed value is normalised and hashed the way submission hashed
it): nothing is decrypted in bulk. A search reaches only what the user may see
(``selectors.reports_searchable_by``). Each search writes ``PEOPLE_SEARCHED`` with the kind
of search and the number found, never the value searched for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import cases_visible_to, require
from awaz.cases.models import CaseReport
from awaz.cases.selectors import reports_searchable_by
from awaz.core.crypto import blind_index, normalise_email, normalise_name, normalise_phone
from awaz.reporting.access import reports_visible_to
from awaz.reporting.codes import normalise, normalise_reference
from awaz.reporting.services.triage import staff_actor

MAX_RESULTS = 50


class SearchKind(models.TextChoices):
    REFERENCE = "reference", _("Reference (report or case)")
    NAME = "name", _("Name")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")


@dataclass(frozen=True)
class SearchResult:
    report_id: int
    report_reference: str
    received: datetime.datetime
    case_id: int | None
    case_reference: str
    case_visible: bool
    report_visible: bool


def _case_reference(typed: str) -> str:
    raw = normalise(typed)
    if raw.startswith("CS"):
        raw = raw[2:]
    return f"CS-{raw[:4]}-{raw[4:]}" if len(raw) == 8 else typed.strip().upper()


def _index_for(kind: SearchKind, value: str) -> tuple[str, str]:
    """(index column, blind index) for a personal-data search."""
    if kind == SearchKind.EMAIL:
        return "email_index", blind_index("email", normalise_email(value))
    if kind == SearchKind.PHONE:
        return "phone_index", blind_index("phone", normalise_phone(value))
    return "name_index", blind_index("name", normalise_name(value))


@transaction.atomic(durable=True)
def people_search(*, user: Any, kind: SearchKind, value: str) -> list[SearchResult]:
    """Reports (with their case) matching exactly, newest first, within what ``user`` may
    see. An empty normalised value matches nothing."""
    require(user, "case.view")
    kind = SearchKind(kind)
    personal = kind != SearchKind.REFERENCE
    reports = reports_searchable_by(user=user, personal=personal)
    if kind == SearchKind.REFERENCE:
        typed = normalise(value)
        if typed.startswith("CS"):
            case_ids = cases_visible_to(user).filter(reference=_case_reference(value)).values("pk")
            in_case = CaseReport.objects.filter(case_id__in=case_ids).values("report_id")
            reports = reports.filter(pk__in=in_case)
        else:
            reports = reports.filter(reference=normalise_reference(value))
    else:
        column, index = _index_for(kind, value)
        reports = reports.filter(**{column: index}) if index else reports.none()
    rows = list(
        reports.order_by("-submitted_at", "-id").values(
            "pk", "reference", "submitted_at", "case_link__case_id", "case_link__case__reference"
        )[:MAX_RESULTS]
    )
    visible_case_ids = set(
        cases_visible_to(user)
        .filter(pk__in=[row["case_link__case_id"] for row in rows if row["case_link__case_id"]])
        .values_list("pk", flat=True)
    )
    visible_report_ids = set(
        reports_visible_to(user)
        .filter(pk__in=[row["pk"] for row in rows])
        .values_list("pk", flat=True)
    )
    results = [
        SearchResult(
            report_id=row["pk"],
            report_reference=row["reference"],
            received=row["submitted_at"],
            case_id=row["case_link__case_id"],
            case_reference=row["case_link__case__reference"] or "",
            case_visible=row["case_link__case_id"] in visible_case_ids,
            report_visible=row["pk"] in visible_report_ids,
        )
        for row in rows
    ]
    audit_record(
        event_type=AuditEventType.PEOPLE_SEARCHED,
        actor=staff_actor(user),
        target_type="reporting.report",
        details={"kind": str(kind), "results": len(results)},
    )
    return results
