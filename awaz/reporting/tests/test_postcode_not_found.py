"""A postcode that is not in the lookup places nothing: the reporter is told on the page,
and staff see why the report has no area (issue 16 item 5)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from awaz.geo.services import postcode_units_create
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.models import LocationSource, Report, ReportDraft
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
    submit,
)
from awaz.reporting.tests.triage_support import detail_url

NOT_FOUND = (
    "We could not find that postcode in our list. You can describe the place instead, or use "
    "your location. If the postcode is right, select Continue to keep it"
)
BEFORE_WHERE = VICTIM_JOURNEY[:6]
AFTER_WHERE = VICTIM_JOURNEY[7:]


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)


def _area_row(html: str) -> str:
    match = re.search(
        r'summary-list__key">Area</dt><dd class="govuk-summary-list__value"[^>]*>(.*?)</dd>',
        html,
        re.S,
    )
    assert match, "no Area row"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_the_pages_own_example_postcode_missing_from_the_lookup_is_said_at_once(db, client):
    complete_journey(client, journey=BEFORE_WHERE)
    response = answer(client, "where", {"postcode": "CA1 1AA"})
    assert response.status_code == 200
    assert error_summary(response) == [NOT_FOUND]
    html = response.content.decode()
    # The other ways to say where are on the page: the description, "Use my location".
    assert 'name="location_description"' in html
    assert "data-awaz-location" in html and "Use my location" in html
    assert _hidden(html, "postcode_not_found") == "CA1 1AA"
    assert "where" not in ReportDraft.objects.get().data["steps"]


def test_continue_again_keeps_the_postcode_and_a_change_does_not_ask_again(db, client):
    complete_journey(client, journey=BEFORE_WHERE)
    first = answer(client, "where", {"postcode": "ca11aa"})
    told = _hidden(first.content.decode(), "postcode_not_found")
    response = answer(client, "where", {"postcode": "ca11aa", "postcode_not_found": told})
    assert response.status_code == 302
    stored = ReportDraft.objects.get().data["steps"]["where"]
    assert stored["postcode"] == "CA1 1AA"
    assert "postcode_not_found" not in stored
    # Back to the page later: it remembers that it has already said so.
    page = client.get(step_url("where") + "?change=1").content.decode()
    assert _hidden(page, "postcode_not_found") == "CA1 1AA"
    assert answer(client, "where", {"postcode": "CA1 1AA", "postcode_not_found": "CA1 1AA"})[
        "Location"
    ]


def test_another_unknown_postcode_is_said_again(db, client):
    complete_journey(client, journey=BEFORE_WHERE)
    response = answer(client, "where", {"postcode": "CA2 4AA", "postcode_not_found": "CA1 1AA"})
    assert error_summary(response) == [NOT_FOUND]


def test_a_postcode_in_the_lookup_or_a_device_location_says_nothing(db, client):
    postcode_units_create(units=[("CA1 9ZA", 54.892, -2.932)], is_demo=True)
    complete_journey(client, journey=BEFORE_WHERE)
    assert answer(client, "where", {"postcode": "CA1 9ZA"}).status_code == 302
    # With the device's location the postcode is not what places the report.
    response = answer(client, "where", {"postcode": "CA1 1AA", "lat": "54.89", "lon": "-2.93"})
    assert response.status_code == 302


def test_assisted_recording_is_told_without_use_my_location(db, client):
    centre = OrganisationFactory(name="Fictional Reporting Centre", kind="reporting_centre")
    client.force_login(StaffFactory(organisation=centre, role="centre_caseworker"))
    journey = [("how-reporting", {"channel": "phone"}), *BEFORE_WHERE]
    complete_journey(client, journey=journey, flow="assisted")
    response = answer(client, "where", {"postcode": "CA1 1AA"}, flow="assisted")
    assert error_summary(response) == [
        "We could not find that postcode in our list. Describe the place instead. "
        "If the postcode is right, select Continue to keep it"
    ]


@pytest.fixture
def staff(caseworker_a):
    staff = Client()
    staff.force_login(caseworker_a)
    return staff


def test_staff_see_that_the_postcode_was_not_found_not_that_none_was_given(
    db, client, default_hub, staff
):
    complete_journey(client, journey=BEFORE_WHERE)
    answer(client, "where", {"postcode": "CA1 1AA"})
    answer(client, "where", {"postcode": "CA1 1AA", "postcode_not_found": "CA1 1AA"})
    complete_journey(client, journey=AFTER_WHERE)
    assert submit(client)["Location"] == reverse("reporting:journey_confirmation")
    report = Report.objects.get()
    assert report.area is None and report.location_source == LocationSource.NONE

    html = staff.get(detail_url(report)).content.decode()

    assert _area_row(html) == "Postcode given but not found in the lookup"
    assert "CA1 1AA" in html


def test_staff_see_not_given_when_no_place_was_given(db, client, default_hub, staff):
    complete_journey(client)  # described the place only
    submit(client)
    html = staff.get(detail_url(Report.objects.get())).content.decode()
    assert _area_row(html) == "Not given"
