"""Dashboard benchmark: every dashboard query on 1,000,000 incidents, SQLite and PostgreSQL.

Run ``.venv/bin/python benchmarks/dashboard.py`` (no arguments). For each database (SQLite
in a temporary file; PostgreSQL when 127.0.0.1:5432 answers, in a database
``awaz_bench_dashboard`` created and dropped here) a fresh process:

1. creates the schema with ``migrate`` (``config.settings.base``, ``DATABASE_URL`` set);
2. makes a fictional county: 2 local authorities of 50 square wards each, with
   populations, and the five national strands plus two local ones;
3. bulk-loads 1,000,000 synthetic incidents over five years to 2026-11-25: ``Report``
   rows (valid reference, constraints met, one fixed ciphertext for the account) with their
   strands, and the analysis facts derived from the same arrays (``IncidentFact``,
   ``IncidentStrand``, ``MonthlyCount``): SQLite with ``executemany`` in one transaction
   (journal and sync off for the load only), PostgreSQL with ``COPY``; on both the
   secondary indexes (and on PostgreSQL the unique and foreign-key constraints) are built
   after the rows, which checks every row; then the statistics an installation keeps:
   ``facts_statistics_refresh`` on SQLite (``ANALYZE``, as ``make run`` and the daily job
   run it), ``VACUUM ANALYZE`` on PostgreSQL (what autovacuum does after a large insert).
   The derived facts equal what ``incident_facts_rebuild`` derives from the reports
   (checked while writing this script, on 20,000 reports);
4. times every query of ``awaz.patterns.selectors.dashboard.dashboard_queries()`` plus
   ``areas_of_concern`` (latest complete month) under the filters users pick most, 2
   warm-ups then 20 timed runs each, and the hot-spot test (``area_hot_spots``, CPU bound,
   reported apart);
5. checks both databases gave the same answers (a digest of every result).

Freshness: the facts are written in the same transaction as each report
(``awaz/reporting/services/facts.py``), and these queries read them directly: there is
no cache and no refresh, so the numbers timed here are never stale.

Ends with one line of JSON.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N = 1_000_000
TODAY = datetime.date(2026, 11, 25)
FIRST_DAY = datetime.date(2021, 11, 26)  # five years of incidents to TODAY
SEED = 20261125
WARMUPS, RUNS = 2, 20
GOAL_MS = 150.0
PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_DB = "awaz_bench_dashboard"

CHANNELS = ("online", "phone", "in_person")
CHANNEL_P = (0.70, 0.20, 0.10)
ROLES = ("victim", "witness", "on_behalf")
ROLE_P = (0.65, 0.20, 0.15)
# Strands by id: the five national ones (migration 0002) then the two local ones made here.
STRAND_CODES = (
    "race",
    "religion",
    "sexual-orientation",
    "disability",
    "transgender",
    "bench-local-alternative",
    "bench-local-sex-workers",
)
STRAND_P = np.array([0.50, 0.12, 0.18, 0.10, 0.05, 0.03, 0.02])
# How many strands a report names: none (not sure), one, two, three (~15 % several).
STRAND_COUNT_P = (0.05, 0.80, 0.12, 0.03)
# Chance each incident type is ticked, in the order of INCIDENT_TYPE_BITS.
TYPE_P = {
    "verbal_abuse": 0.60,
    "threats": 0.20,
    "physical_assault": 0.10,
    "harassment": 0.25,
    "criminal_damage": 0.06,
    "graffiti": 0.04,
    "online_abuse": 0.08,
    "other": 0.03,
}
# Hour of day (evenings and the school run).
HOUR_W = np.array(
    [2, 1.5, 1, 0.7, 0.5, 0.5, 0.8, 1.5, 3, 3, 3, 3.5, 4, 4, 4, 5, 6, 6.5, 6.5, 6, 5.5, 5, 4, 3]
)


# --- synthetic data ---------------------------------------------------------------------------


def geography(rng: np.random.Generator) -> dict[str, Any]:
    """100 wards (10 x 10 squares) in two local authorities (west and east halves)."""
    wards = []
    for row in range(10):
        for col in range(10):
            wards.append(
                {
                    "code": f"BENCH-W{row * 10 + col + 1:03d}",
                    "name": f"Fictional Ward {row * 10 + col + 1:03d}",
                    "la": 0 if col < 5 else 1,
                    "lon": -3.5 + 0.1 * col,
                    "lat": 54.3 + 0.05 * row,
                    "easting": 300_000 + 6_500 * col,
                    "northing": 500_000 + 5_500 * row,
                    "population": int(rng.lognormal(np.log(7_000), 0.45)),
                }
            )
    return {"wards": wards}


def incidents(rng: np.random.Generator, n_wards: int, populations: np.ndarray) -> dict[str, Any]:
    """N incidents as arrays. Day numbers count from FIRST_DAY; area -1: not placed, -2/-3:
    placed only in local authority 1/2, else a ward index."""
    span = (TODAY - FIRST_DAY).days + 1
    days = np.arange(span)
    ordinals = FIRST_DAY.toordinal() + days
    day_of_year = np.array(
        [datetime.date.fromordinal(int(o)).timetuple().tm_yday for o in ordinals]
    )
    weekday = (ordinals + 6) % 7
    # A slow rise in reporting, a summer peak, busier weekends, and a few bad weeks.
    weight = (1 + 0.4 * days / span) * (1 + 0.22 * np.cos(2 * np.pi * (day_of_year - 196) / 365.25))
    weight *= np.where(weekday >= 5, 1.15, 1.0)
    for start in rng.integers(0, span - 10, size=6):
        weight[start : start + 7] *= 2.5
    true_day = rng.choice(span, size=N, p=weight / weight.sum())
    delay = np.minimum(rng.geometric(0.35, size=N) - 1, 30)
    reported = np.minimum(true_day + delay, span - 1)
    date_known = rng.random(N) >= 0.04
    occurred = np.where(date_known, true_day, reported)
    hour = rng.choice(24, size=N, p=HOUR_W / HOUR_W.sum())
    hour_known = date_known & (rng.random(N) < 0.72)
    minute = rng.integers(0, 60, size=N)
    # Places: skewed by population and by a per-ward factor; some unplaced or only known to
    # the local authority.
    ward_w = populations * rng.lognormal(0, 0.8, size=n_wards)
    area = rng.choice(n_wards, size=N, p=ward_w / ward_w.sum())
    placement = rng.random(N)
    area = np.where(placement < 0.06, -1, area)
    la_only = (placement >= 0.06) & (placement < 0.08)
    area[la_only] = -2 - rng.integers(0, 2, size=int(la_only.sum()))
    # Strands: how many, then which (weighted, without repeats: Gumbel top-k).
    n_strands = rng.choice(4, size=N, p=STRAND_COUNT_P)
    keys = np.log(STRAND_P)[None, :] + rng.gumbel(size=(N, len(STRAND_P)))
    order = np.argsort(-keys, axis=1)[:, :3]
    mention_rows, mention_cols = np.nonzero(np.arange(3)[None, :] < n_strands[:, None])
    mention_strand = order[mention_rows, mention_cols] + 1  # strand ids 1..7
    mask = np.zeros(N, dtype=np.int64)
    for bit, p in enumerate(TYPE_P.values()):
        mask |= (rng.random(N) < p).astype(np.int64) << bit
    mask[mask == 0] = 1  # at least one type: verbal abuse
    channel = rng.choice(3, size=N, p=CHANNEL_P)
    role = rng.choice(3, size=N, p=ROLE_P)
    seconds = rng.integers(10 * 3600, 18 * 3600, size=N)  # submitted 10:00-18:00 UTC
    # Reports get ids in the order they were submitted.
    by_submission = np.lexsort((seconds, reported))
    inverse = np.empty(N, dtype=np.int64)
    inverse[by_submission] = np.arange(N)
    by_mention = np.lexsort((mention_strand, inverse[mention_rows]))
    return {
        "span": span,
        "occurred": occurred[by_submission],
        "reported": reported[by_submission],
        "date_known": date_known[by_submission],
        "hour": np.where(hour_known, hour, -1)[by_submission],
        "minute": minute[by_submission],
        "area": area[by_submission],
        "mask": mask[by_submission],
        "channel": channel[by_submission],
        "role": role[by_submission],
        "seconds": seconds[by_submission],
        "n_strands": n_strands[by_submission],
        # Mentions, sorted by report then strand id.
        "mention_report": inverse[mention_rows][by_mention],
        "mention_strand": mention_strand[by_mention],
        "offset_e": rng.integers(0, 130, size=N)[by_submission] * 50 + 25,
        "offset_n": rng.integers(0, 110, size=N)[by_submission] * 50 + 25,
    }


# --- loading ----------------------------------------------------------------------------------


def _dates(span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ISO strings of each day, of its month's first day and of its week's Monday."""
    days = [FIRST_DAY + datetime.timedelta(days=i) for i in range(span)]
    iso = np.array([d.isoformat() for d in days], dtype=object)
    month = np.array([d.replace(day=1).isoformat() for d in days], dtype=object)
    week = np.array(
        [(d - datetime.timedelta(days=d.weekday())).isoformat() for d in days], dtype=object
    )
    return iso, month, week


