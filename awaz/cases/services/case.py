"""The case page's writes: viewing (audited), notes, contacts, status, owner, key decisions,
when the police received the crime, the staff's assessment of strands, and corrections.

Who may do what: anyone whose organisation may see the case (lead, or a live referral) and
holds ``case.edit`` may add notes and record contacts; only the lead organisation's
caseworkers change status, owner, decisions, dates and strands (``PermissionDenied``
otherwise). A case is closed only by recording its outcome (``services.outcome``), so
``case_status_change`` refuses "closed".

Timeline entries (``CaseEvent``) written here and the ``details`` keys they carry (no
personal data; other modules, such as the Victims' Code clocks, read these):

- ``NOTE``: a note, private to staff or ``shared_with_reporter``. ``details`` is empty,
  or ``{"assigned_to": user_id, "assigned_from": user_id | None}`` when the owner changed,
  or ``{"correction": field, "report_id": id}`` for a correction to a report (the report's
  own fields never change: the correction is this entry, in the text).
- ``CONTACT``: ``{"method": ContactMethod}``.
- ``STATUS_CHANGED``: ``{"from": CaseStatus, "to": CaseStatus}``.
- ``DECISION``: ``{"decision": KeyDecision}``; ``occurred_at`` is when it was made.
  A DECISION starts the clock for telling the victim.
- ``VICTIM_INFORMED``: ``{"decision": KeyDecision, "decision_event_id": CaseEvent id}``;
  ``occurred_at`` is when the victim was told. It stops that decision's clock.
- ``STRANDS_ASSESSED``: ``{"strands": [Strand.code, ...]}`` (the staff's view; the
  reporter's perception on the report never changes).
- ``NOTE`` with ``{"police_received_at": ISO datetime}`` when that date is set or changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.cases.access import access_case_by_id, is_lead, require
from awaz.cases.models import Case, CaseEvent, CaseReport, CaseStatus, EventKind
from awaz.cases.selectors import colleagues_for
from awaz.cases.services.status import case_status_set
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.reporting.models import Strand


class KeyDecision(models.TextChoices):
    """Key decisions the victim must be told of (Victims' Code)."""

    ARREST = "arrest", _("Arrest")
    CHARGE = "charge", _("Charge")
    RELEASE = "release", _("Release")
    BAIL = "bail", _("Bail")
    OUT_OF_COURT = "out_of_court", _("Out-of-court disposal")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    NOT_INVESTIGATED = "not_investigated", _("Decision not to investigate")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Another way")


CLOSE_THROUGH_OUTCOME = _("Close a case by recording its outcome.")
CASE_IS_CLOSED = _("This case is closed.")
NOT_IN_FUTURE = _("The date and time must not be in the future.")
NOT_A_COLLEAGUE = _("Choose a caseworker in the lead organisation.")
TEXT_REQUIRED = _("Enter the text.")
UNKNOWN_DECISION = _("Choose the decision the victim was told of.")
UNKNOWN_REPORT = _("Choose a report in this case.")
UNKNOWN_FIELD = _("Choose what the correction is about.")
# Report fields a correction may name (the report itself is never edited).
CORRECTABLE_FIELDS = {
    "what_happened": _("What happened"),
    "incident_date": _("When it happened"),
    "location": _("Where it happened"),
    "strands": _("Strands the reporter gave"),
    "victim": _("About the victim"),
    "offender": _("The people responsible"),
    "contact": _("Contact details"),
    "other": _("Something else"),
}


def case_lock_for_edit(case: Case, actor: Any, *, lead: bool) -> Case:
    """The case, authorised for ``actor`` and locked for the change."""
    require(actor, "case.edit")
    visible = access_case_by_id(actor, case.pk)
    if lead and not is_lead(actor, visible):
        raise PermissionDenied()
    locked = Case.objects.select_for_update().get(pk=visible.pk)
    if locked.status == CaseStatus.CLOSED:
        raise ApplicationError(CASE_IS_CLOSED)
    return locked


def _not_in_future(when: datetime.datetime | None, field: str) -> datetime.datetime:
    now = timezone.now()
    if when is None:
        return now
    if when > now:
        raise ApplicationError(NOT_IN_FUTURE, extra={"field": field})
    return when


@transaction.atomic(durable=True)
def case_view(*, case_id: int, user: Any) -> Case:
    """Open a case for a member of staff: authorise (the same ``NotFound`` for missing and
    not yours) and write ``CASE_VIEWED`` in the same transaction as the read."""
    require(user, "case.view")
    case = access_case_by_id(user, case_id)
    case = Case.objects.select_related("lead_organisation", "owner", "classification").get(
        pk=case.pk
    )
    case_audit(
        event_type=AuditEventType.CASE_VIEWED,
        case_id=case.pk,
        user=user,
        details={"page": "case_detail"},
    )
    return case


@transaction.atomic(durable=True)
def case_note_add(
    *,
    case: Case,
    text: str,
    actor: Any,
    shared_with_reporter: bool = False,
    at: datetime.datetime | None = None,
) -> CaseEvent:
    """A note on the timeline: private to staff, or shared with the reporter (who reads it
    on their follow-up page). ``at`` (default now) is for demo data and imports only."""
    case = case_lock_for_edit(case, actor, lead=False)
    if not text.strip():
        raise ApplicationError(TEXT_REQUIRED, extra={"field": "text"})
    event = case_event_record(
        case=case,
        kind=EventKind.NOTE,
        user=actor,
        text=text.strip(),
        shared_with_reporter=shared_with_reporter,
        occurred_at=at,
    )
    case_audit(
        event_type=AuditEventType.CASE_NOTE_ADDED,
        case_id=case.pk,
        user=actor,
        details={"event_id": event.pk, "shared": shared_with_reporter},
    )
    return event


@transaction.atomic(durable=True)
def case_contact_record(
    *,
    case: Case,
    method: ContactMethod,
    text: str,
    actor: Any,
    occurred_at: datetime.datetime | None = None,
) -> CaseEvent:
    """A contact with the victim (a call, a meeting ...), with what was said."""
    case = case_lock_for_edit(case, actor, lead=False)
    when = _not_in_future(occurred_at, "occurred_at")
    event = case_event_record(
        case=case,
        kind=EventKind.CONTACT,
        user=actor,
        text=text.strip(),
        details={"method": str(ContactMethod(method))},
        occurred_at=when,
    )
    case_audit(
        event_type=AuditEventType.CASE_CONTACT_RECORDED,
        case_id=case.pk,
        user=actor,
        details={"event_id": event.pk, "method": str(method)},
    )
    return event


@transaction.atomic(durable=True)
def case_status_change(
    *, case: Case, status: CaseStatus, actor: Any, at: datetime.datetime | None = None
) -> Case:
    """Move the case between open, awaiting consent, referred and active support; its
    reporters see the change (``services.status``). ``at`` (default now) is for demo data
    and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    status = CaseStatus(status)
    if status == CaseStatus.CLOSED:
        raise ApplicationError(CLOSE_THROUGH_OUTCOME, extra={"field": "status"})
    case_status_set(case=case, status=status, actor=actor, at=at)
    return case


@transaction.atomic(durable=True)
def case_assign(*, case: Case, owner: Any, actor: Any) -> Case:
    """Give the case to a caseworker of the lead organisation."""
    case = case_lock_for_edit(case, actor, lead=True)
    if not colleagues_for(user=actor).filter(user_id=owner.pk).exists():
        raise ApplicationError(NOT_A_COLLEAGUE, extra={"field": "owner"})
    previous = case.owner_id
    if previous == owner.pk:
        return case
    case.owner = owner
    case.modified_by = actor
    case.save(update_fields=["owner", "modified_at", "modified_by"])
    case_event_record(
        case=case,
        kind=EventKind.NOTE,
        user=actor,
        details={"assigned_to": owner.pk, "assigned_from": previous},
    )
    case_audit(
        event_type=AuditEventType.CASE_ASSIGNED,
        case_id=case.pk,
        user=actor,
        details={"owner_id": owner.pk, "previous_owner_id": previous},
    )
    return case


@transaction.atomic(durable=True)
def case_decision_record(
    *,
    case: Case,
    decision: KeyDecision,
    actor: Any,
    text: str = "",
    occurred_at: datetime.datetime | None = None,
) -> CaseEvent:
    """A key decision (arrest, charge, release, bail, out-of-court disposal, no further
    action, not to investigate): it starts the clock for telling the victim."""
    case = case_lock_for_edit(case, actor, lead=True)
    decision = KeyDecision(decision)
    when = _not_in_future(occurred_at, "occurred_at")
    event = case_event_record(
        case=case,
        kind=EventKind.DECISION,
        user=actor,
        text=text.strip(),
        details={"decision": str(decision)},
        occurred_at=when,
    )
    case_audit(
        event_type=AuditEventType.CASE_DECISION_RECORDED,
        case_id=case.pk,
        user=actor,
        details={"event_id": event.pk, "decision": str(decision)},
    )
    return event


@transaction.atomic(durable=True)
def case_victim_informed_record(
    *,
    case: Case,
    decision_event_id: int,
    actor: Any,
    text: str = "",
    occurred_at: datetime.datetime | None = None,
) -> CaseEvent:
    """The victim was told of a key decision: it stops that decision's clock."""
    case = case_lock_for_edit(case, actor, lead=True)
    decision_event = CaseEvent.objects.filter(
        case=case, kind=EventKind.DECISION, pk=decision_event_id
    ).first()
    if decision_event is None:
        raise ApplicationError(UNKNOWN_DECISION, extra={"field": "decision_event"})
    when = _not_in_future(occurred_at, "occurred_at")
    decision = decision_event.details.get("decision", "")
    event = case_event_record(
        case=case,
        kind=EventKind.VICTIM_INFORMED,
        user=actor,
        text=text.strip(),
        details={"decision": decision, "decision_event_id": decision_event.pk},
        occurred_at=when,
    )
    case_audit(
        event_type=AuditEventType.CASE_DECISION_RECORDED,
        case_id=case.pk,
        user=actor,
        details={"event_id": event.pk, "victim_informed": decision},
    )
    return event


@transaction.atomic(durable=True)
def case_police_received_set(
    *, case: Case, received_at: datetime.datetime, actor: Any, at: datetime.datetime | None = None
) -> Case:
    """When the police received the crime (the Victims' Code clocks start from it).
    ``at`` (when it was recorded; default now) is for demo data and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    received_at = _not_in_future(received_at, "police_received_at")
    previous = case.police_received_at
    case.police_received_at = received_at
    case.modified_by = actor
    case.save(update_fields=["police_received_at", "modified_at", "modified_by"])
    case_event_record(
        case=case,
        kind=EventKind.NOTE,
        user=actor,
        details={"police_received_at": received_at.isoformat()},
        occurred_at=at,
    )
    case_audit(
        event_type=AuditEventType.CASE_POLICE_RECEIVED_SET,
        case_id=case.pk,
        user=actor,
        details={
            "police_received_at": received_at.isoformat(),
            "previous": previous.isoformat() if previous else None,
        },
    )
    return case


@transaction.atomic(durable=True)
def case_strands_assess(
    *, case: Case, strands: Iterable[Strand], actor: Any, at: datetime.datetime | None = None
) -> Case:
    """The staff's own assessment of the strands, recorded beside the reporter's
    perception (the report's strands never change). ``at`` (default now) is for demo data
    and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    chosen = sorted({strand.pk: strand for strand in strands}.values(), key=lambda s: s.code)
    case.staff_strands.set(chosen)
    codes = [strand.code for strand in chosen]
    case_event_record(
        case=case,
        kind=EventKind.STRANDS_ASSESSED,
        user=actor,
        details={"strands": codes},
        occurred_at=at,
    )
    case_audit(
        event_type=AuditEventType.CASE_STRANDS_ASSESSED,
        case_id=case.pk,
        user=actor,
        details={"strands": codes},
    )
    return case


@transaction.atomic(durable=True)
def case_report_correction_record(
    *, case: Case, report_id: int, field: str, text: str, actor: Any
) -> CaseEvent:
    """A correction to a report in the case, kept as history: the report's fields stay as
    the reporter gave them, and the correction is a timeline entry naming the field."""
    case = case_lock_for_edit(case, actor, lead=True)
    if not CaseReport.objects.filter(case=case, report_id=report_id).exists():
        raise NotFound(UNKNOWN_REPORT, extra={"field": "report"})
    if field not in CORRECTABLE_FIELDS:
        raise ApplicationError(UNKNOWN_FIELD, extra={"field": "field"})
    if not text.strip():
        raise ApplicationError(TEXT_REQUIRED, extra={"field": "text"})
    event = case_event_record(
        case=case,
        kind=EventKind.NOTE,
        user=actor,
        text=text.strip(),
        details={"correction": field, "report_id": report_id},
    )
    case_audit(
        event_type=AuditEventType.CASE_NOTE_ADDED,
        case_id=case.pk,
        user=actor,
        details={"event_id": event.pk, "correction": field, "report_id": report_id},
    )
    return event
