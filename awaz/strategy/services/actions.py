"""Actions of the plan, their milestones and RAG statuses.

The chair adds and edits actions and milestones (``plan.edit``); the chair and the lead
organisation's contributors record RAG statuses and milestones reached (``action.status``,
scoped in ``access``). A RAG status is a ``RagChange`` row (append-only, with its reason and
the date it applies from); the action keeps the latest by that date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.partners.models import Organisation
from awaz.partners.selectors import membership_for_user
from awaz.strategy.access import (
    access_action_for_status_by_id,
    access_milestone_for_status_by_id,
    require,
)
from awaz.strategy.models import (
    REASON_REQUIRED,
    Action,
    Meeting,
    Milestone,
    Objective,
    RagChange,
    RagStatus,
    Strand,
)
from awaz.strategy.services.auditing import changed_fields, plan_audit

MSG_TITLE = _("Enter what the action is")
MSG_DUE = _("The due date must be the same as or after the start date")
MSG_LEAD_SUPPORTING = _("The lead organisation cannot also be a supporting organisation")
MSG_LEAD_INACTIVE = _("Choose an organisation that is still in the partnership")
MSG_OBJECTIVE_OTHER = _("Choose objectives of this action's strategy")
MSG_STRAND_OTHER = _("Choose a strand of the same strategy")
MSG_REASON = _("Enter why the action is red or amber")
MSG_NOT_FUTURE = _("The date must be today or in the past")
MSG_BEFORE_STRATEGY = _("The date must be on or after the start of the strategy")
MSG_MILESTONE = _("Enter the milestone")
MSG_ALREADY_DONE = _("The milestone is already marked as reached")
MSG_NOT_DONE = _("The milestone is not marked as reached")


@dataclass(frozen=True)
class ActionDetails:
    """What the chair says about an action (the form's cleaned data)."""

    strand: Strand
    title: str
    lead_organisation: Organisation
    description: str = ""
    supporting_organisations: tuple[Organisation, ...] = field(default=())
    objectives: tuple[Objective, ...] = field(default=())
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    arising_from: Meeting | None = None  # the meeting it arose from (new actions only)


def _check_details(details: ActionDetails, *, previous_lead_id: int | None) -> str:
    title = details.title.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    if details.starts_on and details.due_on and details.due_on < details.starts_on:
        raise ApplicationError(MSG_DUE, extra={"field": "due_on"})
    lead = details.lead_organisation
    if not lead.is_active and lead.pk != previous_lead_id:
        raise ApplicationError(MSG_LEAD_INACTIVE, extra={"field": "lead_organisation"})
    if any(org.pk == lead.pk for org in details.supporting_organisations):
        raise ApplicationError(MSG_LEAD_SUPPORTING, extra={"field": "supporting_organisations"})
    if any(obj.strategy_id != details.strand.strategy_id for obj in details.objectives):
        raise ApplicationError(MSG_OBJECTIVE_OTHER, extra={"field": "objectives"})
    return title


def _next_number(strand: Strand) -> int:
    Strand.objects.select_for_update().filter(pk=strand.pk).first()  # one numberer at a time
    highest = Action.objects.filter(strand=strand).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


@transaction.atomic(durable=True)
def action_create(*, details: ActionDetails, actor: Any) -> Action:
    """A new action, numbered next in its strand (2.4 after 2.3). Not started until someone
    records a status."""
    require(actor, "plan.edit")
    title = _check_details(details, previous_lead_id=None)
    action = Action.objects.create(
        strand=details.strand,
        number=_next_number(details.strand),
        title=title,
        description=details.description.strip(),
        lead_organisation=details.lead_organisation,
        starts_on=details.starts_on,
        due_on=details.due_on,
        arising_from=details.arising_from,
        created_by=actor,
        modified_by=actor,
    )
    action.supporting_organisations.set(details.supporting_organisations)
    action.objectives.set(details.objectives)
    plan_audit(
        event_type=AuditEventType.PLAN_ACTION_CREATED,
        actor=actor,
        target=action,
        details={
            "reference": action.reference,
            "lead_organisation_id": details.lead_organisation.pk,
            "supporting_organisation_ids": sorted(o.pk for o in details.supporting_organisations),
            "arising_from_meeting_id": details.arising_from.pk if details.arising_from else None,
        },
    )
    return action


@transaction.atomic(durable=True)
def action_change(*, action: Action, details: ActionDetails, actor: Any) -> Action:
    """Change what an action is, who leads and supports it, and its dates. Moving it to
    another strand of the same strategy gives it the next number there."""
    require(actor, "plan.edit")
    action = Action.objects.select_for_update().select_related("strand").get(pk=action.pk)
    title = _check_details(details, previous_lead_id=action.lead_organisation_id)
    if details.strand.strategy_id != action.strand.strategy_id:
        raise ApplicationError(MSG_STRAND_OTHER, extra={"field": "strand"})
    values: dict[str, Any] = {
        "title": title,
        "description": details.description.strip(),
        "lead_organisation_id": details.lead_organisation.pk,
        "starts_on": details.starts_on,
        "due_on": details.due_on,
    }
    if details.strand.pk != action.strand_id:
        values["strand_id"] = details.strand.pk
        values["number"] = _next_number(details.strand)
    changed = changed_fields(action, values)
    before_supporting = set(action.supporting_organisations.values_list("pk", flat=True))
    before_objectives = set(action.objectives.values_list("pk", flat=True))
    if before_supporting != {o.pk for o in details.supporting_organisations}:
        action.supporting_organisations.set(details.supporting_organisations)
        changed.append("supporting_organisations")
    if before_objectives != {o.pk for o in details.objectives}:
        action.objectives.set(details.objectives)
        changed.append("objectives")
    if changed:
        action.modified_by = actor
        action.save()
        action = Action.objects.select_related("strand").get(pk=action.pk)
        plan_audit(
            event_type=AuditEventType.PLAN_ACTION_CHANGED,
            actor=actor,
            target=action,
            details={"fields": [name.removesuffix("_id") for name in changed]},
        )
    return action


def _check_past_date(value: datetime.date, *, action: Action, field_name: str) -> None:
    if value > timezone.localdate():
        raise ApplicationError(MSG_NOT_FUTURE, extra={"field": field_name})
    if value < action.strand.strategy.starts_on:
        raise ApplicationError(MSG_BEFORE_STRATEGY, extra={"field": field_name})


@transaction.atomic(durable=True)
def rag_change_record(
    *,
    action: Action,
    rag_status: RagStatus,
    reason: str,
    effective_on: datetime.date,
    actor: Any,
) -> RagChange:
    """Record an action's RAG status from a date (today, or earlier for history), with its
    reason (required for red and amber). The action shows the latest status by that date."""
    action = access_action_for_status_by_id(actor, action.pk)
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("strand__strategy")
        .get(pk=action.pk)
    )
    rag_status = RagStatus(rag_status)
    reason = reason.strip()
    if rag_status in REASON_REQUIRED and not reason:
        raise ApplicationError(MSG_REASON, extra={"field": "reason"})
    _check_past_date(effective_on, action=action, field_name="effective_on")
    membership = membership_for_user(actor)
    change = RagChange.objects.create(
        action=action,
        rag_status=rag_status,
        reason=reason,
        effective_on=effective_on,
        recorded_at=timezone.now(),
        recorded_by=actor,
        organisation=membership.organisation if membership else None,
    )
    previous = action.rag_status
    latest = RagChange.objects.filter(action=action).order_by(
        "-effective_on", "-recorded_at", "-id"
    )[0]
    action.rag_status = latest.rag_status
    action.rag_reason = latest.reason
    action.rag_set_on = latest.effective_on
    action.modified_by = actor
    action.save(
        update_fields=["rag_status", "rag_reason", "rag_set_on", "modified_at", "modified_by"]
    )
    plan_audit(
        event_type=AuditEventType.PLAN_ACTION_RAG_CHANGED,
        actor=actor,
        target=action,
        details={
            "rag_change_id": change.pk,
            "from": previous,
            "to": str(rag_status),
            "effective_on": effective_on.isoformat(),
            "current": action.rag_status,
        },
    )
    return change


