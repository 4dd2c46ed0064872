"""The issue log's services: references in sequence, who may raise an issue for whom, the
status transitions (open -> discussed -> escalated -> resolved or closed) and their checks,
owners and notes, text that could identify a victim refused, and every change an event
and an audit row (which never copies the text)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.strategy.models import Issue, IssueStatus
from awaz.strategy.services.issues import (
    IssueDetails,
    identifying_text_check,
    issue_change,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_note_add,
    issue_owner_set,
    issue_raise,
)
from awaz.strategy.services.meetings import meeting_create
from awaz.strategy.tests.conftest import Plan, audit_names
from awaz.strategy.tests.factories import make_strategy

pytestmark = pytest.mark.usefixtures("frozen")

D = datetime.date
TODAY = D(2026, 6, 15)
DESCRIPTION = "Fictional: drivers' groups say abuse from passengers is rarely reported."


def details(plan: Plan, organisation: Any = None, **changes: Any) -> IssueDetails:
    values: dict[str, Any] = {
        "title": "Fictional issue about reporting",
        "description": DESCRIPTION,
        "raised_by_organisation": organisation or plan.lead_org,
        "raised_on": D(2026, 5, 1),
    }
    values.update(changes)
    return IssueDetails(**values)


def raised(plan: Plan, **changes: Any) -> Issue:
    return issue_raise(strategy=plan.strategy, details=details(plan, **changes), actor=plan.chair)


def history(issue: Issue) -> list[tuple[str, str]]:
    return list(issue.events.order_by("recorded_at", "id").values_list("status", "note"))


def test_raising_numbers_issues_in_sequence(plan: Plan) -> None:
    first = raised(plan)
    other_strategy = make_strategy(chair=plan.chair, name="Fictional strategy 2028-2031")
    second = issue_raise(strategy=other_strategy, details=details(plan), actor=plan.chair)
    third = raised(plan, title="  Fictional third issue  ")
    assert [first.reference, second.reference, third.reference] == [
        "ISS-0001",
        "ISS-0002",
        "ISS-0003",
    ]
    assert (third.title, third.status, third.raised_on) == (
        "Fictional third issue",
        IssueStatus.OPEN,
        D(2026, 5, 1),
    )
    assert history(first) == [(IssueStatus.OPEN, "")]
    event = AuditEvent.objects.filter(target_type="strategy.issue", target_id=first.pk).get()
    assert event.event_name == "ISSUE_RAISED"
    assert event.details == {
        "reference": "ISS-0001",
        "status": "open",
        "raised_by_organisation_id": plan.lead_org.pk,
    }


def test_contributors_raise_issues_for_their_own_organisation(plan: Plan) -> None:
    issue = issue_raise(strategy=plan.strategy, details=details(plan), actor=plan.lead_worker)
    assert issue.raised_by_organisation == plan.lead_org
    with pytest.raises(ApplicationError) as error:
        issue_raise(
            strategy=plan.strategy,
            details=details(plan, plan.supporting_org),
            actor=plan.lead_worker,
        )
    assert str(error.value.message) == "You can raise an issue only for your own organisation"
    assert error.value.extra == {"field": "raised_by_organisation"}
    # The chair records issues for any organisation; the PCC office and the administrator
    # raise none.
    raised(plan, organisation=plan.other_org)
    for actor in (plan.pcc, plan.administrator):
        with pytest.raises(NotFound):
            issue_raise(strategy=plan.strategy, details=details(plan), actor=actor)


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("title", {"title": "   "}, "Enter the issue in a line"),
        ("description", {"description": ""}, "Describe the issue"),
        (
            "raised_on",
            {"raised_on": TODAY + datetime.timedelta(days=1)},
            "The date must be today or in the past",
        ),
    ],
)
def test_what_an_issue_needs(plan: Plan, field: str, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ApplicationError) as error:
        raised(plan, **changes)
    assert (str(error.value.message), error.value.extra) == (message, {"field": field})
    assert not Issue.objects.exists()


EMAIL = "Remove the email address: nothing in the issue log or the minutes may identify a victim"
PHONE = "Remove the phone number: nothing in the issue log or the minutes may identify a victim"
POSTCODE = (
    "Remove the postcode: nothing in the issue log or the minutes may identify a victim. "
    "You can give the area instead, such as the town or the first half of the postcode"
)
ADDRESS = (
    "Remove the street address: nothing in the issue log or the minutes may identify a "
    "victim. You can give the area instead, such as the street name without a house number"
)
REFERENCE = (
    "Remove the report, case or crime reference: nothing in the issue log or the minutes may "
    "identify a victim"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Contact the person at someone.fictional@example.org for details", EMAIL),
        ("Call them on 07700 900123 after six", PHONE),
        ("Call them on 07700900123", PHONE),
        ("Their number is +44 7700 900123", PHONE),
        ("Ring 01632-960-123", PHONE),
        ("See report HC-7KQ4-2M9X for what happened", REFERENCE),
        ("As in case cs-abcd-2m9x", REFERENCE),
        ("Police crime reference CR/012345/26", REFERENCE),
        ("Log number 20260312", REFERENCE),
        ("It happened at 12 Botchergate, Carlisle CA1 1AA", POSTCODE),
        ("The family at ca11aa were targeted", POSTCODE),
        ("Reported near EC1A 1BB and W1A 0AX", POSTCODE),
        ("It happened at 12 Botchergate, Carlisle", ADDRESS),
        ("Windows broken at 4 Scotch Street again", ADDRESS),
        ("The victim lives at 15a Warwick Road", ADDRESS),
        ("Flat 2, 10-12 Stricklandgate, Kendal", ADDRESS),
        ("Graffiti on 7 Lowther Street Back Lane", ADDRESS),
        ("Harassment at 31 St Aidans Close", ADDRESS),
    ],
)
def test_text_that_could_identify_a_victim_is_refused(plan: Plan, text: str, message: str) -> None:
    with pytest.raises(ApplicationError) as error:
        raised(plan, description=f"Fictional. {text}.")
    assert (str(error.value.message), error.value.extra) == (message, {"field": "description"})
    with pytest.raises(ApplicationError) as error:
        raised(plan, title=text)
    assert error.value.extra == {"field": "title"}
    assert not Issue.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "The strategy 2025-2028, action 2.3 and strand 4",
        "A budget of £10,000 for 2026/27, 0 to 10 sessions",
        "Between 01/04/2026 and 30/06/2026, 12 reports in 3 wards",
        "Ofsted report for a school, the HC group",
        "Incidents on Botchergate and in the CA1 and CA2 districts",
        "20 Street Pastors trained, and the 2026 Road Safety week",
        "3 people on the street, 2 in the park, 4 reports from Warwick Road",
        "Action 4 Close the gap in reporting; 12 Delegates attended",
        "We spent £250 Gate fees at 10.30 Green room",
    ],
)
def test_ordinary_text_is_accepted(text: str) -> None:
    identifying_text_check(text, field="description")


def test_an_issue_is_discussed_then_escalated_then_resolved(plan: Plan) -> None:
    issue = raised(plan)
    chair = plan.chair
    with pytest.raises(ApplicationError) as error:
        issue_escalate(issue=issue, escalated_on=D(2026, 6, 1), note="", actor=chair)
    assert str(error.value.message) == (
        "The group discusses an issue before it is escalated: record the discussion first"
    )
    meeting = meeting_create(
        strategy=plan.strategy, title="Fictional meeting", held_on=D(2026, 5, 20), actor=chair
    )
    issue_discuss(issue=issue, note="Fictional: agreed to escalate.", meeting=meeting, actor=chair)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DISCUSSED
    for when, message in (
        (D(2026, 6, 16), "The date must be today or in the past"),
        (D(2026, 4, 30), "The date must be on or after the date the issue was raised"),
    ):
        with pytest.raises(ApplicationError) as error:
            issue_escalate(issue=issue, escalated_on=when, note="", actor=chair)
        assert (str(error.value.message), error.value.extra) == (
            message,
            {"field": "escalated_on"},
        )
    issue_escalate(issue=issue, escalated_on=D(2026, 5, 25), note="Fictional ask.", actor=chair)
    issue.refresh_from_db()
    assert (issue.status, issue.escalated_on) == (IssueStatus.ESCALATED, D(2026, 5, 25))
    with pytest.raises(ConflictError) as conflict:
        issue_escalate(issue=issue, escalated_on=D(2026, 5, 26), note="", actor=chair)
    assert str(conflict.value.message) == "The issue has already been escalated"
    # Discussing an escalated issue records it and keeps it escalated.
    issue_discuss(issue=issue, note="Fictional: progress at county level.", actor=chair)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.ESCALATED
    with pytest.raises(ApplicationError) as error:
        issue_conclude(
            issue=issue,
            outcome=IssueStatus.RESOLVED,
            resolution="  ",
            ended_on=D(2026, 6, 10),
            actor=chair,
        )
    assert (str(error.value.message), error.value.extra) == (
        "Enter how the issue was resolved",
        {"field": "resolution"},
    )
    issue_conclude(
        issue=issue,
        outcome=IssueStatus.RESOLVED,
        resolution="Fictional: a county-wide condition was agreed.",
        ended_on=D(2026, 6, 10),
        actor=chair,
    )
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_on, issue.resolution) == (
        IssueStatus.RESOLVED,
        D(2026, 6, 10),
        "Fictional: a county-wide condition was agreed.",
    )
    assert history(issue) == [
        (IssueStatus.OPEN, ""),
        (IssueStatus.DISCUSSED, "Fictional: agreed to escalate."),
        (IssueStatus.ESCALATED, "Fictional ask."),
        (IssueStatus.ESCALATED, "Fictional: progress at county level."),
        (IssueStatus.RESOLVED, "Fictional: a county-wide condition was agreed."),
    ]
    assert issue.events.filter(meeting=meeting).count() == 1
    assert audit_names(target_type="strategy.issue") == [
        "ISSUE_RAISED",
        "ISSUE_DISCUSSED",
        "ISSUE_ESCALATED",
        "ISSUE_DISCUSSED",
        "ISSUE_RESOLVED",
    ]
    # Once resolved, nothing moves it on.
    for attempt in (
        lambda: issue_discuss(issue=issue, note="", actor=chair),
        lambda: issue_owner_set(
            issue=issue, owner=None, owner_organisation=plan.lead_org, actor=chair
        ),
        lambda: issue_conclude(
            issue=issue,
            outcome=IssueStatus.CLOSED,
            resolution="",
            ended_on=D(2026, 6, 11),
            actor=chair,
        ),
    ):
        with pytest.raises(ConflictError) as conflict:
            attempt()
        assert str(conflict.value.message) == "The issue is already resolved or closed"


def test_an_issue_can_be_closed_without_a_resolution(plan: Plan) -> None:
    issue = raised(plan)
    issue_conclude(
        issue=issue, outcome=IssueStatus.CLOSED, resolution="", ended_on=TODAY, actor=plan.chair
    )
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_on) == (IssueStatus.CLOSED, TODAY)
    assert audit_names(target_type="strategy.issue")[-1] == "ISSUE_CLOSED"
    with pytest.raises(ApplicationError):
        issue_conclude(
            issue=raised(plan),
            outcome=IssueStatus.ESCALATED,
            resolution="",
            ended_on=TODAY,
            actor=plan.chair,
        )


def test_only_the_chair_manages_issues(plan: Plan) -> None:
    issue = raised(plan)
    for actor in (plan.lead_worker, plan.analyst, plan.pcc, plan.administrator):
        with pytest.raises(NotFound):
            issue_discuss(issue=issue, note="", actor=actor)
        with pytest.raises(NotFound):
            issue_note_add(issue=issue, note="Fictional note", actor=actor)
    assert history(issue) == [(IssueStatus.OPEN, "")]


def test_a_discussion_at_another_strategys_or_a_future_meeting_is_refused(plan: Plan) -> None:
    other = make_strategy(chair=plan.chair, name="Fictional strategy 2028-2031")
    meeting = meeting_create(
        strategy=other, title="Fictional meeting", held_on=D(2026, 6, 1), actor=plan.chair
    )
    with pytest.raises(ApplicationError) as error:
        issue_discuss(issue=raised(plan), note="", meeting=meeting, actor=plan.chair)
    assert error.value.extra == {"field": "meeting"}
    ahead = meeting_create(
        strategy=plan.strategy, title="Fictional", held_on=D(2026, 6, 29), actor=plan.chair
    )
    with pytest.raises(ApplicationError) as error:
        issue_discuss(issue=raised(plan), note="", meeting=ahead, actor=plan.chair)
    assert str(error.value.message) == "Choose a meeting that has taken place"


def test_the_owner(plan: Plan) -> None:
    issue = raised(plan)
    chair = plan.chair
    with pytest.raises(ApplicationError) as error:
        issue_owner_set(issue=issue, owner=None, owner_organisation=None, actor=chair)
    assert error.value.extra == {"field": "owner"}
    with pytest.raises(ApplicationError) as error:
        issue_owner_set(
            issue=issue,
            owner=plan.lead_worker,
            owner_organisation=plan.supporting_org,
            actor=chair,
        )
    assert (str(error.value.message), error.value.extra) == (
        "Choose the organisation the owner works for",
        {"field": "owner_organisation"},
    )
    with pytest.raises(NotFound):
        issue_owner_set(issue=issue, owner=plan.administrator, owner_organisation=None, actor=chair)
    issue_owner_set(issue=issue, owner=plan.lead_worker, owner_organisation=None, actor=chair)
    issue.refresh_from_db()
    assert (issue.owner, issue.owner_organisation) == (plan.lead_worker, plan.lead_org)
    # The same again changes nothing and records nothing.
    issue_owner_set(issue=issue, owner=plan.lead_worker, owner_organisation=None, actor=chair)
    issue_owner_set(issue=issue, owner=None, owner_organisation=plan.other_org, actor=chair)
    issue.refresh_from_db()
    assert (issue.owner, issue.owner_organisation) == (None, plan.other_org)
    assert history(issue)[1:] == [
        (IssueStatus.OPEN, "Taken forward by Ada Example, Fictional Victim Hub A."),
        (IssueStatus.OPEN, "Taken forward by Fictional Bystander Org."),
    ]
    assert audit_names(target_type="strategy.issue").count("ISSUE_OWNER_SET") == 2


def test_notes_and_changes(plan: Plan) -> None:
    issue = raised(plan)
    with pytest.raises(ApplicationError) as error:
        issue_note_add(issue=issue, note=" ", actor=plan.chair)
    assert str(error.value.message) == "Enter the note"
    with pytest.raises(ApplicationError) as error:
        issue_note_add(issue=issue, note="Ring 07700 900123", actor=plan.chair)
    assert error.value.extra == {"field": "note"}
    issue_note_add(issue=issue, note="Fictional news from the county.", actor=plan.chair)
    issue_change(
        issue=issue,
        details=details(plan, title="Fictional issue, reworded"),
        actor=plan.chair,
    )
    issue_change(
        issue=issue, details=details(plan, title="Fictional issue, reworded"), actor=plan.chair
    )
    issue.refresh_from_db()
    assert issue.title == "Fictional issue, reworded"
    assert history(issue) == [
        (IssueStatus.OPEN, ""),
        (IssueStatus.OPEN, "Fictional news from the county."),
        (IssueStatus.OPEN, "Details changed."),
    ]
    changed = AuditEvent.objects.filter(target_type="strategy.issue").order_by("-id").first()
    assert changed is not None and changed.details["fields"] == ["title"]


def test_the_audit_log_never_copies_the_text(plan: Plan) -> None:
    issue = raised(plan)
    issue_discuss(issue=issue, note="Fictional words said at the meeting", actor=plan.chair)
    issue_note_add(issue=issue, note="Fictional words of a note", actor=plan.chair)
    for event in AuditEvent.objects.filter(target_type="strategy.issue"):
        text = str(event.details)
        assert "Fictional" not in text, event.event_name
