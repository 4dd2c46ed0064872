"""The plan's pages: the overview with its roll-ups and filters, the action page, and the
forms, used as the chair and partners use them (errors keep what was typed)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.strategy.models import Action, ProgressUpdate, Project, RagStatus, Strategy
from awaz.strategy.services import (
    milestone_done_set,
    objective_add,
    progress_update_add,
    rag_change_record,
)
from awaz.strategy.tests.conftest import TODAY, Plan
from awaz.strategy.tests.factories import make_action, make_milestone, small_pdf, small_png

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


def _status(plan: Plan, action: Action, status: str, reason: str = "", on: Any = TODAY) -> None:
    rag_change_record(
        action=action, rag_status=status, reason=reason, effective_on=on, actor=plan.chair
    )


# The overview ---------------------------------------------------------------------------


def test_no_strategy_yet(client: Client, chair: Any) -> None:
    client.force_login(chair)
    page = client.get(reverse("strategy:plan")).content.decode()
    assert "The partnership has no strategy in Awaz yet." in page
    assert reverse("strategy:strategy_create") in page


def test_the_overview_rolls_up_and_filters(plan: Plan, client: Client) -> None:
    strand = plan.strand
    extra = [
        make_action(strand=strand, chair=plan.chair, lead=plan.lead_org, title=f"Fictional {i}")
        for i in range(2)
    ]
    _status(plan, plan.action, "red", "Fictional: no funding")
    _status(plan, plan.other_action, "green")
    _status(plan, extra[0], "green")
    make_milestone(action=extra[1], chair=plan.chair, target_on=TODAY - 5 * DAY)  # overdue
    objective_add(strategy=plan.strategy, number=1, text="Fictional objective", actor=plan.chair)
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:plan")).content.decode()
    # 1 red of 4 (25%) makes the strand and the plan red (the action, the strand's row
    # and section, the plan's line and row); the overdue not-started action shows amber.
    assert page.count('<strong class="govuk-tag govuk-tag--red">Red</strong>') == 5
    assert "Amber (overdue)" in page
    assert "Fictional objective" in page and "0 actions" in page
    assert "Add an action" not in page  # the PCC office only reads
    filtered = client.get(reverse("strategy:plan"), {"status": "amber"}).content.decode()
    assert "1 action matches the filters." in filtered
    assert "Fictional 1" in filtered and "Fictional talks" not in filtered
    overdue = client.get(reverse("strategy:plan"), {"overdue": "on"}).content.decode()
    assert "1 action matches the filters." in overdue
    by_lead = client.get(reverse("strategy:plan"), {"lead": plan.supporting_org.pk})
    assert "1 action matches the filters." in by_lead.content.decode()


def _grow(plan: Plan, n: int) -> None:
    """``n`` more actions, each with milestones, updates with links and files, and statuses,
    led and supported by different organisations, so any missing prefetch shows."""
    for i in range(n):
        lead = OrganisationFactory()
        action = make_action(
            strand=plan.strand,
            chair=plan.chair,
            lead=lead,
            supporting=(OrganisationFactory(),),
            title=f"Grown {i}",
        )
        make_milestone(action=action, chair=plan.chair, target_on=TODAY - DAY)
        done = make_milestone(action=action, chair=plan.chair, target_on=TODAY - 9 * DAY)
        milestone_done_set(milestone_id=done.pk, done_on=TODAY - 9 * DAY, actor=plan.chair)
        _status(plan, action, "amber", "Fictional")
        worker = StaffFactory(organisation=lead, role="partner_caseworker", mfa=False)
        progress_update_add(
            action=action if i else plan.action,
            update_on=TODAY - DAY,
            text="Fictional",
            links=["https://example.org/x"],
            attachments=[small_png()],
            actor=worker if i else plan.chair,
        )


@pytest.mark.parametrize("page", ["overview", "action"])
def test_query_counts_do_not_grow(plan: Plan, client: Client, page: str) -> None:
    client.force_login(plan.chair)
    url = (
        reverse("strategy:plan")
        if page == "overview"
        else reverse("strategy:action_detail", args=[plan.action.pk])
    )
    _grow(plan, 1)
    client.get(url)  # the first page after signing in also records the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(plan, 4)
    for _ in range(3):
        progress_update_add(
            action=plan.action,
            update_on=TODAY,
            text="More",
            links=["https://example.org/y"],
            attachments=[small_pdf()],
            actor=plan.lead_worker,
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 25


# The action page -------------------------------------------------------------------------


def test_the_action_page_shows_the_timeline_newest_first(plan: Plan, client: Client) -> None:
    milestone = make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY - 20 * DAY)
    milestone_done_set(milestone_id=milestone.pk, done_on=TODAY - 21 * DAY, actor=plan.chair)
    _status(plan, plan.action, "green", on=TODAY - 30 * DAY)
    progress_update_add(
        action=plan.action, update_on=TODAY - 2 * DAY, text="Fictional newest", actor=plan.chair
    )
    progress_update_add(
        action=plan.action,
        update_on=TODAY - 40 * DAY,
        text="Fictional oldest, recorded last",
        actor=plan.lead_worker,
    )
    make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY - DAY, title="Late one")
    client.force_login(plan.supporting_worker)
    page = client.get(reverse("strategy:action_detail", args=[plan.action.pk])).content.decode()
    order = [
        page.index(text)
        for text in (
            "Fictional newest",
            "Milestone reached, 25 May 2026",
            "RAG status from 16 May 2026",
            "Fictional oldest, recorded last",
        )
    ]
    assert order == sorted(order)
    assert "Shown as amber because it has been overdue since 14 June 2026." in page
    assert "Add a progress update" in page  # a supporting organisation may add updates
    assert "Record the RAG status" not in page  # but only the lead records the status
    assert "Change the action" not in page


# Forms -------------------------------------------------------------------------------------


def test_the_chair_sets_up_a_strategy_and_errors_keep_what_was_typed(
    client: Client, chair: Any
) -> None:
    client.force_login(chair)
    url = reverse("strategy:strategy_create")
    data = {
        "name": "Fictional plan",
        "summary": "Typed summary",
        **_date("starts_on", datetime.date(2026, 4, 1)),
        **_date("ends_on", datetime.date(2025, 4, 1)),
    }
    page = client.post(url, data).content.decode()
    assert "There is a problem" in page
    assert "<title>Error: Set up a strategy" in page
    assert 'value="Fictional plan"' in page and "Typed summary" in page
    data.update(_date("ends_on", datetime.date(2029, 3, 31)))
    response = client.post(url, data)
    strategy = Strategy.objects.get()
    assert response["Location"] == reverse("strategy:strategy_overview", args=[strategy.pk])


def test_the_chair_adds_an_action_and_a_milestone(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    response = client.post(
        reverse("strategy:action_create", args=[plan.strategy.pk]),
        {
            "strand": plan.strand.pk,
            "title": "Fictional new action",
            "lead_organisation": plan.supporting_org.pk,
            "supporting_organisations": [plan.lead_org.pk],
            **_date("due_on", datetime.date(2027, 3, 31)),
        },
    )
    action = Action.objects.get(title="Fictional new action")
    assert response["Location"] == reverse("strategy:action_detail", args=[action.pk])
    assert action.reference == "1.3"
    response = client.post(
        reverse("strategy:milestone_add", args=[action.pk]),
        {"title": "Fictional step", **_date("target_on", datetime.date(2026, 9, 1))},
    )
    assert action.milestones.get().title == "Fictional step"


def test_the_lead_records_a_status_and_an_error_keeps_the_choice(
    plan: Plan, client: Client
) -> None:
    client.force_login(plan.lead_worker)
    url = reverse("strategy:rag_change", args=[plan.action.pk])
    page = client.post(url, {"rag_status": "red", **_date("effective_on", TODAY)}).content.decode()
    assert "Enter why the action is red or amber" in page
    assert 'value="red" checked' in page
    client.post(url, {"rag_status": "red", "reason": "Fictional", **_date("effective_on", TODAY)})
    plan.action.refresh_from_db()
    assert plan.action.rag_status == RagStatus.RED
    again = client.get(url).content.decode()  # the next change starts from the current one
    assert 'value="red" checked' in again and ">\nFictional</textarea>" in again


def test_a_progress_update_with_evidence(plan: Plan, client: Client) -> None:
    client.force_login(plan.supporting_worker)
    url = reverse("strategy:progress_update", args=[plan.action.pk])
    page = client.post(
        url,
        {
            "text": "",
            "links": "https://example.org/evidence",
            "attachments": [small_png()],
            **_date("update_on", TODAY),
        },
    ).content.decode()
    assert "Enter what progress has been made" in page
    assert "https://example.org/evidence" in page
    assert "Choose your files again." in page
    response = client.post(
        url,
        {
            "text": "Fictional: 3 sessions",
            "links": "https://example.org/evidence",
            "attachments": [small_png(), small_pdf()],
            **_date("update_on", TODAY - DAY),
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.update_on, update.files.count(), update.links.count()) == (TODAY - DAY, 2, 1)


def test_a_refused_file_comes_back_on_its_field(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    page = client.post(
        reverse("strategy:progress_update", args=[plan.action.pk]),
        {
            "text": "Fictional",
            "attachments": [small_png("notes.pdf")],
            **_date("update_on", TODAY),
        },
    ).content.decode()
    assert "The selected file is not what its name says" in page
    assert 'href="#id_attachments"' in page


def test_a_project_with_its_budget(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    client.post(
        reverse("strategy:project_create", args=[plan.strategy.pk]),
        {
            "name": "Fictional awareness week",
            "status": "running",
            "lead_organisation": plan.lead_org.pk,
            "partners": [plan.supporting_org.pk],
            "actions": [plan.action.pk],
            "budget": "£2,000",
            "sessions_held": "4",
            "people_reached": "1,250",
        },
    )
    project = Project.objects.get()
    page = client.get(reverse("strategy:project_list", args=[plan.strategy.pk])).content.decode()
    assert "£2,000.00" in page and "1,250" in page
    detail = client.get(reverse("strategy:project_detail", args=[project.pk])).content.decode()
    assert "1.1 Fictional talks" in detail
    action_page = client.get(reverse("strategy:action_detail", args=[plan.action.pk]))
    assert "Fictional awareness week" in action_page.content.decode()


def test_milestone_reached_and_not_reached_from_the_page(plan: Plan, client: Client) -> None:
    milestone = make_milestone(action=plan.action, chair=plan.chair, target_on=TODAY)
    client.force_login(plan.lead_worker)
    client.post(
        reverse("strategy:milestone_done", args=[milestone.pk]), _date("done_on", TODAY - DAY)
    )
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY - DAY
    response = client.post(reverse("strategy:milestone_reopen", args=[milestone.pk]), follow=True)
    assert "Milestone marked as not reached." in response.content.decode()
    again = client.post(reverse("strategy:milestone_reopen", args=[milestone.pk]), follow=True)
    assert "The milestone is not marked as reached" in again.content.decode()
