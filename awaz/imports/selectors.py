"""Reading imports: a file's mapper, its preview (nothing saved), a run's progress and
errors, and the imported records with their history. Lists take what the user may see
(``access.sources_visible_to``)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.geo.selectors import area_list
from awaz.imports import vocabulary as v
from awaz.imports.columns import COLUMNS, PERSONAL, REQUIRED
from awaz.imports.mapping import MappedRecord, Problem, RowMapper, problem_message
from awaz.imports.models import (
    ImportedRecord,
    ImportedRecordVersion,
    ImportRowError,
    ImportRun,
    ImportSource,
    RunStatus,
)
from awaz.imports.reading import FileUnreadable, Table, table_open
from awaz.imports.storage import import_file_read
from awaz.partners.models import OrganisationKind
from awaz.reporting.models import Strand

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 10
SHOWN_ERRORS = 200
GIVEN = _("Given (not shown: personal data)")


def source_is_police(source: ImportSource) -> bool:
    """Only a police force's records are police records."""
    return bool(source.organisation.kind == OrganisationKind.POLICE)


def required_headings(source: ImportSource) -> list[str]:
    return [source.column_map.get(key, "") for key in REQUIRED]


def strand_lookup() -> dict[str, str]:
    """Every strand's code, and its name, normalised, to its code."""
    found: dict[str, str] = {}
    for code, name in Strand.objects.values_list("code", "name"):
        found[v.normalise(code)] = code
        found.setdefault(v.normalise(name), code)
    return found


def row_mapper_for(
    source: ImportSource, table: Table, *, today: datetime.date | None = None
) -> RowMapper:
    return RowMapper(
        column_map=source.column_map,
        strand_columns=source.strand_columns,
        strand_separator=source.strand_separator,
        value_maps=source.value_maps,
        date_formats=source.date_formats,
        police_source=source_is_police(source),
        headings=table.headings,
        strands=strand_lookup(),
        areas={v.normalise(code): pk for pk, code in area_list().values_list("pk", "code")},
        today=today or timezone.localdate(),
        epoch_1904=table.epoch_1904,
    )


def source_list(*, sources: QuerySet[ImportSource]) -> QuerySet[ImportSource]:
    return sources.select_related("organisation").order_by("name")


def run_list(*, source: ImportSource) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(source=source).select_related("uploaded_by")


# Preview ------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    number: int
    values: list[str]
    problems: list[str]


@dataclass
class Preview:
    labels: list[str] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    header_row: int = 0


def _shown(record: MappedRecord | None, key: str) -> str:
    if record is None:
        return ""
    value = _record_value(record, key)
    if key in PERSONAL and value:
        return str(GIVEN)
    return value


def _record_value(record: MappedRecord, key: str) -> str:
    def day(d: datetime.date | None) -> str:
        return d.strftime("%-d %b %Y") if d else ""

    values: dict[str, Any] = {
        "reference": record.reference,
        "recorded_date": day(record.recorded_on)
        + (f" {record.recorded_time:%H:%M}" if record.recorded_time else ""),
        "offence_from": day(record.offence_from),
        "offence_time_from": f"{record.offence_time:%H:%M}" if record.offence_time else "",
        "offence_to": day(record.offence_to),
        "offence_group": _label(v.OffenceGroup, record.offence_group),
        "strands": ", ".join(record.strand_codes),
        "classification": str(v.RecordedAs(record.recorded_as).label) if record.recorded_as else "",
        "how_reported": _label(v.HowReported, record.how_reported),
        "who_reported": _label(v.WhoReported, record.who_reported),
        "postcode": record.postcode,
        "easting": "given" if record.point else "",
        "northing": "given" if record.point else "",
        "latitude": "given" if record.point else "",
        "longitude": "given" if record.point else "",
        "area_code": record.area_code,
        "outcome": v.outcome_label(record.outcome) if record.outcome else "",
        "outcome_date": day(record.outcome_date),
        "victim_age": record.victim_age_band,
        "victim_sex": record.victim_sex,
        "victim_name": record.victim_name,
        "victim_email": record.victim_email,
        "victim_phone": record.victim_phone,
    }
    return str(values.get(key, ""))


def _label(choices: Any, code: str) -> str:
    return str(choices(code).label) if code else ""


def _problem_text(problem: Problem) -> str:
    where = f"{problem.column}: " if problem.column else ""
    shown = f" (“{problem.value}”)" if problem.value else ""
    return f"{where}{problem.message()}{shown}"


