"""URLs and helpers shared by the follow-up tests."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from awaz.reporting import codes
from awaz.reporting.models import (
    Report,
)

START = reverse("reporting:followup_start")
REPORT = reverse("reporting:followup_report")
ADD = reverse("reporting:followup_add_information")
CONSENT = reverse("reporting:followup_consent")
SIGN_OUT = reverse("reporting:followup_sign_out")
LOST = reverse("reporting:followup_lost_code")
LOST_SENT = reverse("reporting:followup_lost_code_sent")


def _sign_in(client: Client, report: Report, code: str, **extra):
    return client.post(START, {"reference": report.reference, "code": code}, **extra)


def _normalised(html: str, *typed: str) -> str:
    """The page without what legitimately differs per request (CSRF token, CSP nonce) and
    without the reference the visitor typed (echoed back in the form)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    for value in typed:
        html = html.replace(value, "TYPED")
    return html


def _another_reference(existing: str) -> str:
    while True:
        candidate = codes.new_reference()
        if candidate != existing:
            return candidate
