"""Classifying a case from the versioned rule set, threshold decisions, and new versions
of the rules (classifications and time limits) added by administrators without a deploy.

- A case may only take a classification version in force on the case's date (the day it
  was opened), and only a police organisation may choose a police record (a partner's or a
  reporting centre's record is never labelled as one).
- Each classified case carries its retention review date: the day it closed (or today,
  while open) plus the version's ``retention_months``; ``case_retention_recompute`` sets it
  again when the case closes.
- Where the classification needs one, a threshold decision with its reason must be recorded
  before the subject's personal data is (``selectors.subject_data_allowed``).
- A new version starts today or later and ends the previous version the day before, so the
  rules an old case was classified under never change.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import user_can
from awaz.cases.models import (
    Case,
    Classification,
    EventKind,
    ThresholdDecision,
    TimeLimitSet,
)
from awaz.cases.selectors import case_date, classification_options, classification_options_for
from awaz.cases.services.case import case_lock_for_edit
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.core.exceptions import ApplicationError, PermissionDenied
from awaz.reporting.services.triage import staff_actor

NOT_IN_FORCE = _("Choose a classification in force on the date the case was opened.")
POLICE_ONLY = _("Only the police can record a police classification.")
NO_THRESHOLD_NEEDED = _("This classification does not need a threshold decision.")
NOT_THE_CASE_CLASSIFICATION = _("Record the threshold decision for the case's classification.")
REASON_REQUIRED = _("Enter the reason for the decision.")
STARTS_TOO_EARLY = _("The new version must start today or later, after the current version.")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_review_date(
    classification: Classification, closed_on: datetime.date | None
) -> datetime.date:
    """When a record's retention must be reviewed: the day it closed (today while it is
    open) plus the classification version's retention period."""
    start = closed_on if closed_on is not None else timezone.localdate()
    return add_months(start, classification.retention_months)


@transaction.atomic
def case_retention_recompute(*, case: Case) -> datetime.date | None:
    """Set the retention review date again from the case's classification and closing
    day (call it when a case closes, inside the closing service's transaction)."""
    if case.classification is None:
        return None
    closed_on = timezone.localdate(case.closed_at) if case.closed_at else None
    case.retention_review_on = retention_review_date(case.classification, closed_on)
    case.save(update_fields=["retention_review_on", "modified_at"])
    return case.retention_review_on


