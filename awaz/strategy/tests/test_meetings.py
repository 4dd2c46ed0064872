"""Meetings: adding and changing one, other business on the agenda (add, reorder, remove),
the minutes (plain text, who and when, only once held), actions arising as new plan
actions, and the pages the chair and partners use (the agenda with its build time and
rebuild button, the next meeting, the plan page's panel)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.strategy.models import AgendaItem, Issue, IssueStatus, Meeting, RagStatus
from awaz.strategy.services import ActionDetails, rag_change_record
from awaz.strategy.services.issues import IssueDetails, issue_discuss, issue_escalate, issue_raise
from awaz.strategy.services.meetings import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    meeting_action_arising_add,
    meeting_agenda_build,
    meeting_change,
    meeting_create,
    meeting_minutes_record,
)
from awaz.strategy.tests.conftest import Plan, audit_names, last_audit
from awaz.strategy.tests.factories import make_strand, make_strategy

pytestmark = pytest.mark.usefixtures("frozen", "centres_in_order")

D = datetime.date
PAST = D(2026, 5, 20)
NEXT = D(2026, 6, 29)


def meeting_on(plan: Plan, held_on: datetime.date, title: str = "Fictional meeting") -> Meeting:
    return meeting_create(
        strategy=plan.strategy,
        title=title,
        held_on=held_on,
        location="Video call",
        actor=plan.chair,
    )


def raise_issue(plan: Plan, title: str = "Fictional issue") -> Any:
    return issue_raise(
        strategy=plan.strategy,
        details=IssueDetails(
            title=title,
            description="Fictional description.",
            raised_by_organisation=plan.lead_org,
            raised_on=D(2026, 5, 1),
        ),
        actor=plan.chair,
    )


# Services -------------------------------------------------------------------------------


def test_adding_and_changing_a_meeting(plan: Plan) -> None:
    with pytest.raises(ApplicationError) as error:
        meeting_create(strategy=plan.strategy, title=" ", held_on=NEXT, actor=plan.chair)
    assert (str(error.value.message), error.value.extra) == (
        "Enter the name of the meeting",
        {"field": "title"},
    )
    with pytest.raises(NotFound):
        meeting_create(strategy=plan.strategy, title="Fictional", held_on=NEXT, actor=plan.pcc)
    meeting = meeting_on(plan, NEXT)
    meeting_change(
        meeting=meeting,
        title="Fictional quarterly meeting",
        held_on=NEXT,
        location="Video call",
        actor=plan.chair,
    )
    meeting.refresh_from_db()
    assert meeting.title == "Fictional quarterly meeting"
    assert last_audit().details == {"fields": ["title"]}
    assert audit_names(target_type="strategy.meeting") == ["MEETING_CREATED", "MEETING_CHANGED"]


def test_other_business_is_added_reordered_and_removed(plan: Plan) -> None:
    meeting = meeting_on(plan, NEXT)
    chair = plan.chair
    meeting_agenda_build(meeting=meeting, actor=chair)  # one built item: no areas of concern
    one, two, three = (
        agenda_item_add(meeting=meeting, title=f"Fictional item {n}", actor=chair)
        for n in ("one", "two", "three")
    )
    with pytest.raises(ApplicationError) as error:
        agenda_item_add(meeting=meeting, title="Ring 07700 900123", actor=chair)
    assert error.value.extra == {"field": "title"}

    def order() -> list[tuple[int, str]]:
        return list(
            AgendaItem.objects.filter(meeting=meeting)
            .order_by("position")
            .values_list("position", "title")
        )

    agenda_item_move(item=three, up=True, actor=chair)
    assert order() == [
        (1, "No new areas of concern"),
        (2, "Fictional item one"),
        (3, "Fictional item three"),
        (4, "Fictional item two"),
    ]
    with pytest.raises(ConflictError) as conflict:
        agenda_item_move(item=one, up=True, actor=chair)  # never above the built items
    assert str(conflict.value.message) == "The item cannot move further"
    agenda_item_remove(item=one, actor=chair)
    assert order() == [
        (1, "No new areas of concern"),
        (2, "Fictional item three"),
        (3, "Fictional item two"),
    ]
    del two
    assert audit_names(target_type="strategy.meeting") == [
        "MEETING_CREATED",
        "MEETING_AGENDA_BUILT",
        "AGENDA_ITEM_ADDED",
        "AGENDA_ITEM_ADDED",
        "AGENDA_ITEM_ADDED",
        "AGENDA_ITEM_MOVED",
        "AGENDA_ITEM_REMOVED",
    ]


def test_the_minutes(plan: Plan) -> None:
    upcoming = meeting_on(plan, NEXT)
    with pytest.raises(ApplicationError) as error:
        meeting_minutes_record(meeting=upcoming, minutes="Fictional", actor=plan.chair)
    assert str(error.value.message) == "Minutes can be recorded once the meeting has taken place"
    held = meeting_on(plan, PAST)
    with pytest.raises(ApplicationError) as error:
        meeting_minutes_record(
            meeting=held, minutes="Write to someone@example.org", actor=plan.chair
        )
    assert error.value.extra == {"field": "minutes"}
    meeting_minutes_record(
        meeting=held, minutes="  Present: the chair.\n1. The plan.  ", actor=plan.chair
    )
    held.refresh_from_db()
    assert held.minutes == "Present: the chair.\n1. The plan."
    assert held.minutes_recorded_by == plan.chair and held.minutes_recorded_at is not None
    assert last_audit().details == {"first": True, "characters": 32}


def test_an_action_arising_becomes_a_plan_action(plan: Plan) -> None:
    meeting = meeting_on(plan, PAST)
    action = meeting_action_arising_add(
        meeting=meeting,
        details=ActionDetails(
            strand=plan.strand, title="Fictional action arising", lead_organisation=plan.lead_org
        ),
        actor=plan.chair,
    )
    assert (action.reference, action.arising_from, action.rag_status) == (
        "1.3",
        meeting,
        RagStatus.NOT_STARTED,
    )
    event = last_audit()
    assert event.event_name == "PLAN_ACTION_CREATED"
    assert event.details["arising_from_meeting_id"] == meeting.pk
    other = make_strand(
        strategy=make_strategy(chair=plan.chair, name="Fictional strategy 2028-2031"),
        chair=plan.chair,
    )
    with pytest.raises(ApplicationError) as error:
        meeting_action_arising_add(
            meeting=meeting,
            details=ActionDetails(strand=other, title="Fictional", lead_organisation=plan.lead_org),
            actor=plan.chair,
        )
    assert error.value.extra == {"field": "strand"}
    with pytest.raises(NotFound):
        meeting_action_arising_add(
            meeting=meeting,
            details=ActionDetails(
                strand=plan.strand, title="Fictional", lead_organisation=plan.lead_org
            ),
            actor=plan.lead_worker,
        )


# Pages ----------------------------------------------------------------------------------


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


def test_the_chair_adds_a_meeting_and_builds_its_agenda(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:meeting_create", args=[plan.strategy.pk])
    page = client.post(url, {"title": "", "location": "Town hall", **_date("held_on", NEXT)})
    html = page.content.decode()
    assert "Enter the name of the meeting" in html and 'value="Town hall"' in html
    response = client.post(url, {"title": "Fictional meeting", **_date("held_on", NEXT)})
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("strategy:meeting_detail", args=[meeting.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The agenda has not been built from the plan yet." in page
    assert "Build agenda from the plan" in page
    rag_change_record(
        action=plan.action,
        rag_status=RagStatus.RED,
        reason="Fictional: <b>no venue</b>",
        effective_on=D(2026, 6, 1),
        actor=plan.chair,
    )
    build = reverse("strategy:meeting_agenda_build", args=[meeting.pk])
    assert client.get(build).status_code == 405
    page = client.post(build, follow=True).content.decode()
    assert "Agenda built from the plan." in page
    assert "Built from the plan on 15 June 2026, 13:00." in page
    assert "Rebuild agenda from the plan" in page
    assert "Action 1.1: Fictional talks" in page
    assert "Fictional: &lt;b&gt;no venue&lt;/b&gt;" in page  # shown as written, escaped
    assert reverse("strategy:action_detail", args=[plan.action.pk]) in page


def test_the_agenda_page_for_an_issue_and_other_business(plan: Plan, client: Client) -> None:
    issue = raise_issue(plan)
    held = meeting_on(plan, PAST)
    meeting_agenda_build(meeting=held, actor=plan.chair, as_of=PAST)
    item = agenda_item_add(meeting=held, title="Fictional other business", actor=plan.chair)
    client.force_login(plan.chair)
    url = reverse("strategy:meeting_detail", args=[held.pk])
    page = client.get(url).content.decode()
    discuss = reverse("strategy:issue_discuss", args=[issue.pk])
    assert f"{discuss}?meeting={held.pk}&amp;back=meeting" in page
    assert "Rebuild agenda from the plan" not in page  # held: the agenda is kept
    assert reverse("strategy:agenda_item_remove", args=[item.pk]) in page
    response = client.post(
        f"{discuss}?meeting={held.pk}&back=meeting",
        {"meeting": str(held.pk), "note": "Fictional: agreed to escalate."},
    )
    assert response["Location"] == url + "#agenda"
    page = client.get(url).content.decode()
    assert "Discussed at this meeting" in page
    assert "Fictional: agreed to escalate." in page
    # Other business moves and goes through POST only.
    move = reverse("strategy:agenda_item_move", args=[item.pk])
    assert client.get(move).status_code == 405
    client.post(reverse("strategy:agenda_item_remove", args=[item.pk]))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_minutes_and_actions_arising_on_the_meeting_page(plan: Plan, client: Client) -> None:
    held = meeting_on(plan, PAST)
    client.force_login(plan.chair)
    minutes_url = reverse("strategy:meeting_minutes", args=[held.pk])
    page = client.post(minutes_url, {"minutes": "Present: the chair. Ring 07700 900123"})
    html = page.content.decode()
    assert "Remove the phone number" in html and "Ring 07700 900123</textarea>" in html
    html = client.post(minutes_url, {"minutes": "Visited 4 Scotch Street, CA1 1QX"}).content
    assert "Remove the postcode" in html.decode()
    html = client.post(minutes_url, {"minutes": "Visited 4 Scotch Street"}).content
    assert "Remove the street address" in html.decode()
    client.post(minutes_url, {"minutes": "Present: the chair.\n1. **The plan** <i>reviewed</i>."})
    add = reverse("strategy:meeting_action_add", args=[held.pk])
    response = client.post(
        add,
        {
            "strand": str(plan.strand.pk),
            "title": "Fictional action arising",
            "lead_organisation": str(plan.lead_org.pk),
        },
    )
    url = reverse("strategy:meeting_detail", args=[held.pk])
    assert response["Location"] == url + "#arising"
    client.force_login(plan.pcc)
    page = client.get(url).content.decode()
    # Plain text: line breaks kept, Markdown not rendered, HTML escaped.
    assert "Present: the chair.<br>1. **The plan** &lt;i&gt;reviewed&lt;/i&gt;." in page
    assert "Recorded by Fictional Chair" in page
    assert "1.3 Fictional action arising" in page
    assert minutes_url not in page and add not in page  # the PCC office only reads


def test_the_next_meeting(plan: Plan, client: Client) -> None:
    client.force_login(plan.pcc)
    response = client.get(reverse("strategy:meeting_next"))
    assert response["Location"] == reverse("strategy:meeting_list", args=[plan.strategy.pk])
    meeting_on(plan, PAST)
    upcoming = meeting_on(plan, NEXT)
    meeting_on(plan, D(2026, 9, 28))
    response = client.get(reverse("strategy:meeting_next"))
    assert response["Location"] == reverse("strategy:meeting_detail", args=[upcoming.pk])
    page = client.get(reverse("strategy:meeting_list", args=[plan.strategy.pk])).content.decode()
    assert page.index("29 Jun 2026") < page.index("28 Sep 2026") < page.index("20 May 2026")


def test_the_plan_page_panel(plan: Plan, client: Client) -> None:
    client.force_login(plan.lead_worker)
    page = client.get(reverse("strategy:plan")).content.decode()
    assert "No meeting is planned yet." in page
    assert "0 open issues in the issue log." in page
    upcoming = meeting_on(plan, NEXT, title="Fictional quarterly meeting")
    first = raise_issue(plan)
    issue_discuss(issue=first, note="", actor=plan.chair)
    issue_escalate(issue=first, escalated_on=D(2026, 6, 1), note="", actor=plan.chair)
    raise_issue(plan, "Fictional second issue")
    page = client.get(reverse("strategy:plan")).content.decode()
    assert "Next meeting: Fictional quarterly meeting, 29 June 2026." in page
    assert reverse("strategy:meeting_detail", args=[upcoming.pk]) in page
    assert "2 open issues in the issue log, 1 of them escalated to the county action group." in page
    assert Issue.objects.get(pk=first.pk).status == IssueStatus.ESCALATED


def test_the_meeting_page_query_count_is_fixed(plan: Plan, client: Client) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("strategy:meeting_detail", args=[meeting.pk])).status_code == 200
            )
        return len(captured)

    meeting = meeting_on(plan, PAST)
    client.force_login(plan.chair)
    issue = raise_issue(plan)
    meeting_agenda_build(meeting=meeting, actor=plan.chair, as_of=PAST)
    issue_discuss(issue=issue, note="Fictional", meeting=meeting, actor=plan.chair)
    queries()  # the first page of a session reads a few things once
    before = queries()
    for n in range(3):
        other = raise_issue(plan, f"Fictional issue {n}")
        issue_discuss(issue=other, note="Fictional", meeting=meeting, actor=plan.chair)
        agenda_item_add(meeting=meeting, title=f"Fictional item {n}", actor=plan.chair)
        meeting_action_arising_add(
            meeting=meeting,
            details=ActionDetails(
                strand=plan.strand, title=f"Fictional {n}", lead_organisation=plan.lead_org
            ),
            actor=plan.chair,
        )
    meeting_agenda_build(meeting=meeting, actor=plan.chair, as_of=PAST)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 8
    assert queries() == before
    assert AuditEvent.objects.filter(event_type__gte=660, event_type__lt=680).exists()
