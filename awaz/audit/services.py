"""Writing the audit log. Call ``audit_record`` inside the transaction of the change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditChainHead, AuditEvent


class _Labelled(Protocol):
    pk: Any

    def __str__(self) -> str: ...


@dataclass(frozen=True)
class Actor:
    """Who acted, as the log should remember them. ``user`` and ``organisation`` are any
    objects with a ``pk`` and a readable ``str``; both empty means the public or the system."""

    user: _Labelled | None = None
    organisation: _Labelled | None = None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation is not None else None


PUBLIC = Actor()


def row_hash(event: AuditEvent) -> str:
    """SHA-256 over a canonical JSON of the event's content and its predecessor's hash."""
    content = {
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "organisation_id": event.organisation_id,
        "organisation_label": event.organisation_label,
        "event_type": int(event.event_type),
        "target_type": event.target_type,
        "target_id": str(event.target_id),
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def audit_record(
    *,
    event_type: AuditEventType,
    actor: Actor,
    target_type: str,
    target_id: Any = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction (or its own)."""
    event_type = AuditEventType(event_type)  # refuses a number that is not an event type
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_hash": "", "last_event_id": None}
        )
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor_id=actor.user_id,
            actor_label=str(actor.user) if actor.user is not None else "",
            organisation_id=actor.organisation_id,
            organisation_label=str(actor.organisation) if actor.organisation is not None else "",
            event_type=int(event_type),
            target_type=target_type,
            target_id=str(target_id),
            details=details or {},
            prev_hash=head.last_hash,
        )
        event.row_hash = row_hash(event)
        event.save(force_insert=True)
        head.last_hash = event.row_hash
        head.last_event_id = event.pk
        head.save(update_fields=["last_hash", "last_event_id"])
    return event
