"""Near-repeat pages: who may see them (404 otherwise, and for another organisation's run),
the start form (dashboard filters carried over, band edges validated keeping what was
typed), the progress page (refreshes itself while running) and the result table and CSV."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.partners.tests.factories import StaffFactory
from awaz.patterns.models import NearRepeatRun, RunError, RunStage, RunStatus
from awaz.patterns.services.near_repeat import near_repeat_execute
from awaz.patterns.tests.test_near_repeat_service import EVENTS, make_events, params
from awaz.reporting.tests.factories import make_area, make_strand

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # en dash, as in the Near Repeat Calculator's band labels
LIST = reverse("patterns:near_repeat_list")
START = reverse("patterns:near_repeat_start")
VALID = {
    "start-day": "1",
    "start-month": "1",
    "start-year": "2025",
    "end-day": "31",
    "end-month": "12",
    "end-year": "2025",
    "space_bands": "0, 100, 200, 300",
    "time_bands": "0,7,14,21",
    "permutations": "99",
}


def detail(run):
    return reverse("patterns:near_repeat_detail", args=[run.pk])


def csv_url(run):
    return reverse("patterns:near_repeat_csv", args=[run.pk])


@pytest.fixture
def analyst(org_a):
    return StaffFactory(organisation=org_a, role="analyst", full_name="Ana Fictional")


def queued_run(user, organisation, **kwargs):
    return NearRepeatRun.objects.create(
        requested_by=user, organisation=organisation, parameters=params(**kwargs).to_json()
    )


def done_run(user, organisation, **kwargs):
    run = queued_run(user, organisation, **kwargs)
    near_repeat_execute(run.pk)
    run.refresh_from_db()
    return run


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pcc_office", "partner_caseworker", "administrator"])
def test_roles_without_near_repeat_get_404_everywhere(client, org_a, analyst, role):
    run = queued_run(analyst, org_a)
    client.force_login(StaffFactory(organisation=org_a, role=role))
    for url in (LIST, START, detail(run), csv_url(run)):
        assert client.get(url).status_code == 404
    assert client.post(START, VALID).status_code == 404
    assert NearRepeatRun.objects.count() == 1


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_organisations_run_is_404_and_not_listed(client, org_a, org_b, analyst):
    make_events(org_a)
    theirs = done_run(analyst, org_a)
    client.force_login(StaffFactory(organisation=org_b, role="analyst"))
    assert client.get(detail(theirs)).status_code == 404
    assert client.get(csv_url(theirs)).status_code == 404
    assert client.get(reverse("patterns:near_repeat_detail", args=[999999])).status_code == 404
    page = client.get(LIST).content.decode()
    assert f"Analysis {theirs.pk}" not in page
    assert "Nobody in your organisation has run a near-repeat analysis yet." in page


def test_a_chair_sees_their_organisations_runs(client, org_a, analyst):
    run = queued_run(analyst, org_a)
    client.force_login(StaffFactory(organisation=org_a, role="chair"))
    page = client.get(LIST).content.decode()
    assert f"Analysis {run.pk}" in page and "Ana Fictional" in page
    assert client.get(detail(run)).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries(client, org_a, analyst):
    client.force_login(analyst)
    queued_run(analyst, org_a)
    client.get(LIST)  # the first request of a session also records the session
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(5):
        queued_run(StaffFactory(organisation=org_a, role="chair"), org_a)
    with CaptureQueriesContext(connection) as six:
        page = client.get(LIST).content.decode()
    assert len(six.captured_queries) == len(one.captured_queries)
    assert page.count("Waiting to start") == 6


# The start form ------------------------------------------------------------------------------


def test_start_form_takes_the_dashboard_filters_from_the_query_string(client, analyst):
    make_strand("race", "Race")
    make_area("TEST-W1", "Fictional Ward")
    client.force_login(analyst)
    query = (
        "start-day=1&start-month=2&start-year=2025&end-day=30&end-month=4&end-year=2025"
        "&strand=race&area=TEST-W1&type=verbal_abuse&channel=online&source=witness"
    )
    page = client.get(f"{START}?{query}").content.decode()
    assert 'name="start-month" type="text" inputmode="numeric" value="2"' in page
    assert 'name="end-day" type="text" inputmode="numeric" value="30"' in page
    assert 'name="strand" type="checkbox" value="race" checked' in page
    assert '<option value="TEST-W1" selected' in page
    assert 'value="verbal_abuse" checked' in page
    assert 'value="online" checked' in page
    assert 'value="witness" checked' in page
    assert 'value="0, 100, 200, 300, 400, 500"' in page
    assert 'value="0, 7, 14, 21, 28, 35"' in page
    assert 'name="permutations" type="text" value="999"' in page


def test_start_form_without_filters_offers_the_last_twelve_months(client, analyst):
    client.force_login(analyst)
    today = datetime.date.today()
    page = client.get(START).content.decode()
    assert f'name="end-year" type="text" inputmode="numeric" value="{today.year}"' in page
    assert "There is a problem" not in page


def test_starting_a_run_stores_it_runs_it_and_shows_the_table(
    client, org_a, analyst, django_capture_on_commit_callbacks
):
    make_events(org_a)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, VALID)
    run = NearRepeatRun.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(run)
    assert run.parameters["space_bands"] == [0, 100, 200, 300]
    assert run.parameters["time_bands"] == [0, 7, 14, 21]
    assert run.parameters["permutations"] == 99
    assert (run.parameters["start"], run.parameters["end"]) == ("2025-01-01", "2025-12-31")
    assert run.status == RunStatus.DONE and run.n_events == len(EVENTS)
    page = client.get(response["Location"]).content.decode()
    assert "Knox ratio by distance (rows) and time apart (columns)" in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("space_bands", "0, 100, abc", "Enter the distance band edges as whole numbers"),
        ("space_bands", "50, 100", "The distance bands must start at 0"),
        ("space_bands", "0, 200, 100", "Each distance band edge must be larger than the one"),
        ("space_bands", "0", "Enter between 2 and 11 distance band edges"),
        ("space_bands", "0, 1000, 2500", "The last distance band edge must be 2000 metres"),
        ("space_bands", "0, 10.5, 20", "Enter the distance band edges as whole numbers"),
        ("time_bands", "", "Enter the time band edges"),
        ("time_bands", "0, 7, 7", "Each time band edge must be larger than the one before"),
        ("time_bands", "0, 400", "The last time band edge must be 365 days or less"),
        ("permutations", "50", "The number of random shuffles must be 99 or more"),
        ("permutations", "5000", "The number of random shuffles must be 999 or fewer"),
        ("permutations", "many", "Enter the number of random shuffles as a whole number"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(
    client, analyst, field, typed, message
):
    client.force_login(analyst)
    response = client.post(START, {**VALID, field: typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert f'href="#id_{field}"' in page
    assert f'name="{field}" type="text" value="{typed}"' in page
    assert "<title>Error:" in page
    assert NearRepeatRun.objects.count() == 0


# Progress and the result ---------------------------------------------------------------------


def test_a_queued_or_running_run_refreshes_itself(client, org_a, analyst):
    run = queued_run(analyst, org_a)
    client.force_login(analyst)
    page = client.get(detail(run)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Waiting for a free worker" in page and "0% done" in page
    NearRepeatRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress_percent=55, progress_message=RunStage.COMPUTING
    )
    page = client.get(detail(run)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "55% done" in page and 'value="55"' in page
    assert "Comparing incidents with random shuffles of their dates" in page
    assert client.get(csv_url(run)).status_code == 404  # no table yet


def test_a_failed_run_shows_the_safe_message_and_stops_refreshing(client, org_a, analyst):
    run = queued_run(analyst, org_a)
    NearRepeatRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, progress_message=RunStage.FAILED, error_message=RunError.INTERNAL
    )
    client.force_login(analyst)
    page = client.get(detail(run)).content.decode()
    assert "http-equiv" not in page
    assert "The analysis could not be completed. Try again later." in page
    assert "Traceback" not in page


def test_the_result_page_shows_the_band_table_in_words(client, org_a, analyst):
    make_events(org_a)
    run = done_run(analyst, org_a)
    client.force_login(analyst)
    page = client.get(detail(run)).content.decode()
    assert "http-equiv" not in page
    ratio = run.result["knox_ratio"][0][0]
    p = run.result["p_value"][0][0]
    assert (
        f"Incidents within 100 m and 7 days of another happened {ratio:.2f} times as often as "
        f"expected if place and time were unrelated (p = {p:.3f})."
    ) in page
    assert "This is unlikely to be chance." in page
    for label in ("0-100 m", "101-200 m", "201-300 m", "0-7 days", "8-14 days", "15-21 days"):
        assert f">{label.replace('-', DASH)}</th>" in page
    assert f'<th scope="row" class="govuk-table__header">0{DASH}100 m</th>' in page
    assert "7 observed," in page
    assert page.count(">Significant</strong>") == sum(
        1 for row in run.result["p_value"] for value in row if value <= 0.05
    )
    assert "Overall Knox test" in page
    assert "Ana Fictional" in page


def test_the_table_downloads_as_csv(client, org_a, analyst):
    make_events(org_a)
    run = done_run(analyst, org_a)
    client.force_login(analyst)
    response = client.get(csv_url(run))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="awaz-near-repeat-{run.pk}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Distance band", "Time band", "Observed pairs"]
    assert len(rows) == 1 + 3 * 3
    first = rows[1]
    assert first[:3] == [f"0{DASH}100 m", f"0{DASH}7 days", "7"]
    assert float(first[4]) == pytest.approx(run.result["knox_ratio"][0][0])
    assert float(first[5]) == pytest.approx(run.result["p_value"][0][0])
    assert first[6] == "yes"


def test_no_close_pairs_is_worded_plainly_and_never_significant(client, org_a, analyst):
    # Fictional incidents a kilometre or more apart: no pair is close in place at all.
    far_apart = [(340000 + 1000 * k, 555000, datetime.date(2025, 3, 1 + k)) for k in range(6)]
    make_events(org_a, events=far_apart)
    run = done_run(analyst, org_a)
    assert run.result["knox"]["nst"] == 0
    assert run.result["knox"]["p_poisson"] == 1.0  # was 0.0, "less than 0.001"
    client.force_login(analyst)
    page = client.get(detail(run)).content.decode()
    assert (
        "No two incidents were within 100 m and 7 days of each other, so there is no sign of "
        "near repeats at that distance and time."
    ) in page
    assert (
        "No pair of incidents was close in both place and time, so this test finds no sign "
        "of near repeats."
    ) in page
    assert "less than 0.001" not in page
    assert ">Significant</strong>" not in page
    assert "unlikely to be chance" not in page


def test_a_refused_role_is_audited_and_sees_a_missing_runs_404(client, org_a, analyst):
    from django.core.cache import cache

    from awaz.audit.events import AuditEventType
    from awaz.audit.models import AuditEvent

    def denials():
        rows = AuditEvent.objects.filter(event_type=AuditEventType.ACCESS_DENIED).order_by("id")
        return [(row.actor_id, row.target_type, row.target_id) for row in rows]

    def page(response) -> str:
        return re.sub(r'nonce="[^"]+"', "", response.content.decode())

    cache.clear()  # the per-user denial count lives there
    run = done_run(analyst, org_a)
    refused = StaffFactory(organisation=org_a, role="pcc_office")
    client.force_login(refused)
    refusals = [client.get(url) for url in (detail(run), csv_url(run), LIST)]
    assert [response.status_code for response in refusals] == [404, 404, 404]
    assert denials() == [
        (refused.pk, "patterns.nearrepeatrun", str(run.pk)),
        (refused.pk, "patterns.nearrepeatrun", str(run.pk)),
        (refused.pk, "url:patterns:near_repeat_list", ""),
    ]
    # The refusal is exactly what anyone sees for a run that does not exist.
    client.force_login(analyst)
    missing = client.get(reverse("patterns:near_repeat_detail", args=[run.pk + 1000]))
    assert missing.status_code == 404
    client.force_login(refused)
    assert page(client.get(detail(run))) == page(missing)
    cache.clear()
