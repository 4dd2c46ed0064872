"""The bulk save path (``records_save``, through ``reports_create_bulk``) writes the same
rows as saving each record through ``report_create`` (``records_save_each``): reports with
their encrypted and blind-indexed fields, strands, analysis facts and monthly counts,
timeline entries, audit events, imported records and versions; and a file still goes in
whole or not at all."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.selectors import audit_chain_verify
from awaz.audit.services import Actor
from awaz.core.crypto import blind_index, normalise_name
from awaz.geo.models import AreaLevel, PostcodeUnit
from awaz.imports.models import ImportedRecord, ImportedRecordVersion, ImportRun
from awaz.imports.reading import table_open
from awaz.imports.selectors import required_headings, row_mapper_for
from awaz.imports.services import import_confirm, import_run_execute, import_upload
from awaz.imports.services import saving as saving_module
from awaz.imports.services.saving import Counts, records_save, records_save_each
from awaz.imports.tests.support import csv_bytes, make_source, row
from awaz.reporting.models import IncidentFact, IncidentStrand, MonthlyCount, Report, ReportEntry
from awaz.reporting.tests.factories import make_area

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strands")]

NOW = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)
# Fields that differ between any two reports however they were made: random or clock.
RANDOM = {"id", "reference", "followup_code_hash", "created_at", "modified_at"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _extract() -> bytes:
    return csv_bytes(
        [
            row(reference="FIC/0001/25", strands="R; Rel", victim_name="Fictional Person Xq"),
            row(reference="FIC/0002/25", strands="SO", offence_group="ABH", postcode="ca1 1aa"),
            row(reference="FIC/0003/25", strands="D", classification="NC", outcome=""),
            row(reference="FIC/0004/25", strands="", postcode="CA9 9ZZ", victim_sex="F"),
            row(reference="FIC/0005/25", strands="R", recorded_date="04/02/2025 14:30"),
        ]
    )


def _run(source, actor, content: bytes) -> ImportRun:
    run = import_upload(
        source=source, file_name="x.csv", content=content, is_full_extract=False, actor=actor
    )
    return ImportRun.objects.select_related("source__organisation", "uploaded_by").get(pk=run.pk)


def _records(source, content: bytes) -> list[Any]:
    with table_open(
        content, file_format="csv", required_headings=required_headings(source)
    ) as table:
        mapper = row_mapper_for(source, table)
        mapped = [mapper.map(r) for r in table.rows]
    assert all(not problems for _record, problems in mapped)
    return [record for record, _problems in mapped]


def _fields(obj: Any, skip: set[str]) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in skip
    }


def _snapshot() -> dict[str, Any]:
    """Every row an import wrote, keyed by the report's submission key (not its id)."""
    reports = {r.pk: r for r in Report.objects.prefetch_related("strands")}
    key = {pk: r.submission_key for pk, r in reports.items()}
    facts = {key[f.report_id]: _fields(f, {"report_id"}) for f in IncidentFact.objects.all()}
    mentions = sorted(
        (key[m.fact_id], m.strand_id, tuple(sorted(_fields(m, {"id", "fact_id"}).items())))
        for m in IncidentStrand.objects.all()
    )
    entries = sorted(
        (key[e.report_id], tuple(sorted(_fields(e, {"id", "report_id"}).items())))
        for e in ReportEntry.objects.all()
    )
    audits = sorted(
        (
            key[int(e.target_id)],
            e.actor_id,
            e.actor_label,
            e.organisation_id,
            e.organisation_label,
            e.target_type,
            tuple(sorted(e.details.items())),
        )
        for e in AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED)
    )
    records = {
        key[r.report_id]: _fields(r, {"id", "report_id", "created_at", "modified_at"})
        for r in ImportedRecord.objects.all()
    }
    versions = sorted(
        (
            key[v.record.report_id],
            tuple(sorted(_fields(v, {"id", "record_id", "created_at"}).items())),
        )
        for v in ImportedRecordVersion.objects.select_related("record")
    )
    return {
        "reports": {
            r.submission_key: {
                **_fields(r, RANDOM),
                "strands": sorted(s.code for s in r.strands.all()),
            }
            for r in reports.values()
        },
        "facts": facts,
        "mentions": mentions,
        "monthly": sorted(
            MonthlyCount.objects.values_list("month", "area_key", "strand_key", "count")
        ),
        "entries": entries,
        "audits": audits,
        "records": records,
        "versions": versions,
    }


