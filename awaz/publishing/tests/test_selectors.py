"""A quarter's counts against a fixture counted by hand."""

from __future__ import annotations

import datetime

import pytest

from awaz.publishing.periods import Quarter
from awaz.publishing.selectors import first_counted_day, quarter_counts
from awaz.reporting.models import Strand

D = datetime.date
Q1 = Quarter(2025, 1)  # April to June 2025


def as_dict(counts, table, recorded_by):
    return {category.code: n for category, n in counts[(table, recorded_by)]}


@pytest.fixture
def quarter(reports):
    r = reports
    # Counted, partner-recorded:
    r.partner(
        D(2025, 4, 1), strands=("race", "religion"), types=("verbal_abuse", "threats"), area=r.north
    )
    r.partner(D(2025, 6, 30), strands=("race",), types=("physical_assault",), area=r.south_ward)
    r.partner(D(2025, 5, 10), strands=(), types=())  # no strand, no type, no place
    r.partner_case(D(2025, 5, 12), "asb", strands=("race",), types=("graffiti",), area=r.north)
    # No date given: counted on the day it was reported (20 May 2025).
    r.partner(
        None,
        strands=("sexual-orientation",),
        submitted_at=datetime.datetime(2025, 5, 20, 10, tzinfo=datetime.UTC),
    )
    # Counted, police-recorded:
    r.police(D(2025, 5, 11), strands=("disability",), area=r.north)
    # Not counted: closed at triage as a test, and outside the quarter.
    r.closed(D(2025, 5, 13), area=r.north)
    r.partner(D(2025, 3, 31), area=r.north)
    r.partner(D(2025, 7, 1), area=r.north)
    return quarter_counts(Q1)


def test_strands_are_mentions_and_kept_apart_by_recorder(quarter):
    partner = as_dict(quarter, "strand", "partner")
    police = as_dict(quarter, "strand", "police")
    assert partner == {
        "race": 3,
        "religion": 1,
        "sexual-orientation": 1,
        "disability": 0,
        "transgender": 0,
        "none-named": 1,
    }
    assert police == {
        "race": 0,
        "religion": 0,
        "sexual-orientation": 0,
        "disability": 1,
        "transgender": 0,
        "none-named": 0,
    }


def test_local_authorities_count_each_report_once(quarter):
    assert as_dict(quarter, "local_authority", "partner") == {
        "TEST-NORTH": 2,
        "TEST-SOUTH": 1,  # placed in a ward of Southdale
        "not-known": 2,
    }
    assert as_dict(quarter, "local_authority", "police") == {
        "TEST-NORTH": 1,
        "TEST-SOUTH": 0,
        "not-known": 0,
    }


def test_incident_types_are_mentions(quarter):
    partner = as_dict(quarter, "incident_type", "partner")
    assert partner == {
        "verbal_abuse": 2,
        "threats": 1,
        "physical_assault": 1,
        "harassment": 0,
        "criminal_damage": 0,
        "graffiti": 1,
        "online_abuse": 0,
        "other": 0,
        "not-given": 1,
    }
    assert sum(as_dict(quarter, "incident_type", "police").values()) == 1


def test_categories_are_in_order_with_names(quarter):
    strands = quarter[("strand", "partner")]
    assert [c.label for c, _n in strands][:2] == ["Race or ethnicity", "Religion or belief"]
    assert strands[-1][0].label == "No strand named"
    types = quarter[("incident_type", "police")]
    assert types[0][0].label == "Verbal abuse, insults or name-calling"


def test_a_retired_strand_is_listed_only_while_it_has_mentions(reports):
    Strand.objects.create(code="fictional-retired", name="Fictional retired", is_active=False)
    reports.partner(D(2025, 4, 2), strands=("fictional-retired",))
    listed = {c.code for c, _n in quarter_counts(Q1)[("strand", "partner")]}
    assert "fictional-retired" in listed
    listed = {c.code for c, _n in quarter_counts(Q1.next())[("strand", "partner")]}
    assert "fictional-retired" not in listed


def test_first_counted_day_ignores_closed_reports(reports):
    assert first_counted_day() is None
    reports.closed(D(2024, 1, 5))
    reports.partner(D(2024, 2, 6))
    assert first_counted_day() == D(2024, 2, 6)
