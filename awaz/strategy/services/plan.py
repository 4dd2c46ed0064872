"""The strategy itself: its period, strands and objectives. The chair only."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError
from awaz.strategy.access import require
from awaz.strategy.models import Objective, Strand, Strategy
from awaz.strategy.services.auditing import changed_fields, plan_audit

MSG_NAME = _("Enter the name of the strategy")
MSG_NAME_TAKEN = _("There is already a strategy with this name")
MSG_PERIOD = _("The end date must be after the start date")
MSG_TITLE = _("Enter the title of the strand")
MSG_NUMBER_TAKEN = _("This number is already used in this strategy")
MSG_NUMBER = _("The number must be 1 or more")
MSG_OBJECTIVE = _("Enter the objective")


def _check_strategy(*, name: str, starts_on: datetime.date, ends_on: datetime.date) -> str:
    name = name.strip()
    if not name:
        raise ApplicationError(MSG_NAME, extra={"field": "name"})
    if ends_on <= starts_on:
        raise ApplicationError(MSG_PERIOD, extra={"field": "ends_on"})
    return name


@transaction.atomic(durable=True)
def strategy_create(
    *,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    summary: str = "",
    is_demo: bool = False,
    actor: Any,
) -> Strategy:
    """A new strategy for a period (its strands and objectives are added next)."""
    require(actor, "plan.edit")
    name = _check_strategy(name=name, starts_on=starts_on, ends_on=ends_on)
    if Strategy.objects.filter(name__iexact=name).exists():
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    strategy = Strategy.objects.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        summary=summary.strip(),
        is_demo=is_demo,
        created_by=actor,
        modified_by=actor,
    )
    plan_audit(
        event_type=AuditEventType.STRATEGY_CREATED,
        actor=actor,
        target=strategy,
        details={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
    )
    return strategy


@transaction.atomic(durable=True)
def strategy_change(
    *,
    strategy: Strategy,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    summary: str,
    actor: Any,
) -> Strategy:
    require(actor, "plan.edit")
    name = _check_strategy(name=name, starts_on=starts_on, ends_on=ends_on)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if Strategy.objects.filter(name__iexact=name).exclude(pk=strategy.pk).exists():
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    changed = changed_fields(
        strategy,
        {"name": name, "starts_on": starts_on, "ends_on": ends_on, "summary": summary.strip()},
    )
    if changed:
        strategy.modified_by = actor
        strategy.save()
        plan_audit(
            event_type=AuditEventType.STRATEGY_CHANGED,
            actor=actor,
            target=strategy,
            details={"fields": changed},
        )
    return strategy


def _check_number(
    *,
    model: type[Strand] | type[Objective],
    strategy: Strategy,
    number: int,
    exclude_pk: int | None,
) -> None:
    if number < 1:
        raise ApplicationError(MSG_NUMBER, extra={"field": "number"})
    taken = model.objects.filter(strategy=strategy, number=number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ApplicationError(MSG_NUMBER_TAKEN, extra={"field": "number"})


@transaction.atomic(durable=True)
def strand_add(
    *, strategy: Strategy, number: int, title: str, focus: str = "", actor: Any
) -> Strand:
    require(actor, "plan.edit")
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    _check_number(model=Strand, strategy=strategy, number=number, exclude_pk=None)
    strand = Strand.objects.create(
        strategy=strategy,
        number=number,
        title=title,
        focus=focus.strip(),
        created_by=actor,
        modified_by=actor,
    )
    plan_audit(
        event_type=AuditEventType.STRAND_ADDED,
        actor=actor,
        target=strand,
        details={"strategy_id": strategy.pk, "number": number},
    )
    return strand


@transaction.atomic(durable=True)
def strand_change(*, strand: Strand, number: int, title: str, focus: str, actor: Any) -> Strand:
    require(actor, "plan.edit")
    strand = Strand.objects.select_for_update().select_related("strategy").get(pk=strand.pk)
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    _check_number(model=Strand, strategy=strand.strategy, number=number, exclude_pk=strand.pk)
    changed = changed_fields(strand, {"number": number, "title": title, "focus": focus.strip()})
    if changed:
        strand.modified_by = actor
        strand.save()
        plan_audit(
            event_type=AuditEventType.STRAND_CHANGED,
            actor=actor,
            target=strand,
            details={"fields": changed},
        )
    return strand


@transaction.atomic(durable=True)
def objective_add(*, strategy: Strategy, number: int, text: str, actor: Any) -> Objective:
    require(actor, "plan.edit")
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    text = text.strip()
    if not text:
        raise ApplicationError(MSG_OBJECTIVE, extra={"field": "text"})
    _check_number(model=Objective, strategy=strategy, number=number, exclude_pk=None)
    objective = Objective.objects.create(
        strategy=strategy, number=number, text=text, created_by=actor, modified_by=actor
    )
    plan_audit(
        event_type=AuditEventType.OBJECTIVE_ADDED,
        actor=actor,
        target=objective,
        details={"strategy_id": strategy.pk, "number": number},
    )
    return objective


@transaction.atomic(durable=True)
def objective_change(*, objective: Objective, number: int, text: str, actor: Any) -> Objective:
    require(actor, "plan.edit")
    objective = (
        Objective.objects.select_for_update().select_related("strategy").get(pk=objective.pk)
    )
    text = text.strip()
    if not text:
        raise ApplicationError(MSG_OBJECTIVE, extra={"field": "text"})
    _check_number(
        model=Objective, strategy=objective.strategy, number=number, exclude_pk=objective.pk
    )
    changed = changed_fields(objective, {"number": number, "text": text})
    if changed:
        objective.modified_by = actor
        objective.save()
        plan_audit(
            event_type=AuditEventType.OBJECTIVE_CHANGED,
            actor=actor,
            target=objective,
            details={"fields": changed},
        )
    return objective
