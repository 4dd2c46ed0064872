"""Answers and helpers for driving the reporting journey through the test client."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

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
