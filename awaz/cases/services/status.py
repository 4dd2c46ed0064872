"""A case's status, and the plain-words status its reporters see following it.

The reporter reads ``Report.status`` with their follow-up code (and staff see it in the
triage inbox). Once a report is in a case, that status is derived from the case's state
(``REPORTER_STATUS``) and moves with it: every service that changes a case's status does so
through ``case_status_set`` (or, on closing, ``case_reports_follow``), so a report never says
"being looked at" while its case is in active support.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from awaz.audit.events import AuditEventType
from awaz.cases.models import Case, CaseReport, CaseStatus, EventKind
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.reporting.models import ReportStatus
from awaz.reporting.services.triage import report_status_change, staff_actor

# What a reporter is told, in plain words, while their report is in a case in each state.
REPORTER_STATUS: dict[str, ReportStatus] = {
    CaseStatus.OPEN: ReportStatus.IN_REVIEW,
    CaseStatus.AWAITING_CONSENT: ReportStatus.IN_REVIEW,
    CaseStatus.REFERRED: ReportStatus.PASSED_TO_SUPPORT,
    CaseStatus.ACTIVE_SUPPORT: ReportStatus.IN_SUPPORT,
    CaseStatus.CLOSED: ReportStatus.CLOSED,
}


def reporter_status_for(status: str) -> ReportStatus:
    """The reporter's status for a case status (every ``CaseStatus`` has one)."""
    return REPORTER_STATUS[CaseStatus(status)]


@transaction.atomic
def case_reports_follow(*, case: Case, actor: Any, at: datetime.datetime | None = None) -> None:
    """Show every report in ``case`` to its reporter as the case now stands (a timeline
    entry and an audit row for each report that changes)."""
    status = reporter_status_for(case.status)
    by = staff_actor(actor)
    links = CaseReport.objects.filter(case=case).select_related("report").order_by("id")
    for link in links:
        report_status_change(report=link.report, status=status, actor=by, user=actor, at=at)


@transaction.atomic
def case_status_set(
    *, case: Case, status: CaseStatus, actor: Any, at: datetime.datetime | None = None
) -> bool:
    """Move a locked ``case`` to ``status`` with a timeline entry and an audit row, and its
    reports with it; nothing if it is there already or closed. Whether it moved."""
    previous = case.status
    if previous in (status, CaseStatus.CLOSED):
        return False
    case.status = status
    case.modified_by = actor
    case.save(update_fields=["status", "modified_at", "modified_by"])
    case_event_record(
        case=case,
        kind=EventKind.STATUS_CHANGED,
        user=actor,
        details={"from": previous, "to": str(status)},
        occurred_at=at,
    )
    case_audit(
        event_type=AuditEventType.CASE_STATUS_CHANGED,
        case_id=case.pk,
        user=actor,
        details={"from": previous, "to": str(status)},
    )
    case_reports_follow(case=case, actor=actor, at=at)
    return True
