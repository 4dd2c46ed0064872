"""Free text in Urdu with English reads right: every place it is typed or shown says
``dir="auto"`` (issue 16 item 11)."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from awaz.reporting.models import Report
from awaz.reporting.services.followup import report_information_add
from awaz.reporting.tests.followup_support import ADD, _sign_in
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    step_url,
    submit,
)
from awaz.reporting.tests.triage_support import detail_url

MIXED = "فرضی: bus stop پر ایک آدمی نے Fictional گالیاں دیں"
MIXED_PLACE = "فرضی Fictional Road کے پاس"


def enclosing_tag(html: str, text: str) -> str:
    """The opening tag of the element the text sits in."""
    at = html.index(text)
    start = html.rindex("<", 0, at)
    return html[start : html.index(">", start) + 1]


def assert_auto_wherever_shown(html: str, text: str) -> None:
    at = -1
    count = 0
    while (at := html.find(text, at + 1)) != -1:
        start = html.rindex("<", 0, at)
        tag = html[start : html.index(">", start) + 1]
        assert 'dir="auto"' in tag, tag
        count += 1
    assert count, "the text is not on the page"


def _journey_with_mixed_text(client: Client) -> None:
    complete_journey(
        client,
        overrides={
            "account": {"what_happened": MIXED},
            "where": {"location_description": MIXED_PLACE},
        },
    )


def test_question_pages_type_free_text_in_auto_direction(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:3])
    html = client.get(step_url("account")).content.decode()
    textarea = re.search(r'<textarea[^>]*name="what_happened"[^>]*>', html).group(0)
    assert 'dir="auto"' in textarea
    answer(client, "account", {"what_happened": MIXED})
    again = client.get(step_url("account")).content.decode()
    assert 'dir="auto"' in enclosing_tag(again, MIXED)


def test_check_answers_and_confirmation_show_answers_in_auto_direction(db, client, default_hub):
    _journey_with_mixed_text(client)
    check = client.get(reverse("reporting:journey_check")).content.decode()
    assert_auto_wherever_shown(check, MIXED)
    assert_auto_wherever_shown(check, MIXED_PLACE)
    submit(client)
    confirmation = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert_auto_wherever_shown(confirmation, MIXED)


def test_staff_report_view_shows_answers_and_added_information_in_auto_direction(
    db, client, default_hub, caseworker_a
):
    _journey_with_mixed_text(client)
    submit(client)
    report = Report.objects.get()
    report_information_add(report=report, text="مزید: Fictional update اور")
    staff = Client()
    staff.force_login(caseworker_a)
    html = staff.get(detail_url(report)).content.decode()
    assert_auto_wherever_shown(html, MIXED)
    assert_auto_wherever_shown(html, MIXED_PLACE)
    assert_auto_wherever_shown(html, "مزید: Fictional update اور")


def test_add_information_is_typed_in_auto_direction(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    html = client.get(ADD).content.decode()
    assert 'dir="auto"' in re.search(r'<textarea[^>]*name="text"[^>]*>', html).group(0)