@transaction.atomic(durable=True)
def milestone_add(*, action: Action, title: str, target_on: datetime.date, actor: Any) -> Milestone:
    require(actor, "plan.edit")
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_MILESTONE, extra={"field": "title"})
    milestone = Milestone.objects.create(
        action=action, title=title, target_on=target_on, created_by=actor, modified_by=actor
    )
    plan_audit(
        event_type=AuditEventType.MILESTONE_ADDED,
        actor=actor,
        target=milestone,
        details={"action_id": action.pk, "target_on": target_on.isoformat()},
    )
    return milestone


@transaction.atomic(durable=True)
def milestone_change(
    *, milestone: Milestone, title: str, target_on: datetime.date, actor: Any
) -> Milestone:
    """Change a milestone's wording or target date (a moved target date is audited with
    both dates, so a slipping plan stays visible)."""
    require(actor, "plan.edit")
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_MILESTONE, extra={"field": "title"})
    previous_target = milestone.target_on
    changed = changed_fields(milestone, {"title": title, "target_on": target_on})
    if changed:
        milestone.modified_by = actor
        milestone.save()
        details: dict[str, Any] = {"action_id": milestone.action_id, "fields": changed}
        if "target_on" in changed:
            details["target_from"] = previous_target.isoformat()
            details["target_to"] = target_on.isoformat()
        plan_audit(
            event_type=AuditEventType.MILESTONE_CHANGED,
            actor=actor,
            target=milestone,
            details=details,
        )
    return milestone


@transaction.atomic(durable=True)
def milestone_done_set(
    *, milestone_id: int, done_on: datetime.date | None, actor: Any
) -> Milestone:
    """Mark a milestone reached on ``done_on`` (today or earlier), or not reached (None)."""
    found = access_milestone_for_status_by_id(actor, milestone_id)
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("action__strand__strategy")
        .get(pk=found.pk)
    )
    if done_on is None:
        if milestone.done_on is None:
            raise ConflictError(MSG_NOT_DONE)
        event = AuditEventType.MILESTONE_REOPENED
    else:
        if milestone.done_on is not None:
            raise ConflictError(MSG_ALREADY_DONE)
        _check_past_date(done_on, action=milestone.action, field_name="done_on")
        event = AuditEventType.MILESTONE_DONE
    milestone.done_on = done_on
    milestone.modified_by = actor
    milestone.save(update_fields=["done_on", "modified_at", "modified_by"])
    plan_audit(
        event_type=event,
        actor=actor,
        target=milestone,
        details={
            "action_id": milestone.action_id,
            "done_on": done_on.isoformat() if done_on else None,
        },
    )
    return milestone
