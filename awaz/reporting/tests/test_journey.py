"""The public reporting journey, page by page, through the test client (no JavaScript)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from awaz.reporting.models import Report, ReportDraft

CANARY_NAME = "Fictional Zebedee Canary"
CANARY_EMAIL = "zebedee.canary@example.org"

# A complete, valid journey for a victim who wants to be contacted by e-mail.
VICTIM_JOURNEY: list[tuple[str, dict[str, Any]]] = [
    ("who", {"reporter_role": "victim"}),
    ("age", {"reporter_is_under_18": "no"}),
    ("what-happened", {"incident_types": ["verbal_abuse", "threats"]}),
    ("account", {"what_happened": "Fictional: a man shouted abuse at me at the bus stop."}),
    ("evidence", {"action": "continue"}),
    (
        "when",
        {
            "incident_date-day": "3",
            "incident_date-month": "3",
            "incident_date-year": "2025",
            "incident_time": "9pm",
        },
    ),
    ("where", {"location_description": "Fictional bus stop on a fictional road"}),
    ("why", {"strands": ["race"]}),
    ("whose-view", {"perception_by": "victim"}),
    ("about-victim", {"age_band": "25_34"}),
    ("background", {"ethnicity": "prefer_not_to_say"}),
    ("communication", {"needs": ["interpreter"], "language": "Fictional language"}),
    ("offender", {"offender_count": "1", "offender_known": "no"}),
    ("witnesses", {"witnesses": ""}),
    ("police", {"police_told": "no"}),
    ("support", {"support_wanted": ["emotional"]}),
    ("sharing", {"share_police": "yes", "share_victim_support": "yes", "share_council": "no"}),
    ("contact", {"wants_contact": "yes"}),
    (
        "contact-details",
        {
            "contact_name": CANARY_NAME,
            "contact_methods": ["email"],
            "contact_email": CANARY_EMAIL,
        },
    ),
]


def step_url(slug: str, *, flow: str = "journey") -> str:
    return reverse(f"reporting:{flow}_step", kwargs={"step": slug})


def answer(client: Client, slug: str, data: dict[str, Any], *, flow: str = "journey") -> Any:
    return client.post(step_url(slug, flow=flow), data)


def complete_journey(
    client: Client,
    *,
    overrides: dict[str, dict[str, Any]] | None = None,
    journey: list[tuple[str, dict[str, Any]]] | None = None,
    flow: str = "journey",
) -> None:
    """Answer every step, checking each one moves on."""
    overrides = overrides or {}
    for slug, data in journey or VICTIM_JOURNEY:
        if slug in overrides and overrides[slug] is None:
            continue
        response = answer(client, slug, overrides.get(slug, data), flow=flow)
        assert response.status_code == 302, (slug, _errors(response))


def submit(client: Client, *, flow: str = "journey") -> Any:
    return client.post(reverse(f"reporting:{flow}_submit"))


def _errors(response: Any) -> list[str]:
    html = response.content.decode()
    return re.findall(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)


def error_summary(response: Any) -> list[str]:
    """The messages in the GOV.UK error summary."""
    html = response.content.decode()
    body = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    if not body:
        return []
    return [
        re.sub(r"<[^>]+>", "", item).strip().replace("&#x27;", "'")
        for item in re.findall(r"<li>(.*?)</li>", body.group(1), re.S)
    ]


# Pages and navigation -----------------------------------------------------------------------


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
    ("contact-details", {"contact_methods": ["letter"]}, ["Tell us the address to write to"]),
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
    complete_journey(client, journey=VICTIM_JOURNEY[:6])
    response = answer(client, "where", {"postcode": "ca11aa"})
    assert response.status_code == 302
    draft = ReportDraft.objects.get()
    assert draft.data["steps"]["where"]["postcode"] == "CA1 1AA"


def test_device_location_is_saved_from_the_hidden_fields(db, client):
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
        {"lat": "54.8925", "lon": "-2.9329", "remove_location": "on", "postcode": "CA3 9AB"},
    )
    stored = ReportDraft.objects.get().data["steps"]["where"]
    assert stored["lat"] is None and stored["postcode"] == "CA3 9AB"


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


# Submission and confirmation --------------------------------------------------------------------


def test_submit_shows_reference_and_code_once_committed(db, client, default_hub):
    complete_journey(client)
    response = submit(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:journey_confirmation")
    report = Report.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page
    code = re.search(r'id="followup-code">([0-9A-Z ]+)<', page).group(1)
    assert re.fullmatch(r"([0-9A-Z]{4} ){4}[0-9A-Z]{4}", code)
    from awaz.reporting.codes import followup_code_hash

    assert followup_code_hash(code) == report.followup_code_hash
    assert "awaz-code" in page and "awaz/reporting/print.js" in page
    assert "What you told us" in page and "Fictional: a man shouted abuse" in page
    assert "a new code can only be sent to the contact details you gave" in page


def test_reload_of_confirmation_and_resubmit_show_the_same_report(db, client, default_hub):
    complete_journey(client)
    submit(client)
    first = client.get(reverse("reporting:journey_confirmation")).content.decode()
    again = submit(client)  # back, and "Send report" again
    assert again["Location"] == reverse("reporting:journey_confirmation")
    second = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert Report.objects.count() == 1
    ref = Report.objects.get().reference
    assert ref in first and ref in second
    code = re.search(r'id="followup-code">([0-9A-Z ]+)<', first).group(1)
    assert code in second


def test_steps_of_a_submitted_report_go_to_the_confirmation(db, client, default_hub):
    complete_journey(client)
    submit(client)
    response = client.get(step_url("account"))
    assert response["Location"] == reverse("reporting:journey_confirmation")


def test_the_code_is_not_shown_after_the_resubmit_window(db, client, default_hub):
    import time_machine

    complete_journey(client)
    submit(client)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=31)
    with time_machine.travel(later):
        response = client.get(reverse("reporting:journey_confirmation"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == step_url("who")
    assert Report.objects.get().reference not in html
    assert "had not continued for 2 hours" not in html  # it was sent, not abandoned


def test_start_after_a_submission_begins_a_new_report(db, client, default_hub):
    complete_journey(client)
    submit(client)
    response = client.get(reverse("reporting:journey_start"))
    assert response["Location"] == step_url("who")
    assert client.get(step_url("what-happened"))["Location"] == step_url("who")


def test_anonymous_report_keeps_no_contact_details(db, client, default_hub):
    complete_journey(
        client,
        overrides={"contact": {"wants_contact": "no"}, "contact-details": None},
    )
    submit(client)
    report = Report.objects.get()
    assert report.is_anonymous
    assert (report.contact_name, report.contact_email, report.contact_phone) == ("", "", "")
    assert (report.email_index, report.phone_index, report.name_index) == ("", "", "")
    assert report.contact_methods == []
    page = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert "nobody can send you a new code if you lose it" in page


def test_under_18_confirmation_explains_what_happens_next(db, client, default_hub):
    journey = [
        ("who", {"reporter_role": "victim"}),
        ("age", {"reporter_is_under_18": "yes"}),
        ("under-18", {}),
        *VICTIM_JOURNEY[2:],
    ]
    complete_journey(client, journey=journey)
    submit(client)
    page = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert Report.objects.get().reporter_is_under_18
    assert "What happens next if you are under 18" in page
