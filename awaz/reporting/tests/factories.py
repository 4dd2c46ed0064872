"""Reports for tests, built directly (independent of the public journey), plainly fictional.

``make_report(organisation=org)`` returns ``(report, code)``: the report and its plaintext
follow-up code, which only the reporter would know.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.utils import timezone

from awaz.audit.services import PUBLIC
from awaz.core.crypto import blind_index, encrypt_bytes, normalise_email
from awaz.geo.models import Area, AreaLevel
from awaz.geo.services import area_create
from awaz.partners.models import Organisation
from awaz.reporting import codes
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    EntryKind,
    Evidence,
    RecipientKind,
    Report,
    ReportEntry,
    ReporterRole,
    Strand,
)
from awaz.reporting.services.consent import consent_record
from awaz.reporting.services.evidence import evidence_dir
from awaz.reporting.services.facts import incident_facts_record

FICTIONAL_EMAIL = "fictional.reporter@example.org"


def make_strand(code: str, name: str | None = None, sort_order: int = 100) -> Strand:
    strand, _created = Strand.objects.get_or_create(
        code=code, defaults={"name": name or code.title(), "sort_order": sort_order}
    )
    return strand


def square(lon: float, lat: float, size: float = 0.05) -> dict[str, Any]:
    """A GeoJSON square polygon with its south-west corner at (lon, lat)."""
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def make_area(
    code: str,
    name: str,
    *,
    level: AreaLevel = AreaLevel.LOCAL_AUTHORITY,
    parent: Area | None = None,
    lon: float = -2.95,
    lat: float = 54.87,
    size: float = 0.05,
) -> Area:
    if level != AreaLevel.COUNTY and parent is None:
        parent = Area.objects.filter(code="TEST-COUNTY").first() or area_create(
            code="TEST-COUNTY",
            name="Fictional County",
            level=AreaLevel.COUNTY,
            parent=None,
            geometry=square(-3.6, 54.0, 1.5),
            is_demo=True,
        )
    return area_create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        geometry=square(lon, lat, size),
        is_demo=True,
    )


def make_report(
    *,
    organisation: Organisation,
    status: str = "received",
    channel: str = "online",
    recorded_by_organisation: Organisation | None = None,
    reporter_role: str = ReporterRole.VICTIM,
    what_happened: str = "Fictional account: someone shouted abuse at a bus stop.",
    strands: list[Strand] | tuple[Strand, ...] = (),
    area: Area | None = None,
    email: str = "",
    is_anonymous: bool = False,
    consents: dict[tuple[str, str], bool] | None = None,
    submitted_at: datetime.datetime | None = None,
    **fields: Any,
) -> tuple[Report, str]:
    """A submitted report (with its "submitted" timeline entry); returns it and its code."""
    code = codes.new_followup_code()
    now = submitted_at or timezone.now()
    if channel != "online" and recorded_by_organisation is None:
        recorded_by_organisation = organisation
    report = Report.objects.create(
        reference=codes.new_reference(),
        followup_code_hash=codes.followup_code_hash(code),
        followup_code_issued_at=now,
        submission_key=secrets.token_hex(32),
        status=status,
        submitted_at=now,
        channel=channel,
        recorded_by_organisation=recorded_by_organisation,
        receiving_organisation=organisation,
        reporter_role=reporter_role,
        is_anonymous=is_anonymous,
        incident_types=fields.pop("incident_types", ["verbal_abuse"]),
        what_happened=what_happened,
        area=area,
        contact_email="" if is_anonymous else email,
        email_index=""
        if is_anonymous or not email
        else blind_index("email", normalise_email(email)),
        **fields,
    )
    if strands:
        report.strands.set(strands)
    incident_facts_record(report)
    ReportEntry.objects.create(
        report=report, kind=EntryKind.SUBMITTED, by_reporter=True, created_at=now
    )
    if consents:
        consent_record(
            report=report,
            decisions={
                (ConsentPurpose(purpose), RecipientKind(kind)): granted
                for (purpose, kind), granted in consents.items()
            },
            method=ConsentMethod.ONLINE,
            given_by=ReporterRole(reporter_role),
            actor=PUBLIC,
            timeline=False,
        )
    return report, code


def make_evidence(
    *, report: Report, content: bytes = b"%PDF-1.4 fictional", content_type: str = "application/pdf"
) -> Evidence:
    """An evidence file stored the way ``services.evidence`` stores it (sealed on disk)."""
    storage_name = secrets.token_hex(16)
    sealed = encrypt_bytes(content, purpose=f"reporting.evidence:{storage_name}")
    (evidence_dir() / storage_name).write_bytes(sealed)
    return Evidence.objects.create(
        report=report,
        original_name="fictional-screenshot.pdf",
        content_type=content_type,
        size_bytes=len(content),
        storage_name=storage_name,
        created_at=timezone.now(),
    )
