"""Who may open which meeting and issue-log page: the whole matrix, role by role. Every
reader (the PCC office too) sees meetings and the issue log; contributors and the chair
raise issues; only the chair manages meetings and issues. A refusal is the same 404 as a
missing record."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from awaz.strategy.models import AgendaItem, Issue, Meeting
from awaz.strategy.services.issues import IssueDetails, issue_raise
from awaz.strategy.services.meetings import agenda_item_add, meeting_create
from awaz.strategy.tests.conftest import Plan
from awaz.strategy.tests.test_access import READERS, ROLES

pytestmark = pytest.mark.usefixtures("frozen")

CHAIR = {"chair"}
RAISERS = {"chair", "lead_worker", "analyst", "supporting_worker", "other_worker", "centre_worker"}


def _world(plan: Plan) -> tuple[Meeting, AgendaItem, Issue]:
    meeting = meeting_create(
        strategy=plan.strategy,
        title="Fictional meeting",
        held_on=datetime.date(2026, 6, 1),
        actor=plan.chair,
    )
    item = agenda_item_add(meeting=meeting, title="Fictional other business", actor=plan.chair)
    issue = issue_raise(
        strategy=plan.strategy,
        details=IssueDetails(
            title="Fictional issue",
            description="Fictional description.",
            raised_by_organisation=plan.lead_org,
            raised_on=datetime.date(2026, 5, 1),
        ),
        actor=plan.chair,
    )
    return meeting, item, issue


def _pages(plan: Plan) -> dict[str, tuple[str, set[str]]]:
    meeting, _item, issue = _world(plan)
    s, m, i = plan.strategy.pk, meeting.pk, issue.pk
    return {
        "meetings": (reverse("strategy:meeting_list", args=[s]), READERS),
        "meeting": (reverse("strategy:meeting_detail", args=[m]), READERS),
        "issues": (reverse("strategy:issue_list", args=[s]), READERS),
        "issue": (reverse("strategy:issue_detail", args=[i]), READERS),
        "raise": (reverse("strategy:issue_raise", args=[s]), RAISERS),
        "new meeting": (reverse("strategy:meeting_create", args=[s]), CHAIR),
        "edit meeting": (reverse("strategy:meeting_edit", args=[m]), CHAIR),
        "other business": (reverse("strategy:agenda_item_add", args=[m]), CHAIR),
        "minutes": (reverse("strategy:meeting_minutes", args=[m]), CHAIR),
        "action arising": (reverse("strategy:meeting_action_add", args=[m]), CHAIR),
        "edit issue": (reverse("strategy:issue_edit", args=[i]), CHAIR),
        "discussed": (reverse("strategy:issue_discuss", args=[i]), CHAIR),
        "escalate": (reverse("strategy:issue_escalate", args=[i]), CHAIR),
        "conclude": (reverse("strategy:issue_conclude", args=[i]), CHAIR),
        "owner": (reverse("strategy:issue_owner", args=[i]), CHAIR),
        "note": (reverse("strategy:issue_note", args=[i]), CHAIR),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_access_matrix(plan: Plan, client: Client, role: str) -> None:
    pages = _pages(plan)
    client.force_login(getattr(plan, role))
    statuses = {name: client.get(url).status_code for name, (url, _allowed) in pages.items()}
    assert statuses == {
        name: 200 if role in allowed else 404 for name, (_url, allowed) in pages.items()
    }
    next_meeting = client.get(reverse("strategy:meeting_next")).status_code
    assert next_meeting == (302 if role in READERS else 404)
    # The short addresses the README gives lead to the current strategy's lists.
    for short, full in (("strategy:meetings", "meeting_list"), ("strategy:issues", "issue_list")):
        response = client.get(reverse(short))
        if role in READERS:
            assert response["Location"] == reverse(f"strategy:{full}", args=[plan.strategy.pk])
        else:
            assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_chair_alone_changes_the_agenda(plan: Plan, client: Client, role: str) -> None:
    meeting = meeting_create(
        strategy=plan.strategy,
        title="Fictional meeting",
        held_on=datetime.date(2026, 6, 29),
        actor=plan.chair,
    )
    first = agenda_item_add(meeting=meeting, title="Fictional first", actor=plan.chair)
    second = agenda_item_add(meeting=meeting, title="Fictional second", actor=plan.chair)
    client.force_login(getattr(plan, role))
    statuses = [
        client.post(reverse("strategy:meeting_agenda_build", args=[meeting.pk])).status_code,
        client.post(
            reverse("strategy:agenda_item_move", args=[second.pk]), {"direction": "up"}
        ).status_code,
        client.post(reverse("strategy:agenda_item_remove", args=[first.pk])).status_code,
    ]
    assert statuses == ([302] * 3 if role == "chair" else [404] * 3)
    meeting.refresh_from_db()
    assert (meeting.agenda_built_at is not None) == (role == "chair")
    assert AgendaItem.objects.filter(pk=first.pk).exists() == (role != "chair")


def test_refused_looks_exactly_like_missing(plan: Plan, client: Client) -> None:
    meeting, item, issue = _world(plan)
    client.force_login(plan.pcc)
    missing = client.get(reverse("strategy:issue_escalate", args=[999_999]))
    for url in (
        reverse("strategy:issue_escalate", args=[issue.pk]),
        reverse("strategy:meeting_minutes", args=[meeting.pk]),
    ):
        refused = client.get(url)
        assert (refused.status_code, refused.content) == (404, missing.content)
    refused = client.post(reverse("strategy:agenda_item_remove", args=[item.pk]))
    assert (refused.status_code, refused.content) == (404, missing.content)
    # Built items are not "other business": not even the chair removes them one by one.
    client.force_login(plan.chair)
    built = AgendaItem.objects.create(
        meeting=meeting, position=9, kind="red_action", title="Fictional", is_generated=True
    )
    assert client.post(reverse("strategy:agenda_item_remove", args=[built.pk])).status_code == 404


def test_the_pcc_office_reads_without_a_way_to_change(plan: Plan, client: Client) -> None:
    meeting, _item, issue = _world(plan)
    client.force_login(plan.pcc)
    meeting_page = client.get(reverse("strategy:meeting_detail", args=[meeting.pk]))
    issue_page = client.get(reverse("strategy:issue_detail", args=[issue.pk]))
    issues_page = client.get(reverse("strategy:issue_list", args=[plan.strategy.pk]))
    html = "".join(page.content.decode() for page in (meeting_page, issue_page, issues_page))
    assert "Fictional other business" in html and "Fictional issue" in html
    for name in ("meeting_agenda_build", "meeting_minutes", "agenda_item_add"):
        assert reverse(f"strategy:{name}", args=[meeting.pk]) not in html
    for name in ("issue_escalate", "issue_discuss", "issue_note", "issue_edit"):
        assert reverse(f"strategy:{name}", args=[issue.pk]) not in html
    assert reverse("strategy:issue_raise", args=[plan.strategy.pk]) not in html
