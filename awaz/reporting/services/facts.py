"""Writing the analysis facts of a report (``models/facts.py``).

``incident_facts_record`` runs inside ``report_submit``'s transaction, so the counts that
patterns, measures and open statistics read are never behind the reports.
``incident_facts_rebuild`` re-derives every fact from the reports (after an import, or to
check nothing drifted); the migration that introduced the tables uses it too, with the
historical models.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from awaz.core.bulk_insert import rows_insert
from awaz.reporting.models import IncidentType, Report
from awaz.reporting.models.facts import ALL_STRANDS, IncidentFact, IncidentStrand, MonthlyCount

# Bit i of ``IncidentFact.type_mask`` is INCIDENT_TYPE_BITS[i]. Append new types at the end:
# stored masks keep their meaning.
INCIDENT_TYPE_BITS: tuple[str, ...] = tuple(IncidentType.values)

_LOCAL_AUTHORITY = "local_authority"

# The columns of ``IncidentFact`` copied onto each of its ``IncidentStrand`` rows.
STRAND_COPIES: tuple[str, ...] = (
    "occurred_on",
    "date_known",
    "month",
    "week",
    "weekday",
    "hour",
    "area_id",
    "local_authority_id",
    "type_mask",
    "channel",
    "source",
)


def type_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes:
        if code in INCIDENT_TYPE_BITS:
            mask |= 1 << INCIDENT_TYPE_BITS.index(code)
    return mask


def type_codes(mask: int) -> list[str]:
    return [code for i, code in enumerate(INCIDENT_TYPE_BITS) if mask & (1 << i)]


@dataclass(frozen=True)
class FactValues:
    occurred_on: datetime.date
    date_known: bool
    reported_on: datetime.date
    month: datetime.date
    week: datetime.date
    weekday: int
    hour: int | None

    def fields(self) -> dict[str, Any]:
        return {
            "occurred_on": self.occurred_on,
            "date_known": self.date_known,
            "reported_on": self.reported_on,
            "month": self.month,
            "week": self.week,
            "weekday": self.weekday,
            "hour": self.hour,
        }


def fact_dates(
    *,
    incident_date: datetime.date | None,
    incident_time: datetime.time | None,
    submitted_at: datetime.datetime,
) -> FactValues:
    """When it happened, for counting: the incident's date, or the day it was reported."""
    reported_on = timezone.localtime(submitted_at).date()
    occurred_on = incident_date or reported_on
    return FactValues(
        occurred_on=occurred_on,
        date_known=incident_date is not None,
        reported_on=reported_on,
        month=occurred_on.replace(day=1),
        week=occurred_on - datetime.timedelta(days=occurred_on.weekday()),
        weekday=occurred_on.weekday(),
        hour=incident_time.hour if incident_time is not None and incident_date else None,
    )


def _local_authority_ids(area_model: Any) -> dict[int, int | None]:
    """Each area's local authority (itself for a local authority, None for the county)."""
    rows = {a: (lvl, p) for a, lvl, p in area_model.objects.values_list("id", "level", "parent")}
    result: dict[int, int | None] = {}
    for area_id in rows:
        current: int | None = area_id
        while current is not None and rows[current][0] != _LOCAL_AUTHORITY:
            current = rows[current][1]
        result[area_id] = current
    return result


def _copied(fact: Any) -> dict[str, Any]:
    """The columns of a fact that its strand rows copy (``IncidentStrand``)."""
    return {name: getattr(fact, name) for name in STRAND_COPIES}


def _monthly_keys(
    month: datetime.date, area_id: int | None, strand_ids: Iterable[int]
) -> list[tuple[datetime.date, int, int]]:
    area_key = area_id or 0
    return [(month, area_key, ALL_STRANDS)] + [(month, area_key, s) for s in strand_ids]


def _monthly_add(keys: list[tuple[datetime.date, int, int]]) -> None:
    for month, area_key, strand_key in keys:
        key = {"month": month, "area_key": area_key, "strand_key": strand_key}
        if MonthlyCount.objects.filter(**key).update(count=F("count") + 1):
            continue
        try:
            with transaction.atomic():
                MonthlyCount.objects.create(**key, count=1)
        except IntegrityError:  # another transaction created it first
            MonthlyCount.objects.filter(**key).update(count=F("count") + 1)


