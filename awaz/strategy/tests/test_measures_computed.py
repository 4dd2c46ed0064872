"""Computed measures against hand-counted fixtures: reports by channel and the share through
reporting centres, Victims' Code support referrals (share in time, median working days),
satisfaction and the repeat-victim rate, each counted by financial-year quarter in
Europe/London; and a fixed number of queries however much data there is."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awaz.cases.models import SatisfactionResponse
from awaz.cases.tests.timers_support import london, make_case, refer
from awaz.core.quarters import Quarter
from awaz.partners.tests.factories import OrganisationFactory
from awaz.reporting.tests.factories import make_report
from awaz.strategy.measure_computations import support_referrals
from awaz.strategy.models import Computation, GoodDirection, Measure, MeasureSource
from awaz.strategy.selectors_measures import measure_rows, measure_value, measure_values
from awaz.strategy.services.measures import MeasureDetails, measure_create, measure_value_enter
from awaz.strategy.tests.factories import make_strand, make_strategy

Q1 = Quarter(datetime.date(2025, 4, 1))  # 2025-26 Q1: April to June 2025
Q2 = Q1.shift(1)  # July to September 2025
Q3 = Q1.shift(2)


@pytest.fixture
def strand(chair: Any) -> Any:
    return make_strand(strategy=make_strategy(chair=chair), chair=chair, number=2)


def computed(chair: Any, strand: Any, computation: Computation) -> Measure:
    return measure_create(
        strategy=strand.strategy,
        details=MeasureDetails(
            name=f"Fictional {computation.label}",
            strand=strand,
            source=MeasureSource.COMPUTED,
            computation=computation,
            good_direction=GoodDirection.UP,
        ),
        actor=chair,
    )


# Reports by channel ------------------------------------------------------------------------


def report(org: Any, at: datetime.datetime, channel: str = "online", **kwargs: Any) -> None:
    make_report(organisation=org, channel=channel, submitted_at=at, **kwargs)


@pytest.fixture
def reports(org_a: Any) -> None:
    # 2025-26 Q1: 3 online, 1 by phone, 2 in person = 6, of which 3 through a centre (50%).
    report(org_a, london(2025, 4, 1, 0, 30))  # 31 March 23:30 UTC: April in London
    report(org_a, london(2025, 5, 14, 12))
    report(org_a, london(2025, 6, 30, 23, 30))
    report(org_a, london(2025, 5, 2, 9), "phone")
    report(org_a, london(2025, 4, 20, 15), "in_person")
    report(org_a, london(2025, 6, 3, 11), "in_person")
    # 2025-26 Q2: 2 online, 1 by phone = 3, 1 through a centre (33.3%).
    report(org_a, london(2025, 7, 1, 0, 30))  # 30 June 23:30 UTC: July in London
    report(org_a, london(2025, 9, 30, 22))
    report(org_a, london(2025, 8, 8, 8), "phone")
    # Outside both: the previous quarter's last evening.
    report(org_a, london(2025, 3, 31, 23, 59), "phone")
    # Not received by Awaz: a partner's own record, imported.
    report(org_a, london(2025, 5, 20, 10), "imported")


@pytest.mark.usefixtures("reports")
@pytest.mark.parametrize(
    ("computation", "in_q1", "in_q2"),
    [
        (Computation.REPORTS_TOTAL, Decimal(6), Decimal(3)),
        (Computation.REPORTS_ONLINE, Decimal(3), Decimal(2)),
        (Computation.REPORTS_PHONE, Decimal(1), Decimal(1)),
        (Computation.REPORTS_IN_PERSON, Decimal(2), Decimal(0)),
        (Computation.THIRD_PARTY_SHARE, Decimal("50.0"), Decimal("33.3")),
    ],
)
def test_reports_by_channel(
    chair: Any, strand: Any, computation: Computation, in_q1: Decimal, in_q2: Decimal
) -> None:
    measure = computed(chair, strand, computation)
    assert measure_value(measure, Q1) == in_q1
    assert measure_value(measure, Q2) == in_q2


@pytest.mark.usefixtures("reports")
def test_a_quarter_without_reports(chair: Any, strand: Any) -> None:
    total = computed(chair, strand, Computation.REPORTS_TOTAL)
    share = computed(chair, strand, Computation.THIRD_PARTY_SHARE)
    values = measure_values([total, share], [Q3])
    assert values[total.pk][Q3] == 0  # none received is a figure
    assert values[share.pk][Q3] is None  # a share of nothing is not


def test_a_quarter_not_yet_begun_has_no_value(chair: Any, strand: Any, org_a: Any) -> None:
    total = computed(chair, strand, Computation.REPORTS_TOTAL)
    report(org_a, london(2025, 5, 1, 12))
    values = measure_values([total], [Q1, Q2], today=datetime.date(2025, 6, 15))
    assert values[total.pk] == {Q1: Decimal(1), Q2: None}


# Support referrals under the Victims' Code -------------------------------------------------


@pytest.fixture
def referrals(org_b: Any) -> dict[str, Any]:
    """Police-recorded crimes whose support-referral clock starts in 2025-26 Q1 (limit: 2
    working days; Monday 5 May 2025 is a bank holiday), led by a council (org_b)."""
    support = OrganisationFactory(name="Fictional Support Service", kind="victim_support")

    def crime(received: datetime.datetime, **kwargs: Any) -> Any:
        kwargs.setdefault("police_received_at", received)
        return make_case(organisation=org_b, code="police_crime", opened_at=received, **kwargs)

    # 1. Received Monday 7 April, referred Tuesday: met, 1 working day.
    refer(crime(london(2025, 4, 7, 10)), support, london(2025, 4, 8, 9))
    # 2. Received Friday 2 May, referred Wednesday 7 May: the bank holiday does not count,
    #    so 2 working days, met.
    refer(crime(london(2025, 5, 2, 18)), support, london(2025, 5, 7, 16))
    # 3. Received Monday 9 June, referred Friday 13 June: 4 working days, breached.
    refer(crime(london(2025, 6, 9, 9)), support, london(2025, 6, 13, 11))
    # 4. Received Tuesday 10 June, never referred: breached once the deadline passed.
    crime(london(2025, 6, 10, 14))
    # 5. The victim opted out: not needed, left out.
    crime(london(2025, 6, 11, 9), support_opt_out=True)
    # 6. Led by victim support itself: met at once, but no referral is made (no days).
    make_case(
        organisation=support,
        code="police_crime",
        opened_at=london(2025, 6, 12, 9),
        police_received_at=london(2025, 6, 12, 9),
    )
    # 7. Received 00:30 on 1 April in London (31 March in UTC): in Q1; referred the same
    #    day: met, 0 working days.
    refer(crime(london(2025, 4, 1, 0, 30)), support, london(2025, 4, 1, 15))
    # 8. No police received date: the clock starts when the case opened. Received Thursday
    #    22 May, referred Wednesday 28 May (Monday 26 May is a bank holiday): 3 working
    #    days, breached.
    refer(
        crime(london(2025, 5, 22, 10), police_received_at=None),
        support,
        london(2025, 5, 28, 10),
    )
    # Not counted in Q1: received in Q2 (met); a local-standard case; received in March.
    refer(crime(london(2025, 7, 1, 9)), support, london(2025, 7, 1, 12))
    make_case(organisation=org_b, code="partner_incident", opened_at=london(2025, 5, 1, 9))
    refer(crime(london(2025, 3, 31, 20)), support, london(2025, 4, 9, 9))
    return {"support": support}


@pytest.mark.usefixtures("referrals")
def test_support_referral_share_in_limit(chair: Any, strand: Any) -> None:
    measure = computed(chair, strand, Computation.SUPPORT_REFERRAL_IN_LIMIT)
    # Met: 1, 2, 6, 7. Breached: 3, 4, 8. Left out: 5. 4 / 7 = 57.1%.
    assert measure_value(measure, Q1) == Decimal("57.1")
    assert measure_value(measure, Q2) == Decimal("100.0")
    assert measure_value(measure, Q3) is None


@pytest.mark.usefixtures("referrals")
def test_support_referral_median_working_days(chair: Any, strand: Any) -> None:
    measure = computed(chair, strand, Computation.SUPPORT_REFERRAL_MEDIAN_DAYS)
    # Referrals made: 1 (1 day), 2 (2), 3 (4), 7 (0), 8 (3): median 2.
    assert measure_value(measure, Q1) == Decimal("2.0")
    assert measure_value(measure, Q2) == Decimal("0.0")


@pytest.mark.usefixtures("referrals")
def test_support_referral_median_of_an_even_count(
    chair: Any, strand: Any, org_b: Any, referrals: dict[str, Any]
) -> None:
    # A sixth referral, 5 working days (Monday 16 to Monday 23 June): 0, 1, 2, 3, 4, 5.
    case = make_case(
        organisation=org_b,
        code="police_crime",
        opened_at=london(2025, 6, 16, 9),
        police_received_at=london(2025, 6, 16, 9),
    )
    refer(case, referrals["support"], london(2025, 6, 23, 9))
    measure = computed(chair, strand, Computation.SUPPORT_REFERRAL_MEDIAN_DAYS)
    assert measure_value(measure, Q1) == Decimal("2.5")


def test_a_clock_still_within_its_limit_is_left_out(org_b: Any) -> None:
    make_case(
        organisation=org_b,
        code="police_crime",
        opened_at=london(2025, 6, 26, 9),
        police_received_at=london(2025, 6, 26, 9),
    )
    # Thursday 26 June, due by the end of Monday 30 June: on Friday it is still running.
    tally = support_referrals([Q1], now=london(2025, 6, 27, 12))[Q1]
    assert (tally.met, tally.breached, tally.share_in_limit) == (0, 0, None)
    tally = support_referrals([Q1], now=london(2025, 7, 1, 9))[Q1]
    assert (tally.met, tally.breached, tally.share_in_limit) == (0, 1, Decimal("0.0"))


# Satisfaction --------------------------------------------------------------------------------


def test_satisfaction(chair: Any, strand: Any, org_b: Any) -> None:
    answers = [
        (london(2025, 4, 10, 12), 5),  # Q1, satisfied
        (london(2025, 5, 1, 12), 4),  # Q1, satisfied
        (london(2025, 6, 1, 12), 3),  # Q1, neither
        (london(2025, 6, 30, 23, 30), 1),  # Q1 (22:30 UTC), very dissatisfied
        (london(2025, 6, 2, 12), None),  # answered without the overall question: left out
        (None, None),  # offered, not answered: left out
        (london(2025, 7, 1, 0, 30), 5),  # 30 June in UTC, but Q2 in London
    ]
    for answered_at, overall in answers:
        case = make_case(organisation=org_b, code="partner_incident")
        SatisfactionResponse.objects.create(
            case=case,
            invited_at=london(2025, 4, 1, 9),
            answered_at=answered_at,
            overall=overall,
            felt_listened_to=overall,
        )
    measure = computed(chair, strand, Computation.SATISFACTION)
    assert measure_values([measure], [Q1, Q2, Q3])[measure.pk] == {
        Q1: Decimal("50.0"),  # 2 of 4
        Q2: Decimal("100.0"),
        Q3: None,
    }


# Repeat victims ------------------------------------------------------------------------------


def test_repeat_victim_rate(chair: Any, strand: Any, org_a: Any) -> None:
    def incident(on: datetime.date, email: str = "", role: str = "victim") -> None:
        make_report(
            organisation=org_a,
            incident_date=on,
            email=email,
            reporter_role=role,
            is_anonymous=not email,
            submitted_at=london(on.year, on.month, on.day, 20),
        )

    # The 12 months to 30 September 2025 (Q2's end) run from 1 October 2024.
    incident(datetime.date(2025, 1, 10), "alice@example.org")
    incident(datetime.date(2025, 8, 1), "alice@example.org")  # a repeat
    incident(datetime.date(2025, 5, 5), "bob@example.org")
    incident(datetime.date(2025, 6, 1), "bob@example.org", role="witness")  # not as victim
    incident(datetime.date(2024, 9, 15), "carol@example.org")  # before the 12 months
    incident(datetime.date(2025, 3, 1), "carol@example.org")
    incident(datetime.date(2025, 4, 4))  # anonymous: cannot be matched, left out
    measure = computed(chair, strand, Computation.REPEAT_VICTIM_RATE)
    # Q2: Alice, Bob and Carol known; Alice a repeat: 1 in 3.
    assert measure_value(measure, Q2) == Decimal("33.3")
    # Q1 (to 30 June 2025): Alice, Bob and Carol each once in the window; Carol's 2024
    # incident counts too (from 1 July 2024), so Carol is the repeat: 1 in 3.
    assert measure_value(measure, Q1) == Decimal("33.3")
    # A quarter with nobody known has no rate.
    assert measure_value(measure, Q1.shift(-8)) is None


# Entered measures and queries ----------------------------------------------------------------


def test_entered_measures_take_the_newest_value(chair: Any, strand: Any, org_b: Any) -> None:
    measure = measure_create(
        strategy=strand.strategy,
        details=MeasureDetails(
            name="Fictional sessions",
            strand=strand,
            source=MeasureSource.ENTERED,
            entered_by_organisation=org_b,
            good_direction=GoodDirection.UP,
        ),
        actor=chair,
    )
    with time_machine.travel(london(2025, 10, 2, 9), tick=False):
        measure_value_enter(measure=measure, quarter=Q1, value=Decimal(5), actor=chair)
    with time_machine.travel(london(2025, 10, 3, 9), tick=False):
        measure_value_enter(
            measure=measure, quarter=Q1, value=Decimal(7), note="A late return.", actor=chair
        )
        measure_value_enter(measure=measure, quarter=Q2, value=Decimal(9), actor=chair)
    assert measure_values([measure], [Q1, Q2, Q3])[measure.pk] == {
        Q1: Decimal(7),
        Q2: Decimal(9),
        Q3: None,
    }


def _every_computation(chair: Any, strand: Any) -> None:
    for computation in Computation:
        computed(chair, strand, computation)


def _rows_queries(strategy: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        rows = measure_rows(strategy=strategy, quarter=Q2, quarters=8)
    assert len(rows) == len(Computation)
    assert all(len(row.series) == 8 for row in rows)
    return len(queries.captured_queries)


@pytest.mark.usefixtures("referrals")
def test_queries_do_not_grow_with_the_data(
    chair: Any, strand: Any, org_a: Any, org_b: Any, referrals: dict[str, Any]
) -> None:
    _every_computation(chair, strand)
    before = _rows_queries(strand.strategy)
    # Many more reports, cases and survey answers over the eight quarters.
    for k in range(12):
        at = london(2024, 1 + k % 12, 3 + k, 10)
        report(org_a, at, "phone" if k % 2 else "online")
        case = make_case(
            organisation=org_b,
            code="police_crime",
            opened_at=at,
            police_received_at=at,
        )
        refer(case, referrals["support"], at + datetime.timedelta(days=1))
        SatisfactionResponse.objects.create(
            case=case, invited_at=at, answered_at=at + datetime.timedelta(days=3), overall=4
        )
    assert _rows_queries(strand.strategy) == before
    # Measures (reports, 6 for the clocks, survey, 8 for repeat victims, entered values).
    assert before <= 20
