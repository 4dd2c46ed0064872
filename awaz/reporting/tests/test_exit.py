"""'Exit this page' ends the reporting session on the server as it leaves (issue 16 item 7)."""

from __future__ import annotations

import re

from django.urls import reverse

from awaz.reporting.models import Report, ReportDraft
from awaz.reporting.tests.followup_support import REPORT, START, _sign_in
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    complete_journey,
    step_url,
    submit,
)

EXIT = reverse("public:exit")


def _exit_href(html: str) -> str:
    match = re.search(r'<a href="([^"]+)"[^>]*govuk-js-exit-this-page-button', html)
    assert match, "no Exit this page button"
    return match.group(1)


def test_the_exit_button_goes_through_the_server(db, client, settings):
    settings.AWAZ_EXIT_URL = "https://weather.example.org/"
    for url in (reverse("public:start"), step_url("who"), START):
        html = client.get(url).content.decode()
        # Without JavaScript the link is followed; with it, the component goes to its href.
        assert _exit_href(html) == EXIT, url
        assert "weather.example.org" not in html


def test_exit_redirects_to_the_neutral_site_without_a_referrer(db, client, settings):
    settings.AWAZ_EXIT_URL = "https://weather.example.org/"
    response = client.get(EXIT)
    assert response.status_code == 302
    assert response["Location"] == "https://weather.example.org/"
    assert response["Referrer-Policy"] == "no-referrer"


def test_after_exit_the_confirmation_and_its_code_cannot_be_opened(db, client, default_hub):
    complete_journey(client)
    submit(client)
    confirmation = reverse("reporting:journey_confirmation")
    report = Report.objects.get()
    assert report.reference in client.get(confirmation).content.decode()

    client.get(EXIT)

    response = client.get(confirmation, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][0] == reverse("reporting:journey_start")
    assert report.reference not in html
    assert "Fictional: a man shouted abuse" not in html
    assert 'id="followup-code"' not in html
    # Back to a question page: a new, empty report, not the sent one.
    assert client.get(step_url("account"))["Location"] == step_url("who")


def test_after_exit_the_draft_answers_are_gone(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    typed = "Fictional: a man shouted abuse at me at the bus stop."
    assert typed in client.get(step_url("account")).content.decode()

    client.get(EXIT)

    assert client.session.is_empty()
    assert client.get(step_url("account"))["Location"] == step_url("who")
    assert typed not in client.get(step_url("who")).content.decode()
    assert client.get(reverse("reporting:journey_check"))["Location"] == reverse(
        "reporting:journey_start"
    )
    # Nothing in the database can lead back to it: only the token's hash is stored.
    assert ReportDraft.objects.count() == 1


def test_after_exit_a_returning_reporter_is_signed_out(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    assert client.get(REPORT).status_code == 200

    client.get(EXIT)

    assert client.get(REPORT)["Location"] == START


def test_exit_is_a_plain_get(db, client):
    assert client.post(EXIT).status_code == 405
