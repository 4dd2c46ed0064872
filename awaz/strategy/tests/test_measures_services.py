"""Adding and changing measures (the chair), and entering quarterly values: who may, the
checks, append-only history with who and when, and the audit rows."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.core.quarters import Quarter
from awaz.partners.selectors import membership_for_user
from awaz.strategy.access import measures_enterable_by, user_can
from awaz.strategy.models import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    MeasureValue,
    Unit,
)
from awaz.strategy.selectors_measures import measure_history, measure_value
from awaz.strategy.services.measures import (
    MSG_COMPUTATION,
    MSG_NAME_TAKEN,
    MSG_NOTE_FOR_CORRECTION,
    MSG_ORGANISATION,
    MSG_QUARTER,
    MSG_SOURCE_LOCKED,
    MSG_STRAND,
    MSG_TARGET_PERCENT,
    MSG_VALUE,
    MSG_VALUE_PERCENT,
    MeasureDetails,
    measure_change,
    measure_create,
    measure_value_enter,
)
from awaz.strategy.tests.conftest import Plan, audit_names, last_audit
from awaz.strategy.tests.factories import make_strand, make_strategy

pytestmark = pytest.mark.usefixtures("frozen")  # 15 June 2026

LAST_QUARTER = Quarter(datetime.date(2026, 1, 1))  # 2025-26 Q4, the latest that has ended
THIS_QUARTER = LAST_QUARTER.shift(1)


def details(plan: Plan, **overrides: Any) -> MeasureDetails:
    values: dict[str, Any] = {
        "name": "Fictional schools sessions delivered",
        "strand": plan.strand,
        "source": MeasureSource.ENTERED,
        "entered_by_organisation": plan.lead_org,
        "good_direction": GoodDirection.UP,
        "target": Decimal(10),
    }
    values.update(overrides)
    return MeasureDetails(**values)


@pytest.fixture
def measure(plan: Plan) -> Measure:
    return measure_create(strategy=plan.strategy, details=details(plan), actor=plan.chair)


def enter(measure: Measure, actor: Any, value: Any = 5, **kwargs: Any) -> MeasureValue:
    kwargs.setdefault("quarter", LAST_QUARTER)
    return measure_value_enter(measure=measure, value=Decimal(value), actor=actor, **kwargs)


# The chair's measures --------------------------------------------------------------------


def test_create_an_entered_measure(plan: Plan, measure: Measure) -> None:
    assert measure.code == "fictional-schools-sessions-delivered"
    assert (measure.unit, measure.target, measure.computation) == (Unit.COUNT, 10, "")
    assert measure.created_by == plan.chair
    event = last_audit()
    assert event.event_name == "MEASURE_CREATED"
    assert event.details["entered_by_organisation_id"] == plan.lead_org.pk
    assert event.details["target"] == "10"


def test_a_computed_measure_takes_the_computation_unit(plan: Plan) -> None:
    created = measure_create(
        strategy=plan.strategy,
        details=details(
            plan,
            name="Fictional share",
            source=MeasureSource.COMPUTED,
            computation=Computation.THIRD_PARTY_SHARE,
            unit=Unit.DAYS,  # ignored: a share is in per cent
            target=Decimal("30"),
        ),
        actor=plan.chair,
    )
    assert (created.unit, created.entered_by_organisation) == (Unit.PERCENT, None)


def test_codes_stay_unique(plan: Plan, measure: Measure) -> None:
    other = measure_create(
        strategy=plan.strategy,
        details=details(plan, name="Fictional schools sessions delivered!"),
        actor=plan.chair,
    )
    assert other.code == "fictional-schools-sessions-delivered-2"


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"name": "Fictional Schools Sessions Delivered"}, MSG_NAME_TAKEN, "name"),
        (
            {"name": "Other", "source": MeasureSource.COMPUTED, "computation": ""},
            MSG_COMPUTATION,
            "computation",
        ),
        (
            {"name": "Other", "entered_by_organisation": None},
            MSG_ORGANISATION,
            "entered_by_organisation",
        ),
        (
            {"name": "Other", "unit": Unit.PERCENT, "target": Decimal(101)},
            MSG_TARGET_PERCENT,
            "target",
        ),
    ],
)
def test_measure_checks(
    plan: Plan, measure: Measure, overrides: dict[str, Any], message: Any, field: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        measure_create(strategy=plan.strategy, details=details(plan, **overrides), actor=plan.chair)
    assert (caught.value.message, caught.value.extra["field"]) == (message, field)


def test_a_strand_of_another_strategy_is_refused(plan: Plan) -> None:
    other = make_strategy(chair=plan.chair, name="Fictional other strategy")
    strand = make_strand(strategy=other, chair=plan.chair)
    with pytest.raises(ApplicationError) as caught:
        measure_create(
            strategy=plan.strategy, details=details(plan, strand=strand), actor=plan.chair
        )
    assert caught.value.message == MSG_STRAND


@pytest.mark.parametrize("who", ["lead_worker", "analyst", "pcc", "administrator"])
def test_only_the_chair_adds_or_changes_measures(plan: Plan, measure: Measure, who: str) -> None:
    actor = getattr(plan, who)
    with pytest.raises(NotFound):
        measure_create(strategy=plan.strategy, details=details(plan, name="X"), actor=actor)
    with pytest.raises(NotFound):
        measure_change(measure=measure, details=details(plan, target=Decimal(1)), actor=actor)


def test_change_the_target_and_direction(plan: Plan, measure: Measure) -> None:
    changed = measure_change(
        measure=measure,
        details=details(plan, target=Decimal(15), good_direction=GoodDirection.DOWN),
        actor=plan.chair,
    )
    assert (changed.target, changed.good_direction) == (15, GoodDirection.DOWN)
    assert changed.code == measure.code  # the code never changes
    event = last_audit()
    assert event.event_name == "MEASURE_CHANGED"
    assert sorted(event.details["fields"]) == ["good_direction", "target"]
    assert event.details["target"] == {"from": "10.00", "to": "15"}


def test_no_change_writes_nothing(plan: Plan, measure: Measure) -> None:
    before = audit_names()
    measure_change(measure=measure, details=details(plan), actor=plan.chair)
    assert audit_names() == before


def test_a_measure_with_values_stays_entered(plan: Plan, measure: Measure) -> None:
    enter(measure, plan.chair)
    computed = details(plan, source=MeasureSource.COMPUTED, computation=Computation.REPORTS_TOTAL)
    with pytest.raises(ApplicationError) as caught:
        measure_change(measure=measure, details=computed, actor=plan.chair)
    assert caught.value.message == MSG_SOURCE_LOCKED


# Entering values -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["chair", "lead_worker", "analyst"])
def test_who_may_enter(plan: Plan, measure: Measure, who: str) -> None:
    actor = getattr(plan, who)
    entry = enter(measure, actor, 7, note="From the register.")
    assert (entry.value, entry.entered_by, entry.note) == (7, actor, "From the register.")
    assert entry.quarter_start == LAST_QUARTER.start
    assert measures_enterable_by(actor).filter(pk=measure.pk).exists()


@pytest.mark.parametrize(
    "who", ["supporting_worker", "other_worker", "pcc", "administrator", "centre_worker"]
)
def test_who_may_not_enter(plan: Plan, measure: Measure, who: str) -> None:
    actor = getattr(plan, who)
    with pytest.raises(NotFound):
        enter(measure, actor)
    assert not MeasureValue.objects.exists()
    assert not measures_enterable_by(actor).exists()


def test_entries_are_audited(plan: Plan, measure: Measure) -> None:
    entry = enter(measure, plan.lead_worker, 6)
    event = last_audit()
    assert event.event_name == "MEASURE_VALUE_ENTERED"
    assert (event.actor_id, event.organisation_id) == (plan.lead_worker.pk, plan.lead_org.pk)
    assert event.target_type == "strategy.measure" and event.target_id == str(measure.pk)
    assert event.details == {
        "measure_value_id": entry.pk,
        "quarter": "2025-26 Q4",
        "value": "6",
        "corrects": None,
    }


def test_a_correction_is_a_new_row_with_a_reason(plan: Plan, measure: Measure) -> None:
    first = enter(measure, plan.lead_worker, 6, note="First count.")
    with pytest.raises(ApplicationError) as caught:
        enter(measure, plan.lead_worker, 8)
    assert (caught.value.message, caught.value.extra["field"]) == (MSG_NOTE_FOR_CORRECTION, "note")
    second = enter(measure, plan.chair, 8, note="A late return added.")
    assert MeasureValue.objects.filter(measure=measure).count() == 2
    first.refresh_from_db()
    assert first.value == 6  # never changed
    assert measure_value(measure, LAST_QUARTER) == 8
    history = measure_history(measure)
    assert [(h.item, h.is_current) for h in history] == [(second, True), (first, False)]
    assert last_audit().details["corrects"] == "6.00"
    assert history[0].item.organisation == membership_for_user(plan.chair).organisation


def test_history_runs_newest_quarter_first(plan: Plan, measure: Measure) -> None:
    older = enter(measure, plan.chair, 3, quarter=LAST_QUARTER.shift(-1))
    newer = enter(measure, plan.chair, 4)
    assert [(h.item, h.quarter) for h in measure_history(measure)] == [
        (newer, LAST_QUARTER),
        (older, LAST_QUARTER.shift(-1)),
    ]


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        (-1, Unit.COUNT, MSG_VALUE),
        (101, Unit.PERCENT, MSG_VALUE_PERCENT),
    ],
)
def test_value_checks(plan: Plan, value: int, unit: Unit, message: Any) -> None:
    measure = measure_create(
        strategy=plan.strategy, details=details(plan, unit=unit, target=None), actor=plan.chair
    )
    with pytest.raises(ApplicationError) as caught:
        enter(measure, plan.chair, value)
    assert (caught.value.message, caught.value.extra["field"]) == (message, "value")


def test_only_quarters_that_have_ended(plan: Plan, measure: Measure) -> None:
    with pytest.raises(ApplicationError) as caught:
        enter(measure, plan.chair, quarter=THIS_QUARTER)
    assert caught.value.message == MSG_QUARTER
    # The last day of a quarter is still in it.
    with pytest.raises(ApplicationError):
        enter(measure, plan.chair, quarter=THIS_QUARTER, today=THIS_QUARTER.end)
    enter(measure, plan.chair, quarter=THIS_QUARTER, today=THIS_QUARTER.end + datetime.timedelta(1))


def test_a_computed_measure_takes_no_values(plan: Plan) -> None:
    computed = measure_create(
        strategy=plan.strategy,
        details=details(
            plan,
            name="Fictional reports",
            source=MeasureSource.COMPUTED,
            computation=Computation.REPORTS_TOTAL,
        ),
        actor=plan.chair,
    )
    for actor in (plan.lead_worker, plan.chair):
        with pytest.raises(NotFound):
            enter(computed, actor)
    assert not MeasureValue.objects.exists()


def test_access_table(plan: Plan) -> None:
    assert user_can(plan.pcc, "measure.view") and not user_can(plan.pcc, "measure.enter")
    assert user_can(plan.chair, "measure.edit") and not user_can(plan.lead_worker, "measure.edit")
    assert not user_can(plan.administrator, "measure.view")
    with pytest.raises(KeyError):
        user_can(plan.chair, "measure.delete")