def tables(
    data: dict[str, Any],
    *,
    area_ids: list[int],
    la_ids: list[int],
    ward_la: list[int],
    ward_e: np.ndarray,
    ward_n: np.ndarray,
    org_id: int,
    centre_id: int,
    sealed: str,
    vendor: str,
) -> dict[str, tuple[list[str], list[Any]]]:
    """Every table's columns and per-column values (a list, or one value for all rows).
    ``None`` is NULL; dates and times are ISO text; booleans are 0/1 (SQLite) or t/f."""
    from awaz.reporting.models import Report
    from awaz.reporting.services.facts import INCIDENT_TYPE_BITS, STRAND_COPIES

    pg = vendor == "postgresql"
    iso, month_iso, week_iso = _dates(data["span"])
    ids = np.arange(1, N + 1)
    alphabet = np.array(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))
    digits = alphabet[(ids[:, None] * 7_919 >> (5 * np.arange(8)[::-1])) & 31]
    body = np.ascontiguousarray(digits.astype("U1")).view("U8").ravel()
    reference = [f"HC-{s[:4]}-{s[4:]}" for s in body.tolist()]
    ward_ids = np.array(area_ids, dtype=object)
    area = data["area"]
    area_id = np.full(N, None, dtype=object)
    placed_ward = area >= 0
    area_id[placed_ward] = ward_ids[area[placed_ward]]
    for k, la in enumerate(la_ids):
        area_id[area == -2 - k] = la
    la_of = np.full(N, None, dtype=object)
    la_of[placed_ward] = np.array(ward_la, dtype=object)[area[placed_ward]]
    for k, la in enumerate(la_ids):
        la_of[area == -2 - k] = la
    easting = np.full(N, None, dtype=object)
    northing = np.full(N, None, dtype=object)
    easting[placed_ward] = (ward_e[area[placed_ward]] + data["offset_e"][placed_ward]).tolist()
    northing[placed_ward] = (ward_n[area[placed_ward]] + data["offset_n"][placed_ward]).tolist()
    reported = iso[data["reported"]]
    hours, minutes = data["seconds"] // 3600, data["seconds"] // 60 % 60
    clock = np.array([f"{h:02d}:{m:02d}:00" for h in range(24) for m in range(60)], dtype=object)
    submitted = (
        np.char.add(reported.astype(str), " ").astype(object)
        + clock[hours * 60 + minutes]
        + ("+00" if pg else "")
    )
    known = data["date_known"]
    hour = data["hour"]
    incident_date = np.where(known, iso[data["occurred"]], None)
    incident_time = np.where(hour >= 0, clock[np.maximum(hour, 0) * 60 + data["minute"]], None)
    types_json = np.array(
        [
            json.dumps([c for b, c in enumerate(INCIDENT_TYPE_BITS) if m & (1 << b)])
            for m in range(1 << len(INCIDENT_TYPE_BITS))
        ],
        dtype=object,
    )
    channel = np.array(CHANNELS, dtype=object)[data["channel"]]
    recorded_by = np.where(data["channel"] == 0, None, centre_id)
    true, false = ("t", "f") if pg else (1, 0)
    report_values: dict[str, Any] = {
        "id": ids.tolist(),
        "created_at": submitted,
        "modified_at": submitted,
        "created_by_id": None,
        "modified_by_id": None,
        "reference": reference,
        "followup_code_hash": "0" * 64,
        "followup_code_issued_at": submitted,
        "submission_key": [f"{i:064x}" for i in range(1, N + 1)],
        "status": "received",
        "submitted_at": submitted,
        "channel": channel,
        "recorded_by_organisation_id": recorded_by,
        "receiving_organisation_id": org_id,
        "reporter_role": np.array(ROLES, dtype=object)[data["role"]],
        "reporter_is_under_18": false,
        "is_anonymous": true,
        "incident_types": types_json[data["mask"]],
        "what_happened": sealed,
        "incident_date": incident_date,
        "incident_time": incident_time,
        "is_ongoing": false,
        "postcode_district": "",
        "location_source": "none",
        "grid_easting": easting,
        "grid_northing": northing,
        "area_id": area_id,
        "strand_not_sure": false,
        "perception_by": "",
        "police_told": "",
        "support_wanted": "[]",
        "contact_methods": "[]",
        "email_index": "",
        "phone_index": "",
        "name_index": "",
    }
    for f in Report._meta.concrete_fields:
        if f.column in report_values:
            continue
        if f.get_internal_type() == "TextField" and not f.null:  # empty encrypted text
            report_values[f.column] = ""
        elif f.null:
            report_values[f.column] = None
        else:
            raise RuntimeError(f"benchmark does not know how to fill Report.{f.column}")
    columns = [f.column for f in Report._meta.concrete_fields]
    occurred = data["occurred"]
    fact_values = {
        "report_id": ids.tolist(),
        "occurred_on": iso[occurred],
        "date_known": np.where(known, true, false),
        "reported_on": reported,
        "month": month_iso[occurred],
        "week": week_iso[occurred],
        "weekday": ((FIRST_DAY.toordinal() + occurred + 6) % 7).tolist(),
        "hour": np.where(hour >= 0, hour, None),
        "area_id": area_id,
        "local_authority_id": la_of,
        "type_mask": data["mask"].tolist(),
        "channel": channel,
        "source": report_values["reporter_role"],
        "strand_count": data["n_strands"].tolist(),
        "grid_easting": easting,
        "grid_northing": northing,
    }
    m_report = data["mention_report"]
    n_mentions = m_report.size
    # Each mention copies its report's facts (``services.facts.STRAND_COPIES``).
    mention_values = {
        "id": list(range(1, n_mentions + 1)),
        "fact_id": (m_report + 1).tolist(),
        "strand_id": data["mention_strand"].tolist(),
        **{
            column: (
                np.asarray(fact_values[column], dtype=object)[m_report]
                if isinstance(fact_values[column], list | np.ndarray)
                else fact_values[column]
            )
            for column in STRAND_COPIES
        },
    }
    through_values = {
        "id": mention_values["id"],
        "report_id": mention_values["fact_id"],
        "strand_id": mention_values["strand_id"],
    }
    # Monthly counts: every report once (strand 0) plus once per strand it names.
    month_index = np.unique(month_iso, return_inverse=True)
    month_names, day_month = month_index[0], month_index[1]
    area_key = np.where(area >= 0, np.array([*area_ids, 0])[np.maximum(area, 0)], 0)
    for k, la in enumerate(la_ids):
        area_key = np.where(area == -2 - k, la, area_key)
    key_month = np.concatenate([day_month[occurred], day_month[occurred][m_report]])
    key_area = np.concatenate([area_key, area_key[m_report]])
    key_strand = np.concatenate([np.zeros(N, dtype=np.int64), data["mention_strand"]])
    stacked = np.stack([key_month, key_area, key_strand], axis=1)
    cells, counts = np.unique(stacked, axis=0, return_counts=True)
    monthly_values = {
        "id": list(range(1, len(cells) + 1)),
        "month": month_names[cells[:, 0]],
        "area_key": cells[:, 1].tolist(),
        "strand_key": cells[:, 2].tolist(),
        "count": counts.tolist(),
    }
    return {
        "reporting_report": (columns, [report_values[c] for c in columns]),
        "reporting_report_strands": (list(through_values), list(through_values.values())),
        "reporting_incidentfact": (list(fact_values), list(fact_values.values())),
        "reporting_incidentstrand": (list(mention_values), list(mention_values.values())),
        "reporting_monthlycount": (list(monthly_values), list(monthly_values.values())),
    }


