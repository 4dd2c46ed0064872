"""The demo police extract: its mix (DOMAIN.md), its files (a title above the table,
Windows-1252), and ``manage.py seed_demo_imports`` on a small demo."""

from __future__ import annotations

import datetime
import io
import random
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from awaz.imports.demo import (
    HEADINGS,
    demo_extract_rows,
    extract_csv,
    extract_xlsx,
)
from awaz.imports.models import ImportedRecord, ImportRun, ImportSource
from awaz.imports.reading import csv_encoding, table_open
from awaz.partners.models import Membership, Role
from awaz.reporting.models import Channel, IncidentFact, Report

TODAY = datetime.date(2026, 11, 30)


def _rows(n_years: int = 4):
    return demo_extract_rows(
        rng=random.Random(7),
        start=TODAY - datetime.timedelta(days=365 * n_years),
        today=TODAY,
        per_year=320,
        also_reported=[("DEMO-25-00042", datetime.date(2025, 3, 1), "Race")],
    )


@pytest.mark.django_db
def test_the_extract_has_the_published_mix():
    rows = _rows()
    values = [r.values for r in rows]
    n = len(values)

    assert 1270 <= n <= 1300  # about 320 a year, and the one also reported through Awaz
    mentions = Counter(s for v in values for s in v["Hate Strands"].split("; "))
    share = {s: mentions[s] / n for s in mentions}
    assert 0.64 < share["Race"] < 0.76
    assert 0.12 < share["Sexual Orientation"] < 0.21
    assert 0.05 < share["Disability"] < 0.11
    assert share["Transgender"] < 0.06
    crimes = [v for v in values if v["Crime/NCHI"] == "Crime"]
    assert 0.82 < len(crimes) / n < 0.92
    offences = Counter(v["HO Offence Group"] for v in crimes)
    assert 0.52 < offences["PUBLIC ORDER"] / len(crimes) < 0.68
    outcomes = Counter(v["Outcome"] for v in crimes)
    assert outcomes["OC16"] > outcomes["OC1"] > outcomes["OC2"]
    recent = [v for v in crimes if (TODAY - v["Date Recorded"]).days < 30]
    assert all(v["Outcome"] == "Outstanding" for v in recent)
    summer = sum(1 for v in values if v["Date Recorded"].month in (6, 7, 8))
    winter = sum(1 for v in values if v["Date Recorded"].month in (12, 1, 2))
    assert summer > winter * 1.2
    assert len({v["Crime Reference"] for v in values}) == n
    assert "DEMO-25-00042" in {v["Crime Reference"] for v in values}
    assert all(v["Date Recorded"] <= TODAY for v in values)


@pytest.mark.django_db
def test_the_files_look_like_a_forces_export_and_read_back_the_same():
    rows = _rows(1)
    content = extract_csv(rows, today=TODAY)
    book = extract_xlsx(rows, today=TODAY)
    required = ["Crime Reference", "Date Recorded"]

    assert content.startswith(b"Cumbria Constabulary (demo)")
    assert csv_encoding(content) in ("cp1252", "utf-8")
    with table_open(content, file_format="csv", required_headings=required) as table:
        assert table.header_row == 4 and tuple(table.headings) == HEADINGS
        csv_refs = [r.cells[0] for r in table.rows]
    with table_open(book, file_format="xlsx", required_headings=required) as table:
        xlsx_refs = [r.cells[0] for r in table.rows]
    assert csv_refs == xlsx_refs == [r.values["Crime Reference"] for r in rows]


@pytest.fixture
def small_demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command(
        "seed_demo", "--years", "1", "--reports", "40", "--seed", "3", stdout=io.StringIO()
    )
    return tmp_path


def test_seed_demo_imports_writes_both_files_and_imports_the_csv(small_demo):
    out = io.StringIO()
    call_command("seed_demo_imports", "--per-year", "80", stdout=out)

    assert "Demo police extract imported" in out.getvalue()
    assert (small_demo / "demo-imports" / "police-extract.csv").exists()
    assert (small_demo / "demo-imports" / "police-extract.xlsx").exists()
    run = ImportRun.objects.get()
    assert run.status == "done" and run.is_full_extract and run.rows_saved >= 70
    source = ImportSource.objects.get()
    assert source.organisation.kind == "police"
    admin = Membership.objects.get(organisation=source.organisation, role=Role.ADMINISTRATOR)
    assert admin.user.email == "police.admin@demo.awaz.example"
    assert run.uploaded_by == admin.user
    imported = Report.objects.filter(channel=Channel.IMPORTED)
    assert imported.count() == ImportedRecord.objects.count() == run.rows_saved
    assert IncidentFact.objects.filter(channel=Channel.IMPORTED).count() == run.rows_saved
    assert set(ImportedRecord.objects.values_list("recorded_as", flat=True)) == {
        "police_crime",
        "police_nchi",
    }
    # Placed by postcode, by grid reference or by ward: most are in an area.
    assert imported.filter(area__isnull=False).count() > 0.8 * run.rows_saved

    call_command("seed_demo_imports", "--if-empty", stdout=io.StringIO())
    assert ImportRun.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("seed_demo_imports", stdout=io.StringIO())


def test_seed_demo_imports_skips_quietly_without_a_demo(db):
    out = io.StringIO()
    call_command("seed_demo_imports", "--if-empty", stdout=out)

    assert "No demo data" in out.getvalue()
    assert not ImportSource.objects.exists()
