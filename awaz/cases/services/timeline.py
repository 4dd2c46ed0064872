"""Writing the case timeline. Every service that changes a case records what happened here,
in its own transaction (plain ``atomic``: callers are the entry services)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import PUBLIC, audit_record
from awaz.cases.models import Case, CaseEvent, EventKind
from awaz.partners.selectors import membership_for_user
from awaz.reporting.services.triage import staff_actor


@transaction.atomic
def case_event_record(
    *,
    case: Case,
    kind: EventKind,
    user: Any = None,
    text: str = "",
    shared_with_reporter: bool = False,
    details: dict[str, Any] | None = None,
    occurred_at: Any = None,
) -> CaseEvent:
    """Append an entry to the case's timeline. ``user`` None means the reporter or the
    system. ``details`` holds structured facts, never personal data."""
    membership = membership_for_user(user) if user is not None else None
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        text=text,
        shared_with_reporter=shared_with_reporter,
        occurred_at=occurred_at or timezone.now(),
        created_by=user if user is not None and user.is_authenticated else None,
        organisation_id=membership.organisation_id if membership is not None else None,
        details=details or {},
    )


def case_audit(
    *,
    event_type: AuditEventType,
    case_id: int,
    user: Any = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record an audit event about a case, in the caller's transaction: by a staff ``user``,
    or by the reporter (or the system) when ``user`` is None. ``details``: no personal data."""
    audit_record(
        event_type=event_type,
        actor=staff_actor(user) if user is not None else PUBLIC,
        target_type="cases.case",
        target_id=case_id,
        details=details or {},
    )
