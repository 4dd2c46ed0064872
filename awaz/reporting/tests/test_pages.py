"""The public information pages: start, urgent help, privacy, accessibility."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awaz.reporting.models import Strand

PUBLIC_PAGES = ["public:start", "public:urgent_help", "public:privacy", "public:accessibility"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_exit_this_page_and_no_inline_code(db, client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-exit-this-page" in html
    assert "style=" not in html
    assert re.search(r"\son[a-z]+=", html) is None
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script


def test_start_page_explains_hate_and_perception(db, client):
    html = client.get(reverse("public:start")).content.decode()
    assert "What is a hate incident?" in html
    assert "What is a hate crime?" in html
    assert "Nobody has to prove it." in html


def test_start_page_lists_national_and_active_local_strands(db, client):
    Strand.objects.create(code="subculture", name="Fictional alternative subculture")
    Strand.objects.create(code="old", name="Fictional retired strand", is_active=False)
    html = client.get(reverse("public:start")).content.decode()
    for name in (
        "Race or ethnicity",
        "Religion or belief",
        "Sexual orientation",
        "Disability",
        "Transgender identity",
        "Fictional alternative subculture",
    ):
        assert name in html
    assert "Fictional retired strand" not in html


def test_start_page_has_urgent_route_privacy_and_shared_device_advice(db, client):
    html = client.get(reverse("public:start")).content.decode()
    assert "If you are in danger now, call 999." in html
    assert reverse("public:urgent_help") in html
    assert "Your privacy" in html and reverse("public:privacy") in html
    assert "If someone else uses your phone or computer" in html
    assert "as the victim" in html and "as a witness" in html and "for someone else" in html
    # Before "Start now": that reporting can be anonymous, and a link to the privacy notice
    # further down (the first question shows it again, in "Who will see my report?").
    start = html.index("Start now")
    assert html.index("You can report anonymously.") < start
    assert html.index('href="#your-privacy"') < start < html.index('id="your-privacy"')


def test_start_page_puts_start_now_before_the_detail(db, client):
    """The GOV.UK start-page pattern: a short introduction, the button, then the detail
    (on a phone the button used to be about 4,000 px down)."""
    html = client.get(reverse("public:start")).content.decode()
    main = html[html.index('id="main-content"') :]
    start = main.index("Start now")
    assert main.index("If you are in danger now, call 999.") < start
    for detail in (
        "What is a hate incident?",
        "What is a hate crime?",
        "What hate can be about",
        "Who can report",
        "Your privacy</h2>",
        "If someone else uses your phone or computer",
        "Before you start",
        "Other ways to report",
    ):
        assert start < main.index(detail), detail
    # Only the 999 warning and two short paragraphs come between the heading and the button.
    intro = main[main.index("</h1>") : start]
    assert intro.count("<p") == 2 and "<h2" not in intro and "<ul" not in intro


def test_urgent_help_covers_danger_and_people_at_risk(db, client):
    html = client.get(reverse("public:urgent_help")).content.decode()
    assert "Call 999" in html
    assert "If a child may be at risk of harm" in html
    assert "If an adult may be at risk of harm" in html


def test_privacy_page_says_who_sees_what_is_shared_and_how_long(db, client):
    html = client.get(reverse("public:privacy")).content.decode()
    assert "Who sees your report" in html
    assert "only if you agreed" in html
    assert "How long we keep it" in html
