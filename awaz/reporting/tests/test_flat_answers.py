"""A whole report given at once (``forms.flat``, the partner API's body) is checked by the
journey's own step forms and becomes the same ``ReportAnswers`` as the journey's steps."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils.datastructures import MultiValueDict

from awaz.reporting.forms.flat import answers_from_flat
from awaz.reporting.forms.journey import (
    STEP_BY_SLUG,
    answers_from_steps,
    journey_context,
)
from awaz.reporting.tests.factories import make_strand
from awaz.reporting.tests.journey_support import VICTIM_JOURNEY

pytestmark = pytest.mark.django_db

FLAT = {
    "channel": "phone",
    "reporter_role": "victim",
    "reporter_is_under_18": "no",
    "incident_types": ["verbal_abuse", "threats"],
    "what_happened": "Fictional: a man shouted abuse at me at the bus stop.",
    "incident_date": datetime.date(2025, 3, 3),
    "incident_time": "9pm",
    "location_description": "Fictional bus stop on a fictional road",
    "strands": ["race"],
    "perception_by": "victim",
    "age_band": "25_34",
    "ethnicity": "prefer_not_to_say",
    "needs": ["interpreter"],
    "language": "Fictional language",
    "offender_count": "1",
    "offender_known": "no",
    "police_told": "no",
    "support_wanted": ["emotional"],
    "share_police": "yes",
    "share_victim_support": "yes",
    "share_council": "no",
    "wants_contact": "yes",
    "contact_name": "Fictional Person",
    "contact_methods": ["email"],
    "contact_email": "fictional.person@example.org",
}


@pytest.fixture(autouse=True)
def _strands():
    cache.clear()
    make_strand("race")


def _journey_steps() -> dict:
    """The steps as the assisted journey saves them, page by page."""
    journey = [("how-reporting", {"channel": "phone"}), *VICTIM_JOURNEY]
    steps: dict = {}
    for slug, data in journey:
        step = STEP_BY_SLUG[slug]
        if step.kind != "form":
            continue
        if slug == "contact-details":
            data = {**data, "contact_name": FLAT["contact_name"]}
            data["contact_email"] = FLAT["contact_email"]
        posted = MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()})
        form = step.form_class(data=posted, journey=journey_context(steps, assisted=True))
        assert form.is_valid(), (slug, form.errors)
        steps[slug] = form.to_storage()
    return steps


def test_gives_the_same_answers_as_the_journey():
    answers, channel, errors = answers_from_flat(FLAT)
    assert errors == {}
    assert channel == "phone"
    assert answers == answers_from_steps(_journey_steps(), assisted=True)


def test_the_journeys_messages_by_field():
    fields = {**FLAT, "reporter_role": "", "incident_time": "25:99", "contact_email": ""}
    answers, _channel, errors = answers_from_flat(fields)
    assert answers is None
    assert errors["reporter_role"] == [
        "Select if you are the victim, a witness or reporting for someone else"
    ]
    assert errors["incident_time"] == ["Enter the time in the correct format, like 14:30 or 2:30pm"]
    assert "contact_email" in errors


def test_steps_that_do_not_apply_are_not_asked():
    """Not wanting contact skips the contact details, as the journey does."""
    answers, _channel, errors = answers_from_flat(
        {**FLAT, "wants_contact": "no", "contact_methods": [], "contact_email": ""}
    )
    assert errors == {}
    assert answers is not None and answers.is_anonymous
