"""One helper for the strategy app's audit rows: the acting member of staff and their
organisation, the target as ``strategy.<model>`` and its id, and what changed."""

from __future__ import annotations

from typing import Any

from django.db import models

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import audit_record
from awaz.reporting.services.triage import staff_actor


def plan_audit(
    *,
    event_type: AuditEventType,
    actor: Any,
    target: models.Model,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    return audit_record(
        event_type=event_type,
        actor=staff_actor(actor),
        target_type=target._meta.label_lower,
        target_id=target.pk,
        details=details or {},
    )


def changed_fields(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set ``values`` on ``instance``; the names of the fields whose value changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
