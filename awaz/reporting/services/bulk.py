"""Storing many reports at once, for a partner's extract (``awaz.imports``): the rows
``report_create`` writes for each (the report with its personal data encrypted and
blind-indexed, its strands, analysis facts per ADR 0005, its timeline entry and its
``REPORT_SUBMITTED`` audit event), written a batch at a time with ``bulk_create`` instead
of about fifteen queries a report.

Only for records that carry no consent decision and no evidence (``report_create`` with
``consent_method=None``): a partner's record was never given to Awaz by the person, and
has no draft whose resubmit window would keep a follow-up code. Each report still gets a
follow-up code's keyed hash, as every report does; since the code is shown to no one (an
imported record has no reporter to give it to), no one can follow it up with it. The
hash is one HMAC-SHA256 (``codes.followup_code_hash``), not a deliberately slow hash, so
it costs microseconds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record_many
from awaz.core.bulk_insert import rows_insert
from awaz.geo.models import Area
from awaz.partners.models import Organisation
from awaz.reporting import codes
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.models import Channel, EntryKind, Report, ReportEntry, Strand
from awaz.reporting.services.facts import incident_facts_record_many
from awaz.reporting.services.submission import hub_for_area, report_fields, report_places

_REFERENCE_ATTEMPTS = 8


@dataclass(frozen=True)
class NewReport:
    """One report to store: what ``report_create`` takes for it."""

    answers: ReportAnswers
    submission_key: str
    submitted_at: datetime.datetime | None = None
    area: Area | None = None


def _new_references(n: int) -> list[str]:
    """``n`` references no report has, and none twice."""
    chosen: list[str] = []
    for _attempt in range(_REFERENCE_ATTEMPTS):
        wanted = n - len(chosen)
        if wanted == 0:
            return chosen
        candidates = set(chosen)
        fresh: list[str] = []
        while len(fresh) < wanted:
            reference = codes.new_reference()
            if reference not in candidates:
                candidates.add(reference)
                fresh.append(reference)
        taken = set(Report.objects.filter(reference__in=fresh).values_list("reference", flat=True))
        chosen.extend(r for r in fresh if r not in taken)
    if len(chosen) < n:
        raise RuntimeError("could not draw unused report references")
    return chosen


@transaction.atomic
def reports_create_bulk(
    *,
    items: list[NewReport],
    channel: Channel | str,
    actor: Actor,
    recorded_by_organisation: Organisation | None = None,
    receiving_organisation: Organisation | None = None,
) -> list[Report]:
    """``report_create(consent_method=None)`` for each item, inside the caller's
    transaction; the reports in the items' order. An item whose submission key is stored
    already gets that report back (nothing new written for it), as ``report_create``
    does."""
    keys = [item.submission_key for item in items]
    stored = {
        r.submission_key: r
        for r in Report.objects.filter(submission_key__in=keys).only("id", "submission_key")
    }
    new = [item for item in items if item.submission_key not in stored]
    if new:
        _write(
            new,
            stored,
            channel=channel,
            actor=actor,
            recorded_by_organisation=recorded_by_organisation,
            receiving_organisation=receiving_organisation,
        )
    return [stored[key] for key in keys]


def _write(
    items: list[NewReport],
    stored: dict[str, Report],
    *,
    channel: Channel | str,
    actor: Actor,
    recorded_by_organisation: Organisation | None,
    receiving_organisation: Organisation | None,
) -> None:
    now = timezone.now()
    places = report_places([item.answers for item in items], str(channel))
    references = iter(_new_references(len(items)))
    reports: list[Report] = []
    for item, place in zip(items, places, strict=True):
        if item.area is not None and place.get("area") is None:
            place["area"] = item.area
        receiver = receiving_organisation or hub_for_area(place.get("area"))
        fields = report_fields(
            answers=item.answers,
            channel=channel,
            actor=actor,
            moment=item.submitted_at or now,
            place=place,
            recorded_by_organisation=recorded_by_organisation,
            receiving_organisation=receiver,
            followup_code=codes.new_followup_code(),
        )
        report = Report(reference=next(references), submission_key=item.submission_key, **fields)
        reports.append(report)
        stored[item.submission_key] = report
    rows_insert(Report, reports)

    codes_wanted = {code for item in items for code in item.answers.strand_codes}
    strand_of = dict(Strand.objects.filter(code__in=codes_wanted).values_list("code", "id"))
    through: Any = Report.strands.through
    strand_ids_of: dict[int, list[int]] = {}
    links: list[Any] = []
    for item, report in zip(items, reports, strict=True):
        ids = sorted({strand_of[c] for c in item.answers.strand_codes if c in strand_of})
        strand_ids_of[report.pk] = ids
        links.extend(through(report_id=report.pk, strand_id=s) for s in ids)
    rows_insert(through, links)
    incident_facts_record_many(reports, strand_ids_of)

    rows_insert(
        ReportEntry,
        [
            ReportEntry(
                report=report,
                kind=EntryKind.SUBMITTED,
                by_reporter=channel == Channel.ONLINE,
                created_at=report.submitted_at,
                created_by_id=actor.user_id if channel != Channel.ONLINE else None,
            )
            for report in reports
        ],
    )
    audit_record_many(
        event_type=AuditEventType.REPORT_SUBMITTED,
        actor=actor,
        target_type="reporting.report",
        targets=[
            (
                report.pk,
                {
                    "channel": str(channel),
                    "evidence_files": 0,
                    "anonymous": item.answers.is_anonymous,
                },
            )
            for item, report in zip(items, reports, strict=True)
        ],
    )
