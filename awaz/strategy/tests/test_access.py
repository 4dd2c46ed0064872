"""Who may open which plan page: the whole matrix, role by role, and the same 404 for a
page the role may not use, an action that is not their organisation's, and a missing one."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from awaz.strategy import access
from awaz.strategy.services import progress_update_add, project_create
from awaz.strategy.services.projects import ProjectDetails
from awaz.strategy.tests.conftest import Plan
from awaz.strategy.tests.factories import make_milestone, small_png

pytestmark = pytest.mark.usefixtures("frozen")

ROLES = (
    "chair",
    "lead_worker",
    "analyst",  # works at the lead organisation
    "supporting_worker",
    "other_worker",
    "centre_worker",
    "pcc",
    "administrator",
)
READERS = {
    "chair",
    "lead_worker",
    "analyst",
    "supporting_worker",
    "other_worker",
    "centre_worker",
    "pcc",
}
UPDATERS = {"chair", "lead_worker", "analyst", "supporting_worker"}
STATUS = {"chair", "lead_worker", "analyst"}
CHAIR = {"chair"}


def _urls(plan: Plan) -> dict[str, tuple[str, set[str]]]:
    milestone = make_milestone(
        action=plan.action, chair=plan.chair, target_on=datetime.date(2026, 7, 1)
    )
    project = project_create(
        strategy=plan.strategy,
        details=ProjectDetails(name="Fictional project", lead_organisation=plan.lead_org),
        actor=plan.chair,
    )
    update = progress_update_add(
        action=plan.action,
        update_on=datetime.date(2026, 6, 1),
        text="Fictional progress",
        attachments=[small_png()],
        actor=plan.chair,
    )
    a, s = plan.action.pk, plan.strategy.pk
    return {
        "plan": (reverse("strategy:plan"), READERS),
        "strategy": (reverse("strategy:strategy_overview", args=[s]), READERS),
        "action": (reverse("strategy:action_detail", args=[a]), READERS),
        "projects": (reverse("strategy:project_list", args=[s]), READERS),
        "project": (reverse("strategy:project_detail", args=[project.pk]), READERS),
        "evidence": (
            reverse("strategy:evidence_download", args=[update.files.get().pk]),
            READERS,
        ),
        "update": (reverse("strategy:progress_update", args=[a]), UPDATERS),
        "status": (reverse("strategy:rag_change", args=[a]), STATUS),
        "reached": (reverse("strategy:milestone_done", args=[milestone.pk]), STATUS),
        "new strategy": (reverse("strategy:strategy_create"), CHAIR),
        "edit strategy": (reverse("strategy:strategy_edit", args=[s]), CHAIR),
        "new strand": (reverse("strategy:strand_add", args=[s]), CHAIR),
        "edit strand": (reverse("strategy:strand_edit", args=[plan.strand.pk]), CHAIR),
        "new objective": (reverse("strategy:objective_add", args=[s]), CHAIR),
        "new action": (reverse("strategy:action_create", args=[s]), CHAIR),
        "edit action": (reverse("strategy:action_edit", args=[a]), CHAIR),
        "new milestone": (reverse("strategy:milestone_add", args=[a]), CHAIR),
        "edit milestone": (reverse("strategy:milestone_edit", args=[milestone.pk]), CHAIR),
        "new project": (reverse("strategy:project_create", args=[s]), CHAIR),
        "edit project": (reverse("strategy:project_edit", args=[project.pk]), CHAIR),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_access_matrix(plan: Plan, client: Client, role: str) -> None:
    """Each role opens exactly the pages its column allows; every other one is a 404."""
    urls = _urls(plan)
    client.force_login(getattr(plan, role))
    statuses = {name: client.get(url).status_code for name, (url, _allowed) in urls.items()}
    assert statuses == {
        name: 200 if role in allowed else 404 for name, (_url, allowed) in urls.items()
    }


def test_not_allowed_looks_exactly_like_missing(plan: Plan, client: Client) -> None:
    client.force_login(plan.supporting_worker)
    theirs = client.get(reverse("strategy:rag_change", args=[plan.action.pk]))
    missing = client.get(reverse("strategy:rag_change", args=[999_999]))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    client.force_login(plan.other_worker)
    not_theirs = client.get(reverse("strategy:progress_update", args=[plan.action.pk]))
    assert (not_theirs.status_code, not_theirs.content) == (404, missing.content)


def test_signed_out_visitors_are_sent_to_sign_in(plan: Plan, client: Client) -> None:
    response = client.get(reverse("strategy:plan"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("role", "shown"), [("chair", True), ("pcc", True), ("administrator", False)]
)
def test_the_navigation_link(plan: Plan, client: Client, role: str, shown: bool) -> None:
    client.force_login(getattr(plan, role))
    page = client.get(reverse("reporting:staff_home"), follow=True).content.decode()
    assert (f'href="{reverse("strategy:plan")}"' in page) is shown


def test_scoped_lists_of_actions(plan: Plan) -> None:
    assert set(access.actions_updatable_by(plan.supporting_worker)) == {
        plan.action,
        plan.other_action,
    }
    assert set(access.actions_statusable_by(plan.supporting_worker)) == {plan.other_action}
    assert set(access.actions_updatable_by(plan.lead_worker)) == {plan.action}
    assert set(access.actions_updatable_by(plan.chair)) == {plan.action, plan.other_action}
    assert list(access.actions_updatable_by(plan.pcc)) == []
    assert list(access.actions_statusable_by(plan.other_worker)) == []


def test_an_unmapped_action_raises(plan: Plan) -> None:
    with pytest.raises(KeyError):
        access.user_can(plan.chair, "plan.delete")
