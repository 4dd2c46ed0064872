"""The plan's forms: each way an answer can be wrong gives its GOV.UK message, and amounts
and numbers are read the way people type them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from awaz.partners.models import Organisation
from awaz.strategy.forms import (
    ActionForm,
    PlanFilterForm,
    ProgressUpdateForm,
    ProjectForm,
    RagForm,
    StrategyForm,
)
from awaz.strategy.models import Action, RagStatus
from awaz.strategy.tests.conftest import TODAY, Plan

pytestmark = pytest.mark.usefixtures("frozen")


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


def _action_form(plan: Plan, data: dict[str, Any]) -> ActionForm:
    return ActionForm(
        data,
        strands=plan.strategy.strands.all(),
        organisations=Organisation.objects.all(),
        objectives=plan.strategy.objectives.all(),
    )


def test_action_form_required_answers(plan: Plan) -> None:
    form = _action_form(plan, {})
    assert not form.is_valid()
    assert form.errors == {
        "strand": ["Choose the strand"],
        "title": ["Enter what the action is"],
        "lead_organisation": ["Choose the lead organisation"],
    }


def test_action_form_lead_cannot_support_and_due_follows_start(plan: Plan) -> None:
    form = _action_form(
        plan,
        {
            "strand": plan.strand.pk,
            "title": "Fictional",
            "lead_organisation": plan.lead_org.pk,
            "supporting_organisations": [plan.lead_org.pk, plan.supporting_org.pk],
            **_date("starts_on", TODAY),
            **_date("due_on", TODAY - datetime.timedelta(days=1)),
        },
    )
    assert not form.is_valid()
    assert form.errors == {
        "supporting_organisations": [
            "The lead organisation cannot also be a supporting organisation"
        ],
        "due_on": ["The due date must be the same as or after the start date"],
    }


def test_action_form_date_messages(plan: Plan) -> None:
    form = _action_form(
        plan,
        {
            "strand": plan.strand.pk,
            "title": "Fictional",
            "lead_organisation": plan.lead_org.pk,
            "starts_on-day": "31",
            "starts_on-month": "2",
            "starts_on-year": "2026",
            "due_on-day": "1",
            "due_on-year": "2026",
        },
    )
    assert not form.is_valid()
    assert form.errors == {
        "starts_on": ["The start date must be a real date"],
        "due_on": ["The due date must include a month"],
    }


@pytest.mark.parametrize("status", [RagStatus.RED, RagStatus.AMBER])
def test_rag_form_needs_a_reason_for_red_and_amber(status: RagStatus) -> None:
    form = RagForm({"rag_status": status, "reason": " ", **_date("effective_on", TODAY)})
    assert not form.is_valid()
    assert form.errors == {"reason": ["Enter why the action is red or amber"]}


def test_rag_form_green_needs_no_reason_but_a_past_date() -> None:
    assert RagForm({"rag_status": "green", **_date("effective_on", TODAY)}).is_valid()
    form = RagForm(
        {"rag_status": "green", **_date("effective_on", TODAY + datetime.timedelta(days=1))}
    )
    assert form.errors == {
        "effective_on": ["The date the status applies from must be today or in the past"]
    }
    form = RagForm(
        {"rag_status": "green", **_date("effective_on", datetime.date(2025, 1, 1))},
        earliest=datetime.date(2025, 4, 1),
    )
    assert form.errors == {
        "effective_on": ["The date the status applies from must be after 1 April 2025"]
    }


def test_rag_form_starts_on_today_and_the_current_status() -> None:
    form = RagForm(initial={"rag_status": "amber"})
    assert form["effective_on"].value() == TODAY
    assert form["rag_status"].value() == "amber"


def test_progress_update_form() -> None:
    form = ProgressUpdateForm(
        {"links": "https://example.org/ok\nnot a link", **_date("update_on", TODAY)}
    )
    assert not form.is_valid()
    assert form.errors == {
        "text": ["Enter what progress has been made"],
        "links": ["Enter each link as a full web address starting with https:// or http://"],
    }
    form = ProgressUpdateForm({"text": "Done"})
    assert form.errors == {"update_on": ["Enter the date of the update"]}


def test_progress_update_form_counts_files_and_says_they_must_be_chosen_again() -> None:
    files = MultiValueDict(
        {"attachments": [SimpleUploadedFile(f"f{i}.png", b"x") for i in range(6)]}
    )
    form = ProgressUpdateForm({"text": "Done", **_date("update_on", TODAY)}, files)
    assert not form.is_valid()
    assert form.errors == {"attachments": ["Choose 5 files or fewer"]}
    assert form.files_sent
    assert not ProgressUpdateForm({"text": "x"}).files_sent


def _project_form(plan: Plan, **data: Any) -> ProjectForm:
    values = {
        "name": "Fictional",
        "status": "planned",
        "lead_organisation": plan.lead_org.pk,
        "sessions_held": "0",
        "people_reached": "0",
    }
    values.update(data)
    return ProjectForm(
        values, organisations=Organisation.objects.all(), actions=Action.objects.all()
    )


@pytest.mark.parametrize(
    ("typed", "budget"),
    [
        ("1500", Decimal("1500")),
        ("£1,500.50", Decimal("1500.50")),
        (" £ 20 ", Decimal("20")),
        ("", None),
    ],
)
def test_project_budget_as_people_type_it(plan: Plan, typed: str, budget: Decimal | None) -> None:
    form = _project_form(plan, budget=typed, people_reached="1,200")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["budget"], form.cleaned_data["people_reached"]) == (budget, 1200)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"budget": "lots"},
            {"budget": ["Enter the budget as an amount of money, such as 1500 or 1500.50"]},
        ),
        ({"budget": "-5"}, {"budget": ["The budget must be £0 or more"]}),
        (
            {"budget": "10.555"},
            {"budget": ["Enter the budget in pounds and pence, such as 1500.50"]},
        ),
        ({"sessions_held": "-1"}, {"sessions_held": ["Enter a whole number, 0 or more"]}),
        ({"people_reached": "many"}, {"people_reached": ["Enter a whole number, 0 or more"]}),
        ({"people_reached": ""}, {"people_reached": ["Enter the number of people reached, or 0"]}),
        (
            "lead_partner",
            {"partners": ["The lead organisation cannot also be listed as a partner"]},
        ),
    ],
)
def test_project_form_messages(plan: Plan, data: Any, errors: dict[str, list[str]]) -> None:
    if data == "lead_partner":
        data = {"partners": [plan.lead_org.pk]}
    form = _project_form(plan, **data)
    assert not form.is_valid()
    assert form.errors == errors


def test_strategy_form_period() -> None:
    form = StrategyForm({"name": "X", **_date("starts_on", TODAY), **_date("ends_on", TODAY)})
    assert form.errors == {"ends_on": ["The end date must be after the start date"]}


def test_filters_ignore_unknown_values(plan: Plan) -> None:
    strands = [(plan.strand.pk, str(plan.strand))]
    leads = [(plan.lead_org.pk, plan.lead_org.name)]
    form = PlanFilterForm(
        {"strand": "99999", "lead": str(plan.lead_org.pk), "status": "purple", "overdue": "on"},
        strands=strands,
        leads=leads,
    )
    filters = form.filters()
    assert (filters.strand_id, filters.lead_organisation_id, filters.status) == (
        None,
        plan.lead_org.pk,
        None,
    )
    assert filters.overdue_only and filters.active
    assert not PlanFilterForm(None, strands=strands, leads=leads).filters().active
