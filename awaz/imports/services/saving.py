"""Saving a checked file's records, all in the caller's transaction: a new record becomes a
report (through ``reporting.services.report_create``, so it is encrypted, blind-indexed
and counted in the analysis facts exactly as a report made through Awaz), and a known
record whose outcome, strands or classification changed gets a new version (its report's
strands, and so its facts, follow). Other fields of a known record are kept as first
imported: nothing is silently overwritten.

Records are keyed by their source and a blind index of their reference, so the same file,
or an overlapping extract, creates nothing new.

``records_save`` (the job's path) writes a chunk's new records in bulk: their reports
through ``reporting.services.reports_create_bulk``, which writes the same rows as
``report_create`` would, then the records and first versions with ``bulk_create``; the
known records of the chunk are read in two queries without opening their encrypted
columns, and only those that changed are written one by one. ``records_save_each`` is the
per-record path (``report_create`` for each new record), kept as the reference the bulk
path is tested and measured against.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from awaz.audit.services import Actor
from awaz.core.bulk_insert import rows_insert
from awaz.core.crypto import blind_index
from awaz.geo.models import Area
from awaz.imports import vocabulary as v
from awaz.imports.mapping import MappedRecord
from awaz.imports.models import ImportedRecord, ImportedRecordVersion, ImportRun, ImportSource
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.models import Channel, IncidentType, PoliceTold, ReporterRole
from awaz.reporting.services import (
    NewReport,
    report_create,
    report_strands_replace,
    reports_create_bulk,
)

# What a new version is about: the fields a later extract may change.
TRACKED = ("recorded_as", "classification", "outcome", "outcome_date", "strand_codes")


@dataclass
class Counts:
    saved: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.saved + self.updated + self.unchanged


def reference_index(reference: str) -> str:
    return blind_index("import_reference", v.normalise(reference))


def _submission_key(source: ImportSource, index: str) -> str:
    # One report per source and reference, even if a save is retried.
    return hashlib.sha256(f"imports:{source.pk}:{index}".encode()).hexdigest()


def _answers(record: MappedRecord, *, police_source: bool) -> ReportAnswers:
    victim = {
        key: value
        for key, value in (("age_band", record.victim_age_band), ("gender", record.victim_sex))
        if value
    }
    named = bool(record.victim_name or record.victim_email or record.victim_phone)
    return ReportAnswers(
        # Without "who reported", the victim (as most police hate crime reports are).
        reporter_role=v.REPORTER_ROLE.get(record.who_reported, ReporterRole.VICTIM),
        incident_types=[v.INCIDENT_TYPE.get(record.offence_group, IncidentType.OTHER)],
        what_happened="",
        incident_date=record.offence_from,
        incident_time=record.offence_time,
        postcode=record.postcode,
        location_point=record.point,
        strand_codes=list(record.strand_codes),
        victim_details=victim,
        police_told=PoliceTold.YES if police_source else "",
        police_reference=record.reference if police_source else "",
        is_anonymous=not named,
        contact_name=record.victim_name,
        contact_email=record.victim_email,
        contact_phone=record.victim_phone,
    )


def _recorded_at(record: MappedRecord) -> datetime.datetime:
    moment = datetime.datetime.combine(record.recorded_on, record.recorded_time or datetime.time())
    return timezone.make_aware(moment)


def _tracked(record: MappedRecord) -> dict[str, object]:
    return {
        "recorded_as": record.recorded_as,
        "classification": record.classification,
        "outcome": record.outcome,
        "outcome_date": record.outcome_date,
        "strand_codes": sorted(record.strand_codes),
    }


def _version_values(version: ImportedRecordVersion) -> dict[str, object]:
    return {name: getattr(version, name) for name in TRACKED}


def _create(
    *,
    record: MappedRecord,
    index: str,
    run: ImportRun,
    police_source: bool,
    actor: Actor,
    area: Area | None,
) -> None:
    source = run.source
    report, _code = report_create(
        answers=_answers(record, police_source=police_source),
        submission_key=_submission_key(source, index),
        channel=Channel.IMPORTED,
        actor=actor,
        consent_method=None,
        recorded_by_organisation=source.organisation,
        receiving_organisation=source.organisation,
        submitted_at=_recorded_at(record),
        area=area,
    )
    imported = _record_row(record, index=index, run=run, report_id=report.pk)
    imported.save(force_insert=True)
    ImportedRecordVersion.objects.create(
        record=imported, number=1, run=run, created_at=timezone.now(), **_tracked(record)
    )


def _update(
    *,
    existing: ImportedRecord,
    current: ImportedRecordVersion,
    record: MappedRecord,
    run: ImportRun,
    actor: Actor,
) -> bool:
    """A new version if the tracked fields changed; True if one was made."""
    new, old = _tracked(record), _version_values(current)
    changed = [name for name in TRACKED if new[name] != old[name]]
    if not changed:
        return False
    number = existing.version + 1
    ImportedRecordVersion.objects.create(
        record=existing, number=number, run=run, created_at=timezone.now(), changed=changed, **new
    )
    ImportedRecord.objects.filter(pk=existing.pk).update(
        version=number,
        recorded_as=record.recorded_as,
        classification=record.classification,
        outcome=record.outcome,
        outcome_date=record.outcome_date,
        modified_by=run.uploaded_by,
        modified_at=timezone.now(),
    )
    if "strand_codes" in changed:
        report_strands_replace(
            report=existing.report, strand_codes=list(record.strand_codes), actor=actor
        )
    return True


def _record_row(
    record: MappedRecord, *, index: str, run: ImportRun, report_id: int
) -> ImportedRecord:
    return ImportedRecord(
        source=run.source,
        report_id=report_id,
        reference=record.reference,
        reference_index=index,
        first_run=run,
        last_seen_run=run,
        recorded_as=record.recorded_as,
        classification=record.classification,
        outcome=record.outcome,
        outcome_date=record.outcome_date,
        offence_group=record.offence_group,
        how_reported=record.how_reported,
        who_reported=record.who_reported,
        offence_to=record.offence_to,
        created_by=run.uploaded_by,
        modified_by=run.uploaded_by,
    )


def records_save(
    *,
    records: list[MappedRecord],
    run: ImportRun,
    police_source: bool,
    actor: Actor,
    counts: Counts,
) -> None:
    """Save one chunk of a file's records (call inside the run's transaction): the new
    ones in bulk, a new version for each known one that changed, nothing for the rest."""
    source = run.source
    indexes = [reference_index(r.reference) for r in records]
    # Only the columns compared: no encrypted column is opened for an unchanged record.
    known = {
        index: (pk, version)
        for pk, index, version in ImportedRecord.objects.filter(
            source=source, reference_index__in=indexes
        ).values_list("pk", "reference_index", "version")
    }
    versions = {
        ver.record_id: ver
        for ver in ImportedRecordVersion.objects.filter(
            record_id__in=[pk for pk, _v in known.values()], number=F("record__version")
        )
    }
    areas = Area.objects.in_bulk({r.area_id for r in records if r.area_id})
    fresh: list[tuple[MappedRecord, str]] = []
    for record, index in zip(records, indexes, strict=True):
        found = known.get(index)
        if found is None:
            fresh.append((record, index))
            continue
        current = versions[found[0]]
        if _tracked(record) == _version_values(current):
            counts.unchanged += 1
            continue
        existing = ImportedRecord.objects.select_related("report").get(pk=found[0])
        _update(existing=existing, current=current, record=record, run=run, actor=actor)
        counts.updated += 1
    if fresh:
        reports = reports_create_bulk(
            items=[
                NewReport(
                    answers=_answers(record, police_source=police_source),
                    submission_key=_submission_key(source, index),
                    submitted_at=_recorded_at(record),
                    area=areas.get(record.area_id) if record.area_id else None,
                )
                for record, index in fresh
            ],
            channel=Channel.IMPORTED,
            actor=actor,
            recorded_by_organisation=source.organisation,
            receiving_organisation=source.organisation,
        )
        rows = [
            _record_row(record, index=index, run=run, report_id=report.pk)
            for (record, index), report in zip(fresh, reports, strict=True)
        ]
        rows_insert(ImportedRecord, rows)
        now = timezone.now()
        rows_insert(
            ImportedRecordVersion,
            [
                ImportedRecordVersion(
                    record=row, number=1, run=run, created_at=now, **_tracked(rec)
                )
                for row, (rec, _index) in zip(rows, fresh, strict=True)
            ],
        )
        counts.saved += len(fresh)
    if known:
        ImportedRecord.objects.filter(pk__in=[pk for pk, _v in known.values()]).update(
            last_seen_run=run, missing_since=None
        )


def records_save_each(
    *,
    records: list[MappedRecord],
    run: ImportRun,
    police_source: bool,
    actor: Actor,
    counts: Counts,
) -> None:
    """``records_save`` one record at a time, each new one through ``report_create`` (the
    reference the bulk path is checked and measured against)."""
    indexes = [reference_index(r.reference) for r in records]
    known = {
        r.reference_index: r
        for r in ImportedRecord.objects.filter(
            source=run.source, reference_index__in=indexes
        ).select_related("report")
    }
    versions = {
        ver.record_id: ver
        for ver in ImportedRecordVersion.objects.filter(
            record__in=list(known.values()), number=F("record__version")
        )
    }
    areas = Area.objects.in_bulk({r.area_id for r in records if r.area_id})
    for record, index in zip(records, indexes, strict=True):
        existing = known.get(index)
        if existing is None:
            _create(
                record=record,
                index=index,
                run=run,
                police_source=police_source,
                actor=actor,
                area=areas.get(record.area_id) if record.area_id else None,
            )
            counts.saved += 1
        elif _update(
            existing=existing, current=versions[existing.pk], record=record, run=run, actor=actor
        ):
            counts.updated += 1
        else:
            counts.unchanged += 1
    if known:
        ImportedRecord.objects.filter(pk__in=[r.pk for r in known.values()]).update(
            last_seen_run=run, missing_since=None
        )


def records_flag_missing(*, run: ImportRun) -> int:
    """After a full extract: flag the source's records it left out (kept, never deleted);
    how many of its records it does not hold."""
    left_out = ImportedRecord.objects.filter(source=run.source).exclude(last_seen_run=run)
    left_out.filter(missing_since__isnull=True).update(missing_since=run)
    return left_out.count()
