"""Reading reports. Lists for staff go through ``access.reports_visible_to``."""

from __future__ import annotations

from django.utils import timezone

from awaz.reporting.models import ConsentPurpose, ConsentRecord, RecipientKind, Report


def consent_current(*, report: Report) -> dict[tuple[str, str], ConsentRecord]:
    """The decision in force per (purpose, recipient kind): the newest row of each."""
    current: dict[tuple[str, str], ConsentRecord] = {}
    for row in ConsentRecord.objects.filter(report=report).order_by("recorded_at", "id"):
        current[(row.purpose, row.recipient_kind)] = row
    return current


def consent_allows(*, report: Report, purpose: ConsentPurpose, recipient: RecipientKind) -> bool:
    """Whether consent covers this purpose and recipient now (given, not withdrawn, not
    expired). Every share, referral, export and API read asks this at that moment."""
    row = consent_current(report=report).get((purpose, recipient))
    if row is None or not row.granted:
        return False
    return row.expires_at is None or row.expires_at > timezone.now()
