"""Long answers: the limit is stated, counted as GOV.UK's character count counts, and text
over the limit is refused and shown again in full, never cut off."""

from __future__ import annotations

import html as html_lib
import re

from awaz.reporting.models import ReportDraft
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
)

BEFORE_ACCOUNT = VICTIM_JOURNEY[:3]


def _textarea(page: str, name: str) -> tuple[str, str]:
    """The opening tag of the textarea and its content (as the browser would read it)."""
    match = re.search(rf'(<textarea[^>]*name="{name}"[^>]*>)(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {name}"
    content = match.group(2).replace("\r\n", "\n")  # HTML reads CR LF as one line break
    if content.startswith("\n"):  # and drops one line break straight after the tag
        content = content[1:]
    return match.group(1), html_lib.unescape(content)


def test_the_limit_is_stated_and_the_count_is_the_govuk_character_count(db, client):
    complete_journey(client, journey=BEFORE_ACCOUNT)
    page = client.get(step_url("account")).content.decode()
    tag, _content = _textarea(page, "what_happened")
    assert "maxlength" not in tag  # nothing typed or pasted can be cut off
    assert "govuk-js-character-count" in tag
    assert 'aria-describedby="id_what_happened-info' in tag
    assert 'data-module="govuk-character-count" data-maxlength="10000"' in page
    # Without JavaScript, the hint states the limit.
    assert re.search(
        r'id="id_what_happened-info" class="govuk-hint govuk-character-count__message">'
        r"You can enter up to 10,000 characters<",
        page,
    )
    assert 'data-i18n.characters-over-limit.other="You have %{count} characters too many"' in page


def test_pasting_twice_the_limit_is_refused_and_everything_typed_comes_back(db, client):
    complete_journey(client, journey=BEFORE_ACCOUNT)
    pasted = ("Fictional line of a long account. " * 600)[:19_980] + "\r\nCANARY-END-7Q2"
    assert len(pasted) > 19_990
    response = answer(client, "account", {"what_happened": pasted})
    assert response.status_code == 200
    assert error_summary(response) == ["What happened must be 10,000 characters or less"]
    tag, content = _textarea(response.content.decode(), "what_happened")
    assert "maxlength" not in tag
    assert content == pasted.replace("\r\n", "\n")  # every character, none cut off
    assert "account" not in ReportDraft.objects.get().data["steps"]


def test_line_breaks_count_once_as_in_the_character_count(db, client):
    # 9,999 letters and one line break: the character count shows 10,000, the limit; the
    # browser sends the break as CR LF, which Django alone counts as 10,001 characters.
    complete_journey(client, journey=BEFORE_ACCOUNT)
    text = "a" * 5_000 + "\r\n" + "b" * 4_998
    response = answer(client, "account", {"what_happened": text + "c"})
    assert response.status_code == 302
    stored = ReportDraft.objects.get().data["steps"]["account"]["what_happened"]
    assert stored == "a" * 5_000 + "\n" + "b" * 4_998 + "c"
    response = answer(client, "account", {"what_happened": text + "cd"})
    assert error_summary(response) == ["What happened must be 10,000 characters or less"]


def test_other_long_answers_are_character_counts_too(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:6])
    page = client.get(step_url("where")).content.decode()
    tag, _content = _textarea(page, "location_description")
    assert "maxlength" not in tag
    assert "You can enter up to 1,000 characters" in page
    # Short text inputs are not cut off either: the server says what is too long.
    complete_journey(client, journey=VICTIM_JOURNEY[6:14])
    page = client.get(step_url("police")).content.decode()
    assert re.search(r'<input[^>]*name="police_reference"', page)
    assert "maxlength" not in page
