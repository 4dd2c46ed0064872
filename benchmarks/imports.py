"""Imports benchmark: a 100,000-row fictional police extract, SQLite and PostgreSQL.

Run ``.venv/bin/python benchmarks/imports.py`` (no arguments; ``--rows N`` for a smaller
file while developing). For each database (SQLite in a temporary file; PostgreSQL when
127.0.0.1:5432 answers, in a database ``awaz_bench_imports`` created and dropped here) a
fresh process:

1. creates the schema with ``migrate`` (``config.settings.base``, ``DATABASE_URL`` set);
2. makes a fictional county (one local authority of 25 square wards) with 500 fictional
   postcodes (``ZZ`` districts) inside the wards, a fictional police force and its
   administrator, and a source with the column and value mappings of the imports tests;
3. writes a fictional CSV extract of 100,000 rows (seeded): references ``FIC/000001/25``
   on, recorded 2023-2025, offence groups, one or two strands, crime or non-crime, how
   and by whom reported, a postcode on 80 % of rows, an outcome, a fictional victim name on
   30 % (encrypted and blind-indexed);
4. **reference**: the first 2,000 rows imported through the per-record path
   (``records_save_each``: ``report_create`` for each record, what every import did
   before), into a source of their own, timed and extrapolated to the whole file; the same
   2,000 rows through the bulk path into a third source, for the same-size comparison;
5. **Awaz**: the whole file through the job as an administrator runs it (upload, confirm,
   ``import_run_execute``: check every row, then save every record in one transaction,
   in batches of 2,000 through ``reports_create_bulk``), timed;
6. the same file again (the re-import must create no row), timed;
7. checks the rows: one report, fact, timeline entry and audit event per record, the
   monthly counts summing to the reports, the audit chain intact.

Peak memory is the process's peak resident set (``resource.getrusage``: Django, the file
read, the mapping and the batches together), read after each step.

Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import platform
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N = 100_000
SAMPLE = 2_000
SEED = 20261208
PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_DB = "awaz_bench_imports"
GOAL_S, GOAL_REIMPORT_S, GOAL_MB = 60.0, 30.0, 500.0

STRANDS = ("R", "R", "R", "Rel", "SO", "D", "R; Rel", "SO; D")
OFFENCES = ("S4A", "S4A", "S5", "ABH")


# --- the fictional extract --------------------------------------------------------------------


def postcodes() -> list[str]:
    """500 fictional postcodes (``ZZ`` is no real postcode area)."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return [
        f"ZZ{d} {n}{letters[i % 20]}{letters[i // 20 % 20]}"
        for d in range(1, 6)
        for n in range(10)
        for i in range(10)
    ]


def extract(rows: int, codes: list[str]) -> bytes:
    from awaz.imports.tests.support import HEADINGS, row

    rng = random.Random(SEED)
    first = datetime.date(2023, 1, 1).toordinal()
    span = datetime.date(2025, 12, 31).toordinal() - first
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Fictional Constabulary hate crime extract (benchmark)"])
    writer.writerow(HEADINGS)
    for i in range(1, rows + 1):
        recorded = datetime.date.fromordinal(first + rng.randrange(span))
        pending = rng.random() < 0.3
        writer.writerow(
            row(
                reference=f"FIC/{i:06d}/25",
                recorded_date=f"{recorded:%d/%m/%Y}",
                offence_from=f"{recorded - datetime.timedelta(days=rng.randrange(8)):%d/%m/%Y}",
                offence_group=rng.choice(OFFENCES),
                strands=rng.choice(STRANDS),
                classification="C" if rng.random() < 0.85 else "NC",
                how_reported=rng.choice(("Tel 101", "Tel 999")),
                who_reported="Vic" if rng.random() < 0.8 else "Wit",
                postcode=rng.choice(codes) if rng.random() < 0.8 else "",
                outcome="pending" if pending else "Outcome 18",
                outcome_date=""
                if pending
                else f"{recorded + datetime.timedelta(days=40):%d/%m/%Y}",
                victim_name=f"Fictional Person {i}" if rng.random() < 0.3 else "",
            )
        )
    return out.getvalue().encode()


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _say(message: str) -> None:
    print(message, flush=True)


# --- one database, in its own process ---------------------------------------------------------


