"""The dashboard's selectors on a small, hand-counted set of fictional reports.

Every expected number below was counted by hand from the table in ``world``; the
selectors are optimised for a million incidents (``benchmarks/dashboard.py``) and these
tests keep their answers exactly what they were.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pytest

from awaz.geo.models import Area, AreaLevel
from awaz.geo.services import area_populations_set
from awaz.patterns.selectors import dashboard as dashboard_module
from awaz.patterns.selectors.concern import area_hot_spots, areas_of_concern
from awaz.patterns.selectors.dashboard import (
    DayHour,
    Filters,
    area_counts,
    channel_source_counts,
    dashboard_queries,
    day_hour,
    facts_in,
    headline,
    incident_type_counts,
    rows_in,
    strand_mentions,
    trend,
)
from awaz.reporting.models import IncidentFact, IncidentStrand, Strand
from awaz.reporting.tests.factories import make_area, make_report, make_strand

pytestmark = pytest.mark.django_db

D = datetime.date
# The period most tests use: 1 March to 31 August 2026 (184 days, so charted by month).
START, END = D(2026, 3, 1), D(2026, 8, 31)


@dataclass
class World:
    la1: Area
    la2: Area
    w1: Area
    w2: Area
    w3: Area
    race: Strand
    religion: Strand
    disability: Strand
    local: Strand
    ids: dict[str, int]


# name: (incident date or None, time, types, strands, area, channel, reporter role)
# r7 has no date: it counts on the day it was reported (Saturday 4 July 2026), without hour.
REPORTS = {
    "r1": (
        D(2026, 3, 2),
        (21, 15),
        ["verbal_abuse", "threats"],
        ["race", "religion"],
        "w1",
        "online",
        "victim",
    ),
    "r2": (D(2026, 3, 15), None, ["verbal_abuse"], ["race"], "w1", "phone", "witness"),
    "r3": (D(2026, 4, 10), (9, 5), ["physical_assault"], ["disability"], "w2", "online", "victim"),
    "r4": (
        D(2026, 5, 20),
        (23, 59),
        ["graffiti", "criminal_damage"],
        [],
        "la2",
        "in_person",
        "on_behalf",
    ),
    "r5": (D(2026, 6, 30), (0, 0), ["online_abuse"], ["religion"], None, "online", "victim"),
    "r6": (D(2026, 8, 31), (12, 30), ["threats"], ["race"], "w3", "online", "witness"),
    "r7": (None, (14, 0), ["harassment"], ["race"], "w2", "phone", "victim"),
    # Outside the period.
    "r8": (D(2026, 2, 28), None, ["verbal_abuse"], ["race"], "w1", "online", "victim"),
    "r9": (D(2026, 9, 1), None, ["verbal_abuse"], ["race"], "w1", "online", "victim"),
    # A year earlier (1 March to 31 August 2025) and around it.
    "r10": (D(2025, 3, 1), None, ["verbal_abuse"], ["race"], "w1", "online", "victim"),
    "r11": (D(2025, 8, 31), None, ["threats"], ["religion"], "w3", "online", "victim"),
    "r12": (D(2025, 9, 1), None, ["verbal_abuse"], ["disability"], "w3", "online", "victim"),
    "r13": (D(2025, 3, 5), (10, 0), ["verbal_abuse"], ["religion"], "w2", "online", "victim"),
}


@pytest.fixture
def world(org_a) -> World:
    la1 = make_area("TEST-LA1", "Fictional Borough", lon=-3.0, lat=54.8, size=0.2)
    la2 = make_area("TEST-LA2", "Imaginary District", lon=-2.8, lat=54.8, size=0.2)
    w1 = make_area("TEST-W1", "Alder Ward", level=AreaLevel.WARD, parent=la1, lon=-3.0, lat=54.8)
    w2 = make_area("TEST-W2", "Birch Ward", level=AreaLevel.WARD, parent=la1, lon=-2.95, lat=54.8)
    w3 = make_area("TEST-W3", "Cedar Ward", level=AreaLevel.WARD, parent=la2, lon=-2.8, lat=54.8)
    area_populations_set(values={"TEST-W1": (2000, 2024), "TEST-W3": (500, 2024)})  # W2 unknown
    strands = {
        "race": Strand.objects.get(code="race"),
        "religion": Strand.objects.get(code="religion"),
        "disability": Strand.objects.get(code="disability"),
    }
    local = make_strand("fictional-local", "Fictional local strand", sort_order=60)
    areas = {"w1": w1, "w2": w2, "w3": w3, "la2": la2}
    ids = {}
    for name, (day, time, types, codes, area, channel, role) in REPORTS.items():
        report, _code = make_report(
            organisation=org_a,
            incident_date=day,
            incident_time=datetime.time(*time) if time else None,
            incident_types=types,
            strands=[strands[c] for c in codes],
            area=areas[area] if area else None,
            channel=channel,
            reporter_role=role,
            # 10:00 UTC is 11:00 in London: the same day.
            submitted_at=datetime.datetime(
                *(day or D(2026, 7, 4)).timetuple()[:3], 10, 0, tzinfo=datetime.UTC
            ),
        )
        ids[name] = report.pk
    return World(la1, la2, w1, w2, w3, local=local, ids=ids, **strands)


def scoped(**kwargs) -> Filters:
    return Filters(**{"start": START, "end": END, **kwargs}).with_area_scope()


def reports(world: World, filters: Filters) -> set[str]:
    found = set(facts_in(filters).values_list("report_id", flat=True))
    return {name for name, pk in world.ids.items() if pk in found}


# --- facts_in ---------------------------------------------------------------------------------


def test_facts_in_applies_each_filter(world) -> None:
    assert reports(world, scoped()) == {"r1", "r2", "r3", "r4", "r5", "r6", "r7"}
    assert reports(world, scoped(strands=(world.race.pk,))) == {"r1", "r2", "r6", "r7"}
    # Several strands mean "any of"; a report naming both is still one report.
    both = scoped(strands=(world.race.pk, world.religion.pk))
    assert reports(world, both) == {"r1", "r2", "r5", "r6", "r7"}
    assert facts_in(both).count() == 5
    assert reports(world, scoped(area=world.la1.pk)) == {"r1", "r2", "r3", "r7"}
    assert reports(world, scoped(area=world.la2.pk)) == {"r4", "r6"}
    assert reports(world, scoped(area=world.w2.pk)) == {"r3", "r7"}
    assert reports(world, scoped(incident_types=("threats", "graffiti"))) == {"r1", "r4", "r6"}
    assert reports(world, scoped(channels=("phone",))) == {"r2", "r7"}
    assert reports(world, scoped(sources=("witness", "on_behalf"))) == {"r2", "r4", "r6"}
    combined = scoped(incident_types=("threats",), channels=("online",), strands=(world.race.pk,))
    assert reports(world, combined) == {"r1", "r6"}
    # Without with_area_scope the scope is worked out on the way.
    assert reports(world, Filters(start=START, end=END, area=world.la1.pk)) == {
        "r1",
        "r2",
        "r3",
        "r7",
    }


# --- headline ---------------------------------------------------------------------------------


def test_headline_counts_the_period_a_year_earlier_and_the_monthly_average(world) -> None:
    h = headline(scoped())
    # Now: r1-r7 (r7 by the day reported). A year earlier: r10, r11, r13.
    # The 12 months before August 2026 (August 2025 to July 2026): r11, r12, r8, r1, r2,
    # r3, r4, r5, r7 = 9, so 0.75 a month, shown as 0.8.
    assert (h.total, h.last_year, h.change, h.pct_change) == (7, 3, 4, 133.3)
    assert (h.monthly_average, h.date_unknown) == (0.8, 1)


def test_headline_under_filters(world) -> None:
    race = headline(scoped(strands=(world.race.pk,)))
    # r1, r2, r6, r7; a year earlier r10; the twelve months: r8, r1, r2, r7.
    assert (race.total, race.last_year, race.change, race.pct_change) == (4, 1, 3, 300.0)
    assert (race.monthly_average, race.date_unknown) == (round(4 / 12, 1), 1)
    la2 = headline(scoped(area=world.la2.pk))
    # r4, r6; a year earlier r11; the twelve months: r11, r12, r4.
    assert (la2.total, la2.last_year, la2.monthly_average, la2.date_unknown) == (2, 1, 0.2, 0)
    none_before = headline(scoped(channels=("in_person",)))
    assert (none_before.total, none_before.last_year, none_before.pct_change) == (1, 0, None)


# --- trend ------------------------------------------------------------------------------------


def test_trend_by_month_with_the_same_months_a_year_earlier(world) -> None:
    t = trend(scoped())
    assert t.unit == "month"
    assert t.starts == [D(2026, m, 1) for m in range(3, 9)]
    assert t.counts == [2, 1, 1, 1, 1, 1]
    assert t.last_year == [2, 0, 0, 0, 0, 1]  # r10 and r13 in March, r11 in August
    religion = trend(scoped(strands=(world.religion.pk,)))
    assert religion.counts == [1, 0, 0, 1, 0, 0]
    assert religion.last_year == [1, 0, 0, 0, 0, 1]


def test_trend_by_week_compares_with_52_weeks_earlier(world) -> None:
    t = trend(scoped(start=D(2026, 3, 2), end=D(2026, 3, 29)))
    assert t.unit == "week"
    assert t.starts == [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23)]
    assert t.counts == [1, 1, 0, 0]  # r1 on Monday 2 March, r2 on Sunday 15 March
    # 52 weeks earlier starts on Monday 3 March 2025: r13 (5 March), not r10 (1 March).
    assert t.last_year == [1, 0, 0, 0]
    # A period starting mid-week counts only its own days in the first week.
    mid = trend(scoped(start=D(2026, 3, 4), end=D(2026, 3, 15)))
    assert mid.starts == [D(2026, 3, 2), D(2026, 3, 9)]
    assert mid.counts == [0, 1]
    assert mid.last_year == [1, 0]  # r13, on 5 March 2025: 52 weeks before the 4th


def test_trend_over_a_year_counts_each_series_on_its_own_days(world) -> None:
    # 2 September 2025 to 1 September 2026: September 2025 is the first month of the period
    # and last year's month for its last month; each series counts only its own days.
    t = trend(scoped(start=D(2025, 9, 2), end=D(2026, 9, 1)))
    assert t.starts[0] == D(2025, 9, 1) and t.starts[-1] == D(2026, 9, 1)
    assert t.counts == [0, 0, 0, 0, 0, 1, 2, 1, 1, 1, 1, 1, 1]  # r12 is on 1 September 2025
    assert t.last_year == [0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 1]  # r10, r13; r11; r12


def test_part_months_count_only_their_own_days(world) -> None:
    # 10 February to 30 August 2026: whole months March to July, and the days of February
    # (r8 on the 28th) and of August before the 31st (not r6).
    part = scoped(start=D(2026, 2, 10), end=D(2026, 8, 30))
    h = headline(part)
    # A year earlier (10 February to 30 August 2025): r10, r13, not r11 (31 August).
    assert (h.total, h.last_year, h.monthly_average, h.date_unknown) == (7, 2, 0.8, 1)
    race = headline(scoped(start=D(2026, 2, 10), end=D(2026, 8, 30), strands=(world.race.pk,)))
    assert (race.total, race.last_year) == (4, 1)  # r1, r2, r7, r8; r10
    t = trend(part)
    assert t.starts == [D(2026, m, 1) for m in range(2, 9)]
    assert t.counts == [1, 2, 1, 1, 1, 1, 0]
    assert t.last_year == [0, 2, 0, 0, 0, 0, 0]
    assert [(r.area.code, r.count) for r in area_counts(part)] == [
        ("TEST-W1", 3),
        ("TEST-W2", 2),
        ("TEST-W3", 0),
    ]
    mentions = tallies(strand_mentions(part))
    assert (mentions["race"], mentions["religion"], mentions["disability"]) == (4, 2, 1)


def test_two_strands_count_each_report_once(world) -> None:
    both = scoped(strands=(world.race.pk, world.religion.pk))
    h = headline(both)
    # r1 names both. A year earlier: r10, r11, r13. Twelve months: r11, r8, r1, r2, r5, r7.
    assert (h.total, h.last_year, h.monthly_average, h.date_unknown) == (5, 3, 0.5, 1)
    assert trend(both).counts == [2, 0, 0, 1, 1, 1]
    assert [(r.area.code, r.count) for r in area_counts(both)] == [
        ("TEST-W1", 2),
        ("TEST-W2", 1),
        ("TEST-W3", 1),
    ]
    assert tallies(incident_type_counts(both))["verbal_abuse"] == 2


def test_an_area_deleted_after_its_reports_leaves_them_unplaced(world) -> None:
    # The monthly counts keep the deleted area's id; the facts lose it. Both agree.
    Area.objects.filter(pk=world.w2.pk).delete()
    rows = area_counts(scoped())
    assert [(r.area.code, r.count) for r in rows] == [("TEST-W1", 2), ("TEST-W3", 1)]
    assert [(r.area.code, r.count) for r in area_counts(scoped(), level="local_authority")] == [
        ("TEST-LA1", 2),
        ("TEST-LA2", 2),
    ]
    assert headline(scoped()).total == 7
    assert areas_of_concern(month=D(2026, 8, 1)).cells_tested == 5  # W2's three cells gone


# --- strands, incident types, channels, sources -----------------------------------------------


def tallies(rows) -> dict[str, int]:
    return {t.code: t.count for t in rows}


def test_strand_mentions_count_each_strand_a_report_names(world) -> None:
    rows = strand_mentions(scoped())
    assert [t.code for t in rows] == [
        "race",
        "religion",
        "sexual-orientation",
        "disability",
        "transgender",
        "fictional-local",
    ]
    assert [t.count for t in rows] == [4, 2, 0, 1, 0, 0]
    assert rows[0].label == "Race or ethnicity"
    # Area: r1 (race, religion), r2, r3 (disability), r7.
    assert tallies(strand_mentions(scoped(area=world.la1.pk))) == {
        "race": 3,
        "religion": 1,
        "sexual-orientation": 0,
        "disability": 1,
        "transgender": 0,
        "fictional-local": 0,
    }
    # A strand filter keeps only that strand's mentions.
    only = tallies(strand_mentions(scoped(strands=(world.religion.pk,))))
    assert (only["race"], only["religion"], only["disability"]) == (0, 2, 0)
    # Other filters go through the facts: threats online is r1 and r6.
    typed = tallies(strand_mentions(scoped(incident_types=("threats",), channels=("online",))))
    assert (typed["race"], typed["religion"], typed["disability"]) == (2, 1, 0)
    by_source = tallies(strand_mentions(scoped(sources=("victim",), area=world.w2.pk)))
    assert (by_source["race"], by_source["disability"]) == (1, 1)


def test_incident_type_counts_count_every_type_a_report_names(world) -> None:
    assert tallies(incident_type_counts(scoped())) == {
        "verbal_abuse": 2,
        "threats": 2,
        "physical_assault": 1,
        "harassment": 1,
        "criminal_damage": 1,
        "graffiti": 1,
        "online_abuse": 1,
        "other": 0,
    }
    race = tallies(incident_type_counts(scoped(strands=(world.race.pk,))))
    assert (race["verbal_abuse"], race["threats"], race["harassment"]) == (2, 2, 1)
    assert sum(race.values()) == 5


def test_channel_source_counts(world) -> None:
    assert channel_source_counts(scoped()) == {
        "channel": {"online": 4, "phone": 2, "in_person": 1},
        "source": {"victim": 4, "witness": 2, "on_behalf": 1},
    }
    assert channel_source_counts(scoped(area=world.la1.pk, strands=(world.race.pk,))) == {
        "channel": {"online": 1, "phone": 2},
        "source": {"victim": 2, "witness": 1},
    }
    assert channel_source_counts(scoped(start=D(2027, 1, 1), end=D(2027, 1, 31))) == {
        "channel": {},
        "source": {},
    }


# --- areas ------------------------------------------------------------------------------------


def test_area_counts_at_the_deepest_level_with_rates(world) -> None:
    rows = area_counts(scoped())
    # r4 is placed only in its local authority and r5 nowhere: neither is in a ward.
    assert [(r.area.code, r.count, r.rate_per_1000) for r in rows] == [
        ("TEST-W1", 2, 1.0),
        ("TEST-W2", 2, None),
        ("TEST-W3", 1, 2.0),
    ]
    assert rows[0].area.population == 2000
    assert rows[0].area.parent_id == world.la1.pk


def test_area_counts_at_other_levels_and_within_an_area(world) -> None:
    by_la = area_counts(scoped(), level="local_authority")
    assert [(r.area.code, r.count) for r in by_la] == [("TEST-LA1", 4), ("TEST-LA2", 2)]
    county = area_counts(scoped(), level="county")
    assert [(r.area.code, r.count) for r in county] == [("TEST-COUNTY", 6)]
    within = area_counts(scoped(area=world.la1.pk))
    assert [(r.area.code, r.count) for r in within] == [("TEST-W1", 2), ("TEST-W2", 2)]
    one = area_counts(scoped(area=world.w3.pk, incident_types=("threats",)))
    assert [(r.area.code, r.count) for r in one] == [("TEST-W3", 1)]


# --- day of week x hour -----------------------------------------------------------------------


def test_day_hour_table_and_unknown_times(world) -> None:
    result = day_hour(scoped())
    expected = np.zeros((7, 24), dtype=np.int64)
    expected[0, 21] = 1  # r1 Monday 21:15
    expected[4, 9] = 1  # r3 Friday 09:05
    expected[2, 23] = 1  # r4 Wednesday 23:59
    expected[1, 0] = 1  # r5 Tuesday 00:00
    expected[0, 12] = 1  # r6 Monday 12:30
    np.testing.assert_array_equal(result.table, expected)
    assert result.time_unknown == 2  # r2 gave no time; r7 no date, so its time is not used
    online = day_hour(scoped(channels=("online",), area=world.la1.pk))
    assert int(online.table.sum()) == 2 and online.time_unknown == 0


def test_dashboard_queries_name_every_selector(world) -> None:
    queries = dashboard_queries()
    assert set(queries) == {
        "headline",
        "trend",
        "strand_mentions",
        "incident_types",
        "channels_sources",
        "area_counts",
        "day_hour",
    }
    assert queries["headline"](scoped()).total == 7


# --- areas of concern and hot spots -----------------------------------------------------------


def test_areas_of_concern_test_every_area_strand_cell(world) -> None:
    summary = areas_of_concern(month=D(2026, 8, 1))
    # Placed area x strand cells with a count from July 2023 to August 2026: W1 race, W1
    # religion, W2 disability, W2 race, W2 religion, W3 race, W3 religion, W3 disability.
    assert summary.month == D(2026, 8, 1)
    assert summary.cells_tested == 8
    assert summary.county_total == 1  # r6 in August 2026 (r5 is not placed)
    assert areas_of_concern(month=D(2026, 8, 1), strands=(world.race.pk,)).cells_tested == 3
    # March 2026 within the first borough: W1 race, W1 religion, W2 religion (r13); W2's
    # other cells start later. The total is r1 and r2.
    la1 = areas_of_concern(month=D(2026, 3, 1), area=world.la1.pk)
    assert (la1.cells_tested, la1.county_total) == (3, 2)


def test_area_hot_spots_one_result_per_area_on_rates_or_counts(world) -> None:
    filters = scoped()
    counts = area_counts(filters)
    # W2 has no population, so the test runs on counts.
    tested, spots = area_hot_spots(counts, filters=filters, permutations=99)
    assert tested == "count"
    assert [(s.area.code, s.value) for s in spots] == [
        ("TEST-W1", 2.0),
        ("TEST-W2", 2.0),
        ("TEST-W3", 1.0),
    ]
    assert area_hot_spots(counts[:2], filters=filters) == ("count", [])


# --- one strand: counted from the strand rows, the same as from the facts ---------------------

# Reports naming several strands, added to ``world`` for the tests below (same columns as
# REPORTS). m3 has no date: it counts on the day reported, Saturday 9 May 2026.
SEVERAL = {
    "m1": (
        D(2026, 4, 18),
        (19, 45),
        ["harassment", "threats"],
        ["race", "religion", "disability"],
        "w3",
        "in_person",
        "on_behalf",
    ),
    "m2": (D(2026, 6, 6), None, ["verbal_abuse"], ["religion", "local"], "w2", "phone", "victim"),
    "m3": (None, (8, 0), ["online_abuse"], ["race", "disability"], "w1", "online", "witness"),
    "m4": (D(2025, 4, 2), (17, 10), ["threats"], ["race", "local"], "w1", "online", "victim"),
}


def add_several(world: World, org) -> None:
    strands = {
        "race": world.race,
        "religion": world.religion,
        "disability": world.disability,
        "local": world.local,
    }
    areas = {"w1": world.w1, "w2": world.w2, "w3": world.w3}
    for name, (day, time, types, codes, area, channel, role) in SEVERAL.items():
        report, _code = make_report(
            organisation=org,
            incident_date=day,
            incident_time=datetime.time(*time) if time else None,
            incident_types=types,
            strands=[strands[c] for c in codes],
            area=areas[area],
            channel=channel,
            reporter_role=role,
            submitted_at=datetime.datetime(
                *(day or D(2026, 5, 9)).timetuple()[:3], 10, 0, tzinfo=datetime.UTC
            ),
        )
        world.ids[name] = report.pk


def plain(value):
    """A selector's result in a form ``==`` can compare (NumPy tables as lists)."""
    if isinstance(value, DayHour):
        return (value.table.tolist(), value.time_unknown)
    return value


