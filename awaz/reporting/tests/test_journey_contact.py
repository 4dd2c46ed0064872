"""Contact details: "you can contact me" needs a usable way, with its details; a letter
needs a postal address, kept encrypted and shown to staff with the other contact details."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from awaz.audit.services import PUBLIC
from awaz.core.exceptions import ApplicationError
from awaz.reporting.models import Channel, Report
from awaz.reporting.services.submission import MSG_NO_CONTACT, report_submit
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
    submit,
)
from awaz.reporting.tests.test_submission import answers
from awaz.reporting.tests.triage_support import detail_url

BEFORE_DETAILS = VICTIM_JOURNEY[:-1]
ADDRESS = "Flat 0, Fictional House\r\n1 Imaginary Road\r\nCarlisle CA1 1AA"


def test_letter_asks_for_a_postal_address_revealed_under_letter(db, client):
    complete_journey(client, journey=BEFORE_DETAILS)
    page = client.get(step_url("contact-details")).content.decode()
    # The address field sits under "Letter" (revealed when ticked; always there without JS).
    letter = re.search(r'<input[^>]*value="letter"[^>]*>', page)
    assert letter and 'data-aria-controls="conditional-' in letter.group(0)
    conditional = re.search(
        r'<div class="govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden" '
        r'id="conditional-[^"]+">(.*?)</div>\s*</div>\s*</fieldset>',
        page,
        re.S,
    )
    assert conditional and 'name="contact_address"' in conditional.group(1)
    assert 'autocomplete="street-address"' in conditional.group(1)
    assert "Postal address" in conditional.group(1)
    assert "(optional)" not in conditional.group(1)
    assert "the address to write to" not in page  # no longer asked in the safe-times box


def test_letter_without_an_address_is_refused(db, client):
    complete_journey(client, journey=BEFORE_DETAILS)
    response = answer(
        client,
        "contact-details",
        {"contact_methods": ["letter"], "contact_safe_times": "Fictional: any weekday"},
    )
    assert response.status_code == 200
    assert error_summary(response) == ["Enter the address to write to"]
    assert 'href="#id_contact_address"' in response.content.decode()
    page = response.content.decode()
    # "Letter" is ticked, so the address is shown with its error.
    assert 'class="govuk-checkboxes__conditional" id="conditional-' in page


def test_the_address_is_stored_encrypted_and_staff_see_it(db, client, default_hub, caseworker_a):
    complete_journey(client, journey=BEFORE_DETAILS)
    response = answer(
        client,
        "contact-details",
        {
            "contact_name": "Fictional Reporter",
            "contact_methods": ["letter"],
            "contact_address": ADDRESS,
        },
    )
    assert response.status_code == 302
    check = client.get(reverse("reporting:journey_check")).content.decode()
    assert "1 Imaginary Road" in check and "Postal address" in check
    submit(client)
    report = Report.objects.get()
    assert report.contact_address == ADDRESS.replace("\r\n", "\n")
    assert report.contact_methods == ["letter"] and not report.is_anonymous
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_address FROM reporting_report WHERE id = %s", [report.pk])
        (raw,) = cursor.fetchone()
    assert raw and "Imaginary" not in raw  # encrypted at rest
    staff = Client()
    staff.force_login(caseworker_a)
    page = staff.get(detail_url(report)).content.decode()
    assert "Postal address" in page and "1 Imaginary Road" in page


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Select how we can contact you"]),
        ({"contact_name": "Fictional Reporter"}, ["Select how we can contact you"]),
        (
            {"contact_methods": ["letter"], "contact_safe_times": "Fictional: 1 Imaginary Road"},
            ["Enter the address to write to"],
        ),
        (
            {"contact_methods": ["email", "phone"], "contact_email": "a@example.org"},
            ["Enter your phone number"],
        ),
    ],
)
def test_wanting_contact_needs_a_usable_way_with_its_details(db, client, data, messages):
    complete_journey(client, journey=BEFORE_DETAILS)
    response = answer(client, "contact-details", data)
    assert error_summary(response) == messages
    assert client.get(reverse("reporting:journey_check"))["Location"] == step_url("contact-details")


@pytest.mark.parametrize(
    "overrides",
    [
        {"contact_methods": [], "contact_email": "", "contact_phone": ""},
        {"contact_methods": ["letter"], "contact_email": "", "contact_phone": ""},
        {"contact_methods": ["email", "phone"], "contact_phone": ""},
        {"contact_methods": ["text"], "contact_phone": " "},
    ],
)
def test_the_service_refuses_contact_with_no_way_to_make_it(db, default_hub, overrides):
    with pytest.raises(ApplicationError) as raised:
        report_submit(
            answers=answers(is_anonymous=False, **overrides),
            submission_key="c" * 64,
            channel=Channel.ONLINE,
            actor=PUBLIC,
        )
    assert raised.value.message == MSG_NO_CONTACT
    assert not Report.objects.exists()


def test_the_service_accepts_a_letter_with_an_address(db, default_hub):
    report, _code = report_submit(
        answers=answers(contact_methods=["letter"], contact_address="1 Imaginary Road"),
        submission_key="d" * 64,
        channel=Channel.ONLINE,
        actor=PUBLIC,
    )
    assert report.contact_address == "1 Imaginary Road"
