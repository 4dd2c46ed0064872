"""Importing a file end to end (the job runs eagerly): reports with their facts, encrypted
and blind-indexed personal data, all or nothing, idempotence, versions, records missing
from a full extract, errors per row, cancelling, auditing and old files."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.crypto import blind_index, normalise_name
from awaz.core.exceptions import ApplicationError, PermissionDenied
from awaz.imports.models import ImportedRecord, ImportedRecordVersion, ImportRowError, ImportRun
from awaz.imports.services import (
    import_cancel,
    import_confirm,
    import_files_purge,
    import_upload,
    saving,
)
from awaz.imports.services import runs as runs_module
from awaz.imports.storage import imports_dir
from awaz.imports.tests.support import csv_bytes, make_source, row, with_saved_values, xlsx_bytes
from awaz.reporting.models import IncidentFact, IncidentStrand, MonthlyCount, Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strands")]

NOW = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks, monkeypatch):
    """Run what services schedule after commit (the job, deleting files) as they would."""
    monkeypatch.setattr(
        "awaz.imports.tests.test_services._capture", django_capture_on_commit_callbacks
    )


def _capture(execute: bool):  # replaced by the fixture above
    raise AssertionError("the _commits fixture did not run")


def _import(source, content: bytes, actor, *, name="extract.csv", full=False) -> ImportRun:
    with _capture(execute=True):
        run = import_upload(
            source=source, file_name=name, content=content, is_full_extract=full, actor=actor
        )
        import_confirm(run=run, actor=actor)
    run.refresh_from_db()
    return run


def _extract() -> bytes:
    return csv_bytes(
        [
            row(reference="FIC/0001/25", strands="R; Rel", victim_name="Fictional Person Xq"),
            row(
                reference="FIC/0002/25",
                strands="SO",
                offence_group="ABH",
                outcome="pending",
                outcome_date="",
            ),
            row(reference="FIC/0003/25", strands="D", classification="NC", outcome=""),
        ],
        preamble=[["Fictional Constabulary hate crime extract"]],
    )


def test_a_police_extract_becomes_police_recorded_reports_with_their_facts(police, police_admin):
    source = make_source(police)

    run = _import(source, _extract(), police_admin)

    assert run.status == "done", run.failure
    assert (run.rows_checked, run.rows_saved, run.rows_updated, run.rows_unchanged) == (3, 3, 0, 0)
    records = {r.reference: r for r in ImportedRecord.objects.select_related("report")}
    first = records["FIC/0001/25"]
    assert first.recorded_as == "police_crime" and first.outcome == "18"
    assert records["FIC/0003/25"].recorded_as == "police_nchi"
    report = first.report
    assert report.channel == "imported"
    assert report.recorded_by_organisation == police == report.receiving_organisation
    assert report.police_told == "yes" and report.police_reference == "FIC/0001/25"
    assert report.incident_date == datetime.date(2025, 2, 1)
    assert timezone.localtime(report.submitted_at).date() == datetime.date(2025, 2, 3)
    assert sorted(report.strands.values_list("code", flat=True)) == ["race", "religion"]
    assert report.incident_types == ["harassment"]
    fact = IncidentFact.objects.get(report=report)
    assert (fact.channel, fact.occurred_on, fact.strand_count) == (
        "imported",
        report.incident_date,
        2,
    )
    assert (
        IncidentStrand.objects.filter(fact__report__in=[r.report for r in records.values()]).count()
        == 4
    )
    assert ImportedRecordVersion.objects.filter(number=1).count() == 3


def test_personal_data_is_encrypted_and_blind_indexed_as_reports_do(police, police_admin):
    run = _import(make_source(police), _extract(), police_admin)
    assert run.status == "done"
    report = ImportedRecord.objects.get(
        reference_index=saving.reference_index("FIC/0001/25")
    ).report

    assert report.contact_name == "Fictional Person Xq" and not report.is_anonymous
    assert report.name_index == blind_index("name", normalise_name("Fictional Person Xq"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_name, police_reference FROM reporting_report WHERE id = %s", [report.pk]
        )
        stored_name, stored_reference = cursor.fetchone()
        cursor.execute("SELECT reference FROM imports_importedrecord")
        stored_refs = [r[0] for r in cursor.fetchall()]
    assert stored_name.startswith("enc1:") and "Fictional" not in stored_name
    assert stored_reference.startswith("enc1:")
    assert all(r.startswith("enc1:") and "FIC" not in r for r in stored_refs)
    # The original file is kept encrypted too.
    kept = (imports_dir() / run.stored_name).read_bytes()
    assert b"FIC/0001/25" not in kept and b"Fictional Person" not in kept


def test_a_partners_records_are_partner_recorded_never_police(partner, partner_admin):
    content = csv_bytes([row(how_reported="In person", classification="C")])

    run = _import(make_source(partner), content, partner_admin)

    assert run.status == "done", list(ImportRowError.objects.values_list("code", flat=True))
    record = ImportedRecord.objects.get()
    assert (record.recorded_as, record.classification) == ("partner_incident", "crime")
    assert record.report.police_told == "" and record.report.police_reference == ""


def test_the_same_file_again_creates_nothing(police, police_admin):
    source = make_source(police)
    _import(source, _extract(), police_admin)
    before = (
        Report.objects.count(),
        IncidentFact.objects.count(),
        list(MonthlyCount.objects.values_list("count", flat=True)),
    )

    again = _import(source, _extract(), police_admin)

    assert again.status == "done"
    assert (again.rows_saved, again.rows_updated, again.rows_unchanged) == (0, 0, 3)
    assert (
        Report.objects.count(),
        IncidentFact.objects.count(),
        list(MonthlyCount.objects.values_list("count", flat=True)),
    ) == before
    assert ImportedRecordVersion.objects.count() == 3
    uploaded = AuditEvent.objects.filter(event_type=AuditEventType.IMPORT_FILE_UPLOADED).order_by(
        "id"
    )
    assert [e.details["imported_before"] for e in uploaded] == [False, True]


def test_a_later_extract_that_changes_a_record_makes_a_version_and_the_facts_follow(
    police, police_admin
):
    source = make_source(police)
    _import(source, _extract(), police_admin)
    later = csv_bytes(
        [
            row(reference="FIC/0001/25", strands="R", victim_name="Fictional Person Xq"),
            row(
                reference="FIC/0002/25",
                strands="SO; D",
                offence_group="ABH",
                outcome="OC1",
                outcome_date="10/06/2025",
            ),
            row(reference="FIC/0003/25", strands="D", classification="NC", outcome=""),
            row(reference="FIC/0004/25", strands="R"),
        ]
    )

    run = _import(source, later, police_admin)

    assert (run.rows_saved, run.rows_updated, run.rows_unchanged) == (1, 2, 1)
    record = ImportedRecord.objects.get(reference_index=saving.reference_index("FIC/0002/25"))
    assert (record.version, record.outcome, record.outcome_date) == (
        2,
        "1",
        datetime.date(2025, 6, 10),
    )
    history = list(
        record.versions.order_by("number").values_list(
            "number", "outcome", "strand_codes", "changed"
        )
    )
    assert history == [
        (1, "pending", ["sexual-orientation"], []),
        (2, "1", ["disability", "sexual-orientation"], ["outcome", "outcome_date", "strand_codes"]),
    ]
    assert sorted(record.report.strands.values_list("code", flat=True)) == [
        "disability",
        "sexual-orientation",
    ]
    strand_rows = IncidentStrand.objects.filter(fact__report=record.report)
    assert sorted(strand_rows.values_list("strand__code", flat=True)) == [
        "disability",
        "sexual-orientation",
    ]
    first = ImportedRecord.objects.get(reference_index=saving.reference_index("FIC/0001/25"))
    assert sorted(first.report.strands.values_list("code", flat=True)) == ["race"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_STRANDS_CHANGED).count() == 2


def test_records_missing_from_a_full_extract_are_flagged_never_deleted(police, police_admin):
    source = make_source(police)
    _import(source, _extract(), police_admin, full=True)
    partial = csv_bytes(
        [row(reference="FIC/0001/25", strands="R; Rel", victim_name="Fictional Person Xq")]
    )

    run = _import(source, partial, police_admin, full=True)

    assert run.records_missing == 2
    missing = ImportedRecord.objects.filter(missing_since=run)
    assert missing.count() == 2 and Report.objects.count() == 3
    # An extract that is not a full one flags nothing; a record that comes back is unflagged.
    back = _import(source, _extract(), police_admin, full=False)
    assert back.records_missing == 0
    assert not ImportedRecord.objects.filter(missing_since__isnull=False).exists()


def test_a_file_with_errors_saves_nothing_and_lists_them_per_row(police, police_admin):
    content = csv_bytes(
        [
            row(reference="FIC/1"),
            row(reference="FIC/2", recorded_date="01/07/2026", strands="R;Goth"),
            [""] * 14,
            row(reference="FIC/1"),
        ]
    )

    run = _import(make_source(police), content, police_admin)

    assert (run.status, run.failure) == ("failed", "row_errors")
    assert (run.rows_checked, run.rows_error) == (3, 2)
    assert not Report.objects.exists() and not ImportedRecord.objects.exists()
    errors = list(run.errors.values_list("row_number", "column", "value", "code"))
    assert errors == [
        (3, "Recorded Date", "01/07/2026", "future_date"),
        (3, "Hate Strands", "Goth", "unknown_code"),
        (5, "Crime Ref", "FIC/1", "duplicate_reference"),
    ]
    failed = AuditEvent.objects.get(event_type=AuditEventType.IMPORT_FAILED)
    assert failed.details["rows_error"] == 2 and failed.details["file_hash"] == run.file_hash


def test_a_failure_while_saving_rolls_the_whole_file_back(police, police_admin, monkeypatch):
    monkeypatch.setattr(runs_module, "SAVE_CHUNK", 1)
    calls = {"n": 0}
    real = runs_module.records_save

    def fail_on_the_third(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full (simulated)")
        real(**kwargs)

    monkeypatch.setattr(runs_module, "records_save", fail_on_the_third)

    run = _import(make_source(police), _extract(), police_admin)

    assert (run.status, run.failure) == ("failed", "internal")
    assert calls["n"] == 3
    assert not Report.objects.exists()
    assert not IncidentFact.objects.exists() and not MonthlyCount.objects.exists()
    assert not ImportedRecord.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).exists()


def test_a_workbook_formula_without_a_saved_value_is_an_error_and_one_with_a_value_is_read(
    police, police_admin
):
    source = make_source(police, file_format="xlsx")
    book = xlsx_bytes(
        [
            row(reference="FIC/1", strands='=IF(1=1,"R","D")'),
            row(reference="FIC/2", strands='="SO"'),
        ]
    )

    unsaved = _import(source, book, police_admin, name="extract.xlsx")
    assert unsaved.status == "failed"
    assert list(unsaved.errors.values_list("row_number", "code")) == [
        (2, "unsaved_formula"),
        (3, "unsaved_formula"),
    ]

    saved = _import(
        source, with_saved_values(book, {"E2": "R", "E3": "SO"}), police_admin, name="extract.xlsx"
    )
    assert saved.status == "done" and saved.rows_saved == 2


def test_excel_serial_dates_in_a_workbook(police, police_admin):
    source = make_source(police, file_format="xlsx")
    book = xlsx_bytes(
        [
            row(
                reference="FIC/1",
                recorded_date=45691,
                offence_from=datetime.datetime(2025, 2, 1, 22, 15),
            )
        ]
    )

    run = _import(source, book, police_admin, name="extract.xlsx")

    assert run.status == "done"
    report = ImportedRecord.objects.get().report
    assert (report.incident_date, report.incident_time) == (
        datetime.date(2025, 2, 1),
        datetime.time(22, 15),
    )
    assert timezone.localtime(report.submitted_at).date() == datetime.date(2025, 2, 3)


def test_a_file_that_cannot_be_read_or_lacks_a_mapped_column(police, police_admin):
    source = make_source(police)
    unreadable = _import(source, b"Title only\r\nnothing here\r\n", police_admin)
    assert (unreadable.status, unreadable.failure) == ("failed", "unreadable")
    assert list(unreadable.errors.values_list("row_number", "code")) == [(0, "no_header")]

    headings = ["Crime Ref", "Recorded Date"]
    short = _import(source, csv_bytes([["FIC/1", "01/02/2025"]], headings=headings), police_admin)
    assert (short.status, short.failure) == ("failed", "missing_columns")
    assert "Hate Strands" in short.errors.values_list("column", flat=True)


def test_upload_refuses_the_wrong_kind_of_file(police, police_admin):
    source = make_source(police)
    with pytest.raises(ApplicationError) as caught:
        import_upload(
            source=source,
            file_name="x.xlsx",
            content=xlsx_bytes([]),
            is_full_extract=False,
            actor=police_admin,
        )
    assert caught.value.extra == {"field": "file"}
    with pytest.raises(ApplicationError):
        import_upload(
            source=source, file_name="x.csv", content=b"", is_full_extract=False, actor=police_admin
        )
    assert not ImportRun.objects.exists()


def test_only_administrators_import(police):
    from awaz.partners.tests.factories import StaffFactory

    analyst = StaffFactory(organisation=police, role="analyst")
    with pytest.raises(PermissionDenied):
        import_upload(
            source=make_source(police),
            file_name="x.csv",
            content=_extract(),
            is_full_extract=False,
            actor=analyst,
        )


def test_cancelling_an_upload_deletes_its_file(police, police_admin):
    run = import_upload(
        source=make_source(police),
        file_name="x.csv",
        content=_extract(),
        is_full_extract=False,
        actor=police_admin,
    )
    kept = imports_dir() / run.stored_name

    with _capture(execute=True):
        import_cancel(run=run, actor=police_admin)

    run.refresh_from_db()
    assert run.status == "cancelled" and run.stored_name == "" and not kept.exists()
    with pytest.raises(ApplicationError):
        import_confirm(run=run, actor=police_admin)
    assert AuditEvent.objects.filter(event_type=AuditEventType.IMPORT_CANCELLED).exists()


def test_cancelling_while_rows_are_checked_stops_the_job(police, police_admin, monkeypatch):
    monkeypatch.setattr(runs_module, "PROGRESS_EVERY", 1)
    real = runs_module._record_progress

    def cancel_first(run, errors):
        if run.rows_checked == 1:
            import_cancel(run=ImportRun.objects.get(pk=run.pk), actor=police_admin)
        return real(run, errors)

    monkeypatch.setattr(runs_module, "_record_progress", cancel_first)

    run = _import(make_source(police), _extract(), police_admin)

    assert run.status == "cancelled" and run.rows_checked == 1
    assert not Report.objects.exists()


def test_a_saving_import_cannot_be_cancelled(police, police_admin):
    run = import_upload(
        source=make_source(police),
        file_name="x.csv",
        content=_extract(),
        is_full_extract=False,
        actor=police_admin,
    )
    ImportRun.objects.filter(pk=run.pk).update(status="saving")

    with pytest.raises(ApplicationError) as caught:
        import_cancel(run=run, actor=police_admin)

    assert str(caught.value.message) == str(runs_module.MSG_TOO_LATE)


def test_every_step_is_audited_with_who_the_file_hash_and_the_counts(police, police_admin):
    run = _import(make_source(police), _extract(), police_admin)

    events = {
        e.event_type: e
        for e in AuditEvent.objects.filter(target_type="imports.importrun", target_id=str(run.pk))
    }
    uploaded = events[AuditEventType.IMPORT_FILE_UPLOADED]
    assert uploaded.actor_id == police_admin.pk and uploaded.organisation_id == police.pk
    assert uploaded.details["file_hash"] == run.file_hash and len(run.file_hash) == 64
    assert events[AuditEventType.IMPORT_STARTED].actor_id == police_admin.pk
    completed = events[AuditEventType.IMPORT_COMPLETED]
    assert completed.actor_id == police_admin.pk
    assert completed.details == {
        "source_id": run.source_id,
        "file_hash": run.file_hash,
        "rows_checked": 3,
        "rows_saved": 3,
        "rows_updated": 0,
        "rows_unchanged": 0,
        "rows_error": 0,
        "records_missing": 0,
    }


def test_old_files_and_abandoned_uploads_are_purged(police, police_admin):
    source = make_source(police, file_retention_days=30)
    done = _import(source, _extract(), police_admin)
    abandoned = import_upload(
        source=source,
        file_name="x.csv",
        content=_extract(),
        is_full_extract=False,
        actor=police_admin,
    )

    kept = [imports_dir() / done.stored_name, imports_dir() / abandoned.stored_name]

    with _capture(execute=True):
        assert import_files_purge(now=timezone.now() + datetime.timedelta(days=2)) == 1
    abandoned.refresh_from_db()
    assert abandoned.status == "cancelled" and abandoned.stored_name == ""
    assert kept[0].exists() and not kept[1].exists()
    with _capture(execute=True):
        assert import_files_purge(now=timezone.now() + datetime.timedelta(days=31)) == 1
    done.refresh_from_db()
    assert done.stored_name == "" and done.status == "done" and not kept[0].exists()
    assert ImportedRecord.objects.count() == 3  # the records stay


def test_a_job_delivered_again_after_its_worker_died_starts_its_run_again(police, police_admin):
    run = import_upload(
        source=make_source(police),
        file_name="x.csv",
        content=_extract(),
        is_full_extract=False,
        actor=police_admin,
    )
    ImportRun.objects.filter(pk=run.pk).update(status="saving", task_id="job-1", rows_checked=3)
    ImportRowError.objects.create(run=run, row_number=2, code="bad_date")

    assert runs_module.import_run_execute(run.pk, task_id="job-2") == "saving"  # another job's
    assert runs_module.import_run_execute(run.pk, task_id="job-1") == "done"

    run.refresh_from_db()
    assert (run.rows_checked, run.rows_saved, run.rows_error) == (3, 3, 0)
    assert not run.errors.exists()