def every_count(filters: Filters) -> dict:
    return {name: plain(fn(filters)) for name, fn in dashboard_queries().items()}


ONE_STRAND_VARIANTS = [
    {},
    {"area": "la1"},
    {"area": "w1"},
    {"incident_types": ("threats",)},
    {"channels": ("online",), "incident_types": ("threats", "harassment")},
    {"sources": ("victim", "on_behalf")},
    {"start": D(2026, 2, 10), "end": D(2026, 8, 30)},  # part months
    {"start": D(2026, 3, 30), "end": D(2026, 5, 10)},  # by week
    {"start": D(2025, 9, 2), "end": D(2026, 9, 1)},  # over a year
]


def with_area(world: World, variant: dict) -> dict:
    return {**variant, "area": getattr(world, variant["area"]).pk} if "area" in variant else variant


def test_one_strand_counts_read_the_strand_rows(world) -> None:
    one = scoped(strands=(world.race.pk,))
    assert rows_in(one).model is IncidentStrand
    assert rows_in(scoped(strands=(world.race.pk, world.religion.pk))).model is IncidentFact
    assert rows_in(scoped()).model is IncidentFact
    # The strand's rows are the reports naming it, each once, as the facts join gives.
    assert sorted(rows_in(one).values_list("fact_id", flat=True)) == sorted(
        facts_in(one).values_list("report_id", flat=True)
    )


