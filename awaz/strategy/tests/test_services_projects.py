"""The delivery project services: checks, writes and audit rows."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.strategy.services import (
    ProjectDetails,
    project_change,
    project_create,
)
from awaz.strategy.services import projects as project_services
from awaz.strategy.tests.conftest import TODAY, Plan, last_audit
from awaz.strategy.tests.factories import (
    make_action,
    make_strand,
    make_strategy,
)

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")


# Projects ---------------------------------------------------------------------------------


def _project(plan: Plan, **fields: Any) -> ProjectDetails:
    values: dict[str, Any] = {
        "name": "Fictional schools sessions",
        "lead_organisation": plan.lead_org,
        "partners": (plan.supporting_org,),
        "actions": (plan.action,),
        "budget": Decimal("1500.50"),
        "sessions_held": 3,
        "people_reached": 90,
    }
    values.update(fields)
    return ProjectDetails(**values)


def test_a_project_and_a_change_of_its_figures(plan: Plan) -> None:
    project = project_create(strategy=plan.strategy, details=_project(plan), actor=plan.chair)
    assert list(project.actions.all()) == [plan.action]
    assert last_audit().details["budget"] == "1500.50"
    project_change(
        project=project,
        details=_project(plan, sessions_held=5, people_reached=150, actions=()),
        actor=plan.chair,
    )
    project.refresh_from_db()
    assert (project.sessions_held, project.people_reached, project.actions.count()) == (5, 150, 0)
    event = last_audit()
    assert event.event_name == "PROJECT_CHANGED"
    assert event.details == {
        "fields": ["sessions_held", "people_reached", "actions"],
        "figures": {
            "sessions_held": {"from": "3", "to": "5"},
            "people_reached": {"from": "90", "to": "150"},
        },
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, project_services.MSG_NAME),
        ({"budget": Decimal("-1")}, project_services.MSG_BUDGET),
        (
            {"starts_on": TODAY, "ends_on": TODAY - DAY},
            project_services.MSG_ENDS,
        ),
        ({"sessions_held": -1}, project_services.MSG_COUNT),
        ("lead_partner", project_services.MSG_LEAD_PARTNER),
        ("other_action", project_services.MSG_ACTION_OTHER),
    ],
)
def test_a_project_is_checked(plan: Plan, fields: Any, message: Any) -> None:
    if fields == "lead_partner":
        fields = {"partners": (plan.lead_org,)}
    elif fields == "other_action":
        other = make_strategy(chair=plan.chair, name="Another fictional strategy")
        strand = make_strand(strategy=other, chair=plan.chair)
        fields = {"actions": (make_action(strand=strand, chair=plan.chair, lead=plan.lead_org),)}
    with pytest.raises(ApplicationError) as error:
        project_create(strategy=plan.strategy, details=_project(plan, **fields), actor=plan.chair)
    assert error.value.message == message


def test_project_names_are_unique_in_a_strategy(plan: Plan) -> None:
    project_create(strategy=plan.strategy, details=_project(plan), actor=plan.chair)
    with pytest.raises(ApplicationError) as error:
        project_create(
            strategy=plan.strategy,
            details=_project(plan, name="FICTIONAL SCHOOLS SESSIONS"),
            actor=plan.chair,
        )
    assert error.value.message == project_services.MSG_NAME_TAKEN


def test_only_the_chair_manages_projects(plan: Plan) -> None:
    with pytest.raises(NotFound):
        project_create(strategy=plan.strategy, details=_project(plan), actor=plan.lead_worker)
