"""Analysis facts: written with the report, and the same when re-derived."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from awaz.geo.models import AreaLevel
from awaz.reporting.models import IncidentFact, IncidentStrand, MonthlyCount
from awaz.reporting.models.facts import ALL_STRANDS
from awaz.reporting.services.facts import (
    INCIDENT_TYPE_BITS,
    STRAND_COPIES,
    fact_dates,
    facts_statistics_refresh,
    incident_facts_rebuild,
    type_codes,
    type_mask,
)
from awaz.reporting.tests.factories import make_area, make_report, make_strand

pytestmark = pytest.mark.django_db


def test_type_mask_round_trips_and_ignores_unknown_codes() -> None:
    mask = type_mask(["threats", "graffiti", "not-a-type"])
    assert mask == (1 << INCIDENT_TYPE_BITS.index("threats")) | (
        1 << INCIDENT_TYPE_BITS.index("graffiti")
    )
    assert type_codes(mask) == ["threats", "graffiti"]


def test_dates_use_the_incident_date_and_fall_back_to_the_day_reported() -> None:
    # 23:30 UTC on 31 July is 00:30 on 1 August in London (summer time).
    submitted = datetime.datetime(2026, 7, 31, 23, 30, tzinfo=datetime.UTC)
    known = fact_dates(
        incident_date=datetime.date(2026, 7, 29),
        incident_time=datetime.time(21, 15),
        submitted_at=submitted,
    )
    assert (known.occurred_on, known.reported_on) == (
        datetime.date(2026, 7, 29),
        datetime.date(2026, 8, 1),
    )
    assert (known.month, known.week, known.weekday, known.hour) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 7, 27),
        2,
        21,
    )
    unknown = fact_dates(incident_date=None, incident_time=None, submitted_at=submitted)
    assert unknown.occurred_on == datetime.date(2026, 8, 1)
    assert not unknown.date_known
    assert unknown.hour is None


def test_facts_are_written_with_the_report_and_rebuild_gives_the_same(org_a) -> None:
    la = make_area("TEST-LA", "Fictional Borough")
    ward = make_area("TEST-W1", "Fictional Ward", level=AreaLevel.WARD, parent=la)
    race, religion = make_strand("race"), make_strand("religion")
    when = timezone.now()
    make_report(
        organisation=org_a,
        area=ward,
        strands=[race, religion],
        incident_date=datetime.date(2026, 3, 4),
        incident_types=["threats", "verbal_abuse"],
        submitted_at=when,
    )
    make_report(organisation=org_a, strands=[race], submitted_at=when)

    def snapshot() -> tuple[list, list, list]:
        return (
            list(
                IncidentFact.objects.order_by("report_id").values_list(
                    "occurred_on", "area_id", "local_authority_id", "type_mask", "strand_count"
                )
            ),
            sorted(IncidentStrand.objects.values_list("fact_id", "strand_id", *STRAND_COPIES)),
            sorted(MonthlyCount.objects.values_list("month", "area_key", "strand_key", "count")),
        )

    facts_with_id = list(
        IncidentFact.objects.order_by("report_id").values_list("report_id", flat=True)
    )
    written = snapshot()
    facts, mentions, monthly = written
    assert facts[0] == (
        datetime.date(2026, 3, 4),
        ward.id,
        la.id,
        type_mask(["threats", "verbal_abuse"]),
        2,
    )
    assert len(mentions) == 3
    # Each strand row copies its report's facts, so one strand's counts need no join.
    fact_columns = {
        row[0]: row[1:] for row in IncidentFact.objects.values_list("report_id", *STRAND_COPIES)
    }
    assert all(row[2:] == fact_columns[row[0]] for row in mentions)
    assert {row[1] for row in mentions if row[0] == facts_with_id[0]} == {race.id, religion.id}
    assert (datetime.date(2026, 3, 1), ward.id, ALL_STRANDS, 1) in monthly
    assert (datetime.date(2026, 3, 1), ward.id, race.id, 1) in monthly

    assert incident_facts_rebuild() == 2
    assert snapshot() == written


def test_statistics_refresh_gives_the_planner_statistics_of_the_fact_tables(org_a) -> None:
    make_report(organisation=org_a, strands=[make_strand("race")])
    facts_statistics_refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl LIKE 'reporting_incident%%'"
            )
            analysed = {row[0] for row in cursor.fetchall()}
        else:
            # ANALYZE sets each table's row count (-1 until a table is first analysed).
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relname LIKE 'reporting_incident%%' "
                "AND relkind = 'r' AND reltuples >= 1"
            )
            analysed = {row[0] for row in cursor.fetchall()}
    assert analysed == {"reporting_incidentfact", "reporting_incidentstrand"}