def child(vendor: str, rows: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from django.core.management import call_command

    from awaz.audit.events import AuditEventType
    from awaz.audit.models import AuditEvent
    from awaz.audit.selectors import audit_chain_verify
    from awaz.geo.models import AreaLevel, PostcodeUnit
    from awaz.geo.services import area_create
    from awaz.imports.models import ImportRun
    from awaz.imports.services import import_confirm, import_run_execute, import_upload
    from awaz.imports.services import runs as runs_module
    from awaz.imports.services import saving as saving_module
    from awaz.imports.tests.support import make_source
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.reporting.models import IncidentFact, MonthlyCount, Report, ReportEntry
    from awaz.reporting.tests.factories import square

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    _say(f"[{vendor}] migrate {time.perf_counter() - t0:.1f} s")

    county = area_create(
        code="BENCH-C",
        name="Fictional County",
        level=AreaLevel.COUNTY,
        parent=None,
        geometry=square(-3.6, 54.0, 1.5),
        is_demo=True,
    )
    district = area_create(
        code="BENCH-LA",
        name="Fictional District",
        level=AreaLevel.LOCAL_AUTHORITY,
        parent=county,
        geometry=square(-3.5, 54.1, 0.5),
        is_demo=True,
    )
    for k in range(25):
        area_create(
            code=f"BENCH-W{k:02d}",
            name=f"Fictional Ward {k:02d}",
            level=AreaLevel.WARD,
            parent=district,
            geometry=square(-3.5 + 0.1 * (k % 5), 54.1 + 0.1 * (k // 5), 0.1),
            is_demo=True,
        )
    codes = postcodes()
    rng = random.Random(SEED)
    PostcodeUnit.objects.bulk_create(
        PostcodeUnit(
            postcode=p, lat=54.1 + rng.random() * 0.5, lon=-3.5 + rng.random() * 0.5, is_demo=True
        )
        for p in codes
    )
    police = OrganisationFactory(name="Fictional Constabulary (benchmark)", kind="police")
    admin = StaffFactory(
        organisation=police, role="administrator", full_name="Fictional Benchmark Administrator"
    )
    t0 = time.perf_counter()
    content = extract(rows, codes)
    sample = b"\n".join(content.split(b"\n")[: SAMPLE + 2]) + b"\n"
    _say(
        f"[{vendor}] extract: {rows:,} rows, {len(content) / 1e6:.1f} MB, "
        f"written in {time.perf_counter() - t0:.1f} s"
    )

    def import_file(name: str, data: bytes) -> tuple[float, ImportRun, int]:
        source = make_source(police, name=name)
        return import_into(source, data)

    def import_into(source: Any, data: bytes) -> tuple[float, ImportRun, int]:
        before = Report.objects.count()
        run = import_upload(
            source=source, file_name="extract.csv", content=data, is_full_extract=False, actor=admin
        )
        import_confirm(run=run, actor=admin, queue=False)
        t = time.perf_counter()
        status = import_run_execute(run.pk)
        seconds = time.perf_counter() - t
        run.refresh_from_db()
        assert status == "done", (status, run.failure)
        return seconds, run, Report.objects.count() - before

    if os.environ.get("AWAZ_BENCH_SKIP_REFERENCE"):  # profiling the bulk path only
        source = make_source(police, name="Profiled extract")
        import_s, run, made = import_into(source, content)
        _say(f"[{vendor}] bulk import, {rows:,} rows: {import_s:.1f} s")
        return
    # The reference: the per-record path (report_create for each), on the sample.
    bulk_save, chunk = runs_module.records_save, runs_module.SAVE_CHUNK
    runs_module.records_save, runs_module.SAVE_CHUNK = saving_module.records_save_each, 500
    try:
        each_s, _run, each_made = import_file("Per-record reference sample", sample)
    finally:
        runs_module.records_save, runs_module.SAVE_CHUNK = bulk_save, chunk
    assert each_made == SAMPLE
    _say(
        f"[{vendor}] per-record path, {SAMPLE:,} rows: {each_s:.1f} s "
        f"({each_s / SAMPLE * 1000:.1f} ms a row; {each_s * rows / SAMPLE:.0f} s for {rows:,})"
    )
    sample_s, _run, sample_made = import_file("Bulk sample", sample)
    assert sample_made == SAMPLE
    _say(f"[{vendor}] bulk path, {SAMPLE:,} rows: {sample_s:.2f} s")
    reports_before = Report.objects.count()

    source = make_source(police, name="Fictional monthly extract (benchmark)")
    mem_before = _peak_mb()
    import_s, run, made = import_into(source, content)
    peak = _peak_mb()
    _say(
        f"[{vendor}] bulk import, {rows:,} rows: {import_s:.1f} s "
        f"({rows / import_s:,.0f} rows/s), {made:,} reports, peak {peak} MB"
    )
    assert made == rows == run.rows_saved
    again_s, again, again_made = import_into(source, content)
    peak = _peak_mb()
    _say(
        f"[{vendor}] same file again: {again_s:.1f} s, {again_made} reports created, "
        f"{again.rows_unchanged:,} unchanged"
    )

    total = reports_before + rows
    submitted = AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).count()
    checks = {
        "reports": Report.objects.count() == total,
        "facts": IncidentFact.objects.count() == total,
        "entries": ReportEntry.objects.count() == total,
        "audit_events": submitted == total,
        "monthly_counts": sum(
            MonthlyCount.objects.filter(strand_key=0).values_list("count", flat=True)
        )
        == total,
        "audit_chain": audit_chain_verify().ok,
    }
    _say(f"[{vendor}] checks: {checks}")
    print(
        "@@RESULT "
        + json.dumps(
            {
                "vendor": vendor,
                "rows": rows,
                "seconds": round(import_s, 2),
                "rows_per_s": round(rows / import_s),
                "peak_mb": peak,
                "peak_mb_before_import": mem_before,
                "reimport_seconds": round(again_s, 2),
                "reimport_rows_created": again_made,
                "reimport_unchanged": again.rows_unchanged,
                "sample_rows": SAMPLE,
                "sample_bulk_seconds": round(sample_s, 2),
                "reference_sample_seconds": round(each_s, 2),
                "reference_ms_per_row": round(each_s / SAMPLE * 1000, 1),
                "reference_extrapolated_seconds": round(each_s * rows / SAMPLE),
                "checks_ok": all(checks.values()),
            }
        ),
        flush=True,
    )


# --- the parent: both databases, the table, the JSON line -------------------------------------


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def run_child(vendor: str, database_url: str, rows: int) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen(  # noqa: S603 - this script, run again for one database
        [sys.executable, __file__, "--child", vendor, "--rows", str(rows)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    result = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("@@RESULT "):
            result = json.loads(line.removeprefix("@@RESULT "))
        else:
            print(line, end="", flush=True)
    if proc.wait() != 0 or result is None:
        raise SystemExit(f"the {vendor} run failed (exit {proc.returncode})")
    return result


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(
        f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(sql)


def main(rows: int) -> None:
    started = time.perf_counter()
    print(f"Imports benchmark: a {rows:,}-row fictional police extract, seed {SEED}", flush=True)
    results: dict[str, dict[str, Any] | None] = {}
    fd, path = tempfile.mkstemp(prefix="awaz-bench-imports-", suffix=".sqlite3")
    os.close(fd)
    try:
        results["sqlite"] = run_child("sqlite", f"sqlite:///{path}", rows)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    results["postgresql"] = None
    if port_open(PG_HOST, PG_PORT):
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        _pg_admin(f"CREATE DATABASE {PG_DB}")
        try:
            results["postgresql"] = run_child(
                "postgresql", f"postgres://postgres@{PG_HOST}:{PG_PORT}/{PG_DB}", rows
            )
        finally:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    else:
        print("PostgreSQL does not answer on 127.0.0.1:5432: skipped.")

    ran = {k: r for k, r in results.items() if r is not None}
    print(
        f"\n{rows:,}-row extract (goal: under {GOAL_S:.0f} s, peak under {GOAL_MB:.0f} MB; "
        f"again under {GOAL_REIMPORT_S:.0f} s creating 0 rows)"
    )
    print(f"  {'':<40}" + "".join(f"{k:>14}" for k in ran))
    lines = (
        ("import, seconds", "seconds"),
        ("import, rows/s", "rows_per_s"),
        ("peak memory, MB", "peak_mb"),
        ("re-import, seconds", "reimport_seconds"),
        ("re-import, rows created", "reimport_rows_created"),
        (f"bulk path, {SAMPLE:,} rows, seconds", "sample_bulk_seconds"),
        (f"per-record path, {SAMPLE:,} rows, seconds", "reference_sample_seconds"),
        ("per-record path, ms a row", "reference_ms_per_row"),
        (f"per-record path, {rows:,} rows (extrapolated) s", "reference_extrapolated_seconds"),
        ("rows checked", "checks_ok"),
    )
    for label, key in lines:
        print(f"  {label:<40}" + "".join(f"{r[key]!s:>14}" for r in ran.values()))
    met = all(
        r["seconds"] < GOAL_S
        and r["peak_mb"] < GOAL_MB
        and r["reimport_seconds"] < GOAL_REIMPORT_S
        and r["reimport_rows_created"] == 0
        and r["checks_ok"]
        for r in ran.values()
    )
    print(f"\nGoal met on every database run: {met}")
    print(
        json.dumps(
            {
                "benchmark": "imports",
                "rows": rows,
                "sqlite": results["sqlite"],
                "postgresql": results["postgresql"],
                "goal": {
                    "seconds": GOAL_S,
                    "reimport_seconds": GOAL_REIMPORT_S,
                    "peak_mb": GOAL_MB,
                },
                "goal_met": met,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_average": [round(x, 1) for x in os.getloadavg()],
                },
                "total_seconds": round(time.perf_counter() - started),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=N)
    parser.add_argument("--child", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows)
    else:
        main(args.rows)
