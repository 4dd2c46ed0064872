"""Victims' Code and local-standard clocks derived from case data, with frozen time."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awaz.audit.services import PUBLIC
from awaz.cases.clocks import (
    NO_INVESTIGATION,
    ClockKind,
    ClockState,
    StopReason,
    at_risk_horizon,
    case_clocks,
    clocks_for_cases,
    contact_allowed_report_ids,
    time_limits_on,
    with_clock_data,
)
from awaz.cases.models import Case, CaseStatus, EventKind, TimeLimitSet
from awaz.cases.services.case import KeyDecision
from awaz.cases.tests.timers_support import (
    CONTACT_OK,
    busy_case,
    event,
    london,
    make_case,
    refer,
)
from awaz.partners.tests.factories import OrganisationFactory
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    RecipientKind,
    ReporterRole,
)
from awaz.reporting.selectors import consent_allows
from awaz.reporting.services.consent import consent_record

pytestmark = pytest.mark.django_db

FRIDAY_EVENING = london(2024, 3, 1, 19, 0)


def only(clocks, kind):
    found = [clock for clock in clocks if clock.kind == kind]
    assert len(found) == 1, found
    return found[0]


def crime_case(org, **kwargs):
    kwargs.setdefault("police_received_at", FRIDAY_EVENING)
    kwargs.setdefault("opened_at", FRIDAY_EVENING)
    return make_case(organisation=org, code="police_crime", **kwargs)


# Support referral ------------------------------------------------------------------------


def test_support_referral_is_due_by_the_end_of_the_second_working_day(org_b):
    case = crime_case(org_b)
    with time_machine.travel(london(2024, 3, 4, 10), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.started_at == FRIDAY_EVENING
    assert clock.due_at == london(2024, 3, 5, 23, 59, 59, 999999)
    assert clock.state == ClockState.AT_RISK  # due by the end of the next working day
    assert clock.running
    with time_machine.travel(london(2024, 3, 1, 20), tick=False):
        assert only(case_clocks(case), ClockKind.SUPPORT_REFERRAL).state == ClockState.RUNNING


def test_support_referral_overdue_is_breached_while_running(org_b):
    case = crime_case(org_b)
    with time_machine.travel(london(2024, 3, 6, 9), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.BREACHED
    assert clock.running
    assert clock.breached_by == datetime.timedelta(hours=9, microseconds=1)
    assert clock.late_text == "9 hours late"


def test_a_referral_to_victim_support_stops_the_clock_in_time(org_a, org_b):
    case = crime_case(org_b)
    refer(case, org_a, london(2024, 3, 5, 16))
    with time_machine.travel(london(2024, 3, 20, 9), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.MET
    assert clock.stop_reason == StopReason.REFERRAL
    assert clock.stopped_at == london(2024, 3, 5, 16)
    assert clock.breached_by is None


def test_a_late_referral_is_a_breach_by_how_late_it_was(org_a, org_b):
    case = crime_case(org_b)
    refer(case, org_a, london(2024, 3, 7, 10), status="accepted")
    with time_machine.travel(london(2024, 3, 20, 9), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.BREACHED
    assert not clock.running
    assert clock.breached_by.days == 1
    assert clock.late_text == "1 day late"


def test_withdrawn_referrals_and_referrals_elsewhere_do_not_stop_it(org_a, org_b):
    case = crime_case(org_b)
    refer(case, org_a, london(2024, 3, 4, 10), status="withdrawn")
    refer(case, OrganisationFactory(kind="housing"), london(2024, 3, 4, 11))
    with time_machine.travel(london(2024, 3, 4, 12), tick=False):
        assert only(case_clocks(case), ClockKind.SUPPORT_REFERRAL).running


def test_opt_out_ends_the_referral_clock(org_b):
    case = crime_case(org_b, support_opt_out=True)
    with time_machine.travel(london(2024, 3, 20), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.ENDED
    assert clock.stop_reason == StopReason.OPT_OUT


def test_a_case_led_by_victim_support_needs_no_referral(org_a):
    case = crime_case(org_a)
    with time_machine.travel(london(2024, 3, 20), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.MET
    assert clock.stop_reason == StopReason.LEAD_IS_SUPPORT


def test_without_a_police_date_the_code_clocks_start_when_the_case_opened(org_b):
    case = crime_case(org_b, police_received_at=None, opened_at=london(2024, 3, 4, 9))
    with time_machine.travel(london(2024, 3, 4, 10), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.due_at == london(2024, 3, 6, 23, 59, 59, 999999)


# Key decisions ----------------------------------------------------------------------------


def test_key_decision_told_within_one_working_day_over_easter(org_a):
    case = crime_case(org_a)
    decision = event(
        case, EventKind.DECISION, london(2024, 3, 28, 15), details={"decision": "charge"}
    )
    with time_machine.travel(london(2024, 3, 28, 16), tick=False):
        clock = only(case_clocks(case), ClockKind.KEY_DECISION)
    assert clock.due_at == london(
        2024, 4, 2, 23, 59, 59, 999999
    )  # after Good Friday, Easter Monday
    assert clock.detail == "charge"
    assert clock.source_id == decision.pk
    event(
        case,
        EventKind.VICTIM_INFORMED,
        london(2024, 4, 2, 11),
        details={"decision": "charge", "decision_event_id": decision.pk},
    )
    with time_machine.travel(london(2024, 4, 10), tick=False):
        clock = only(case_clocks(case), ClockKind.KEY_DECISION)
    assert clock.state == ClockState.MET
    assert clock.stop_reason == StopReason.INFORMED


def test_telling_the_victim_of_another_decision_does_not_stop_it(org_a):
    case = crime_case(org_a)
    first = event(case, EventKind.DECISION, london(2024, 3, 4, 9), details={"decision": "arrest"})
    second = event(case, EventKind.DECISION, london(2024, 3, 4, 10), details={"decision": "bail"})
    event(
        case,
        EventKind.VICTIM_INFORMED,
        london(2024, 3, 4, 12),
        details={"decision": "bail", "decision_event_id": second.pk},
    )
    with time_machine.travel(london(2024, 3, 6, 9), tick=False):
        clocks = [c for c in case_clocks(case) if c.kind == ClockKind.KEY_DECISION]
    by_source = {clock.source_id: clock for clock in clocks}
    assert by_source[first.pk].state == ClockState.BREACHED
    assert by_source[second.pk].state == ClockState.MET


def test_other_victims_have_five_working_days(org_a):
    case = crime_case(org_a, is_enhanced_rights=False)
    event(case, EventKind.DECISION, london(2024, 3, 1, 9), details={"decision": "charge"})
    with time_machine.travel(london(2024, 3, 1, 10), tick=False):
        clock = only(case_clocks(case), ClockKind.KEY_DECISION)
    assert clock.due_at == london(2024, 3, 8, 23, 59, 59, 999999)


def test_a_decision_not_to_investigate_has_its_own_limit(org_a):
    assert NO_INVESTIGATION == KeyDecision.NOT_INVESTIGATED
    TimeLimitSet.objects.create(
        name="Fictional draft Code",
        effective_from=datetime.date(2024, 1, 1),
        no_investigation_working_days=3,
    )
    case = crime_case(org_a)
    event(case, EventKind.DECISION, london(2024, 3, 1, 9), details={"decision": NO_INVESTIGATION})
    with time_machine.travel(london(2024, 3, 1, 10), tick=False):
        clock = only(case_clocks(case), ClockKind.KEY_DECISION)
    assert clock.due_at == london(2024, 3, 6, 23, 59, 59, 999999)


# Updates ----------------------------------------------------------------------------------


def test_updates_at_least_every_interval_until_closure(org_a):
    case = crime_case(org_a)
    event(case, EventKind.CONTACT, london(2024, 3, 20, 10), details={"method": "phone"})
    event(case, EventKind.NOTE, london(2024, 4, 2, 10))  # private note: not an update
    event(case, EventKind.NOTE, london(2024, 5, 1, 10), shared_with_reporter=True)
    with time_machine.travel(london(2024, 5, 2, 9), tick=False):
        updates = [c for c in case_clocks(case) if c.kind == ClockKind.UPDATE]
    assert [clock.state for clock in updates] == [
        ClockState.MET,
        ClockState.BREACHED,  # 20 March to 1 May: more than 30 days
        ClockState.RUNNING,
    ]
    assert updates[0].due_at == london(2024, 4, 2, 23, 59, 59, 999999)  # 31 March, Easter
    assert updates[1].breached_by is not None
    assert updates[2].started_at == london(2024, 5, 1, 10)
    assert updates[2].due_at == london(2024, 5, 31, 23, 59, 59, 999999)


def test_closing_the_case_ends_running_clocks(org_a, org_b):
    case = crime_case(org_b)
    refer(case, org_a, london(2024, 3, 4, 10))
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_at=london(2024, 3, 10, 12)
    )
    with time_machine.travel(london(2024, 6, 1), tick=False):
        clocks = case_clocks(case)
    update = only(clocks, ClockKind.UPDATE)
    assert update.state == ClockState.ENDED
    assert update.stop_reason == StopReason.CASE_CLOSED
    assert not any(clock.running for clock in clocks)


def test_a_case_closed_after_a_deadline_keeps_the_breach(org_b):
    case = crime_case(org_b)
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_at=london(2024, 3, 8, 12)
    )
    with time_machine.travel(london(2024, 6, 1), tick=False):
        clock = only(case_clocks(case), ClockKind.SUPPORT_REFERRAL)
    assert clock.state == ClockState.BREACHED
    assert clock.stop_reason == StopReason.CASE_CLOSED


# Local standard ---------------------------------------------------------------------------


def test_local_standard_first_contact_where_contact_is_allowed(org_a):
    case = make_case(
        organisation=org_a, code="partner_incident", opened_at=FRIDAY_EVENING, consents=CONTACT_OK
    )
    with time_machine.travel(london(2024, 3, 4, 9), tick=False):
        clocks = case_clocks(case)
    assert [clock.kind for clock in clocks] == [ClockKind.FIRST_CONTACT]
    assert clocks[0].due_at == london(2024, 3, 5, 23, 59, 59, 999999)
    assert clocks[0].state == ClockState.AT_RISK
    event(case, EventKind.MESSAGE_TO_REPORTER, london(2024, 3, 4, 11))
    with time_machine.travel(london(2024, 3, 8), tick=False):
        clock = only(case_clocks(case), ClockKind.FIRST_CONTACT)
    assert clock.state == ClockState.MET
    assert clock.stop_reason == StopReason.CONTACT


def test_an_unclassified_case_runs_the_local_standard(org_a):
    case = make_case(organisation=org_a, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    with time_machine.travel(london(2024, 3, 7), tick=False):
        clock = only(case_clocks(case), ClockKind.FIRST_CONTACT)
    assert clock.state == ClockState.BREACHED


def test_no_local_clock_without_consent_to_contact(org_a):
    none_given = make_case(organisation=org_a, code="asb", opened_at=FRIDAY_EVENING)
    refused = make_case(
        organisation=org_a,
        code="asb",
        opened_at=FRIDAY_EVENING,
        consents={("contact", "receiving"): False},
    )
    with time_machine.travel(london(2024, 3, 7), tick=False):
        assert case_clocks(none_given) == []
        assert case_clocks(refused) == []


def test_withdrawn_or_expired_consent_stops_the_local_clock(org_a):
    withdrawn = make_case(organisation=org_a, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    report = withdrawn.case_reports.get().report
    consent_record(
        report=report,
        decisions={(ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION): False},
        method=ConsentMethod.ONLINE,
        given_by=ReporterRole.VICTIM,
        actor=PUBLIC,
        timeline=False,
    )
    with time_machine.travel(london(2024, 3, 4), tick=False):
        assert case_clocks(withdrawn) == []
        expiring = make_case(organisation=org_a, opened_at=FRIDAY_EVENING)
        consent_record(
            report=expiring.case_reports.get().report,
            decisions={(ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION): True},
            method=ConsentMethod.PHONE,
            given_by=ReporterRole.VICTIM,
            actor=PUBLIC,
            expires_at=london(2024, 3, 5),
            timeline=False,
        )
        assert len(case_clocks(expiring)) == 1
    with time_machine.travel(london(2024, 3, 6), tick=False):
        assert case_clocks(expiring) == []


def test_bulk_consent_check_agrees_with_consent_allows(org_a):
    cases = [
        make_case(organisation=org_a, consents=CONTACT_OK),
        make_case(organisation=org_a, consents={("contact", "receiving"): False}),
        make_case(organisation=org_a),
        make_case(organisation=org_a, consents={("share", "police"): True}),
    ]
    reports = [case.case_reports.get().report for case in cases]
    bulk = contact_allowed_report_ids(
        [r.pk for r in reports], now=datetime.datetime.now(datetime.UTC)
    )
    for report in reports:
        expected = consent_allows(
            report=report,
            purpose=ConsentPurpose.CONTACT,
            recipient=RecipientKind.RECEIVING_ORGANISATION,
        )
        assert (report.pk in bulk) is expected
    assert bulk == {reports[0].pk}


# Rule set effective dates -------------------------------------------------------------------


def test_time_limits_in_force_on_a_date():
    newer = TimeLimitSet.objects.create(
        name="Fictional new Code",
        effective_from=datetime.date(2025, 1, 1),
        support_referral_working_days=3,
    )
    default = TimeLimitSet.objects.get(effective_from=datetime.date(2021, 4, 1))
    assert time_limits_on(datetime.date(2024, 12, 31)) == default
    assert time_limits_on(datetime.date(2025, 1, 1)) == newer
    assert time_limits_on(datetime.date(2030, 1, 1)) == newer
    assert time_limits_on(datetime.date(2020, 1, 1)) == default  # before any: the oldest


def test_each_clock_uses_the_limits_in_force_when_it_started(org_b):
    TimeLimitSet.objects.create(
        name="Fictional new Code",
        effective_from=datetime.date(2025, 1, 1),
        support_referral_working_days=3,
    )
    before = crime_case(org_b, police_received_at=london(2024, 12, 31, 10))
    after = crime_case(org_b, police_received_at=london(2025, 1, 2, 10))
    with time_machine.travel(london(2025, 1, 2, 11), tick=False):
        # 31 December + 2 working days (New Year's Day skipped) = 3 January.
        assert only(case_clocks(before), ClockKind.SUPPORT_REFERRAL).due_at == london(
            2025, 1, 3, 23, 59, 59, 999999
        )
        # 2 January + 3 working days = Tuesday 7 January.
        assert only(case_clocks(after), ClockKind.SUPPORT_REFERRAL).due_at == london(
            2025, 1, 7, 23, 59, 59, 999999
        )


# Horizon and query counts -----------------------------------------------------------------


def test_at_risk_horizon_is_the_end_of_the_next_working_day():
    assert at_risk_horizon(london(2024, 3, 1, 9)) == london(2024, 3, 4, 23, 59, 59, 999999)
    assert at_risk_horizon(london(2024, 12, 24, 9)) == london(2024, 12, 27, 23, 59, 59, 999999)


def _queries_for_all_clocks():
    with CaptureQueriesContext(connection) as ctx:
        cases = list(with_clock_data(Case.objects.order_by("pk")))
        clocks_for_cases(cases, now=london(2024, 3, 4, 9))
    return len(ctx.captured_queries)


def test_clock_queries_do_not_grow_with_the_number_of_cases(org_a, org_b):
    busy_case(org_b, org_a, "police_crime")
    busy_case(org_b, org_a, "partner_incident")
    few = _queries_for_all_clocks()
    for _ in range(3):
        busy_case(org_b, org_a, "police_crime")
        busy_case(org_b, org_a, "asb")
    assert _queries_for_all_clocks() == few == 6