def incident_facts_record(report: Report) -> IncidentFact:
    """Write the facts of a new report (call inside the transaction that stores it)."""
    from awaz.geo.models import Area

    dates = fact_dates(
        incident_date=report.incident_date,
        incident_time=report.incident_time,
        submitted_at=report.submitted_at,
    )
    la_id = _local_authority_ids(Area).get(report.area_id) if report.area_id else None
    strand_ids = sorted(report.strands.values_list("id", flat=True))
    fact = IncidentFact.objects.create(
        report=report,
        **dates.fields(),
        area_id=report.area_id,
        local_authority_id=la_id,
        type_mask=type_mask(report.incident_types),
        channel=report.channel,
        source=report.reporter_role,
        strand_count=len(strand_ids),
        grid_easting=report.grid_easting,
        grid_northing=report.grid_northing,
    )
    copied = _copied(fact)
    IncidentStrand.objects.bulk_create(
        IncidentStrand(fact=fact, strand_id=s, **copied) for s in strand_ids
    )
    _monthly_add(_monthly_keys(dates.month, report.area_id, strand_ids))
    return fact


def _monthly_add_counts(counts: Counter[tuple[datetime.date, int, int]]) -> None:
    """Add many incidents to the monthly counts at once (``_monthly_add`` for a batch):
    one read of the rows concerned, then one update and one insert of many rows."""
    if not counts:
        return
    existing = {
        (row.month, row.area_key, row.strand_key): row
        for row in MonthlyCount.objects.filter(
            month__in={k[0] for k in counts},
            area_key__in={k[1] for k in counts},
            strand_key__in={k[2] for k in counts},
        )
    }
    added = [(n, existing[key].pk) for key, n in counts.items() if key in existing]
    if added:
        table = connection.ops.quote_name(MonthlyCount._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET count = count + %s WHERE id = %s",  # noqa: S608
                added,
            )
    rows_insert(
        MonthlyCount,
        [
            MonthlyCount(month=m, area_key=a, strand_key=s, count=n)
            for (m, a, s), n in counts.items()
            if (m, a, s) not in existing
        ],
    )


def incident_facts_record_many(reports: list[Report], strand_ids_of: dict[int, list[int]]) -> None:
    """``incident_facts_record`` for a batch of new reports (a bulk import, in the
    transaction that stores them): the same fact, strand and monthly rows, written with a
    few queries. ``strand_ids_of`` gives each report's strand ids by report id."""
    from awaz.geo.models import Area

    la_of = _local_authority_ids(Area)
    facts: list[IncidentFact] = []
    mentions: list[IncidentStrand] = []
    monthly: Counter[tuple[datetime.date, int, int]] = Counter()
    for report in reports:
        dates = fact_dates(
            incident_date=report.incident_date,
            incident_time=report.incident_time,
            submitted_at=report.submitted_at,
        )
        strand_ids = sorted(strand_ids_of.get(report.pk, []))
        fact = IncidentFact(
            report=report,
            **dates.fields(),
            area_id=report.area_id,
            local_authority_id=la_of.get(report.area_id) if report.area_id else None,
            type_mask=type_mask(report.incident_types),
            channel=report.channel,
            source=report.reporter_role,
            strand_count=len(strand_ids),
            grid_easting=report.grid_easting,
            grid_northing=report.grid_northing,
        )
        facts.append(fact)
        copied = _copied(fact)
        mentions.extend(IncidentStrand(fact=fact, strand_id=s, **copied) for s in strand_ids)
        monthly.update(_monthly_keys(dates.month, report.area_id, strand_ids))
    rows_insert(IncidentFact, facts)
    rows_insert(IncidentStrand, mentions)
    _monthly_add_counts(monthly)


def _monthly_remove(keys: list[tuple[datetime.date, int, int]]) -> None:
    """Take one incident off each count; a count that reaches 0 goes (as after a rebuild)."""
    for month, area_key, strand_key in keys:
        key = {"month": month, "area_key": area_key, "strand_key": strand_key}
        MonthlyCount.objects.filter(**key).update(count=F("count") - 1)
        MonthlyCount.objects.filter(**key, count__lte=0).delete()


def incident_facts_refresh(report: Report) -> IncidentFact:
    """Write the facts of a report again after its strands, date or place changed (call
    inside the transaction that changes it): its old rows and monthly counts go, the new
    ones are written, so the counts equal what ``incident_facts_rebuild`` would give."""
    old = IncidentFact.objects.filter(report=report).first()
    if old is not None:
        strand_ids = sorted(old.strand_rows.values_list("strand_id", flat=True))
        _monthly_remove(_monthly_keys(old.month, old.area_id, strand_ids))
        old.delete()
    return incident_facts_record(report)


