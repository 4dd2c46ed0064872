"""Files that were chosen but not kept are never silently lost (issue 16 item 10): "Add
information" says which to choose again after an error, and removing a file that is not
this draft's says nothing was removed (and removes nothing)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse
from PIL import Image

from awaz.reporting.models import EntryKind, Evidence, ReportEntry
from awaz.reporting.tests.followup_support import ADD, _sign_in
from awaz.reporting.tests.journey_support import VICTIM_JOURNEY, complete_journey, error_summary
from awaz.reporting.tests.test_evidence import png_bytes, upload

EVIDENCE = reverse("reporting:journey_step", kwargs={"step": "evidence"})


def _png(name: str) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _messages(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", m).strip()
        for m in re.findall(r'govuk-notification-banner__heading">(.*?)</p>', html, re.S)
    ]


# "Add information" ------------------------------------------------------------------------


def test_an_error_elsewhere_says_the_chosen_file_must_be_chosen_again(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    too_long = "Fictional. " * 1000  # over 10,000 characters
    response = client.post(ADD, {"text": too_long, "attachments": [_png("fictional-photo.png")]})
    assert response.status_code == 200
    assert error_summary(response) == [
        "The information must be 10,000 characters or fewer",
        "Your file (fictional-photo.png) has not been added. Choose it again.",
    ]
    html = response.content.decode()
    assert 'id="id_attachments-error"' in html  # next to the file input, linked from the summary
    assert not Evidence.objects.exists()
    assert not ReportEntry.objects.filter(kind=EntryKind.INFORMATION_ADDED).exists()


def test_a_refused_file_among_several_says_none_were_added(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    bad = io.BytesIO(b"MZ this is not a picture")
    bad.name = "fictional-bad.png"
    response = client.post(
        ADD, {"text": "Fictional text kept", "attachments": [_png("fictional-good.png"), bad]}
    )
    assert response.status_code == 200
    messages = error_summary(response)
    assert messages[-1] == (
        "None of your files have been added (fictional-good.png, fictional-bad.png). "
        "Choose the ones you want to add again."
    )
    assert len(messages) == 2  # the reason the file was refused, then that
    # Both in one error message beside the file input (one element, one id).
    assert response.content.decode().count('id="id_attachments-error"') == 1
    assert not Evidence.objects.exists()


def test_a_single_refused_file_gets_only_the_reason(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    bad = io.BytesIO(b"MZ this is not a picture")
    bad.name = "fictional-bad.png"
    response = client.post(ADD, {"text": "Fictional", "attachments": [bad]})
    assert len(error_summary(response)) == 1
    assert "Choose it again" not in response.content.decode()


def test_an_error_without_files_says_nothing_about_files(client, report_and_code):
    report, code = report_and_code
    _sign_in(client, report, code)
    response = client.post(ADD, {"text": "   "})
    assert error_summary(response) == ["Enter the information you want to add, or choose a file"]


# Removing a file in the journey -----------------------------------------------------------


def test_removing_another_drafts_file_removes_nothing_and_says_so(db, settings):
    owner, other = Client(), Client()
    complete_journey(owner, journey=VICTIM_JOURNEY[:4])
    owner.post(
        EVIDENCE, {"action": "upload", "evidence_file": upload("a.png", png_bytes())}, follow=True
    )
    theirs = Evidence.objects.get()
    path = Path(settings.EVIDENCE_ROOT) / theirs.storage_name
    complete_journey(other, journey=VICTIM_JOURNEY[:4])
    other.post(
        EVIDENCE, {"action": "upload", "evidence_file": upload("b.png", png_bytes())}, follow=True
    )

    response = other.post(EVIDENCE, {"remove": str(theirs.pk)}, follow=True)

    assert _messages(response.content.decode()) == [
        "We could not find that file, so nothing was removed"
    ]
    assert Evidence.objects.filter(pk=theirs.pk).exists() and path.exists()
    assert Evidence.objects.count() == 2


def test_removing_a_made_up_or_already_removed_file_says_nothing_was_removed(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    client.post(
        EVIDENCE, {"action": "upload", "evidence_file": upload("a.png", png_bytes())}, follow=True
    )
    mine = Evidence.objects.get()
    first = client.post(EVIDENCE, {"remove": str(mine.pk)}, follow=True)
    assert _messages(first.content.decode()) == ["The file was removed"]
    for value in (str(mine.pk), "not-a-number"):
        again = client.post(EVIDENCE, {"remove": value}, follow=True)
        assert _messages(again.content.decode()) == [
            "We could not find that file, so nothing was removed"
        ], value