def test_one_strand_gives_what_the_several_strand_path_gives(world, org_a, monkeypatch) -> None:
    add_several(world, org_a)
    for strand in (world.race, world.religion, world.local):
        for variant in ONE_STRAND_VARIANTS:
            filters = scoped(strands=(strand.pk,), **with_area(world, variant))
            from_strand_rows = every_count(filters)
            with monkeypatch.context() as patched:
                # The facts path (a strand filter on the facts, as for several strands).
                patched.setattr(dashboard_module, "_one_strand", lambda f: False)
                assert rows_in(filters).model is IncidentFact
                from_facts = every_count(filters)
            assert from_strand_rows == from_facts, (strand.code, variant)


def test_one_strand_counts_equal_a_count_by_hand(world, org_a) -> None:
    add_several(world, org_a)
    # Every report, as (date counted on, date known, hour, types, strands, ward or area,
    # channel, role); r7 and m3 count on the day reported, without an hour.
    table = {**REPORTS, **SEVERAL}
    reported = {"r7": D(2026, 7, 4), "m3": D(2026, 5, 9)}
    la1_wards = {"w1", "w2"}
    for code in ("race", "religion", "disability", "local"):
        strand = getattr(world, code)
        for area in (None, "la1"):
            mine = {
                name: row
                for name, row in table.items()
                if code in row[3]
                and START <= (row[0] or reported[name]) <= END
                and (area is None or row[4] in la1_wards)
            }
            filters = scoped(strands=(strand.pk,), **({"area": world.la1.pk} if area else {}))
            assert headline(filters).total == len(mine), (code, area)
            assert headline(filters).date_unknown == sum(1 for r in mine.values() if not r[0])
            channels: dict[str, int] = {}
            sources: dict[str, int] = {}
            for row in mine.values():
                channels[row[5]] = channels.get(row[5], 0) + 1
                sources[row[6]] = sources.get(row[6], 0) + 1
            assert channel_source_counts(filters) == {"channel": channels, "source": sources}
            types = tallies(incident_type_counts(filters))
            for t in types:
                assert types[t] == sum(1 for r in mine.values() if t in r[2]), (code, t)
            table_by_hand = np.zeros((7, 24), dtype=np.int64)
            for row in mine.values():
                if row[0] and row[1]:
                    table_by_hand[row[0].weekday(), row[1][0]] += 1
            result = day_hour(filters)
            np.testing.assert_array_equal(result.table, table_by_hand)
            assert result.time_unknown == len(mine) - int(table_by_hand.sum())
            wards = {r.area.code: r.count for r in area_counts(filters)}
            for ward_code, count in wards.items():
                key = "w" + ward_code[-1]
                assert count == sum(1 for r in mine.values() if r[4] == key), (code, ward_code)
            # Mentions: the chosen strand's count is its reports.
            assert tallies(strand_mentions(filters))[strand.code] == len(mine)