@transaction.atomic(durable=True)
def case_classify(
    *, case: Case, classification: Classification, actor: Any, at: datetime.datetime | None = None
) -> Case:
    """Classify a case with a version in force on its date (the system validates).
    ``at`` (default now) is for demo data and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    if not classification_options(on=case_date(case)).filter(pk=classification.pk).exists():
        raise ApplicationError(NOT_IN_FORCE, extra={"field": "classification"})
    if not classification_options_for(case=case, user=actor).filter(pk=classification.pk).exists():
        raise ApplicationError(POLICE_ONLY, extra={"field": "classification"})
    previous = case.classification_id
    case.classification = classification
    case.classified_at = at or timezone.now()
    closed_on = timezone.localdate(case.closed_at) if case.closed_at else None
    case.retention_review_on = retention_review_date(classification, closed_on)
    case.modified_by = actor
    case.save(
        update_fields=[
            "classification",
            "classified_at",
            "retention_review_on",
            "modified_at",
            "modified_by",
        ]
    )
    details = {
        "classification_id": classification.pk,
        "code": classification.code,
        "version": classification.version,
    }
    case_event_record(
        case=case, kind=EventKind.CLASSIFIED, user=actor, details=details, occurred_at=at
    )
    case_audit(
        event_type=AuditEventType.CASE_CLASSIFIED,
        case_id=case.pk,
        user=actor,
        details={**details, "previous_classification_id": previous},
    )
    return case


@transaction.atomic(durable=True)
def threshold_decision_record(
    *,
    case: Case,
    classification: Classification,
    meets_threshold: bool,
    reason: str,
    actor: Any,
    at: datetime.datetime | None = None,
) -> ThresholdDecision:
    """Whether the subject's personal data may be recorded behind the case's
    classification (e.g. a real risk of significant harm or of a future offence), and why.
    ``at`` (default now) is for demo data and imports only."""
    case = case_lock_for_edit(case, actor, lead=True)
    if not classification.requires_threshold_decision:
        raise ApplicationError(NO_THRESHOLD_NEEDED, extra={"field": "classification"})
    if case.classification_id != classification.pk:
        raise ApplicationError(NOT_THE_CASE_CLASSIFICATION, extra={"field": "classification"})
    if not reason.strip():
        raise ApplicationError(REASON_REQUIRED, extra={"field": "reason"})
    decision = ThresholdDecision.objects.create(
        case=case,
        classification=classification,
        meets_threshold=meets_threshold,
        reason=reason.strip(),
        decided_at=at or timezone.now(),
        decided_by=actor,
    )
    details = {
        "threshold_decision_id": decision.pk,
        "classification_id": classification.pk,
        "meets_threshold": meets_threshold,
    }
    case_event_record(
        case=case, kind=EventKind.CLASSIFIED, user=actor, details=details, occurred_at=at
    )
    case_audit(
        event_type=AuditEventType.CASE_THRESHOLD_DECIDED,
        case_id=case.pk,
        user=actor,
        details=details,
    )
    return decision


def _require_rules_manager(actor: Any) -> None:
    if not (getattr(actor, "is_superuser", False) or user_can(actor, "rules.manage")):
        raise PermissionDenied()


def check_version_start(effective_from: datetime.date, previous_from: datetime.date | None) -> None:
    if effective_from < timezone.localdate() or (
        previous_from is not None and effective_from <= previous_from
    ):
        raise ApplicationError(STARTS_TOO_EARLY, extra={"field": "effective_from"})


@transaction.atomic
def classification_version_create(
    *,
    code: str,
    name: str,
    effective_from: datetime.date,
    retention_months: int,
    actor: Any,
    description: str = "",
    is_police_record: bool = False,
    is_crime: bool = False,
    victims_code_applies: bool = False,
    requires_threshold_decision: bool = False,
) -> Classification:
    """A new version of a classification (or a new classification, version 1), in force
    from ``effective_from``; the version before it ends the day before. Plain ``atomic``
    for the Django admin (whose pages run in their own transaction); views and commands
    call ``classification_version_add``."""
    _require_rules_manager(actor)
    previous = (
        Classification.objects.select_for_update().filter(code=code).order_by("-version").first()
    )
    check_version_start(effective_from, previous.effective_from if previous else None)
    if previous is not None and (
        previous.effective_to is None or previous.effective_to >= effective_from
    ):
        previous.effective_to = effective_from - datetime.timedelta(days=1)
        previous.modified_by = actor
        previous.save(update_fields=["effective_to", "modified_at", "modified_by"])
    created = Classification.objects.create(
        code=code,
        version=(previous.version + 1) if previous else 1,
        name=name,
        description=description,
        effective_from=effective_from,
        is_police_record=is_police_record,
        is_crime=is_crime,
        victims_code_applies=victims_code_applies,
        requires_threshold_decision=requires_threshold_decision,
        retention_months=retention_months,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        event_type=AuditEventType.RULES_CHANGED,
        actor=staff_actor(actor),
        target_type="cases.classification",
        target_id=created.pk,
        details={
            "code": code,
            "version": created.version,
            "effective_from": effective_from.isoformat(),
            "previous_id": previous.pk if previous else None,
        },
    )
    return created


TIME_LIMIT_FIELDS = tuple(
    field.name
    for field in TimeLimitSet._meta.get_fields()
    if field.concrete
    and field.name
    not in {
        "id",
        "name",
        "effective_from",
        "created_at",
        "modified_at",
        "created_by",
        "modified_by",
    }
)


@transaction.atomic
def time_limit_set_create(
    *, name: str, effective_from: datetime.date, limits: dict[str, int], actor: Any
) -> TimeLimitSet:
    """A new version of the time limits, in force from ``effective_from`` (the newest
    version not after a date applies on that date). Unnamed limits keep their defaults.
    Plain ``atomic`` for the Django admin; views call ``time_limit_set_add``."""
    _require_rules_manager(actor)
    latest = TimeLimitSet.objects.select_for_update().order_by("-effective_from").first()
    check_version_start(effective_from, latest.effective_from if latest else None)
    values = {key: int(value) for key, value in limits.items() if key in TIME_LIMIT_FIELDS}
    created = TimeLimitSet.objects.create(
        name=name,
        effective_from=effective_from,
        created_by=actor,
        modified_by=actor,
        **values,
    )
    audit_record(
        event_type=AuditEventType.RULES_CHANGED,
        actor=staff_actor(actor),
        target_type="cases.timelimitset",
        target_id=created.pk,
        details={"effective_from": effective_from.isoformat(), "limits": values},
    )
    return created


@transaction.atomic(durable=True)
def classification_version_add(
    *,
    code: str,
    name: str,
    effective_from: datetime.date,
    retention_months: int,
    actor: Any,
    description: str = "",
    is_police_record: bool = False,
    is_crime: bool = False,
    victims_code_applies: bool = False,
    requires_threshold_decision: bool = False,
) -> Classification:
    """Entry service for ``classification_version_create``."""
    return classification_version_create(
        code=code,
        name=name,
        effective_from=effective_from,
        retention_months=retention_months,
        actor=actor,
        description=description,
        is_police_record=is_police_record,
        is_crime=is_crime,
        victims_code_applies=victims_code_applies,
        requires_threshold_decision=requires_threshold_decision,
    )


@transaction.atomic(durable=True)
def time_limit_set_add(
    *, name: str, effective_from: datetime.date, limits: dict[str, int], actor: Any
) -> TimeLimitSet:
    """Entry service for ``time_limit_set_create``."""
    return time_limit_set_create(
        name=name, effective_from=effective_from, limits=limits, actor=actor
    )
