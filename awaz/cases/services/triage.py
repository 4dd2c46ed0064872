"""Triage: a caseworker claims a report, then makes it a new case, links it to a case, or
closes it with a reason. Bulk actions assign several reports to a colleague or close them
as duplicates.

Every decision locks the report's row (``select_for_update``) before reading its triage
record, so two caseworkers never both claim or decide the same report: the second gets a
``ConflictError`` naming who has it and since when. A claim is implied by a decision (an
unclaimed report is claimed by whoever decides it).

Access: the report through ``reporting.access`` (its receiving organisation), the action
through ``cases.access`` (``case.triage``), the case for a link through
``selectors.cases_led_by_user_org``. The reporter sees the report's status change through
reporting's own service (``report_status_change``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.cases.access import require
from awaz.cases.codes import new_case_reference
from awaz.cases.models import (
    Case,
    CaseReport,
    CaseStatus,
    CloseReason,
    EventKind,
    TriageDecision,
    TriageRecord,
)
from awaz.cases.selectors import case_link_options, colleagues_for
from awaz.cases.services.status import reporter_status_for
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.partners.selectors import membership_for_user
from awaz.reporting.access import access_report_by_id
from awaz.reporting.models import Report, ReportStatus
from awaz.reporting.services.triage import report_review_begin, report_status_change, staff_actor

ALREADY_TRIAGED = gettext_lazy("This report has already been triaged.")
NOT_A_COLLEAGUE = gettext_lazy("Choose a caseworker in your organisation.")
CASE_NOT_AVAILABLE = gettext_lazy("Choose an open case your organisation leads.")


def _claimed_message(record: TriageRecord) -> str:
    name = record.claimed_by.full_name if record.claimed_by is not None else _("Someone")
    claimed_at = timezone.localtime(record.claimed_at) if record.claimed_at else None
    return _("%(name)s is triaging this report since %(time)s.") % {
        "name": name,
        "time": claimed_at.strftime("%H:%M") if claimed_at else "",
    }


def _lock(*, report_id: int, user: Any) -> tuple[Report, TriageRecord]:
    """The report (authorised, row locked) and its triage record (created if new)."""
    report = access_report_by_id(user, report_id)
    report = Report.objects.select_for_update().get(pk=report.pk)
    record, _created = TriageRecord.objects.select_for_update().get_or_create(report=report)
    return report, record


def _check_free(record: TriageRecord, *, for_user: Any) -> None:
    """Refuse a report already decided, or claimed by someone other than ``for_user``."""
    if record.decision:
        raise ConflictError(ALREADY_TRIAGED, extra={"report_ids": [record.report_id]})
    if record.claimed_by_id is not None and record.claimed_by_id != for_user.pk:
        raise ConflictError(
            _claimed_message(record),
            extra={"report_ids": [record.report_id], "claimed_by": record.claimed_by_id},
        )


def _claim(
    *,
    report: Report,
    record: TriageRecord,
    for_user: Any,
    actor: Actor,
    audit: bool = True,
    at: datetime.datetime | None = None,
) -> TriageRecord:
    _check_free(record, for_user=for_user)
    if record.claimed_by_id == for_user.pk:
        return record
    record.claimed_by = for_user
    record.claimed_at = at or timezone.now()
    record.save(update_fields=["claimed_by", "claimed_at"])
    if audit:
        audit_record(
            event_type=AuditEventType.REPORT_CLAIMED,
            actor=actor,
            target_type="reporting.report",
            target_id=report.pk,
            details={"claimed_for": for_user.pk},
        )
        # Taking a report to triage it is starting on it: the reporter sees "being looked
        # at". (A claim implied by a decision leaves the status to the decision.)
        report_review_begin(report=report, user=actor.user, actor=actor, at=at)
    return record


def _decide(
    *,
    report: Report,
    record: TriageRecord,
    decision: TriageDecision,
    user: Any,
    actor: Actor,
    case: Case | None = None,
    close_reason: str = "",
    at: datetime.datetime | None = None,
) -> TriageRecord:
    now = at or timezone.now()
    record.decision = decision
    record.case = case
    record.close_reason = close_reason
    record.decided_by = user
    record.decided_at = now
    record.save(update_fields=["decision", "case", "close_reason", "decided_by", "decided_at"])
    details: dict[str, Any] = {"decision": str(decision)}
    if case is not None:
        details["case_id"] = case.pk
    if close_reason:
        details["reason"] = close_reason
    audit_record(
        event_type=AuditEventType.REPORT_TRIAGED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details=details,
    )
    # The reporter sees the case's state from now on: "being looked at" in a new case, what
    # the case has reached in a case it joins, "closed" without a case. A report already
    # passed to support (history brought in with it) is not moved back.
    status = ReportStatus.CLOSED if case is None else reporter_status_for(case.status)
    if not (status == ReportStatus.IN_REVIEW and report.status == ReportStatus.PASSED_TO_SUPPORT):
        report_status_change(report=report, status=status, actor=actor, user=user, at=at)
    return record


@transaction.atomic(durable=True)
def triage_claim(*, report_id: int, actor: Any) -> TriageRecord:
    """Take a report to triage it. ``ConflictError`` names whoever has it already."""
    require(actor, "case.triage")
    report, record = _lock(report_id=report_id, user=actor)
    return _claim(report=report, record=record, for_user=actor, actor=staff_actor(actor))


@transaction.atomic(durable=True)
def triage_release(*, report_id: int, actor: Any) -> TriageRecord:
    """Give back a report one has claimed and not decided (so a colleague can take it)."""
    require(actor, "case.triage")
    report, record = _lock(report_id=report_id, user=actor)
    _check_free(record, for_user=actor)
    if record.claimed_by_id is None:
        return record
    record.claimed_by = None
    record.claimed_at = None
    record.save(update_fields=["claimed_by", "claimed_at"])
    audit_record(
        event_type=AuditEventType.REPORT_CLAIMED,
        actor=staff_actor(actor),
        target_type="reporting.report",
        target_id=report.pk,
        details={"released": True},
    )
    return record


def _new_reference() -> str:
    for _attempt in range(10):
        reference = new_case_reference()
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise ApplicationError()  # pragma: no cover - 32^8 references


def _attach(
    *,
    report: Any,
    record: TriageRecord,
    case: Case,
    primary: bool,
    actor: Any,
    at: datetime.datetime,
) -> None:
    """Put a claimed report into ``case`` (as its first report, or linked to it): the link,
    the audit event, the timeline entry and the triage decision, all at ``at``."""
    CaseReport.objects.create(case=case, report=report, is_primary=primary, linked_at=at)
    case_audit(
        event_type=AuditEventType.CASE_CREATED if primary else AuditEventType.CASE_REPORT_LINKED,
        case_id=case.pk,
        user=actor,
        details={"report_id": report.pk},
    )
    case_event_record(
        case=case,
        kind=EventKind.REPORT_LINKED,
        user=actor,
        details={"report_id": report.pk, "reference": report.reference, "primary": primary},
        occurred_at=at,
    )
    _decide(
        report=report,
        record=record,
        decision=TriageDecision.NEW_CASE if primary else TriageDecision.LINKED,
        user=actor,
        actor=staff_actor(actor),
        case=case,
        at=at,
    )


@transaction.atomic(durable=True)
def triage_make_case(*, report_id: int, actor: Any, at: datetime.datetime | None = None) -> Case:
    """Make a report into a new case led by the actor's organisation and owned by them.
    ``at`` (when; default now) is for demo data and imports only."""
    require(actor, "case.triage")
    report, record = _lock(report_id=report_id, user=actor)
    audit_actor = staff_actor(actor)
    _claim(report=report, record=record, for_user=actor, actor=audit_actor, audit=False, at=at)
    membership = membership_for_user(actor)
    assert membership is not None  # nosec: require() passed
    now = at or timezone.now()
    case = Case.objects.create(
        reference=_new_reference(),
        lead_organisation_id=membership.organisation_id,
        owner=actor,
        status=CaseStatus.OPEN,
        opened_at=now,
        created_by=actor,
        modified_by=actor,
    )
    _attach(report=report, record=record, case=case, primary=True, actor=actor, at=now)
    return case


@transaction.atomic(durable=True)
def triage_link_case(
    *, report_id: int, case_id: int, actor: Any, at: datetime.datetime | None = None
) -> Case:
    """Add a report to an open case the actor's organisation leads (same victim, an ongoing
    campaign of harassment). ``at`` (when; default now) is for demo data and imports only."""
    require(actor, "case.triage")
    report, record = _lock(report_id=report_id, user=actor)
    audit_actor = staff_actor(actor)
    _claim(report=report, record=record, for_user=actor, actor=audit_actor, audit=False, at=at)
    case = case_link_options(user=actor).filter(pk=case_id).first()
    if case is None:
        raise NotFound(CASE_NOT_AVAILABLE, extra={"field": "case"})
    now = at or timezone.now()
    _attach(report=report, record=record, case=case, primary=False, actor=actor, at=now)
    return case


def _close(
    *,
    report_id: int,
    reason: CloseReason,
    user: Any,
    actor: Actor,
    at: datetime.datetime | None = None,
) -> TriageRecord:
    report, record = _lock(report_id=report_id, user=user)
    _claim(report=report, record=record, for_user=user, actor=actor, audit=False, at=at)
    return _decide(
        report=report,
        record=record,
        decision=TriageDecision.CLOSED,
        user=user,
        actor=actor,
        close_reason=str(reason),
        at=at,
    )


@transaction.atomic(durable=True)
def triage_close(
    *, report_id: int, reason: CloseReason, actor: Any, at: datetime.datetime | None = None
) -> TriageRecord:
    """Close a report without a case: a duplicate, not hate-related, or a test. ``at``
    (when; default now) is for demo data and imports only."""
    require(actor, "case.triage")
    return _close(
        report_id=report_id,
        reason=CloseReason(reason),
        user=actor,
        actor=staff_actor(actor),
        at=at,
    )


def _in_lock_order(report_ids: Sequence[int]) -> list[int]:
    """Distinct ids in ascending order: rows are always locked in the same order, so two
    bulk actions cannot deadlock."""
    return sorted({int(report_id) for report_id in report_ids})


def _raise_taken(conflicts: list[tuple[Report, str]]) -> None:
    if not conflicts:
        return
    references = ", ".join(report.reference for report, _message in conflicts)
    raise ConflictError(
        _("Nothing was changed. Someone else has these reports: %(references)s.")
        % {"references": references}
        if len(conflicts) > 1
        else conflicts[0][1],
        extra={"report_ids": [report.pk for report, _message in conflicts]},
    )


@transaction.atomic(durable=True)
def triage_bulk_assign(*, report_ids: Sequence[int], assignee: Any, actor: Any) -> int:
    """Claim several reports for a colleague in the actor's organisation (or the actor).
    All or nothing: if any is taken or decided, nothing changes and the conflict names them."""
    require(actor, "case.triage")
    if not colleagues_for(user=actor).filter(user_id=assignee.pk).exists():
        raise ApplicationError(NOT_A_COLLEAGUE, extra={"field": "assignee"})
    audit_actor = staff_actor(actor)
    locked = [_lock(report_id=report_id, user=actor) for report_id in _in_lock_order(report_ids)]
    conflicts: list[tuple[Report, str]] = []
    for report, record in locked:
        try:
            _check_free(record, for_user=assignee)
        except ConflictError as error:
            conflicts.append((report, str(error.message)))
    _raise_taken(conflicts)
    for report, record in locked:
        _claim(report=report, record=record, for_user=assignee, actor=audit_actor)
    return len(locked)


@transaction.atomic(durable=True)
def triage_bulk_close_duplicates(*, report_ids: Sequence[int], actor: Any) -> int:
    """Close several reports as duplicates. All or nothing, like ``triage_bulk_assign``."""
    require(actor, "case.triage")
    audit_actor = staff_actor(actor)
    locked = [_lock(report_id=report_id, user=actor) for report_id in _in_lock_order(report_ids)]
    conflicts: list[tuple[Report, str]] = []
    for report, record in locked:
        try:
            _check_free(record, for_user=actor)
        except ConflictError as error:
            conflicts.append((report, str(error.message)))
    _raise_taken(conflicts)
    for report, _record in locked:
        _close(report_id=report.pk, reason=CloseReason.DUPLICATE, user=actor, actor=audit_actor)
    return len(locked)
