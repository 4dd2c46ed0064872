"""Closing a case with its outcome, and the victim's satisfaction survey.

- ``case_close``: the lead organisation records the outcome; the case is closed with its
  retention review date from the classification in force, an ``OUTCOME`` timeline entry
  (details ``{"outcome": CaseOutcome, "from": CaseStatus, "survey_invited": bool}``), the
  ``CASE_CLOSED`` audit row, and every report in the case shown to its reporter as
  "closed". Where the primary report's consent allows contact, the victim is invited to a
  short survey (a ``SatisfactionResponse`` row with ``invited_at``), answered with their
  follow-up code.
- ``satisfaction_answer``: the reporter's answers, once (``SATISFACTION_ANSWERED``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.models import (
    Case,
    CaseOutcome,
    CaseReport,
    CaseStatus,
    EventKind,
    SatisfactionResponse,
)
from awaz.cases.services.case import case_lock_for_edit
from awaz.cases.services.classification import retention_review_date
from awaz.cases.services.status import case_reports_follow
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.reporting.models import ConsentPurpose, RecipientKind, Report
from awaz.reporting.selectors import consent_allows
from awaz.reporting.services.triage import staff_actor

NOT_CLASSIFIED = _(
    "Classify the case before you close it: its retention review date comes from the "
    "classification."
)
CHOOSE_OUTCOME = _("Choose the outcome.")
ALREADY_ANSWERED = _("You have already answered these questions. Thank you.")
SCORE_RANGE = _("Choose an answer from 1 to 5.")


@transaction.atomic(durable=True)
def case_close(
    *, case: Case, outcome: CaseOutcome, actor: Any, at: datetime.datetime | None = None
) -> Case:
    """Close the case with its outcome (the lead organisation's caseworkers only).
    ``at`` (default now) is for demo data and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    try:
        outcome = CaseOutcome(outcome)
    except ValueError:
        raise ApplicationError(CHOOSE_OUTCOME, extra={"field": "outcome"}) from None
    if case.classification is None:
        raise ApplicationError(NOT_CLASSIFIED, extra={"field": "outcome"})
    now = at or timezone.now()
    previous = case.status
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.closed_at = now
    case.retention_review_on = retention_review_date(case.classification, timezone.localdate(now))
    case.modified_by = actor
    case.save(
        update_fields=[
            "status",
            "outcome",
            "closed_at",
            "retention_review_on",
            "modified_at",
            "modified_by",
        ]
    )
    case_reports_follow(case=case, actor=actor, at=now)
    links = list(CaseReport.objects.filter(case=case).select_related("report").order_by("id"))
    by = staff_actor(actor)
    primary = next((link.report for link in links if link.is_primary), None)
    invited = primary is not None and consent_allows(
        report=primary,
        purpose=ConsentPurpose.CONTACT,
        recipient=RecipientKind.RECEIVING_ORGANISATION,
    )
    if invited:
        SatisfactionResponse.objects.get_or_create(case=case, defaults={"invited_at": now})
    case_event_record(
        case=case,
        kind=EventKind.OUTCOME,
        user=actor,
        occurred_at=now,
        details={"outcome": str(outcome), "from": previous, "survey_invited": invited},
    )
    audit_record(
        event_type=AuditEventType.CASE_CLOSED,
        actor=by,
        target_type="cases.case",
        target_id=case.pk,
        details={
            "outcome": str(outcome),
            "from": previous,
            "retention_review_on": case.retention_review_on.isoformat(),
            "reports": [link.report_id for link in links],
            "survey_invited": invited,
        },
    )
    return case


def satisfaction_for_report(*, report: Report) -> SatisfactionResponse | None:
    """The survey offered to this report's reporter (its case's primary report), if any."""
    link = CaseReport.objects.filter(report=report, is_primary=True).only("case").first()
    if link is None:
        return None
    return SatisfactionResponse.objects.filter(case_id=link.case_id).first()


def _score(value: Any, field: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(SCORE_RANGE, extra={"field": field}) from None
    if not 1 <= score <= 5:
        raise ApplicationError(SCORE_RANGE, extra={"field": field})
    return score


@transaction.atomic(durable=True)
def satisfaction_answer(
    *,
    report: Report,
    overall: int,
    felt_listened_to: int,
    would_report_again: bool,
    at: datetime.datetime | None = None,
) -> SatisfactionResponse:
    """Record the reporter's answers (proved by their follow-up code), once.
    ``at`` (default now) is for demo data and imports only."""
    offered = satisfaction_for_report(report=report)
    if offered is None:
        raise NotFound()
    response = SatisfactionResponse.objects.select_for_update().get(pk=offered.pk)
    if response.answered_at is not None:
        raise ConflictError(ALREADY_ANSWERED)
    response.overall = _score(overall, "overall")
    response.felt_listened_to = _score(felt_listened_to, "felt_listened_to")
    response.would_report_again = bool(would_report_again)
    response.answered_at = at or timezone.now()
    response.save(
        update_fields=["overall", "felt_listened_to", "would_report_again", "answered_at"]
    )
    case_audit(
        event_type=AuditEventType.SATISFACTION_ANSWERED,
        case_id=response.case_id,
        details={"via": "followup_code", "report_id": report.pk},
    )
    return response
