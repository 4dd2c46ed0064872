"""Meetings of the group: the chair adds them, builds each agenda from the plan, adds other
business, records the minutes and the actions arising (new plan actions).

The agenda (``meeting_agenda_build``) is rebuilt from the plan in a fixed order: actions
rated red, overdue actions, new areas of concern since the previous meeting, then open
issues and escalations; the chair's other business follows, kept through every rebuild.
Each built item keeps why it is there (``detail``), so the agenda reads the same after the
plan moves on. The minutes are plain text, shown as written, and like the issue log must
never identify a victim (``identifying_text_check``).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.strategy.access import require
from awaz.strategy.models import Action, AgendaItem, AgendaItemKind, Meeting, Strategy
from awaz.strategy.selectors_meetings import agenda_proposal
from awaz.strategy.services.actions import ActionDetails, action_create
from awaz.strategy.services.auditing import changed_fields, plan_audit
from awaz.strategy.services.issues import identifying_text_check

MSG_TITLE = _("Enter the name of the meeting")
MSG_ITEM = _("Enter the agenda item")
MSG_MINUTES = _("Enter the minutes")
MSG_MINUTES_TOO_EARLY = _("Minutes can be recorded once the meeting has taken place")
MSG_PAST_AGENDA = _(
    "The meeting has taken place: its agenda is kept as it was built before the meeting"
)
MSG_AS_OF = _("An agenda can only be read as the plan stood on or before the meeting")
MSG_STRAND_OTHER = _("Choose a strand of the meeting's strategy")
MSG_CANNOT_MOVE = _("The item cannot move further")


def _check_meeting(*, title: str, location: str) -> tuple[str, str]:
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    return title, location.strip()


@transaction.atomic(durable=True)
def meeting_create(
    *,
    strategy: Strategy,
    title: str,
    held_on: datetime.date,
    location: str = "",
    actor: Any,
) -> Meeting:
    """A meeting of the group (its agenda is built next)."""
    require(actor, "meeting.manage")
    title, location = _check_meeting(title=title, location=location)
    meeting = Meeting.objects.create(
        strategy=strategy,
        title=title,
        held_on=held_on,
        location=location,
        created_by=actor,
        modified_by=actor,
    )
    plan_audit(
        event_type=AuditEventType.MEETING_CREATED,
        actor=actor,
        target=meeting,
        details={"strategy_id": strategy.pk, "held_on": held_on.isoformat()},
    )
    return meeting


@transaction.atomic(durable=True)
def meeting_change(
    *, meeting: Meeting, title: str, held_on: datetime.date, location: str, actor: Any
) -> Meeting:
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    title, location = _check_meeting(title=title, location=location)
    changed = changed_fields(meeting, {"title": title, "held_on": held_on, "location": location})
    if changed:
        meeting.modified_by = actor
        meeting.save()
        plan_audit(
            event_type=AuditEventType.MEETING_CHANGED,
            actor=actor,
            target=meeting,
            details={"fields": changed},
        )
    return meeting


@transaction.atomic(durable=True)
def meeting_agenda_build(
    *, meeting: Meeting, actor: Any, as_of: datetime.date | None = None
) -> list[AgendaItem]:
    """Replace the items built from the plan with what it holds now, keeping the chair's
    other business after them (in its order).

    ``as_of`` reads the plan's statuses and milestones, and looks for areas of concern, as
    they stood on an earlier date, to build the agenda of a meeting already held (the demo
    does). Without it, the agenda of a past meeting is not rebuilt."""
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().select_related("strategy").get(pk=meeting.pk)
    today = timezone.localdate()
    if as_of is None:
        if meeting.held_on < today:
            raise ConflictError(MSG_PAST_AGENDA)
        as_of = today
    elif as_of > min(meeting.held_on, today):
        raise ApplicationError(MSG_AS_OF)
    proposal = agenda_proposal(meeting, as_of=as_of, today=today)
    others = list(
        AgendaItem.objects.filter(meeting=meeting, kind=AgendaItemKind.OTHER).order_by(
            "position", "id"
        )
    )
    AgendaItem.objects.filter(meeting=meeting).exclude(kind=AgendaItemKind.OTHER).delete()
    built = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=item.kind,
            title=item.title[:300],
            detail=item.detail,
            action=item.action,
            issue=item.issue,
            is_generated=True,
        )
        for position, item in enumerate(proposal, start=1)
    )
    for position, other in enumerate(others, start=len(built) + 1):
        other.position = position
    AgendaItem.objects.bulk_update(others, ["position"])
    meeting.agenda_built_at = timezone.now()
    meeting.modified_by = actor
    meeting.save(update_fields=["agenda_built_at", "modified_at", "modified_by"])
    counts: dict[str, int] = {}
    for item in built:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    plan_audit(
        event_type=AuditEventType.MEETING_AGENDA_BUILT,
        actor=actor,
        target=meeting,
        details={"as_of": as_of.isoformat(), "items": counts, "other_business": len(others)},
    )
    return [*built, *others]


@transaction.atomic(durable=True)
def agenda_item_add(*, meeting: Meeting, title: str, detail: str = "", actor: Any) -> AgendaItem:
    """An item of other business, at the end of the agenda."""
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    title, detail = title.strip(), detail.strip()
    if not title:
        raise ApplicationError(MSG_ITEM, extra={"field": "title"})
    identifying_text_check(title, field="title")
    identifying_text_check(detail, field="detail")
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last or 0) + 1,
        kind=AgendaItemKind.OTHER,
        title=title,
        detail=detail,
    )
    plan_audit(
        event_type=AuditEventType.AGENDA_ITEM_ADDED,
        actor=actor,
        target=meeting,
        details={"agenda_item_id": item.pk},
    )
    return item


def _others(meeting_id: int) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=meeting_id, kind=AgendaItemKind.OTHER)
        .order_by("position", "id")
    )


@transaction.atomic(durable=True)
def agenda_item_remove(*, item: AgendaItem, actor: Any) -> None:
    """Take an item of other business off the agenda (the items built from the plan change
    only by rebuilding it)."""
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    others = _others(meeting.pk)
    found = next((o for o in others if o.pk == item.pk), None)
    if found is None:
        raise ConflictError()
    first = others[0].position
    remaining = [o for o in others if o.pk != item.pk]
    found.delete()
    for position, other in enumerate(remaining, start=first):
        other.position = position
    AgendaItem.objects.bulk_update(remaining, ["position"])
    plan_audit(
        event_type=AuditEventType.AGENDA_ITEM_REMOVED,
        actor=actor,
        target=meeting,
        details={"agenda_item_id": item.pk},
    )


@transaction.atomic(durable=True)
def agenda_item_move(*, item: AgendaItem, up: bool, actor: Any) -> None:
    """Move an item of other business one place up or down among the other business."""
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    others = _others(meeting.pk)
    index = next((i for i, o in enumerate(others) if o.pk == item.pk), None)
    if index is None:
        raise ConflictError()
    target = index - 1 if up else index + 1
    if not 0 <= target < len(others):
        raise ConflictError(MSG_CANNOT_MOVE)
    first = others[0].position
    others[index], others[target] = others[target], others[index]
    for position, other in enumerate(others, start=first):
        other.position = position
    AgendaItem.objects.bulk_update(others, ["position"])
    plan_audit(
        event_type=AuditEventType.AGENDA_ITEM_MOVED,
        actor=actor,
        target=meeting,
        details={"agenda_item_id": item.pk, "direction": "up" if up else "down"},
    )


@transaction.atomic(durable=True)
def meeting_minutes_record(*, meeting: Meeting, minutes: str, actor: Any) -> Meeting:
    """Record (or correct) the minutes, once the meeting has taken place: plain text,
    shown as written, with who recorded them and when."""
    require(actor, "meeting.manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.held_on > timezone.localdate():
        raise ApplicationError(MSG_MINUTES_TOO_EARLY, extra={"field": "minutes"})
    minutes = minutes.strip()
    if not minutes:
        raise ApplicationError(MSG_MINUTES, extra={"field": "minutes"})
    identifying_text_check(minutes, field="minutes")
    first = not meeting.minutes
    meeting.minutes = minutes
    meeting.minutes_recorded_at = timezone.now()
    meeting.minutes_recorded_by = actor
    meeting.modified_by = actor
    meeting.save(
        update_fields=[
            "minutes",
            "minutes_recorded_at",
            "minutes_recorded_by",
            "modified_at",
            "modified_by",
        ]
    )
    plan_audit(
        event_type=AuditEventType.MEETING_MINUTES_RECORDED,
        actor=actor,
        target=meeting,
        details={"first": first, "characters": len(minutes)},
    )
    return meeting


def meeting_action_arising_add(*, meeting: Meeting, details: ActionDetails, actor: Any) -> Action:
    """A new plan action agreed at the meeting (created by ``action_create``, which numbers
    and audits it, marked as arising from the meeting)."""
    require(actor, "meeting.manage")
    if details.strand.strategy_id != meeting.strategy_id:
        raise ApplicationError(MSG_STRAND_OTHER, extra={"field": "strand"})
    return action_create(details=dataclasses.replace(details, arising_from=meeting), actor=actor)
