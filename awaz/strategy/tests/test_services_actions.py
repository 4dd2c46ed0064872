"""The action, RAG status and milestone services: checks, writes and audit rows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.partners.tests.factories import OrganisationFactory
from awaz.strategy.models import Action, RagChange, RagStatus
from awaz.strategy.services import (
    ActionDetails,
    action_change,
    milestone_change,
    milestone_done_set,
    rag_change_record,
)
from awaz.strategy.services import actions as action_services
from awaz.strategy.tests.conftest import TODAY, Plan, audit_names, last_audit
from awaz.strategy.tests.factories import (
    STARTS,
    make_action,
    make_milestone,
    make_objective,
    make_strand,
    make_strategy,
)

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")


# Actions ----------------------------------------------------------------------------------


def test_actions_are_numbered_in_their_strand(plan: Plan) -> None:
    third = make_action(strand=plan.strand, chair=plan.chair, lead=plan.lead_org, title="Third")
    assert [plan.action.reference, plan.other_action.reference, third.reference] == [
        "1.1",
        "1.2",
        "1.3",
    ]
    event = last_audit()
    assert event.event_name == "PLAN_ACTION_CREATED"
    assert event.details["reference"] == "1.3"
    assert set(plan.action.supporting_organisations.all()) == {plan.supporting_org}


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"title": "  "}, action_services.MSG_TITLE, "title"),
        (
            {"starts_on": TODAY, "due_on": TODAY - DAY},
            action_services.MSG_DUE,
            "due_on",
        ),
        ("lead_supports", action_services.MSG_LEAD_SUPPORTING, "supporting_organisations"),
        ("other_objective", action_services.MSG_OBJECTIVE_OTHER, "objectives"),
        ("inactive_lead", action_services.MSG_LEAD_INACTIVE, "lead_organisation"),
    ],
)
def test_an_action_is_checked(plan: Plan, change: Any, message: Any, field: str) -> None:
    fields: dict[str, Any] = {
        "strand": plan.strand,
        "title": "Fictional",
        "lead_organisation": plan.lead_org,
    }
    if change == "lead_supports":
        fields["supporting_organisations"] = (plan.lead_org,)
    elif change == "other_objective":
        other = make_strategy(chair=plan.chair, name="Another fictional strategy")
        fields["objectives"] = (make_objective(strategy=other, chair=plan.chair),)
    elif change == "inactive_lead":
        fields["lead_organisation"] = OrganisationFactory(name="Gone", is_active=False)
    else:
        fields.update(change)
    with pytest.raises(ApplicationError) as error:
        action_services.action_create(details=ActionDetails(**fields), actor=plan.chair)
    assert (error.value.message, error.value.extra) == (message, {"field": field})


def test_moving_an_action_numbers_it_in_its_new_strand(plan: Plan) -> None:
    second = make_strand(strategy=plan.strategy, chair=plan.chair, number=2)
    make_action(strand=second, chair=plan.chair, lead=plan.lead_org)
    objective = make_objective(strategy=plan.strategy, chair=plan.chair)
    moved = action_change(
        action=plan.action,
        details=ActionDetails(
            strand=second,
            title="Fictional talks",
            lead_organisation=plan.lead_org,
            supporting_organisations=(),
            objectives=(objective,),
        ),
        actor=plan.chair,
    )
    assert moved.reference == "2.2"
    event = last_audit()
    assert event.event_name == "PLAN_ACTION_CHANGED"
    assert event.details == {
        "fields": ["strand", "number", "supporting_organisations", "objectives"]
    }


def test_an_action_cannot_move_to_another_strategy(plan: Plan) -> None:
    other = make_strategy(chair=plan.chair, name="Another fictional strategy")
    strand = make_strand(strategy=other, chair=plan.chair)
    with pytest.raises(ApplicationError) as error:
        action_change(
            action=plan.action,
            details=ActionDetails(strand=strand, title="X", lead_organisation=plan.lead_org),
            actor=plan.chair,
        )
    assert error.value.message == action_services.MSG_STRAND_OTHER


# RAG statuses -----------------------------------------------------------------------------


def test_the_lead_records_a_status_with_its_reason(plan: Plan) -> None:
    change = rag_change_record(
        action=plan.action,
        rag_status=RagStatus.AMBER,
        reason=" Venue lost ",
        effective_on=TODAY,
        actor=plan.lead_worker,
    )
    plan.action.refresh_from_db()
    assert (plan.action.rag_status, plan.action.rag_reason, plan.action.rag_set_on) == (
        "amber",
        "Venue lost",
        TODAY,
    )
    assert (change.recorded_by, change.organisation) == (plan.lead_worker, plan.lead_org)
    event = last_audit()
    assert event.event_name == "PLAN_ACTION_RAG_CHANGED"
    assert event.organisation_id == plan.lead_org.pk
    assert event.details == {
        "rag_change_id": change.pk,
        "from": "not_started",
        "to": "amber",
        "effective_on": "2026-06-15",
        "current": "amber",
    }


@pytest.mark.parametrize("status", [RagStatus.RED, RagStatus.AMBER])
def test_red_and_amber_need_a_reason(plan: Plan, status: RagStatus) -> None:
    with pytest.raises(ApplicationError) as error:
        rag_change_record(
            action=plan.action, rag_status=status, reason=" ", effective_on=TODAY, actor=plan.chair
        )
    assert (error.value.message, error.value.extra) == (
        action_services.MSG_REASON,
        {"field": "reason"},
    )


def test_the_database_refuses_red_without_a_reason(plan: Plan) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=plan.action.pk).update(rag_status="red", rag_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        RagChange.objects.create(
            action=plan.action,
            rag_status="amber",
            reason="",
            effective_on=TODAY,
            recorded_at=datetime.datetime.now(tz=datetime.UTC),
        )


def test_a_back_dated_status_goes_into_the_history_only(plan: Plan) -> None:
    rag_change_record(
        action=plan.action, rag_status="green", reason="", effective_on=TODAY, actor=plan.chair
    )
    rag_change_record(
        action=plan.action,
        rag_status="red",
        reason="Earlier trouble",
        effective_on=TODAY - 60 * DAY,
        actor=plan.chair,
    )
    plan.action.refresh_from_db()
    assert (plan.action.rag_status, plan.action.rag_set_on) == ("green", TODAY)
    assert list(plan.action.rag_changes.values_list("rag_status", flat=True)) == ["green", "red"]


@pytest.mark.parametrize(
    ("effective_on", "message"),
    [
        (TODAY + DAY, action_services.MSG_NOT_FUTURE),
        (STARTS - DAY, action_services.MSG_BEFORE_STRATEGY),
    ],
)
def test_a_status_date_is_in_the_strategy_and_not_in_the_future(
    plan: Plan, effective_on: datetime.date, message: Any
) -> None:
    with pytest.raises(ApplicationError) as error:
        rag_change_record(
            action=plan.action,
            rag_status="green",
            reason="",
            effective_on=effective_on,
            actor=plan.chair,
        )
    assert (error.value.message, error.value.extra) == (message, {"field": "effective_on"})


def test_only_the_chair_and_the_lead_record_a_status(plan: Plan) -> None:
    for user in (plan.supporting_worker, plan.other_worker, plan.pcc, plan.administrator):
        with pytest.raises(NotFound):
            rag_change_record(
                action=plan.action, rag_status="green", reason="", effective_on=TODAY, actor=user
            )
    rag_change_record(
        action=plan.action, rag_status="green", reason="", effective_on=TODAY, actor=plan.analyst
    )


# Milestones -------------------------------------------------------------------------------


def test_a_moved_target_date_is_audited_with_both_dates(plan: Plan) -> None:
    milestone = make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY)
    assert last_audit().event_name == "MILESTONE_ADDED"
    milestone_change(
        milestone=milestone, title=milestone.title, target_on=TODAY + 30 * DAY, actor=plan.chair
    )
    assert last_audit().details == {
        "action_id": plan.action.pk,
        "fields": ["target_on"],
        "target_from": "2026-06-15",
        "target_to": "2026-07-15",
    }


def test_the_lead_marks_a_milestone_reached_and_not_reached(plan: Plan) -> None:
    milestone = make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY)
    done = milestone_done_set(
        milestone_id=milestone.pk, done_on=TODAY - 2 * DAY, actor=plan.lead_worker
    )
    assert done.done_on == TODAY - 2 * DAY
    with pytest.raises(ConflictError):
        milestone_done_set(milestone_id=milestone.pk, done_on=TODAY, actor=plan.lead_worker)
    milestone_done_set(milestone_id=milestone.pk, done_on=None, actor=plan.chair)
    with pytest.raises(ConflictError):
        milestone_done_set(milestone_id=milestone.pk, done_on=None, actor=plan.chair)
    assert audit_names(target_type="strategy.milestone") == [
        "MILESTONE_ADDED",
        "MILESTONE_DONE",
        "MILESTONE_REOPENED",
    ]


def test_a_milestone_is_not_reached_in_the_future_nor_by_a_supporter(plan: Plan) -> None:
    milestone = make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY)
    with pytest.raises(ApplicationError) as error:
        milestone_done_set(milestone_id=milestone.pk, done_on=TODAY + DAY, actor=plan.chair)
    assert error.value.extra == {"field": "done_on"}
    with pytest.raises(NotFound):
        milestone_done_set(milestone_id=milestone.pk, done_on=TODAY, actor=plan.supporting_worker)