def import_preview(run: ImportRun, *, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows of the run's file as they would be imported, with their problems.
    Reads only: nothing is saved."""
    source = run.source
    keys = [c.key for c in COLUMNS if source.column_map.get(c.key)]
    if source.strand_columns and "strands" not in keys:
        keys.append("strands")
    preview = Preview(labels=[str(c.label) for c in COLUMNS if c.key in keys])
    try:
        content = import_file_read(run.stored_name)
        with table_open(
            content,
            file_format=source.file_format,
            required_headings=required_headings(source),
            sheet_name=source.sheet_name,
        ) as table:
            preview.header_row = table.header_row
            mapper = row_mapper_for(source, table)
            preview.file_problems = [_problem_text(p) for p in mapper.missing]
            if mapper.missing:
                return preview
            for row in table.rows:
                record, problems = mapper.map(row)
                preview.rows.append(
                    PreviewRow(
                        number=row.number,
                        values=[_shown(record, key) for key in keys],
                        problems=[_problem_text(p) for p in problems],
                    )
                )
                if len(preview.rows) >= limit:
                    break
    except FileUnreadable as exc:
        preview.file_problems = [str(exc.message)]
    return preview


# Runs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    checked: int
    saved: int


def import_run_progress(run: ImportRun) -> Progress:
    """Rows checked and saved so far. While saving, the counts are in the job's state (the
    whole file is one transaction, so nothing it writes shows before it commits)."""
    saved = run.rows_saved + run.rows_updated + run.rows_unchanged
    if run.status == RunStatus.SAVING and run.task_id:
        try:
            from celery.result import AsyncResult

            info = AsyncResult(run.task_id).info
        except Exception:  # the result backend is down: show what the run row says
            logger.warning("could not read the progress of import run %s", run.pk)
            info = None
        if isinstance(info, dict):
            return Progress(
                checked=int(info.get("checked", run.rows_checked)),
                saved=int(info.get("saved", saved)),
            )
    return Progress(checked=run.rows_checked, saved=saved)


@dataclass(frozen=True)
class ShownError:
    row_number: int
    column: str
    value: str
    reason: str


def run_errors(run: ImportRun, *, limit: int | None = SHOWN_ERRORS) -> list[ShownError]:
    rows = ImportRowError.objects.filter(run=run).order_by("row_number", "id")
    if limit is not None:
        rows = rows[:limit]
    return [
        ShownError(
            row_number=e.row_number,
            column=e.column,
            value=e.value,
            reason=problem_message(e.code, e.params, field_key=e.field),
        )
        for e in rows
    ]


def run_error_count(run: ImportRun) -> int:
    return ImportRowError.objects.filter(run=run).count()


# Records ------------------------------------------------------------------------------

POLICE_RECORDS = (v.RecordedAs.POLICE_CRIME, v.RecordedAs.POLICE_NCHI)


def imported_police_record(report_field: str) -> Exists:
    """For a query over reports (or their facts): the report was imported from a police
    force's records as a crime or a non-crime hate incident, as its current version says.
    Nothing from a partner's source is ever a police record."""
    return Exists(
        ImportedRecord.objects.filter(
            report_id=OuterRef(report_field), recorded_as__in=POLICE_RECORDS
        )
    )


def record_list(*, source: ImportSource, missing_only: bool = False) -> QuerySet[ImportedRecord]:
    qs = ImportedRecord.objects.filter(source=source).select_related("report", "missing_since")
    if missing_only:
        qs = qs.filter(missing_since__isnull=False)
    return qs.order_by("-id")


def record_history(record: ImportedRecord) -> list[ImportedRecordVersion]:
    """Every version, newest first, with the run (and file) that made it."""
    return list(
        ImportedRecordVersion.objects.filter(record=record)
        .select_related("run", "run__uploaded_by")
        .order_by("-number")
    )


@dataclass(frozen=True)
class HistoryRow:
    """One version as the pages show it: strand names and labels, not codes."""

    version: ImportedRecordVersion
    strands: list[str]
    recorded_as: str
    outcome: str


def record_history_rows(record: ImportedRecord) -> list[HistoryRow]:
    """``record_history`` with the strands, kind of record and outcome put into words."""
    names = dict(Strand.objects.values_list("code", "name"))
    return [
        HistoryRow(
            version=version,
            strands=[names.get(code, code) for code in version.strand_codes],
            recorded_as=str(v.RecordedAs(version.recorded_as).label),
            outcome=v.outcome_label(version.outcome) if version.outcome else "",
        )
        for version in record_history(record)
    ]


def record_for_report(report_id: int) -> ImportedRecord | None:
    """The imported record a report was made from, with its source; ``None`` for a report
    made through Awaz. The caller has already decided the user may see the report."""
    return (
        ImportedRecord.objects.filter(report_id=report_id)
        .select_related("source", "source__organisation", "missing_since")
        .first()
    )
