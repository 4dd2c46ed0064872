"""URLs and helpers shared by the triage tests."""

from __future__ import annotations

import re

from django.urls import reverse

from awaz.reporting.models import (
    Report,
)

INBOX = reverse("reporting:triage_inbox")


def detail_url(report: Report) -> str:
    return reverse("reporting:triage_report_detail", args=[report.pk])


def start_url(report: Report) -> str:
    return reverse("reporting:triage_report_review_start", args=[report.pk])


def references(response) -> list[str]:
    return re.findall(r"HC-[0-9A-Z]{4}-[0-9A-Z]{4}", response.content.decode())
