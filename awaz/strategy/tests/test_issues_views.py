"""The issue log's pages as the chair and partners use them: the list and its filters, an
issue's history, raising an issue (a contributor for their own organisation, the chair for
any; text that could identify a victim refused, keeping what was typed), and the chair's
forms."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.strategy.models import Issue, IssueStatus
from awaz.strategy.services.issues import (
    IssueDetails,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_note_add,
    issue_raise,
)
from awaz.strategy.services.meetings import meeting_create
from awaz.strategy.tests.conftest import Plan

pytestmark = pytest.mark.usefixtures("frozen")

D = datetime.date


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


def raise_issue(plan: Plan, title: str, organisation: Any, raised_on: datetime.date) -> Issue:
    return issue_raise(
        strategy=plan.strategy,
        details=IssueDetails(
            title=title,
            description="Fictional description.",
            raised_by_organisation=organisation,
            raised_on=raised_on,
        ),
        actor=plan.chair,
    )


@pytest.fixture
def log(plan: Plan) -> dict[str, Issue]:
    """Four issues: open (lead org), discussed (lead org), escalated (supporting org) and
    resolved after escalation (other org)."""
    chair = plan.chair
    issues = {
        "open": raise_issue(plan, "Fictional open issue", plan.lead_org, D(2026, 5, 1)),
        "discussed": raise_issue(plan, "Fictional discussed issue", plan.lead_org, D(2026, 4, 1)),
        "escalated": raise_issue(
            plan, "Fictional escalated issue", plan.supporting_org, D(2026, 3, 1)
        ),
        "resolved": raise_issue(plan, "Fictional resolved issue", plan.other_org, D(2026, 2, 1)),
    }
    for key in ("discussed", "escalated", "resolved"):
        issue_discuss(issue=issues[key], note="", actor=chair)
    for key in ("escalated", "resolved"):
        issue_escalate(issue=issues[key], escalated_on=D(2026, 5, 2), note="", actor=chair)
    issue_conclude(
        issue=issues["resolved"],
        outcome=IssueStatus.RESOLVED,
        resolution="Fictional: settled at county level.",
        ended_on=D(2026, 6, 1),
        actor=chair,
    )
    return issues


def titles(client: Client, plan: Plan, **query: str) -> list[str]:
    response = client.get(reverse("strategy:issue_list", args=[plan.strategy.pk]), query)
    return [issue.title.removeprefix("Fictional ") for issue in response.context["issues"]]


def test_the_list_and_its_filters(plan: Plan, log: dict[str, Issue], client: Client) -> None:
    client.force_login(plan.pcc)
    assert titles(client, plan) == [
        "open issue",
        "discussed issue",
        "escalated issue",
        "resolved issue",
    ]
    assert titles(client, plan, status="open") == [
        "open issue",
        "discussed issue",
        "escalated issue",
    ]
    assert titles(client, plan, status="resolved") == ["resolved issue"]
    assert titles(client, plan, raised_by=str(plan.lead_org.pk)) == [
        "open issue",
        "discussed issue",
    ]
    assert titles(client, plan, escalated="yes") == ["escalated issue", "resolved issue"]
    assert titles(client, plan, escalated="no", status="open") == [
        "open issue",
        "discussed issue",
    ]
    # An edited address filters nothing rather than failing.
    assert len(titles(client, plan, status="bogus", raised_by="x")) == 4
    page = client.get(
        reverse("strategy:issue_list", args=[plan.strategy.pk]), {"escalated": "yes"}
    ).content.decode()
    assert "2 issues match the filters" in page
    assert "Escalated 2 May 2026" in page
    assert '<option value="yes" selected>' in page


def test_the_list_query_count_is_fixed(plan: Plan, log: dict[str, Issue], client: Client) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:issue_list", args=[plan.strategy.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = queries()
    for n in range(3):
        raise_issue(plan, f"Fictional more {n}", plan.other_org, D(2026, 6, 1))
    assert queries() == before


def test_an_issue_page_shows_its_history(plan: Plan, log: dict[str, Issue], client: Client) -> None:
    issue = log["open"]
    meeting = meeting_create(
        strategy=plan.strategy, title="Fictional meeting", held_on=D(2026, 5, 20), actor=plan.chair
    )
    issue_discuss(
        issue=issue, note="Fictional: <agreed> to escalate.", meeting=meeting, actor=plan.chair
    )
    issue_escalate(issue=issue, escalated_on=D(2026, 5, 25), note="", actor=plan.chair)
    issue_note_add(issue=issue, note="Fictional news.", actor=plan.chair)
    client.force_login(plan.analyst)
    response = client.get(reverse("strategy:issue_detail", args=[issue.pk]))
    assert [entry["kind"] for entry in response.context["history"]] == [
        "raised",
        "meeting",
        "status",
        "note",
    ]
    page = response.content.decode()
    assert "Discussed at Fictional meeting, 20 May 2026" in page
    assert "Fictional: &lt;agreed&gt; to escalate." in page
    assert "Escalated to the county action group" in page
    assert reverse("strategy:meeting_detail", args=[meeting.pk]) in page
    assert reverse("strategy:issue_escalate", args=[issue.pk]) not in page  # not the chair
    page = client.get(reverse("strategy:issue_detail", args=[log["resolved"].pk])).content.decode()
    assert "Resolved on" in page and "Fictional: settled at county level." in page


def test_a_contributor_raises_an_issue_for_their_organisation(plan: Plan, client: Client) -> None:
    client.force_login(plan.lead_worker)
    url = reverse("strategy:issue_raise", args=[plan.strategy.pk])
    page = client.get(url).content.decode()
    assert "For Fictional Victim Hub A" in page
    assert 'name="raised_by_organisation"' not in page
    assert "Do not include names or details that could identify a victim." in page
    typed = {
        "title": "Fictional: taxi drivers unsure how to report",
        "description": "Fictional. Contact the driver on 07700 900123.",
        **_date("raised_on", D(2026, 6, 10)),
    }
    page = client.post(url, typed).content.decode()
    assert "Remove the phone number" in page
    assert "Fictional. Contact the driver on 07700 900123.</textarea>" in page  # kept
    assert 'value="Fictional: taxi drivers unsure how to report"' in page
    assert not Issue.objects.exists()
    typed["description"] = "Fictional. Drivers do not know whether abuse counts."
    response = client.post(url, typed)
    issue = Issue.objects.get()
    assert response["Location"] == reverse("strategy:issue_detail", args=[issue.pk])
    assert (issue.raised_by_organisation, issue.raised_on) == (plan.lead_org, D(2026, 6, 10))


def test_a_street_address_with_a_postcode_is_refused(plan: Plan, client: Client) -> None:
    # The PCC office reads the log: an address must never reach it.
    client.force_login(plan.lead_worker)
    url = reverse("strategy:issue_raise", args=[plan.strategy.pk])
    typed = {
        "title": "Fictional: repeated abuse outside a home",
        "description": "Fictional. It happens at 12 Botchergate, Carlisle CA1 1AA.",
        **_date("raised_on", D(2026, 6, 10)),
    }
    page = client.post(url, typed).content.decode()
    assert "Remove the postcode" in page
    typed["description"] = "Fictional. It happens at 12 Botchergate, Carlisle."
    page = client.post(url, typed).content.decode()
    assert "Remove the street address" in page
    assert "Fictional. It happens at 12 Botchergate, Carlisle.</textarea>" in page  # kept
    assert not Issue.objects.exists()


def test_the_chair_raises_an_issue_for_any_organisation(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:issue_raise", args=[plan.strategy.pk])
    response = client.post(
        url,
        {
            "title": "Fictional issue from a partnership",
            "description": "Fictional description.",
            "raised_by_organisation": str(plan.other_org.pk),
            **_date("raised_on", D(2026, 6, 1)),
        },
    )
    assert response.status_code == 302
    assert Issue.objects.get().raised_by_organisation == plan.other_org


def test_the_chairs_forms(plan: Plan, log: dict[str, Issue], client: Client) -> None:
    client.force_login(plan.chair)
    issue = log["open"]
    escalate = reverse("strategy:issue_escalate", args=[issue.pk])
    page = client.post(escalate, _date("escalated_on", D(2026, 6, 1))).content.decode()
    assert "The group discusses an issue before it is escalated" in page
    discuss = reverse("strategy:issue_discuss", args=[issue.pk])
    assert client.post(discuss, {"meeting": "", "note": ""}).status_code == 302
    assert client.post(escalate, _date("escalated_on", D(2026, 6, 1))).status_code == 302
    conclude = reverse("strategy:issue_conclude", args=[issue.pk])
    page = client.post(
        conclude, {"outcome": "resolved", "resolution": "", **_date("ended_on", D(2026, 6, 12))}
    ).content.decode()
    assert "Enter how the issue was resolved" in page
    owner = reverse("strategy:issue_owner", args=[issue.pk])
    page = client.get(owner).content.decode()
    assert "Ada Example (Fictional Victim Hub A)" in page
    assert f">{plan.administrator.full_name} (" not in page  # administrators own nothing
    assert client.post(owner, {"owner": str(plan.lead_worker.pk)}).status_code == 302
    note = reverse("strategy:issue_note", args=[issue.pk])
    assert client.post(note, {"note": "Fictional news from the county."}).status_code == 302
    assert (
        client.post(
            conclude,
            {
                "outcome": "resolved",
                "resolution": "Fictional: settled.",
                **_date("ended_on", D(2026, 6, 12)),
            },
        ).status_code
        == 302
    )
    issue.refresh_from_db()
    assert (issue.status, issue.owner, issue.resolved_on) == (
        IssueStatus.RESOLVED,
        plan.lead_worker,
        D(2026, 6, 12),
    )
    edit = reverse("strategy:issue_edit", args=[issue.pk])
    page = client.get(edit).content.decode()
    assert 'value="Fictional open issue"' in page
