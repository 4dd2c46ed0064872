"""Nothing typed disappears unsaid: text in a field that depends on another answer is
kept (and shown on "Check your answers"), and answers removed because a change made them
not apply are named on the next page."""

from __future__ import annotations

from django.urls import reverse

from awaz.reporting.models import Report, ReportDraft
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    step_url,
    submit,
)

SLUGS = [slug for slug, _data in VICTIM_JOURNEY]


def _before(slug: str) -> list:
    return VICTIM_JOURNEY[: SLUGS.index(slug)]


def _stored(slug: str) -> dict:
    return ReportDraft.objects.get().data["steps"][slug]


def _check_page(client) -> str:
    return client.get(reverse("reporting:journey_check")).content.decode()


def test_a_crime_reference_typed_after_no_is_kept(db, client, default_hub):
    complete_journey(client, journey=_before("police"))
    response = answer(client, "police", {"police_told": "no", "police_reference": "FICT/0001/25"})
    assert response.status_code == 302
    assert _stored("police")["police_reference"] == "FICT/0001/25"
    complete_journey(client, journey=VICTIM_JOURNEY[SLUGS.index("police") + 1 :])
    assert "FICT/0001/25" in _check_page(client)
    submit(client)
    assert Report.objects.get().police_reference == "FICT/0001/25"


def test_something_else_typed_without_ticking_it_is_kept(db, client, default_hub):
    complete_journey(client, journey=_before("what-happened"))
    answer(
        client,
        "what-happened",
        {"incident_types": ["threats"], "incident_type_other": "Fictional: eggs thrown"},
    )
    assert _stored("what-happened")["incident_type_other"] == "Fictional: eggs thrown"
    complete_journey(client, journey=VICTIM_JOURNEY[3:7])
    answer(client, "why", {"strands": ["race"], "strand_other": "Fictional: my accent"})
    assert _stored("why")["strand_other"] == "Fictional: my accent"
    complete_journey(client, journey=VICTIM_JOURNEY[8:])
    page = _check_page(client)
    assert "Fictional: eggs thrown" in page and "Fictional: my accent" in page
    submit(client)
    report = Report.objects.get()
    assert report.incident_type_other == "Fictional: eggs thrown"
    assert report.strand_other == "Fictional: my accent"


def test_choosing_to_stay_anonymous_says_the_contact_details_were_removed(db, client):
    complete_journey(client)
    response = client.post(step_url("contact") + "?change=1", {"wants_contact": "no"})
    assert response["Location"] == reverse("reporting:journey_check")
    assert "contact-details" not in ReportDraft.objects.get().data["steps"]
    page = _check_page(client)
    assert (
        "These answers no longer apply, so they have been removed: How can we contact you?" in page
    )


def test_a_new_role_says_which_answers_will_be_asked_again(db, client):
    journey = [
        ("who", {"reporter_role": "on_behalf"}),
        ("relationship", {"reporter_relationship": "Fictional cousin"}),
        *VICTIM_JOURNEY[1:],
    ]
    complete_journey(client, journey=journey)
    response = client.post(step_url("who") + "?change=1", {"reporter_role": "victim"})
    assert response["Location"] == step_url("whose-view") + "?change=1"
    page = client.get(response["Location"]).content.decode()
    assert (
        "These answers no longer apply, so they have been removed: "
        "What is your relationship to the person it happened to?"
    ) in page
    assert (
        "You changed who you are reporting as, so we have removed your answers to these "
        "questions and will ask them again: Who thinks it happened because of this?; "
        "About the person it happened to; The person&#x27;s background"
    ) in page


def test_questions_left_blank_are_not_named(db, client):
    journey = [("who", {"reporter_role": "witness"}), *VICTIM_JOURNEY[1:]]
    complete_journey(client, journey=journey, overrides={"about-victim": {}, "background": {}})
    response = client.post(step_url("who") + "?change=1", {"reporter_role": "on_behalf"})
    page = client.get(response["Location"]).content.decode()
    assert (
        "will ask them again: Who thinks it happened because of this?</p>" in page
    )  # not the two pages left blank
