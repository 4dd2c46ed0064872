"""Progress while a file is saved: the job reports rows checked and saved through its own
state (the save is one transaction, so the run row cannot show it), and the page reads it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from celery import current_app

from awaz.imports.models import ImportRun
from awaz.imports.selectors import import_run_progress
from awaz.imports.services import import_run_execute, import_upload
from awaz.imports.services import runs as runs_module
from awaz.imports.tests.support import csv_bytes, make_source, row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strands")]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2025, 6, 30, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _run(police, police_admin, rows: int) -> ImportRun:
    content = csv_bytes([row(reference=f"FIC/{n}") for n in range(rows)])
    run = import_upload(
        source=make_source(police),
        file_name="x.csv",
        content=content,
        is_full_extract=False,
        actor=police_admin,
    )
    ImportRun.objects.filter(pk=run.pk).update(status="queued")
    return run


def test_the_job_reports_rows_saved_as_it_goes(police, police_admin, monkeypatch):
    monkeypatch.setattr(runs_module, "SAVE_CHUNK", 2)
    run = _run(police, police_admin, 5)
    reported: list[tuple[int, int]] = []

    status = import_run_execute(
        run.pk, progress=lambda checked, saved: reported.append((checked, saved))
    )

    assert status == "done"
    assert reported == [(5, 0), (5, 2), (5, 4), (5, 5)]


def test_while_saving_the_page_reads_the_jobs_state(police, police_admin, monkeypatch):
    # As a worker does; eager jobs (the tests') keep no state by default.
    monkeypatch.setitem(current_app.conf, "task_store_eager_result", True)
    run = _run(police, police_admin, 1)
    ImportRun.objects.filter(pk=run.pk).update(
        status="saving", rows_checked=900, task_id="fictional-task-1"
    )
    current_app.backend.store_result("fictional-task-1", {"checked": 900, "saved": 450}, "PROGRESS")

    progress = import_run_progress(ImportRun.objects.get(pk=run.pk))

    assert (progress.checked, progress.saved) == (900, 450)


def test_without_the_jobs_state_the_run_row_is_shown(police, police_admin):
    run = _run(police, police_admin, 1)
    ImportRun.objects.filter(pk=run.pk).update(status="checking", rows_checked=40)

    progress = import_run_progress(ImportRun.objects.get(pk=run.pk))

    assert (progress.checked, progress.saved) == (40, 0)