def test_the_bulk_path_writes_the_same_rows_as_report_create(police, police_admin):
    ward_parent = make_area("T-LA", "Fictional District", lon=-3.0, lat=54.85, size=0.2)
    make_area(
        "T-W",
        "Fictional Ward",
        level=AreaLevel.WARD,
        parent=ward_parent,
        lon=-2.95,
        lat=54.88,
        size=0.05,
    )
    PostcodeUnit.objects.create(postcode="CA1 1AA", lat=54.89, lon=-2.93)
    source = make_source(police)
    content = _extract()
    run = _run(source, police_admin, content)
    actor = Actor(user=police_admin, organisation=police)
    records = _records(source, content)

    snapshots = []
    for save in (records_save_each, records_save):
        with transaction.atomic():
            counts = Counts()
            save(records=records, run=run, police_source=True, actor=actor, counts=counts)
            assert counts.saved == 5
            snapshots.append(_snapshot())
            assert audit_chain_verify().ok
            transaction.set_rollback(True)
    each, bulk = snapshots

    assert bulk == each
    assert len(bulk["reports"]) == 5 and len(bulk["mentions"]) == 5
    placed = [r for r in bulk["reports"].values() if r["location_source"] == "postcode"]
    assert len(placed) == 1 and placed[0]["area_id"] is not None
    named = [r for r in bulk["reports"].values() if not r["is_anonymous"]]
    assert named[0]["name_index"] == blind_index("name", normalise_name("Fictional Person Xq"))


def test_a_failure_inside_a_bulk_batch_rolls_the_whole_file_back(
    police, police_admin, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("awaz.imports.services.runs.SAVE_CHUNK", 2)
    real = saving_module.reports_create_bulk
    calls = {"n": 0}

    def fail_on_the_second(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full (simulated)")
        return real(**kwargs)

    monkeypatch.setattr(saving_module, "reports_create_bulk", fail_on_the_second)
    source = make_source(police)
    with django_capture_on_commit_callbacks(execute=False):
        run = import_upload(
            source=source,
            file_name="x.csv",
            content=_extract(),
            is_full_extract=False,
            actor=police_admin,
        )
        import_confirm(run=run, actor=police_admin, queue=False)

    assert import_run_execute(run.pk) == "failed"
    assert calls["n"] == 2
    assert not Report.objects.exists() and not ImportedRecord.objects.exists()
    assert not IncidentFact.objects.exists() and not MonthlyCount.objects.exists()
    assert not ReportEntry.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).exists()
    assert audit_chain_verify().ok


def test_importing_the_same_file_again_in_bulk_creates_nothing(police, police_admin):
    source = make_source(police)
    for expected in ((5, 0), (0, 5)):
        run = import_upload(
            source=source,
            file_name="x.csv",
            content=_extract(),
            is_full_extract=False,
            actor=police_admin,
        )
        import_confirm(run=run, actor=police_admin, queue=False)
        assert import_run_execute(run.pk) == "done"
        run.refresh_from_db()
        assert (run.rows_saved, run.rows_unchanged) == expected
    assert Report.objects.count() == 5 and ImportedRecordVersion.objects.count() == 5
    assert IncidentFact.objects.count() == 5
    assert sum(MonthlyCount.objects.filter(strand_key=0).values_list("count", flat=True)) == 5


def test_the_larger_sqlite_page_cache_is_given_back_after_saving(police, police_admin):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
    seen = []
    real = saving_module.reports_create_bulk

    def watch(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            seen.append(cursor.fetchone()[0])
        return real(**kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(saving_module, "reports_create_bulk", watch)
        run = import_upload(
            source=make_source(police),
            file_name="x.csv",
            content=_extract(),
            is_full_extract=False,
            actor=police_admin,
        )
        import_confirm(run=run, actor=police_admin, queue=False)
        assert import_run_execute(run.pk) == "done"

    assert seen == [-96 * 1024]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before
