"""The clocks pages: a case's clocks (and its case-page panel), cases at risk of breaching,
and breaches by organisation and month (counts only, with a CSV download)."""

import csv
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.cases.models import EventKind
from awaz.cases.tests.timers_support import (
    CONTACT_OK,
    busy_case,
    decide_and_tell,
    event,
    london,
    make_case,
    refer,
)
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

AT_RISK = reverse("cases:timers_at_risk")
BREACHES = reverse("cases:timers_breaches")
BREACHES_CSV = reverse("cases:timers_breaches_csv")
FRIDAY_EVENING = london(2024, 3, 1, 19)


def crime_case(org, **kwargs):
    kwargs.setdefault("opened_at", FRIDAY_EVENING)
    kwargs.setdefault("police_received_at", FRIDAY_EVENING)
    return make_case(organisation=org, code="police_crime", **kwargs)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Fictional Constabulary", kind="police")


@pytest.fixture
def police_worker(police):
    return StaffFactory(organisation=police, role="partner_caseworker")


# A case's clocks ----------------------------------------------------------------------------


def test_case_clocks_page_shows_the_clocks(client, police, police_worker):
    case = crime_case(police)
    client.force_login(police_worker)
    with time_machine.travel(london(2024, 3, 4, 10), tick=False):
        response = client.get(reverse("cases:case_clocks", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Refer to victim support" in html
    assert "Tue 5 Mar 2024" in html
    assert "Due soon" in html
    assert "Code time limits apply" in html


def test_case_clocks_page_is_404_for_another_organisation(client, police, caseworker_b):
    case = crime_case(police)
    client.force_login(caseworker_b)
    assert client.get(reverse("cases:case_clocks", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:case_clocks", args=[999999])).status_code == 404


def test_the_case_page_has_the_clocks_panel(client, police, police_worker):
    case = crime_case(police)
    client.force_login(police_worker)
    with time_machine.travel(london(2024, 3, 6, 10), tick=False):
        response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert ">Clocks</h2>" in html
    assert "Overdue" in html  # the support referral, still running past its deadline


# At risk ------------------------------------------------------------------------------------


def test_at_risk_lists_visible_cases_due_by_the_end_of_the_next_working_day(
    client, org_a, police, police_worker
):
    due_soon = crime_case(police)
    overdue = crime_case(police, police_received_at=london(2024, 2, 26, 9))
    referred_met = crime_case(police)
    refer(referred_met, org_a, london(2024, 3, 4, 9))
    later = crime_case(police, police_received_at=london(2024, 3, 4, 9))
    not_ours = crime_case(OrganisationFactory(kind="council"))
    client.force_login(police_worker)
    with time_machine.travel(london(2024, 3, 4, 10), tick=False):
        response = client.get(AT_RISK)
    assert response.status_code == 200
    html = response.content.decode()
    assert due_soon.reference in html
    assert overdue.reference in html
    assert "Overdue" in html
    assert referred_met.reference not in html
    assert later.reference not in html  # due Wednesday: after the end of Tuesday
    assert not_ours.reference not in html
    # Soonest first: the overdue case leads.
    assert html.index(overdue.reference) < html.index(due_soon.reference)


def test_at_risk_includes_cases_referred_to_the_user(client, org_a, caseworker_a):
    lead = OrganisationFactory(kind="council")
    case = make_case(organisation=lead, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    refer(case, org_a, london(2024, 3, 1, 20))
    client.force_login(caseworker_a)
    with time_machine.travel(london(2024, 3, 4, 10), tick=False):
        html = client.get(AT_RISK).content.decode()
    assert case.reference in html
    assert "First contact (local standard)" in html


def _at_risk_queries(client):
    with (
        CaptureQueriesContext(connection) as ctx,
        time_machine.travel(london(2024, 3, 4, 10), tick=False),
    ):
        response = client.get(AT_RISK)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_at_risk_query_count_does_not_grow_with_cases(client, org_a, police, police_worker):
    client.force_login(police_worker)
    busy_case(police, org_a, "police_crime")
    make_case(organisation=police, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    _at_risk_queries(client)  # the first request of a session does some work once
    few = _at_risk_queries(client)
    for _ in range(5):
        busy_case(police, org_a, "police_crime")
        make_case(organisation=police, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    many = _at_risk_queries(client)
    assert many == few
    assert few <= 16


def test_at_risk_needs_a_caseworker(client, police):
    assert client.get(AT_RISK).status_code == 302  # sign in first
    client.force_login(StaffFactory(organisation=police, role="analyst"))
    assert client.get(AT_RISK).status_code == 403


# Breaches -----------------------------------------------------------------------------------


@pytest.fixture
def breaches(org_a, police):
    """Breaches for the police in March 2024 (one referral, one key decision) and April
    (a referral; updates more than 30 days apart, counted on 20 April); clocks met in
    time; and a local-standard breach for org_a."""
    late_referral = crime_case(police)
    refer(late_referral, org_a, london(2024, 3, 8, 9))
    decide_and_tell(late_referral, "charge", london(2024, 3, 11, 9), london(2024, 3, 14, 9))
    event(late_referral, EventKind.CONTACT, london(2024, 3, 14, 9), details={"method": "phone"})
    april = crime_case(police, police_received_at=london(2024, 4, 2, 9))
    refer(april, org_a, london(2024, 4, 10, 9))
    event(april, EventKind.CONTACT, london(2024, 4, 10, 9), details={"method": "phone"})
    on_time = crime_case(police)
    refer(on_time, org_a, london(2024, 3, 4, 9))
    event(on_time, EventKind.CONTACT, london(2024, 3, 4, 9), details={"method": "phone"})
    local = make_case(organisation=org_a, opened_at=FRIDAY_EVENING, consents=CONTACT_OK)
    event(local, EventKind.CONTACT, london(2024, 3, 12, 9), details={"method": "phone"})
    return [late_referral, april, on_time, local]


def test_breaches_are_counted_by_organisation_and_month(client, police, breaches):
    chair = StaffFactory(organisation=police, role="chair")
    client.force_login(chair)
    with time_machine.travel(london(2024, 4, 20, 9), tick=False):
        response = client.get(BREACHES)
    assert response.status_code == 200
    html = response.content.decode()
    rows = response.context["table"]
    summary = [(row.organisation, row.month.isoformat(), cells, row.total) for row, cells in rows]
    assert summary == [
        # April: the late April referral, and two update intervals over 30 days.
        ("Fictional Constabulary", "2024-04-01", [1, 0, 2, 0], 3),
        ("Fictional Constabulary", "2024-03-01", [1, 1, 0, 0], 2),
        ("Fictional Victim Hub A", "2024-03-01", [0, 0, 0, 1], 1),
    ]
    for case in breaches:  # counts only: no case is named
        assert case.reference not in html
    assert "March 2024" in html


def test_breaches_csv_download(client, police, breaches):
    client.force_login(StaffFactory(organisation=police, role="pcc_office"))
    with time_machine.travel(london(2024, 4, 20, 9), tick=False):
        response = client.get(BREACHES_CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Lead organisation",
        "Month",
        "Refer to victim support",
        "Tell the victim of a key decision",
        "Update the victim",
        "First contact (local standard)",
        "Total",
    ]
    assert rows[1:] == [
        ["Fictional Constabulary", "2024-04", "1", "0", "2", "0", "3"],
        ["Fictional Constabulary", "2024-03", "1", "1", "0", "0", "2"],
        ["Fictional Victim Hub A", "2024-03", "0", "0", "0", "1", "1"],
    ]


@pytest.mark.parametrize("role", ["chair", "analyst", "pcc_office", "partner_caseworker"])
def test_breaches_for_overview_roles(client, police, role):
    client.force_login(StaffFactory(organisation=police, role=role))
    assert client.get(BREACHES).status_code == 200
    assert client.get(BREACHES_CSV).status_code == 200


def test_breaches_refused_to_administrators(client, police):
    client.force_login(StaffFactory(organisation=police, role="administrator"))
    assert client.get(BREACHES).status_code == 403
    assert client.get(BREACHES_CSV).status_code == 403


def test_navigation_links_to_time_limits(client, police, police_worker):
    client.force_login(police_worker)
    html = client.get(AT_RISK).content.decode()
    assert f'href="{AT_RISK}"' in html
    client.force_login(StaffFactory(organisation=police, role="chair"))
    assert f'href="{BREACHES}"' in client.get(BREACHES).content.decode()