def _rows(values: list[Any], n: int):
    """Rows from per-column values (a sequence, or one value repeated)."""
    from itertools import repeat

    cols = [
        v.tolist() if isinstance(v, np.ndarray) else (v if isinstance(v, list) else repeat(v, n))
        for v in values
    ]
    return zip(*cols, strict=False)


def _length(values: list[Any]) -> int:
    return next(len(v) for v in values if isinstance(v, list | np.ndarray))


def _say(message: str) -> None:
    print(f"    {message}", flush=True)


def load_sqlite(data: dict[str, tuple[list[str], list[Any]]]) -> None:
    """``executemany`` in one transaction. For the load only: no journal, no sync, a large
    page cache, and the secondary indexes dropped and built again afterwards (a sort per
    index instead of a million scattered inserts); foreign keys stay checked (at commit)."""
    from django.db import connection

    from awaz.reporting.services.facts import facts_statistics_refresh

    connection.ensure_connection()
    raw = connection.connection
    raw.execute("PRAGMA journal_mode=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-1000000")
    tables = list(data)
    marks = ", ".join("?" * len(tables))
    indexes = raw.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
        f"AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    raw.execute("BEGIN")
    for name, _sql in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    for table, (columns, values) in data.items():
        t0 = time.perf_counter()
        # Table and column names come from this file and the models, never from input.
        holes = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({holes})"  # noqa: S608
        raw.executemany(sql, _rows(values, _length(values)))
        _say(f"{table}: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    for _name, sql in indexes:
        raw.execute(sql)
    _say(f"{len(indexes)} indexes built again: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    raw.execute("COMMIT")
    _say(f"commit (foreign keys checked): {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    # The statistics an installation has: what ``make run``, ``incident_facts_rebuild`` and
    # the daily job run.
    facts_statistics_refresh()
    _say(f"facts_statistics_refresh (ANALYZE): {time.perf_counter() - t0:.1f} s")
    raw.execute("PRAGMA journal_mode=WAL")  # as the application runs it (config/settings)
    raw.execute("PRAGMA synchronous=NORMAL")
    connection.close()  # the next connection has the default page cache again


def _copy_text(value: Any) -> str:
    return "\\N" if value is None else str(value)


def load_postgresql(data: dict[str, tuple[list[str], list[Any]]]) -> None:
    """``COPY`` in one transaction. For the load only, the foreign keys, unique constraints
    and secondary indexes of the loaded tables are dropped and created again afterwards
    (which checks every row against them); then ``VACUUM ANALYZE``, as autovacuum would."""
    from django.core.management.color import no_style
    from django.db import connection

    from awaz.reporting.models import IncidentStrand, MonthlyCount, Report

    tables = list(data)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with connection.connection.transaction():
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
                "FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) "
                "AND contype IN ('f', 'u') ORDER BY contype DESC",
                [tables],
            )
            constraints = cursor.fetchall()  # unique first, so foreign keys find them
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
                "AND NOT i.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [tables],
            )
            indexes = cursor.fetchall()
            for table, name, _definition, _kind in reversed(constraints):
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
            for table, (columns, values) in data.items():
                t0 = time.perf_counter()
                n = _length(values)
                text_cols = [
                    [_copy_text(x) for x in (v.tolist() if isinstance(v, np.ndarray) else v)]
                    if isinstance(v, list | np.ndarray)
                    else None
                    for v in values
                ]
                consts = [_copy_text(v) for v in values]
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    batch = 50_000
                    for lo in range(0, n, batch):
                        hi = min(n, lo + batch)
                        parts = [
                            col[lo:hi] if col is not None else [consts[i]] * (hi - lo)
                            for i, col in enumerate(text_cols)
                        ]
                        copy.write("".join("\t".join(r) + "\n" for r in zip(*parts, strict=True)))
                _say(f"{table}: {time.perf_counter() - t0:.1f} s")
            t0 = time.perf_counter()
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            _say(f"{len(indexes)} indexes built again: {time.perf_counter() - t0:.1f} s")
            t0 = time.perf_counter()
            for table, name, definition, _kind in constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            _say(
                f"{len(constraints)} unique and foreign-key constraints added again (every "
                f"row checked): {time.perf_counter() - t0:.1f} s"
            )
            # The ids were given: move the sequences past them.
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Report, Report.strands.through, IncidentStrand, MonthlyCount]
            ):
                cursor.execute(sql)
        t0 = time.perf_counter()
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
        _say(f"VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")


