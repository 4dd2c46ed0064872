"""Answers that say a child may be involved: a victim's "Are you under 18?" and their age
group are asked about once, politely, when they disagree; any answer saying the victim or
the reporter may be under 18 puts a safeguarding warning on the staff view of the report."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from awaz.reporting.models import Report, ReportDraft
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
    submit,
)
from awaz.reporting.tests.triage_support import detail_url

SLUGS = [slug for slug, _data in VICTIM_JOURNEY]
BEFORE_ABOUT_YOU = VICTIM_JOURNEY[: SLUGS.index("about-victim")]
AFTER_ABOUT_YOU = VICTIM_JOURNEY[SLUGS.index("about-victim") + 1 :]
WARNING = "This report may involve a child. Follow your safeguarding procedure."


@pytest.fixture
def staff(caseworker_a) -> Client:
    staff = Client()
    staff.force_login(caseworker_a)
    return staff


def _staff_page(staff: Client) -> str:
    return staff.get(detail_url(Report.objects.get())).content.decode()


def test_a_victim_who_said_no_then_under_18_is_asked_which_is_right(db, client):
    complete_journey(client, journey=BEFORE_ABOUT_YOU)  # "Are you under 18?" No
    response = answer(client, "about-victim", {"age_band": "under_18", "gender": "woman"})
    assert response.status_code == 200
    assert error_summary(response) == ["Select if you are under 18 or 18 or over"]
    page = response.content.decode()
    assert "You told us you are not under 18. Which is right?" in page
    assert re.search(r'value="under_18" checked', page)  # what they chose is kept
    assert re.search(r'value="woman" checked', page)
    assert "about-victim" not in ReportDraft.objects.get().data["steps"]


def test_confirming_under_18_is_accepted_and_staff_see_the_safeguarding_warning(
    db, client, default_hub, staff
):
    complete_journey(client, journey=BEFORE_ABOUT_YOU)
    response = answer(client, "about-victim", {"age_band": "under_18", "age_check": "under_18"})
    assert response["Location"] == step_url("background")
    complete_journey(client, journey=AFTER_ABOUT_YOU)
    check = client.get(reverse("reporting:journey_check")).content.decode()
    assert "I am under 18" in check
    submit(client)
    report = Report.objects.get()
    assert report.reporter_is_under_18
    assert report.age_confirmed == "under_18"
    assert report.victim_details["age_band"] == "under_18"
    page = _staff_page(staff)
    assert WARNING in page
    assert (
        "The person reporting first said they are not under 18, then, when asked which is "
        "right, that they are under 18."
    ) in page


def test_saying_18_or_over_asks_for_the_age_group_again(db, client):
    complete_journey(client, journey=BEFORE_ABOUT_YOU)
    response = answer(client, "about-victim", {"age_band": "under_18", "age_check": "18_or_over"})
    assert error_summary(response) == [
        "You said you are 18 or over: select your age, or Prefer not to say"
    ]
    response = answer(client, "about-victim", {"age_band": "25_34", "age_check": "18_or_over"})
    assert response["Location"] == step_url("background")
    assert "age_check" not in ReportDraft.objects.get().data["steps"]["about-victim"]


def test_it_is_asked_once(db, client):
    complete_journey(client, journey=BEFORE_ABOUT_YOU)
    answer(client, "about-victim", {"age_band": "under_18", "age_check": "under_18"})
    complete_journey(client, journey=AFTER_ABOUT_YOU)
    # Opening the page again shows the answer given, without an error.
    page = client.get(step_url("about-victim") + "?change=1").content.decode()
    assert "govuk-error-summary" not in page
    assert re.search(r'name="age_check" type="radio" value="under_18" checked', page)
    response = client.post(
        step_url("about-victim") + "?change=1", {"age_band": "under_18", "age_check": "under_18"}
    )
    assert response["Location"] == reverse("reporting:journey_check")


def test_a_change_that_makes_the_answers_disagree_is_asked_about_then_accepted(
    db, client, default_hub, staff
):
    complete_journey(client)  # not under 18; 25 to 34
    response = client.post(step_url("age") + "?change=1", {"reporter_is_under_18": "yes"})
    assert response["Location"] == step_url("under-18") + "?change=1"
    response = client.post(step_url("under-18") + "?change=1", {})
    assert response["Location"] == step_url("about-victim") + "?change=1"
    # The report cannot be sent past the question.
    assert client.get(reverse("reporting:journey_check"))["Location"] == step_url("about-victim")
    page = client.get(step_url("about-victim") + "?change=1").content.decode()
    assert "You told us you are under 18. Which is right?" in page
    assert "govuk-error-summary" not in page  # a question, not an error
    # Not a dead end: saying which is right is accepted and the report can be sent.
    response = client.post(
        step_url("about-victim") + "?change=1", {"age_band": "25_34", "age_check": "18_or_over"}
    )
    assert response["Location"] == reverse("reporting:journey_check")
    submit(client)
    report = Report.objects.get()
    assert (report.reporter_is_under_18, report.age_confirmed) == (True, "18_or_over")
    page = _staff_page(staff)
    assert WARNING in page
    assert "that they are 18 or over. Check their age." in page


def test_staff_are_warned_when_the_person_it_happened_to_is_under_18(
    db, client, default_hub, staff
):
    journey = [
        ("who", {"reporter_role": "on_behalf"}),
        ("relationship", {"reporter_relationship": "Fictional neighbour"}),
        *VICTIM_JOURNEY[1:],
    ]
    # The reporter is an adult; they say the person it happened to is under 18.
    complete_journey(client, journey=journey, overrides={"about-victim": {"age_band": "under_18"}})
    submit(client)
    assert not Report.objects.get().reporter_is_under_18
    page = _staff_page(staff)
    assert WARNING in page
    assert "The person reporting said the person it happened to is under 18." in page


def test_staff_are_warned_when_the_reporter_is_under_18(db, client, default_hub, staff):
    journey = [
        ("who", {"reporter_role": "witness"}),
        ("age", {"reporter_is_under_18": "yes"}),
        ("under-18", {}),
        *VICTIM_JOURNEY[2:],
    ]
    complete_journey(client, journey=journey)  # a witness: no contradiction with 25 to 34
    submit(client)
    page = _staff_page(staff)
    assert WARNING in page
    assert "The person reporting said they are under 18." in page


def test_no_warning_when_no_answer_says_a_child_is_involved(db, client, default_hub, staff):
    complete_journey(client)
    submit(client)
    assert WARNING not in _staff_page(staff)
