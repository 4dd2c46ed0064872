"""A small, hand-counted world for the quarterly report's tests, built through the services
(plainly fictional). Today is 15 June 2026 (the ``frozen`` fixture), so the latest complete
quarter is 2025-26 Q4 (January to March 2026); the previous quarter is 2025-26 Q3 (October
to December 2025) and the same quarter a year before is 2024-25 Q4 (January to March 2025).

The plan (strand 1 from the ``plan`` fixture, strand 2 added here), at the end of March 2026:

======  ===========================  ===========================================  ============
action  title                        history                                      shown
======  ===========================  ===========================================  ============
1.1     Fictional talks              red 10 Feb 2026 (reason); green 20 Apr 2026  red
1.2     Fictional leaflets           green 5 Jan 2026; milestone due 20 Mar 2026  amber, overdue
                                     done only on 10 Apr 2026                     since 20 Mar
2.1     Fictional centres            green 10 Jan 2026; milestone due 1 Feb 2026  green
                                     done 25 Jan 2026
2.2     Fictional library leaflets   nothing recorded                             not started
======  ===========================  ===========================================  ============

Strand 1 rolls up red (1 red of 2 open), strand 2 green, the plan red (1 red of 4 open).

Incidents (date happened, strands, area):

====  ============  ==================  ===========  =========================
name  date          strands             area         counts in
====  ============  ==================  ===========  =========================
r1    15 Jan 2026   race                borough      this quarter
r2    20 Feb 2026   race, religion      borough      this quarter
r3    31 Mar 2026   religion            none         this quarter
r4    1 Oct 2025    race                district     previous quarter
r5    31 Dec 2025   disability          borough      previous quarter
r6    1 Mar 2025    race                district     same quarter last year
r7    1 Apr 2026    race                borough      none (the next quarter)
====  ============  ==================  ===========  =========================

The borough has 20,000 residents: 2 incidents this quarter is 0.1 per 1,000.

One entered measure (target 10, higher is better): 5 in 2024-25 Q4, 8 in 2025-26 Q3 and 12 in
2025-26 Q4 (first entered as 11, then corrected).

Meetings: one on 15 February 2026 with minutes, one on 1 May 2026 (outside the quarter),
where action 1.3 was agreed: it did not exist at the end of March, so the report leaves it out.
Issues: ISS-1 raised 10 Jan 2026, escalated 20 Feb 2026 (open); ISS-2 raised 1 Nov 2025,
resolved 5 Mar 2026; ISS-3 raised 1 Mar 2026 (open); ISS-4 raised 1 Dec 2025, closed 20 Jan
2026. The one reporting centre (the plan's) has no details recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from awaz.core.quarters import Quarter
from awaz.geo.services import area_populations_set
from awaz.reporting.models import Strand as HateStrand
from awaz.reporting.tests.factories import make_area, make_report
from awaz.strategy.models import (
    GoodDirection,
    IssueStatus,
    Measure,
    MeasureSource,
    Unit,
)
from awaz.strategy.services import ActionDetails, milestone_done_set, rag_change_record
from awaz.strategy.services.issues import (
    IssueDetails,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_raise,
)
from awaz.strategy.services.measures import MeasureDetails, measure_create, measure_value_enter
from awaz.strategy.services.meetings import (
    meeting_action_arising_add,
    meeting_create,
    meeting_minutes_record,
)
from awaz.strategy.tests.conftest import Plan
from awaz.strategy.tests.factories import make_action, make_milestone, make_strand

D = datetime.date
QUARTER = Quarter(D(2026, 1, 1))


@dataclass
class World:
    plan: Plan
    quarter: Quarter
    measure: Measure


def _status(plan: Plan, action: Any, status: str, on: datetime.date, reason: str = "") -> None:
    rag_change_record(
        action=action, rag_status=status, reason=reason, effective_on=on, actor=plan.chair
    )


def _plan(plan: Plan) -> None:
    chair = plan.chair
    _status(plan, plan.action, "red", D(2026, 2, 10), "Fictional: no venue yet")
    _status(plan, plan.action, "green", D(2026, 4, 20))
    _status(plan, plan.other_action, "green", D(2026, 1, 5))
    late = make_milestone(
        action=plan.other_action, chair=chair, target_on=D(2026, 3, 20), title="Fictional print run"
    )
    milestone_done_set(milestone_id=late.pk, done_on=D(2026, 4, 10), actor=chair)
    reporting = make_strand(
        strategy=plan.strategy, chair=chair, number=2, title="Increased reporting"
    )
    centres = make_action(
        strand=reporting, chair=chair, lead=plan.lead_org, title="Fictional centres"
    )
    _status(plan, centres, "green", D(2026, 1, 10))
    kept = make_milestone(action=centres, chair=chair, target_on=D(2026, 2, 1))
    milestone_done_set(milestone_id=kept.pk, done_on=D(2026, 1, 25), actor=chair)
    make_action(
        strand=reporting, chair=chair, lead=plan.lead_org, title="Fictional library leaflets"
    )


def _incidents(plan: Plan) -> None:
    borough = make_area("TEST-LA1", "Fictional Borough")
    district = make_area("TEST-LA2", "Fictional District", lon=-2.7)
    area_populations_set(values={"TEST-LA1": (20_000, 2024)})
    strands = {s.code: s for s in HateStrand.objects.all()}
    rows = [
        (D(2026, 1, 15), ["race"], borough),
        (D(2026, 2, 20), ["race", "religion"], borough),
        (D(2026, 3, 31), ["religion"], None),
        (D(2025, 10, 1), ["race"], district),
        (D(2025, 12, 31), ["disability"], borough),
        (D(2025, 3, 1), ["race"], district),
        (D(2026, 4, 1), ["race"], borough),
    ]
    for day, codes, area in rows:
        make_report(
            organisation=plan.lead_org,
            incident_date=day,
            strands=[strands[c] for c in codes],
            area=area,
        )


def _measure(plan: Plan) -> Measure:
    measure = measure_create(
        strategy=plan.strategy,
        details=MeasureDetails(
            name="Fictional sessions held",
            strand=plan.strand,
            source=MeasureSource.ENTERED,
            good_direction=GoodDirection.UP,
            entered_by_organisation=plan.lead_org,
            unit=Unit.COUNT,
            target=Decimal(10),
        ),
        actor=plan.chair,
    )
    for quarter, value, note in (
        (QUARTER.shift(-4), 5, ""),
        (QUARTER.shift(-1), 8, ""),
        (QUARTER, 11, ""),
        (QUARTER, 12, "Fictional correction: one session was missed"),
    ):
        measure_value_enter(
            measure=measure, quarter=quarter, value=Decimal(value), note=note, actor=plan.chair
        )
    return measure


def _meetings(plan: Plan) -> None:
    chair = plan.chair
    chair_org = plan.lead_org
    held = meeting_create(
        strategy=plan.strategy,
        title="Fictional quarterly meeting",
        held_on=D(2026, 2, 15),
        actor=chair,
    )
    meeting_minutes_record(meeting=held, minutes="Fictional minutes of the meeting.", actor=chair)
    spring = meeting_create(
        strategy=plan.strategy, title="Fictional spring meeting", held_on=D(2026, 5, 1), actor=chair
    )
    meeting_action_arising_add(
        meeting=spring,
        details=ActionDetails(
            strand=plan.strand, title="Fictional action agreed in May", lead_organisation=chair_org
        ),
        actor=chair,
    )

    def raise_(title: str, on: datetime.date) -> Any:
        return issue_raise(
            strategy=plan.strategy,
            details=IssueDetails(
                title=title,
                description="Fictional: an issue raised by a community safety partnership.",
                raised_by_organisation=plan.supporting_org,
                raised_on=on,
            ),
            actor=chair,
        )

    escalated = raise_("Fictional taxi licensing gap", D(2026, 1, 10))
    issue_discuss(issue=escalated, note="Fictional: discussed.", actor=chair)
    issue_escalate(
        issue=escalated, escalated_on=D(2026, 2, 20), note="Fictional: to the county.", actor=chair
    )
    resolved = raise_("Fictional signage in the park", D(2025, 11, 1))
    issue_conclude(
        issue=resolved,
        outcome=IssueStatus.RESOLVED,
        resolution="Fictional: signs replaced.",
        ended_on=D(2026, 3, 5),
        actor=chair,
    )
    raise_("Fictional late-night bus route", D(2026, 3, 1))
    closed = raise_("Fictional market stall dispute", D(2025, 12, 1))
    issue_conclude(
        issue=closed,
        outcome=IssueStatus.CLOSED,
        resolution="Fictional: no longer a matter for the group.",
        ended_on=D(2026, 1, 20),
        actor=chair,
    )


def build_world(plan: Plan) -> World:
    _plan(plan)
    _incidents(plan)
    measure = _measure(plan)
    _meetings(plan)
    return World(plan=plan, quarter=QUARTER, measure=measure)
