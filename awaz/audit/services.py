"""Writing the audit log. Call ``audit_record`` inside the transaction of the change;
``access_denied_record`` writes refusals, rate-limited per user."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditChainHead, AuditEvent
from awaz.core.bulk_insert import rows_insert
from awaz.core.throttle import Counter, throttle_hit


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


def audit_record_many(
    *,
    event_type: AuditEventType,
    actor: Actor,
    target_type: str,
    targets: list[tuple[Any, dict[str, Any]]],
) -> int:
    """``audit_record`` for many targets at once (a bulk import): the same events, each
    chained to the one before, written with one lock of the chain head and one insert.
    ``targets`` holds each event's (target id, details); returns how many were written."""
    if not targets:
        return 0
    event_type = AuditEventType(event_type)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_hash": "", "last_event_id": None}
        )
        now = timezone.now()
        actor_label = str(actor.user) if actor.user is not None else ""
        organisation_label = str(actor.organisation) if actor.organisation is not None else ""
        events = []
        last_hash = head.last_hash
        for target_id, details in targets:
            event = AuditEvent(
                occurred_at=now,
                actor_id=actor.user_id,
                actor_label=actor_label,
                organisation_id=actor.organisation_id,
                organisation_label=organisation_label,
                event_type=int(event_type),
                target_type=target_type,
                target_id=str(target_id),
                details=details,
                prev_hash=last_hash,
            )
            event.row_hash = last_hash = row_hash(event)
            events.append(event)
        rows_insert(AuditEvent, events)
        head.last_hash = last_hash
        head.last_event_id = events[-1].pk
        head.save(update_fields=["last_hash", "last_event_id"])
    return len(events)


# Refused access ----------------------------------------------------------------------------

# Every 404 from an ``access_*`` helper is written, up to a limit per user a minute; past it
# a running count is written at the first denial over the limit and then each time the
# count doubles, so one user probing ids cannot flood the log, nothing is ever silently
# dropped, and a reader still sees the scale (a lower bound within a factor of two).
DENIALS_KEY = "awaz:audit:denials"


def access_denied_record(
    *, actor: Actor, target_type: str, target_id: Any, details: dict[str, Any]
) -> AuditEvent | None:
    """Record that ``actor`` (a signed-in user) was refused ``target_type``/``target_id``
    (``details``: where, e.g. the view, URL pattern and method; never a raw URL, which may
    hold a token): ``ACCESS_DENIED`` for the first ``AWAZ_AUDIT_DENIALS_PER_MINUTE`` in a
    clock minute, then ``ACCESS_DENIALS_SUPPRESSED`` with the minute's count so far at the
    limit plus one and at each doubling (2 x limit, 4 x limit ...); nothing otherwise.

    The count is kept in the shared cache. Call it outside the refused request's
    transaction (which has rolled back), so the event stays."""
    limit: int = settings.AWAZ_AUDIT_DENIALS_PER_MINUTE
    now = timezone.now()
    minute = int(now.timestamp() // 60)
    counter = Counter(f"{DENIALS_KEY}:{actor.user_id}:{minute}", limit=limit, window=120)
    (count,) = throttle_hit([counter])
    target_id = str(target_id)[:64]
    if count <= limit:
        return audit_record(
            event_type=AuditEventType.ACCESS_DENIED,
            actor=actor,
            target_type=target_type,
            target_id=target_id,
            details=details,
        )
    if not _is_checkpoint(count, limit):
        return None
    return audit_record(
        event_type=AuditEventType.ACCESS_DENIALS_SUPPRESSED,
        actor=actor,
        target_type="core.user",
        target_id=actor.user_id,
        details={
            "minute": datetime.fromtimestamp(minute * 60, tz=UTC).isoformat(),
            "denials_so_far": count,
            "recorded_one_by_one": limit,
            "latest": {"target_type": target_type, "target_id": target_id, **details},
        },
    )


def _is_checkpoint(count: int, limit: int) -> bool:
    """The first count over the limit, and every limit x 2^k after it."""
    if count == limit + 1:
        return True
    multiple, remainder = divmod(count, limit)
    return remainder == 0 and multiple >= 2 and multiple & (multiple - 1) == 0
