"""Assisted recording by reporting-centre caseworkers (phone and walk-in)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.models import ConsentRecord, Report
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
)

ASSISTED_JOURNEY = [("how-reporting", {"channel": "phone"}), *VICTIM_JOURNEY]


@pytest.fixture
def centre(db):
    return OrganisationFactory(name="Fictional Reporting Centre", kind="reporting_centre")


@pytest.fixture
def centre_worker(centre):
    return StaffFactory(organisation=centre, role="centre_caseworker", full_name="Cal Example")


@pytest.fixture
def staff_client(client, centre_worker):
    client.force_login(centre_worker)
    return client


def test_start_page_for_centre_staff_has_no_exit_this_page(staff_client):
    response = staff_client.get(reverse("reporting:assisted_start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Record a report for someone" in html
    assert "govuk-exit-this-page" not in html


def test_start_begins_with_how_the_person_is_reporting(staff_client):
    response = staff_client.post(reverse("reporting:assisted_start"))
    assert response["Location"] == step_url("how-reporting", flow="assisted")
    response = answer(staff_client, "how-reporting", {}, flow="assisted")
    assert error_summary(response) == ["Select how the person is reporting"]


def test_same_questions_and_validation_as_the_public_form(staff_client):
    answer(staff_client, "how-reporting", {"channel": "in_person"}, flow="assisted")
    response = answer(staff_client, "who", {}, flow="assisted")
    assert error_summary(response) == [
        "Select if you are the victim, a witness or reporting for someone else"
    ]
    assert "govuk-exit-this-page" not in response.content.decode()


def test_no_device_location_when_staff_record(staff_client):
    complete_journey(staff_client, journey=ASSISTED_JOURNEY[:7], flow="assisted")
    html = staff_client.get(step_url("where", flow="assisted")).content.decode()
    assert "Use my location" not in html and 'name="lat"' not in html


def test_records_a_phone_report_for_the_centre(staff_client, centre, centre_worker):
    complete_journey(staff_client, journey=ASSISTED_JOURNEY, flow="assisted")
    check = staff_client.get(reverse("reporting:assisted_check")).content.decode()
    assert "Record the report" in check
    response = staff_client.post(reverse("reporting:assisted_submit"))
    assert response["Location"] == reverse("reporting:assisted_confirmation")
    report = Report.objects.get()
    assert report.channel == "phone"
    assert report.recorded_by_organisation == centre
    assert report.receiving_organisation == centre
    assert report.created_by == centre_worker
    consents = ConsentRecord.objects.filter(report=report)
    assert {c.method for c in consents} == {"phone"}
    assert {c.recorded_by_id for c in consents} == {centre_worker.pk}
    event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_SUBMITTED)
    assert event.actor_id == centre_worker.pk and event.organisation_id == centre.pk
    page = staff_client.get(reverse("reporting:assisted_confirmation")).content.decode()
    assert report.reference in page
    assert re.search(r'id="followup-code">([0-9A-Z]{4} ){4}[0-9A-Z]{4}<', page)
    assert "Read the reference and the follow-up code to the person" in page
    assert "govuk-exit-this-page" not in page


def test_walk_in_is_recorded_as_in_person(staff_client):
    journey = [("how-reporting", {"channel": "in_person"}), *VICTIM_JOURNEY]
    complete_journey(staff_client, journey=journey, flow="assisted")
    staff_client.post(reverse("reporting:assisted_submit"))
    report = Report.objects.get()
    assert report.channel == "in_person"
    assert {c.method for c in report.consents.all()} == {"in_person"}


def test_double_submit_records_one_report(staff_client):
    complete_journey(staff_client, journey=ASSISTED_JOURNEY, flow="assisted")
    staff_client.post(reverse("reporting:assisted_submit"))
    staff_client.post(reverse("reporting:assisted_submit"))
    assert Report.objects.count() == 1


def test_a_public_draft_is_not_the_staff_draft(staff_client):
    answer(staff_client, "who", {"reporter_role": "witness"})  # public journey, same browser
    response = staff_client.get(step_url("who", flow="assisted"))
    assert response["Location"] == step_url("how-reporting", flow="assisted")


def test_another_users_assisted_draft_is_not_visible(client, centre, staff_client):
    answer(staff_client, "how-reporting", {"channel": "phone"}, flow="assisted")
    token = staff_client.session["awaz_assisted_draft"]
    colleague = StaffFactory(organisation=centre, role="centre_caseworker")
    other = type(client)()
    other.force_login(colleague)
    session = other.session
    session["awaz_assisted_draft"] = token
    session.save()
    response = other.get(step_url("who", flow="assisted"))
    assert response["Location"] == step_url("how-reporting", flow="assisted")


@pytest.mark.parametrize("url_name", ["assisted_start", "assisted_check"])
def test_partner_caseworker_is_refused(client, caseworker_a, url_name):
    client.force_login(caseworker_a)
    assert client.get(reverse(f"reporting:{url_name}")).status_code == 403
    assert client.get(step_url("how-reporting", flow="assisted")).status_code == 403


def test_signed_out_users_are_sent_to_sign_in(db, client):
    response = client.get(reverse("reporting:assisted_start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
