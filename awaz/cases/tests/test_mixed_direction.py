"""Messages and notes in Urdu with English read right, for staff and for the reporter:
``dir="auto"`` where they are shown and typed (issue 16 item 11)."""

from __future__ import annotations

import re

from django.urls import reverse

from awaz.cases.services import (
    case_note_add,
    message_to_reporter_send,
    referral_decline,
    referral_send,
    triage_make_case,
)
from awaz.cases.tests.consent_support import (
    reporter_client,
    shared_case,
    shared_report,
    signed_in,
)
from awaz.reporting.tests.factories import make_report
from awaz.reporting.tests.test_mixed_direction import assert_auto_wherever_shown

FOLLOWUP = "https://awaz.example.org/report/follow-up/"
TO_REPORTER = "فرضی: کیا ہم Tuesday کو call کر سکتے ہیں؟"
FROM_REPORTER = "جی ہاں، Tuesday ٹھیک ہے"
NOTE = "نوٹ: Fictional support referral بھیجا گیا"

__all__ = ["shared_case", "shared_report"]  # fixtures used below


def test_messages_and_shared_notes_in_auto_direction(org_a, caseworker_a):
    report, code = make_report(organisation=org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    message_to_reporter_send(case=case, body=TO_REPORTER, followup_url=FOLLOWUP, actor=caseworker_a)
    case_note_add(case=case, text=NOTE, actor=caseworker_a, shared_with_reporter=True)

    reporter = reporter_client(report, code)
    page = reporter.get(reverse("cases:reporter_messages")).content.decode()
    assert_auto_wherever_shown(page, TO_REPORTER)
    assert_auto_wherever_shown(page, NOTE)
    reply_box = re.search(r'<textarea[^>]*name="body"[^>]*>', page).group(0)
    assert 'dir="auto"' in reply_box
    reporter.post(reverse("cases:reporter_messages"), {"body": FROM_REPORTER})

    staff = signed_in(caseworker_a)
    listing = staff.get(reverse("cases:messages", args=[case.pk])).content.decode()
    assert_auto_wherever_shown(listing, TO_REPORTER)
    assert_auto_wherever_shown(listing, FROM_REPORTER)
    timeline = staff.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert_auto_wherever_shown(timeline, NOTE)
    writing = staff.get(reverse("cases:message_new", args=[case.pk])).content.decode()
    assert 'dir="auto"' in re.search(r'<textarea[^>]*name="body"[^>]*>', writing).group(0)


REASON = "وجہ: Fictional support کی ضرورت ہے"
DECLINED = "معذرت، Fictional capacity نہیں ہے"


def test_referral_reasons_in_auto_direction(shared_case, org_b, caseworker_a, caseworker_b):
    referral = referral_send(
        case=shared_case, to_organisation=org_b, reason=REASON, anonymised=False, actor=caseworker_a
    )
    referral_decline(referral=referral, reason=DECLINED, actor=caseworker_b)
    html = (
        signed_in(caseworker_a)
        .get(reverse("cases:referral_detail", args=[referral.pk]))
        .content.decode()
    )
    assert_auto_wherever_shown(html, REASON)
    assert_auto_wherever_shown(html, DECLINED)
