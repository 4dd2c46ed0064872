"""The public reporting journey, page by page, through the test client (no JavaScript)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awaz.geo.services import postcode_units_create
from awaz.reporting.models import ReportDraft
from awaz.reporting.tests.journey_support import (
    CANARY_EMAIL,
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
)


def test_start_now_goes_to_the_first_question(db, client):
    response = client.get(reverse("reporting:journey_start"))
    assert response.status_code == 302
    assert response["Location"] == step_url("who")


def test_question_page_has_exit_back_link_and_clear(db, client):
    response = client.get(step_url("who"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-exit-this-page" in html
    assert 'class="govuk-back-link' in html and reverse("public:start") in html
    assert reverse("reporting:journey_clear") in html
    assert "<h1" in html and "Who are you reporting as?" in html


def test_cannot_skip_ahead(db, client):
    response = client.get(step_url("when"))
    assert response.status_code == 302
    assert response["Location"] == step_url("who")


def test_answers_move_to_the_next_question_and_back_links_return(db, client):
    response = answer(client, "who", {"reporter_role": "on_behalf"})
    assert response["Location"] == step_url("relationship")
    page = client.get(step_url("relationship")).content.decode()
    assert f'href="{step_url("who")}"' in page
    response = answer(client, "relationship", {"reporter_relationship": "Parent"})
    assert response["Location"] == step_url("age")


def test_under_18_reporters_see_what_happens_next(db, client):
    answer(client, "who", {"reporter_role": "victim"})
    response = answer(client, "age", {"reporter_is_under_18": "yes"})
    assert response["Location"] == step_url("under-18")
    page = client.get(step_url("under-18")).content.decode()
    assert "What happens next if you are under 18" in page
    assert "Childline" in page
    assert answer(client, "under-18", {})["Location"] == step_url("what-happened")


def test_an_answer_survives_a_reload(db, client):
    answer(client, "who", {"reporter_role": "witness"})
    page = client.get(step_url("who")).content.decode()
    assert re.search(r'value="witness" checked', page)


def test_typed_answers_are_kept_when_there_is_an_error(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:5])
    response = answer(
        client,
        "when",
        {"incident_date-day": "31", "incident_date-month": "2", "incident_date-year": "2025"},
    )
    assert response.status_code == 200
    assert error_summary(response) == ["The date it happened must be a real date"]
    html = response.content.decode()
    assert 'value="31"' in html and 'value="2025"' in html
    assert "Error: " in html


# Validation messages, one per rule ------------------------------------------------------------

VALIDATION_CASES = [
    ("who", {}, ["Select if you are the victim, a witness or reporting for someone else"]),
    ("age", {}, ["Select yes if you are under 18"]),
    ("what-happened", {}, ["Select what happened"]),
    ("what-happened", {"incident_types": ["other"]}, ["Tell us what else happened"]),
    ("account", {"what_happened": "  "}, ["Tell us what happened"]),
    (
        "account",
        {"what_happened": "x" * 10001},
        ["What happened must be 10,000 characters or less"],
    ),
    ("when", {}, ["Enter the date it happened, or select that it is still happening"]),
    (
        "when",
        {"incident_date-day": "1", "incident_date-month": "1", "incident_date-year": "2999"},
        ["The date it happened must be today or in the past"],
    ),
    (
        "when",
        {"incident_date-day": "1", "incident_date-year": "2024"},
        ["The date it happened must include a month"],
    ),
    (
        "when",
        {"is_ongoing": "on", "incident_time": "25 o'clock"},
        ["Enter the time in the correct format, like 14:30 or 2:30pm"],
    ),
    ("where", {}, ["Describe where it happened, or enter a postcode"]),
    ("where", {"postcode": "NOT A CODE"}, ["Enter a full UK postcode, like CA1 1AA"]),
    (
        "where",
        {"lat": "54.9"},
        ["We could not use the location from your device. Enter a postcode instead"],
    ),
    ("why", {}, ["Select why you think it happened, or select I'm not sure"]),
    (
        "why",
        {"strands": ["race", "not_sure"]},
        ["Select I'm not sure on its own, or select the reasons"],
    ),
    ("why", {"strands": ["other"]}, ["Tell us the other reason"]),
    ("police", {}, ["Select if the police have been told about it"]),
    (
        "support",
        {},
        ["Select the support you would like, or select that you do not want any"],
    ),
    (
        "support",
        {"support_wanted": ["emotional", "none"]},
        ["Select that you do not want support on its own, or select the support"],
    ),
    (
        "sharing",
        {},
        [
            "Select yes if we can share your report with the police",
            "Select yes if we can share your report with victim support services",
            "Select yes if we can share your report with the council",
        ],
    ),
    ("contact", {}, ["Select yes if we can contact you"]),
    ("contact-details", {}, ["Select how we can contact you"]),
    ("contact-details", {"contact_methods": ["email"]}, ["Enter your email address"]),
    (
        "contact-details",
        {"contact_methods": ["email"], "contact_email": "not-an-email"},
        ["Enter an email address in the correct format, like name@example.com"],
    ),
    ("contact-details", {"contact_methods": ["phone"]}, ["Enter your phone number"]),
    (
        "contact-details",
        {"contact_methods": ["phone"], "contact_phone": "12345"},
        ["Enter a UK phone number, like 01632 960 001 or 07700 900 982"],
    ),
    (
        "contact-details",
        {"contact_methods": ["text"], "contact_phone": "01632 960 001"},
        ["Enter a mobile number for text messages, like 07700 900 982"],
    ),
    ("contact-details", {"contact_methods": ["letter"]}, ["Enter the address to write to"]),
]


@pytest.mark.parametrize(("slug", "data", "messages"), VALIDATION_CASES)
def test_validation_messages(db, client, slug, data, messages):
    previous = [s for s, _d in VICTIM_JOURNEY]
    complete_journey(client, journey=VICTIM_JOURNEY[: previous.index(slug)])
    response = answer(client, slug, data)
    assert response.status_code == 200
    assert error_summary(response) == messages


def test_relationship_is_required_when_reporting_for_someone(db, client):
    answer(client, "who", {"reporter_role": "on_behalf"})
    response = answer(client, "relationship", {})
    assert error_summary(response) == ["Enter your relationship to the person it happened to"]


def test_postcode_is_normalised_and_valid_formats_pass(db, client):
    postcode_units_create(units=[("CA1 9ZA", 54.892, -2.932)], is_demo=True)
    complete_journey(client, journey=VICTIM_JOURNEY[:6])
    response = answer(client, "where", {"postcode": "ca19za"})
    assert response.status_code == 302
    draft = ReportDraft.objects.get()
    assert draft.data["steps"]["where"]["postcode"] == "CA1 9ZA"


def test_device_location_is_saved_from_the_hidden_fields(db, client):
    postcode_units_create(units=[("CA3 9ZA", 54.9, -2.94)], is_demo=True)
    complete_journey(client, journey=VICTIM_JOURNEY[:6])
    response = answer(client, "where", {"lat": "54.8925", "lon": "-2.9329"})
    assert response.status_code == 302
    stored = ReportDraft.objects.get().data["steps"]["where"]
    assert (stored["lat"], stored["lon"]) == (54.8925, -2.9329)
    page = client.get(step_url("where")).content.decode()
    assert "The location from your device has been added." in page
    answer(
        client,
        "where",
        {"lat": "54.8925", "lon": "-2.9329", "remove_location": "on", "postcode": "CA3 9ZA"},
    )
    stored = ReportDraft.objects.get().data["steps"]["where"]
    assert stored["lat"] is None and stored["postcode"] == "CA3 9ZA"


def test_location_page_loads_the_script_without_inline_js(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:6])
    html = client.get(step_url("where")).content.decode()
    assert "awaz/reporting/location.js" in html
    assert "data-awaz-location hidden" in html  # shown only by the script
    assert " onclick=" not in html and "style=" not in html
    assert re.search(r"<script>(?!</script>)", html) is None


def test_local_strands_are_offered(db, client):
    from awaz.reporting.models import Strand

    Strand.objects.create(code="subculture", name="Fictional alternative subculture")
    Strand.objects.create(code="retired", name="Fictional inactive strand", is_active=False)
    complete_journey(client, journey=VICTIM_JOURNEY[:7])
    html = client.get(step_url("why")).content.decode()
    assert "Fictional alternative subculture" in html
    assert "Fictional inactive strand" not in html
    assert 'value="not_sure"' in html and 'data-behaviour="exclusive"' in html


def test_witness_sees_questions_about_the_victim_with_dont_know(db, client):
    journey = [("who", {"reporter_role": "witness"}), *VICTIM_JOURNEY[1:]]
    complete_journey(client, journey=journey[:9])
    html = client.get(step_url("about-victim")).content.decode()
    assert "How old is the person?" in html
    assert "I don&#x27;t know" in html


def test_changing_the_role_asks_role_questions_again(db, client):
    complete_journey(client)
    response = client.post(step_url("who") + "?change=1", {"reporter_role": "witness"})
    assert response["Location"] == step_url("whose-view") + "?change=1"


# Check your answers -----------------------------------------------------------------------------


def test_check_answers_lists_answers_with_change_links(db, client):
    complete_journey(client)
    response = client.get(reverse("reporting:journey_check"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check your answers before sending your report" in html
    assert "Fictional: a man shouted abuse at me at the bus stop." in html
    assert "3 March 2025" in html
    assert f'href="{step_url("account")}?change=1"' in html
    assert CANARY_EMAIL in html


def test_change_link_returns_to_check_answers(db, client):
    complete_journey(client)
    page = client.get(step_url("account") + "?change=1").content.decode()
    assert f'href="{reverse("reporting:journey_check")}"' in page  # back goes to check
    response = client.post(
        step_url("account") + "?change=1", {"what_happened": "Fictional: changed account."}
    )
    assert response["Location"] == reverse("reporting:journey_check")
    html = client.get(reverse("reporting:journey_check")).content.decode()
    assert "Fictional: changed account." in html


def test_change_that_opens_a_new_question_asks_it_then_returns(db, client):
    complete_journey(client)
    response = client.post(step_url("contact") + "?change=1", {"wants_contact": "no"})
    assert response["Location"] == reverse("reporting:journey_check")
    response = client.post(step_url("contact") + "?change=1", {"wants_contact": "yes"})
    assert response["Location"] == step_url("contact-details") + "?change=1"


def test_check_answers_sends_back_to_a_missing_answer(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:3])
    response = client.get(reverse("reporting:journey_check"))
    assert response["Location"] == step_url("account")
