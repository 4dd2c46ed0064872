"""The strategy, strand and objective services: checks, writes and audit rows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.strategy.services import (
    objective_add,
    strand_add,
    strategy_change,
    strategy_create,
)
from awaz.strategy.services import plan as plan_services
from awaz.strategy.tests.conftest import Plan, audit_names, last_audit
from awaz.strategy.tests.factories import (
    ENDS,
    STARTS,
    make_strategy,
)

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")


# The strategy, strands and objectives ---------------------------------------------------


def test_the_chair_sets_up_a_strategy(chair: Any) -> None:
    strategy = strategy_create(
        name="  Fictional plan  ", starts_on=STARTS, ends_on=ENDS, summary=" Why ", actor=chair
    )
    assert (strategy.name, strategy.summary, strategy.created_by) == (
        "Fictional plan",
        "Why",
        chair,
    )
    event = last_audit()
    assert (event.event_name, event.target_type, event.target_id) == (
        "STRATEGY_CREATED",
        "strategy.strategy",
        str(strategy.pk),
    )
    assert event.details == {"starts_on": "2025-04-01", "ends_on": "2028-03-31"}


def test_a_strategy_must_end_after_it_starts_and_have_a_free_name(chair: Any) -> None:
    with pytest.raises(ApplicationError) as error:
        strategy_create(name="X", starts_on=ENDS, ends_on=STARTS, actor=chair)
    assert (error.value.message, error.value.extra) == (
        plan_services.MSG_PERIOD,
        {"field": "ends_on"},
    )
    make_strategy(chair=chair, name="Taken")
    with pytest.raises(ApplicationError) as error:
        strategy_create(name="taken", starts_on=STARTS, ends_on=ENDS, actor=chair)
    assert error.value.message == plan_services.MSG_NAME_TAKEN


def test_only_the_chair_sets_up_a_strategy(plan: Plan) -> None:
    for user in (plan.lead_worker, plan.analyst, plan.pcc, plan.administrator):
        with pytest.raises(NotFound):
            strategy_create(name="Nope", starts_on=STARTS, ends_on=ENDS, actor=user)


def test_changing_a_strategy_audits_the_fields_changed(plan: Plan) -> None:
    strategy_change(
        strategy=plan.strategy,
        name=plan.strategy.name,
        starts_on=STARTS,
        ends_on=ENDS + 365 * DAY,
        summary="New summary",
        actor=plan.chair,
    )
    event = last_audit()
    assert (event.event_name, event.details) == (
        "STRATEGY_CHANGED",
        {"fields": ["ends_on", "summary"]},
    )
    before = AuditEvent.objects.count()
    strategy_change(
        strategy=plan.strategy,
        name=plan.strategy.name,
        starts_on=STARTS,
        ends_on=ENDS + 365 * DAY,
        summary="New summary",
        actor=plan.chair,
    )
    assert AuditEvent.objects.count() == before  # nothing changed, nothing recorded


def test_strand_and_objective_numbers_are_unique_in_a_strategy(plan: Plan) -> None:
    with pytest.raises(ApplicationError) as error:
        strand_add(strategy=plan.strategy, number=1, title="Again", actor=plan.chair)
    assert error.value.message == plan_services.MSG_NUMBER_TAKEN
    objective_add(strategy=plan.strategy, number=1, text="First", actor=plan.chair)
    with pytest.raises(ApplicationError) as error:
        objective_add(strategy=plan.strategy, number=1, text="Second", actor=plan.chair)
    assert error.value.extra == {"field": "number"}
    assert audit_names(event_type__in=[602, 604]) == ["STRAND_ADDED", "OBJECTIVE_ADDED"]