def facts_rebuild_with(
    *,
    report_model: Any,
    fact_model: Any,
    strand_model: Any,
    monthly_model: Any,
    area_model: Any,
    batch_size: int = 2000,
) -> int:
    """Delete and re-derive every fact from the reports, with the given model classes (the
    current ones, or a migration's historical ones). Returns the number of reports."""
    monthly_model.objects.all().delete()
    strand_model.objects.all().delete()
    fact_model.objects.all().delete()
    la_of = _local_authority_ids(area_model)
    through = report_model.strands.through
    strands_of: dict[int, list[int]] = {}
    for report_id, strand_id in through.objects.values_list("report_id", "strand_id"):
        strands_of.setdefault(report_id, []).append(strand_id)
    monthly: Counter[tuple[datetime.date, int, int]] = Counter()
    facts: list[Any] = []
    mentions: list[Any] = []
    total = 0
    columns = (
        "id",
        "incident_date",
        "incident_time",
        "submitted_at",
        "area_id",
        "incident_types",
        "channel",
        "reporter_role",
        "grid_easting",
        "grid_northing",
    )
    for row in report_model.objects.order_by("id").values_list(*columns).iterator(2000):
        rid, i_date, i_time, submitted_at, area_id, types, channel, role, east, north = row
        dates = fact_dates(incident_date=i_date, incident_time=i_time, submitted_at=submitted_at)
        strand_ids = sorted(strands_of.get(rid, []))
        fact = fact_model(
            report_id=rid,
            **dates.fields(),
            area_id=area_id,
            local_authority_id=la_of.get(area_id) if area_id else None,
            type_mask=type_mask(types or []),
            channel=channel,
            source=role,
            strand_count=len(strand_ids),
            grid_easting=east,
            grid_northing=north,
        )
        facts.append(fact)
        copied = _copied(fact)
        mentions.extend(strand_model(fact_id=rid, strand_id=s, **copied) for s in strand_ids)
        monthly.update(_monthly_keys(dates.month, area_id, strand_ids))
        total += 1
        if len(facts) >= batch_size:
            fact_model.objects.bulk_create(facts)
            strand_model.objects.bulk_create(mentions)
            facts, mentions = [], []
    fact_model.objects.bulk_create(facts)
    strand_model.objects.bulk_create(mentions)
    monthly_model.objects.bulk_create(
        (
            monthly_model(month=m, area_key=a, strand_key=s, count=n)
            for (m, a, s), n in monthly.items()
        ),
        batch_size=batch_size,
    )
    return total


@transaction.atomic
def incident_facts_rebuild() -> int:
    """Re-derive every report's facts (after an import, or to repair drift), then refresh
    the planner's statistics: the tables were just written again."""
    from awaz.geo.models import Area

    total = facts_rebuild_with(
        report_model=Report,
        fact_model=IncidentFact,
        strand_model=IncidentStrand,
        monthly_model=MonthlyCount,
        area_model=Area,
    )
    facts_statistics_refresh()
    return total


def facts_statistics_refresh() -> None:
    """Refresh the statistics the query planner chooses indexes by.

    The dashboard's counts (``awaz.patterns.selectors.dashboard``) are fast only when the
    planner picks the covering indexes of ``models/facts.py``; SQLite does so only with
    statistics (without them the same counts took up to 1.3 s on a million incidents).
    SQLite 3.40's ``PRAGMA optimize`` analyses only the tables the same connection has
    queried, so from a fresh connection (this job, a command) it does nothing: this runs
    ``ANALYZE``, which reads each index once (about 4 s for a million reports).
    PostgreSQL's autovacuum analyses tables as they change; an explicit ``ANALYZE`` of the
    fact tables (a sample, well under a second) saves waiting for it after a large import.
    Run by ``make run`` after loading the demo, after ``incident_facts_rebuild``, and daily
    (``awaz.reporting.tasks.facts_statistics``)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            tables = ", ".join(
                connection.ops.quote_name(m._meta.db_table)
                for m in (IncidentFact, IncidentStrand, MonthlyCount)
            )
            cursor.execute(f"ANALYZE {tables}")