# --- the child process: one database ----------------------------------------------------------


def filter_sets(ids: dict[str, Any]) -> dict[str, Any]:
    from awaz.patterns.selectors.dashboard import Filters

    year = Filters.default(TODAY)
    return {
        "county 12 mo": year,
        "county 3 mo": Filters(start=TODAY - datetime.timedelta(days=91), end=TODAY),
        "race 12 mo": Filters(start=year.start, end=TODAY, strands=(ids["race"],)),
        "LA 12 mo": Filters(start=year.start, end=TODAY, area=ids["la"]),
        "ward 12 mo": Filters(start=year.start, end=TODAY, area=ids["ward"]),
        "threats+online 12 mo": Filters(
            start=year.start, end=TODAY, incident_types=("threats",), channels=("online",)
        ),
    }


def _ms(samples: list[float]) -> tuple[float, float]:
    arr = np.array(samples) * 1000
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 95))


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def child(vendor: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from awaz.core.fields import EncryptedTextField
    from awaz.geo.models import Area, AreaLevel
    from awaz.geo.services import area_create, area_populations_set
    from awaz.partners.services.accounts import organisation_create
    from awaz.patterns.selectors.concern import (
        area_hot_spots,
        areas_of_concern,
        latest_complete_month,
    )
    from awaz.patterns.selectors.dashboard import area_counts, dashboard_queries
    from awaz.reporting.models import Report, Strand
    from awaz.reporting.tests.factories import make_strand, square

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - t0

    rng = np.random.default_rng(SEED)
    geo = geography(rng)
    county = area_create(
        code="BENCH-COUNTY",
        name="Fictional County",
        level=AreaLevel.COUNTY,
        parent=None,
        geometry=square(-3.5, 54.3, 1.0),
        is_demo=True,
    )
    las = [
        area_create(
            code=f"BENCH-LA{k + 1}",
            name=f"Fictional Borough {k + 1}",
            level=AreaLevel.LOCAL_AUTHORITY,
            parent=county,
            geometry={
                "type": "Polygon",
                "coordinates": [
                    [
                        [-3.5 + 0.5 * k, 54.3],
                        [-3.0 + 0.5 * k, 54.3],
                        [-3.0 + 0.5 * k, 54.8],
                        [-3.5 + 0.5 * k, 54.8],
                        [-3.5 + 0.5 * k, 54.3],
                    ]
                ],
            },
            is_demo=True,
        )
        for k in range(2)
    ]
    ward_ids = []
    for w in geo["wards"]:
        ring = [
            [w["lon"], w["lat"]],
            [w["lon"] + 0.1, w["lat"]],
            [w["lon"] + 0.1, w["lat"] + 0.05],
            [w["lon"], w["lat"] + 0.05],
            [w["lon"], w["lat"]],
        ]
        area = area_create(
            code=w["code"],
            name=w["name"],
            level=AreaLevel.WARD,
            parent=las[w["la"]],
            geometry={"type": "Polygon", "coordinates": [ring]},
            is_demo=True,
        )
        ward_ids.append(area.pk)
    populations = np.array([w["population"] for w in geo["wards"]], dtype=np.float64)
    area_populations_set(values={w["code"]: (w["population"], 2025) for w in geo["wards"]})
    for code in STRAND_CODES[5:]:
        make_strand(code, code.replace("bench-local-", "Local: ").replace("-", " "), 60)
    strand_ids = dict(Strand.objects.values_list("code", "id"))
    assert [strand_ids[c] for c in STRAND_CODES] == list(range(1, 8)), strand_ids
    org = organisation_create(name="Fictional Benchmark Hub", kind="victim_support", actor=None)
    centre = organisation_create(
        name="Fictional Benchmark Reporting Centre", kind="reporting_centre", actor=None
    )
    field = Report._meta.get_field("what_happened")
    assert isinstance(field, EncryptedTextField)
    sealed = field.get_prep_value("Fictional account generated for the dashboard benchmark.")

    t0 = time.perf_counter()
    data = incidents(rng, len(ward_ids), populations)
    values = tables(
        data,
        area_ids=ward_ids,
        la_ids=[la.pk for la in las],
        ward_la=[las[w["la"]].pk for w in geo["wards"]],
        ward_e=np.array([w["easting"] for w in geo["wards"]]),
        ward_n=np.array([w["northing"] for w in geo["wards"]]),
        org_id=org.pk,
        centre_id=centre.pk,
        sealed=sealed,
        vendor=vendor,
    )
    generate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    print(f"[{vendor}] loading:", flush=True)
    if vendor == "sqlite":
        load_sqlite(values)
        how = (
            "executemany in one transaction, secondary indexes built after the rows, foreign "
            "keys checked at commit; journal and sync off for the load only; "
            "facts_statistics_refresh (ANALYZE)"
        )
    else:
        load_postgresql(values)
        how = (
            "COPY in one transaction, secondary indexes, unique and foreign-key constraints "
            "created after the rows (every row checked); VACUUM ANALYZE"
        )
    load_s = time.perf_counter() - t0
    rows = {t: _length(v) for t, (_c, v) in values.items()}
    del values, data
    print(
        f"[{vendor}] migrate {migrate_s:.1f} s, generate {generate_s:.1f} s, "
        f"load {load_s:.1f} s ({how}); rows: "
        + ", ".join(f"{t.removeprefix('reporting_')} {n:,}" for t, n in rows.items()),
        flush=True,
    )

    busiest_ward = (
        Area.objects.filter(level=AreaLevel.WARD)
        .order_by("-population", "id")
        .values_list("id", flat=True)
        .first()
    )
    ids = {"race": strand_ids["race"], "la": las[0].pk, "ward": busiest_ward}
    sets = filter_sets(ids)
    concern_args = {
        "county 12 mo": {},
        "county 3 mo": {},
        "race 12 mo": {"strands": (ids["race"],)},
        "LA 12 mo": {"area": ids["la"]},
        "ward 12 mo": {"area": ids["ward"]},
        "threats+online 12 mo": {},
    }
    month = latest_complete_month(TODAY)
    queries = dict(dashboard_queries())
    load_before = os.getloadavg()[0]
    timings: dict[str, dict[str, tuple[float, float]]] = {}
    # This process's CPU time: on SQLite the whole cost of a call (the database runs in
    # this process), whatever else the machine is doing; on PostgreSQL only the client side.
    cpu_timings: dict[str, dict[str, tuple[float, float]]] = {}
    digests: dict[str, str] = {}
    for set_name, raw_filters in sets.items():
        filters = raw_filters.with_area_scope()
        calls = {name: (lambda fn=fn, f=filters: fn(f)) for name, fn in queries.items()}
        calls["areas_of_concern"] = lambda a=concern_args[set_name]: areas_of_concern(
            month=month, **a
        )
        counts = area_counts(filters)
        calls["hot_spots (CPU)"] = lambda c=counts, f=filters: area_hot_spots(c, filters=f)
        for name, fn in calls.items():
            for _ in range(WARMUPS):
                result = fn()
            samples, cpu = [], []
            for _ in range(RUNS):
                t0, c0 = time.perf_counter(), time.process_time()
                fn()
                samples.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            timings.setdefault(name, {})[set_name] = _ms(samples)
            cpu_timings.setdefault(name, {})[set_name] = _ms(cpu)
            digests[f"{name} | {set_name}"] = _digest(result)
    connection.close()
    load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    print(f"[{vendor}] load average (1 min) before and after timing: {load[0]}, {load[1]}")
    print(
        "@@RESULT "
        + json.dumps(
            {
                "vendor": vendor,
                "load_s": round(load_s, 1),
                "how": how,
                "load_average": load,
                "rows": rows,
                "timings": timings,
                "cpu_timings": cpu_timings,
                "digests": digests,
                "server": _server_settings() if vendor == "postgresql" else None,
            }
        ),
        flush=True,
    )


def _server_settings() -> dict[str, str]:
    from django.db import connection

    names = ("server_version", "shared_buffers", "work_mem", "max_parallel_workers_per_gather")
    found = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SHOW {name}")
            found[name] = cursor.fetchone()[0]
    return found


# --- the parent: both databases, the table, the JSON line -------------------------------------


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def run_child(vendor: str, database_url: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen(  # noqa: S603 - this script, run again for one database
        [sys.executable, __file__, "--child", vendor],
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


def print_table(result: dict[str, Any], key: str = "timings", what: str = "") -> None:
    timings = result[key]
    sets = list(next(iter(timings.values())))
    width = max(len(s) for s in sets) + 2
    what = what or f"p50 / p95 ms over {RUNS} runs after {WARMUPS} warm-ups"
    print(f"\n{result['vendor']}: {what}")
    print(f"  {'query':<18}" + "".join(f"{s:>{width}}" for s in sets))
    for name, by_set in timings.items():
        cells = "".join(f"{f'{p50:.1f} / {p95:.1f}':>{width}}" for p50, p95 in by_set.values())
        print(f"  {name:<18}{cells}")


def worst(result: dict[str, Any] | None, key: str = "timings") -> tuple[float | None, str | None]:
    """The highest p95 of the database queries (hot spots are CPU work, reported apart)."""
    if result is None:
        return None, None
    best = max(
        (
            (p95, f"{name} | {s}")
            for name, by_set in result[key].items()
            if not name.startswith("hot_spots")
            for s, (_p50, p95) in by_set.items()
        ),
    )
    return round(best[0], 1), best[1]


def main() -> None:
    started = time.perf_counter()
    print(f"Dashboard benchmark: {N:,} incidents, {FIRST_DAY} to {TODAY}, seed {SEED}")
    print(
        "Freshness: the facts are written in the same transaction as each report "
        "(awaz/reporting/services/facts.py); every query reads them directly, with no cache "
        "and no refresh, so no number can be stale.\n",
        flush=True,
    )
    results: dict[str, dict[str, Any] | None] = {}
    fd, path = tempfile.mkstemp(prefix="awaz-bench-dashboard-", suffix=".sqlite3")
    os.close(fd)
    try:
        results["sqlite"] = run_child("sqlite", f"sqlite:///{path}")
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    results["postgresql"] = None
    if port_open(PG_HOST, PG_PORT):
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        _pg_admin(f"CREATE DATABASE {PG_DB}")
        try:
            results["postgresql"] = run_child(
                "postgresql", f"postgres://postgres@{PG_HOST}:{PG_PORT}/{PG_DB}"
            )
        finally:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    else:
        print("PostgreSQL does not answer on 127.0.0.1:5432: skipped.")
    for result in results.values():
        if result is not None:
            print_table(result)
    sq = results["sqlite"]
    assert sq is not None
    print_table(
        sq,
        "cpu_timings",
        "CPU time of the process (database included), p50 / p95 ms, the "
        "cost of each call without waiting for a core",
    )
    pg = results["postgresql"]
    same = None if pg is None else sq["digests"] == pg["digests"]
    sq_worst, sq_where = worst(sq)
    pg_worst, pg_where = worst(pg)
    print(f"\nWorst p95 (database queries): SQLite {sq_worst} ms ({sq_where})", end="")
    print(f", PostgreSQL {pg_worst} ms ({pg_where})" if pg else ", PostgreSQL not run")
    sq_cpu, sq_cpu_where = worst(sq, "cpu_timings")
    print(f"Worst p95 of SQLite's CPU time: {sq_cpu} ms ({sq_cpu_where})")
    print(f"Goal < {GOAL_MS:.0f} ms on both. Same answers on both databases: {same}")
    if pg is not None and pg.get("server"):
        print("PostgreSQL server: " + ", ".join(f"{k} {v}" for k, v in pg["server"].items()))
    total_s = time.perf_counter() - started
    print(f"Whole benchmark: {total_s:.0f} s")

    def p95_map(result: dict[str, Any] | None, key: str = "timings") -> dict[str, float] | None:
        if result is None:
            return None
        return {
            name: round(max(p95 for _p50, p95 in by_set.values()), 1)
            for name, by_set in result[key].items()
        }

    def p95_by_filters(result: dict[str, Any] | None) -> dict[str, float] | None:
        if result is None:
            return None
        worst_of: dict[str, float] = {}
        for name, by_set in result["timings"].items():
            if not name.startswith("hot_spots"):
                for set_name, (_p50, p95) in by_set.items():
                    worst_of[set_name] = round(max(worst_of.get(set_name, 0.0), p95), 1)
        return worst_of

    print(
        json.dumps(
            {
                "benchmark": "dashboard",
                "n": N,
                "sqlite_p95_ms": sq_worst,
                "postgresql_p95_ms": pg_worst,
                "sqlite_cpu_p95_ms": sq_cpu,
                "sqlite_load_s": sq["load_s"],
                "postgresql_load_s": None if pg is None else pg["load_s"],
                "goal_ms": GOAL_MS,
                "sqlite_worst": sq_where,
                "postgresql_worst": pg_where,
                "sqlite_p95_by_query_ms": p95_map(sq),
                "postgresql_p95_by_query_ms": p95_map(pg),
                "sqlite_cpu_p95_by_query_ms": p95_map(sq, "cpu_timings"),
                "sqlite_p95_by_filters_ms": p95_by_filters(sq),
                "postgresql_p95_by_filters_ms": p95_by_filters(pg),
                "load_average": {
                    "sqlite": sq["load_average"],
                    "postgresql": None if pg is None else pg["load_average"],
                },
                "same_results": same,
                "freshness": "facts written in each report's transaction; no cache",
                "seconds": round(total_s),
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
