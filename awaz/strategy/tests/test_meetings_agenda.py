"""Building a meeting's agenda from a plan made by hand: red actions (with the reason),
overdue actions (one item when an action is both), complete and on-track actions left off,
new areas of concern since the previous meeting (an injected spike), open issues oldest
first, and the chair's other business kept, in order, through every rebuild.

Today is 15 June 2026; the meeting is on 29 June 2026.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.geo.models import AreaLevel
from awaz.reporting.models import Strand as ReportStrand
from awaz.reporting.tests.factories import make_area, make_report
from awaz.strategy.models import AgendaItem, IssueStatus, Meeting, RagStatus
from awaz.strategy.selectors_meetings import concern_months
from awaz.strategy.services import rag_change_record
from awaz.strategy.services.issues import (
    IssueDetails,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_owner_set,
    issue_raise,
)
from awaz.strategy.services.meetings import (
    agenda_item_add,
    meeting_agenda_build,
    meeting_create,
)
from awaz.strategy.tests.conftest import Plan, audit_names
from awaz.strategy.tests.factories import make_action, make_milestone

pytestmark = pytest.mark.usefixtures("frozen", "centres_in_order")

D = datetime.date
NEXT = D(2026, 6, 29)


def meeting_on(plan: Plan, held_on: datetime.date, title: str = "Fictional meeting") -> Meeting:
    return meeting_create(strategy=plan.strategy, title=title, held_on=held_on, actor=plan.chair)


def status(plan: Plan, action: Any, rag: RagStatus, on: datetime.date, reason: str = "") -> None:
    rag_change_record(
        action=action, rag_status=rag, reason=reason, effective_on=on, actor=plan.chair
    )


def raise_issue(plan: Plan, title: str, raised_on: datetime.date) -> Any:
    return issue_raise(
        strategy=plan.strategy,
        details=IssueDetails(
            title=title,
            description="Fictional description of a partnership matter.",
            raised_by_organisation=plan.lead_org,
            raised_on=raised_on,
        ),
        actor=plan.chair,
    )


@pytest.fixture
def actions(plan: Plan) -> dict[str, Any]:
    """Six actions of strand 1, by hand:

    ===  ==================  =============================  ===========================
    #    title               recorded                       milestones / due date
    ===  ==================  =============================  ===========================
    1.1  Fictional talks     red from 1 May 2026            none
    1.2  Fictional leaflets  green from 10 January 2026     one due 20 May 2026, open
    1.3  Fictional helpline  red from 1 June 2026           one due 30 April 2026, open
    1.4  Fictional survey    complete from 1 May 2026       one due 1 March 2026, open
    1.5  Fictional training  green from 10 January 2026     one due 1 September 2026
    1.6  Fictional forum     amber from 1 February 2026     due 1 June 2026
    ===  ==================  =============================  ===========================
    """
    chair, strand = plan.chair, plan.strand
    talks, leaflets = plan.action, plan.other_action
    helpline, survey, training = (
        make_action(strand=strand, chair=chair, lead=plan.lead_org, title=title)
        for title in ("Fictional helpline", "Fictional survey", "Fictional training")
    )
    forum = make_action(
        strand=strand,
        chair=chair,
        lead=plan.supporting_org,
        title="Fictional forum",
        starts_on=D(2025, 5, 1),
        due_on=D(2026, 6, 1),
    )
    status(plan, talks, RagStatus.RED, D(2026, 5, 1), "Fictional: the venue was withdrawn")
    status(plan, leaflets, RagStatus.GREEN, D(2026, 1, 10))
    make_milestone(
        action=leaflets, chair=chair, target_on=D(2026, 5, 20), title="Fictional leaflets printed"
    )
    status(plan, helpline, RagStatus.RED, D(2026, 6, 1), "Fictional: no funding")
    make_milestone(action=helpline, chair=chair, target_on=D(2026, 4, 30))
    status(plan, survey, RagStatus.COMPLETE, D(2026, 5, 1))
    make_milestone(action=survey, chair=chair, target_on=D(2026, 3, 1))
    status(plan, training, RagStatus.GREEN, D(2026, 1, 10))
    make_milestone(action=training, chair=chair, target_on=D(2026, 9, 1))
    status(plan, forum, RagStatus.AMBER, D(2026, 2, 1), "Fictional: partner changes")
    return {
        "talks": talks,
        "leaflets": leaflets,
        "helpline": helpline,
        "survey": survey,
        "training": training,
        "forum": forum,
    }


def rows(items: list[AgendaItem]) -> list[tuple[int, str, str]]:
    return [(item.position, item.kind, item.title) for item in items]


def test_the_agenda_from_a_plan_made_by_hand(plan: Plan, actions: dict[str, Any]) -> None:
    meeting = meeting_on(plan, NEXT)
    built = meeting_agenda_build(meeting=meeting, actor=plan.chair)
    assert rows(built) == [
        (1, "red_action", "Action 1.1: Fictional talks"),
        (2, "red_action", "Action 1.3: Fictional helpline"),
        (3, "overdue_action", "Action 1.2: Fictional leaflets"),
        (4, "overdue_action", "Action 1.6: Fictional forum"),
        (5, "area_of_concern", "No new areas of concern"),
    ]
    talks, helpline, leaflets, forum, concern = built
    assert talks.action == actions["talks"] and talks.is_generated
    assert talks.detail == (
        "Rated red from 1 May 2026. Reason: Fictional: the venue was withdrawn\n"
        "Led by Fictional Victim Hub A."
    )
    # Red and overdue: one item that says both.
    assert helpline.detail == (
        "Rated red from 1 June 2026. Reason: Fictional: no funding\n"
        "Overdue since 30 April 2026: the milestone “Fictional milestone” was due on "
        "30 April 2026.\n"
        "Led by Fictional Victim Hub A."
    )
    # Recorded green but overdue: shown amber by the overdue rule, and the item says so.
    assert leaflets.detail == (
        "Overdue since 20 May 2026: the milestone “Fictional leaflets printed” was due on "
        "20 May 2026.\n"
        "Shown as amber because it is overdue; the status recorded is green.\n"
        "Led by Fictional Council B."
    )
    assert forum.detail == (
        "Overdue since 1 June 2026: the action was due by 1 June 2026.\n"
        "Status: amber.\n"
        "Reason given: Fictional: partner changes\n"
        "Led by Fictional Council B."
    )
    assert concern.detail == "No area and strand stood out in May 2026."
    meeting.refresh_from_db()
    assert meeting.agenda_built_at is not None
    assert audit_names(target_type="strategy.meeting") == [
        "MEETING_CREATED",
        "MEETING_AGENDA_BUILT",
    ]


def test_open_issues_come_after_the_actions_oldest_first(
    plan: Plan, actions: dict[str, Any]
) -> None:
    discussed = raise_issue(plan, "Fictional discussed issue", D(2026, 3, 1))
    issue_discuss(issue=discussed, note="", actor=plan.chair)
    open_issue = raise_issue(plan, "Fictional open issue", D(2026, 2, 1))
    ended = raise_issue(plan, "Fictional resolved issue", D(2026, 1, 15))
    issue_conclude(
        issue=ended,
        outcome=IssueStatus.CLOSED,
        resolution="",
        ended_on=D(2026, 2, 1),
        actor=plan.chair,
    )
    escalated = raise_issue(plan, "Fictional escalated issue", D(2026, 4, 1))
    issue_discuss(issue=escalated, note="", actor=plan.chair)
    issue_escalate(
        issue=escalated,
        escalated_on=D(2026, 4, 20),
        note="Fictional: the county group is asked to decide.",
        actor=plan.chair,
    )
    issue_owner_set(
        issue=escalated, owner=plan.lead_worker, owner_organisation=None, actor=plan.chair
    )
    built = meeting_agenda_build(meeting=meeting_on(plan, NEXT), actor=plan.chair)
    issues = [item for item in built if item.kind == "escalation"]
    assert [(item.title, item.issue) for item in issues] == [
        ("ISS-0002 Fictional open issue", open_issue),
        ("ISS-0001 Fictional discussed issue", discussed),
        ("ISS-0004 Fictional escalated issue", escalated),
    ]
    assert issues[0].detail == (
        "Raised by Fictional Victim Hub A on 1 February 2026.\nNot yet discussed by the group."
    )
    assert issues[1].detail.endswith("Discussed by the group; not escalated.")
    assert issues[2].detail == (
        "Raised by Fictional Victim Hub A on 1 April 2026.\n"
        "Escalated to the county action group on 20 April 2026.\n"
        "Taken forward by Ada Example, Fictional Victim Hub A.\n"
        "Latest: Fictional: the county group is asked to decide."
    )
    assert built[-1] == issues[-1]  # nothing else after them


def test_rebuilding_replaces_the_built_items_and_keeps_other_business(
    plan: Plan, actions: dict[str, Any]
) -> None:
    meeting = meeting_on(plan, NEXT)
    first = agenda_item_add(
        meeting=meeting, title="Fictional first other business", actor=plan.chair
    )
    meeting_agenda_build(meeting=meeting, actor=plan.chair)
    second = agenda_item_add(
        meeting=meeting, title="Fictional second other business", actor=plan.chair
    )
    status(plan, actions["talks"], RagStatus.COMPLETE, D(2026, 6, 10))
    rebuilt = meeting_agenda_build(meeting=meeting, actor=plan.chair)
    assert rows(rebuilt) == [
        (1, "red_action", "Action 1.3: Fictional helpline"),
        (2, "overdue_action", "Action 1.2: Fictional leaflets"),
        (3, "overdue_action", "Action 1.6: Fictional forum"),
        (4, "area_of_concern", "No new areas of concern"),
        (5, "other", "Fictional first other business"),
        (6, "other", "Fictional second other business"),
    ]
    assert [rebuilt[4].pk, rebuilt[5].pk] == [first.pk, second.pk]
    assert not rebuilt[4].is_generated
    assert AgendaItem.objects.filter(meeting=meeting).count() == 6


def test_a_held_meeting_keeps_its_agenda_unless_read_as_of_a_date(
    plan: Plan, actions: dict[str, Any]
) -> None:
    held = meeting_on(plan, D(2026, 3, 10))
    with pytest.raises(ConflictError) as error:
        meeting_agenda_build(meeting=held, actor=plan.chair)
    assert str(error.value.message) == (
        "The meeting has taken place: its agenda is kept as it was built before the meeting"
    )
    with pytest.raises(ApplicationError):
        meeting_agenda_build(meeting=held, actor=plan.chair, as_of=D(2026, 3, 11))
    # On 3 March 2026 no action was red yet, and only the survey was overdue (its milestone
    # of 1 March; it was completed on 1 May).
    built = meeting_agenda_build(meeting=held, actor=plan.chair, as_of=D(2026, 3, 3))
    assert rows(built) == [
        (1, "overdue_action", "Action 1.4: Fictional survey"),
        (2, "area_of_concern", "No new areas of concern"),
    ]
    assert built[0].detail.startswith("Overdue since 1 March 2026:")
    assert built[1].detail == "No area and strand stood out in February 2026."
    # As of 25 May, the talks were red, and the leaflets' and helpline's milestones missed
    # (the helpline's red status came on 1 June; the forum was due on 1 June).
    later = meeting_on(plan, D(2026, 5, 28))
    built = meeting_agenda_build(meeting=later, actor=plan.chair, as_of=D(2026, 5, 25))
    assert rows(built)[:3] == [
        (1, "red_action", "Action 1.1: Fictional talks"),
        (2, "overdue_action", "Action 1.2: Fictional leaflets"),
        (3, "overdue_action", "Action 1.3: Fictional helpline"),  # missed on 30 April
    ]
    assert built[2].detail.startswith("Overdue since 30 April 2026:")
    assert "Shown as amber because it is overdue; the status recorded is not started." in (
        built[2].detail
    )


@pytest.mark.parametrize(
    ("previous", "months"),
    [
        (None, [D(2026, 5, 1)]),
        (D(2026, 3, 10), [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]),
        (D(2026, 6, 2), []),
        (D(2024, 1, 9), None),
    ],
)
def test_the_months_searched_for_areas_of_concern(
    plan: Plan, previous: datetime.date | None, months: list[datetime.date] | None
) -> None:
    earlier = meeting_on(plan, previous) if previous else None
    meeting = meeting_on(plan, NEXT)
    found = concern_months(meeting, previous=earlier, as_of=D(2026, 6, 15))
    if months is None:  # at most twelve months: June 2025 to May 2026
        assert (len(found), found[0], found[-1]) == (12, D(2025, 6, 1), D(2026, 5, 1))
    else:
        assert found == months


@pytest.fixture
def spike(org_a: Any) -> Any:
    """Race incidents in three wards of a fictional borough, none before April 2026 (so the
    baseline is empty): Abbey 5 in April and 6 in May, Bridge and Castle 4 each in May; and
    one religion incident in Abbey in May, which stands out nowhere. May is a trigger
    event (a rise in three areas); April is not (one area)."""
    borough = make_area("TEST-LA", "Fictional Borough", size=0.5)
    wards = {
        name: make_area(
            f"TEST-W-{name[0]}",
            f"Fictional {name}",
            level=AreaLevel.WARD,
            parent=borough,
            lon=-2.95 + 0.05 * i,
        )
        for i, name in enumerate(("Abbey", "Bridge", "Castle"))
    }
    race = list(ReportStrand.objects.filter(code="race"))
    religion = list(ReportStrand.objects.filter(code="religion"))
    for ward, month, count in (
        ("Abbey", 4, 5),
        ("Abbey", 5, 6),
        ("Bridge", 5, 4),
        ("Castle", 5, 4),
    ):
        for day in range(count):
            make_report(
                organisation=org_a,
                area=wards[ward],
                strands=race,
                incident_date=D(2026, month, 3 + day),
            )
    make_report(
        organisation=org_a, area=wards["Abbey"], strands=religion, incident_date=D(2026, 5, 20)
    )
    return wards


# An empty baseline expects 0 (the mean); the test needs no continuity correction (issue 16).
LINE = "{month}: {count} incidents against 0 expected from the same month of the previous 3 years."


def test_new_areas_of_concern_since_the_previous_meeting(plan: Plan, spike: Any) -> None:
    meeting_on(plan, D(2026, 4, 14), title="Fictional earlier meeting")
    built = meeting_agenda_build(meeting=meeting_on(plan, NEXT), actor=plan.chair)
    concerns = [(item.title, item.detail) for item in built if item.kind == "area_of_concern"]
    assert concerns == [
        (
            "New area of concern: Race or ethnicity in Fictional Abbey",
            LINE.format(month="April 2026", count=5)
            + "\n"
            + LINE.format(month="May 2026", count=6),
        ),
        (
            "New area of concern: Race or ethnicity in Fictional Bridge",
            LINE.format(month="May 2026", count=4),
        ),
        (
            "New area of concern: Race or ethnicity in Fictional Castle",
            LINE.format(month="May 2026", count=4),
        ),
        (
            "Trigger event in May 2026",
            "15 incidents across the county against 0 expected, rising in 3 areas. Look "
            "for a common cause, such as a local or national event.",
        ),
    ]


def test_only_months_since_the_previous_meeting_are_searched(plan: Plan, spike: Any) -> None:
    """With the previous meeting in May, April's rise in Abbey is not new."""
    meeting_on(plan, D(2026, 5, 12), title="Fictional earlier meeting")
    built = meeting_agenda_build(meeting=meeting_on(plan, NEXT), actor=plan.chair)
    details = [item.detail for item in built if item.kind == "area_of_concern"]
    assert details[0] == LINE.format(month="May 2026", count=6)
    assert len(details) == 4


def test_reporting_centres_needing_action_close_the_agenda(
    plan: Plan, actions: dict[str, Any]
) -> None:
    from awaz.partners.tests.factories import OrganisationFactory

    OrganisationFactory(name="Fictional Drop-in Corner", kind="reporting_centre")
    meeting = meeting_on(plan, NEXT)
    built = meeting_agenda_build(meeting=meeting, actor=plan.chair)
    last = built[-1]
    assert (last.kind, last.title) == ("centres", "1 reporting centre needs action")
    assert last.detail.startswith("Fictional Drop-in Corner: ")
    assert last.is_generated
