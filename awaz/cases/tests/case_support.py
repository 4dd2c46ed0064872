"""Helpers for the triage, case, classification and search tests: cases are made the way
caseworkers make them (through triage services), from plainly fictional reports."""

from __future__ import annotations

from typing import Any

from awaz.audit.models import AuditEvent
from awaz.cases.models import Case
from awaz.cases.services.triage import triage_make_case
from awaz.partners.models import Organisation
from awaz.reporting.tests.factories import make_report


def new_case(*, organisation: Organisation, user: Any, **report_fields: Any) -> Case:
    report, _code = make_report(organisation=organisation, **report_fields)
    return triage_make_case(report_id=report.pk, actor=user)


def audit_types(**filters: Any) -> list[str]:
    """Names of audit event types written, oldest first."""
    return [event.event_name for event in AuditEvent.objects.filter(**filters).order_by("id")]
