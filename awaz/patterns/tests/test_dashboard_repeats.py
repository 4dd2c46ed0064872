"""Repeat victimisation and repeat places (``selectors/repeats.py``), counted by hand."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import pytest

from awaz.core.crypto import blind_index
from awaz.patterns.selectors.dashboard import Filters
from awaz.patterns.selectors.repeats import RepeatSummary, repeat_places, repeat_victims
from awaz.reporting.tests.factories import make_area, make_report

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 3, 15)
FILTERS = Filters(start=datetime.date(2026, 1, 1), end=END)


def _report(org: Any, day: str, **fields: Any) -> None:
    make_report(organisation=org, incident_date=datetime.date.fromisoformat(day), **fields)


def test_repeat_victims_match_the_first_blind_index_and_count_only_victims(org_a):
    email = "repeat.victim@example.org"
    phone = blind_index("phone", "07700900111")
    name = blind_index("name", "fictional person")
    # The same e-mail twice (one on the victim's behalf): a repeat victim.
    _report(org_a, "2025-06-01", email=email)
    _report(org_a, "2026-03-01", email=email, reporter_role="on_behalf")
    # A phone number once; a name once, then again with a phone number the name is ignored.
    _report(org_a, "2025-08-01", phone_index=phone)
    _report(org_a, "2025-09-01", name_index=name)
    _report(org_a, "2025-10-01", name_index=name, phone_index=blind_index("phone", "07700900222"))
    # Unknown: no index at all.
    _report(org_a, "2025-11-01", is_anonymous=True)
    # Not counted: a witness (even with the same e-mail), and one outside the 12 months.
    _report(org_a, "2025-12-01", email=email, reporter_role="witness")
    _report(org_a, "2025-03-15", email=email)

    summary = repeat_victims(FILTERS)
    # Known: the e-mail (2), the phone (1), the name (1), the second phone (1).
    assert summary == RepeatSummary(
        start=datetime.date(2025, 3, 16),
        end=END,
        known=4,
        repeats=1,
        rate=0.25,
        incidents_unknown=1,
    )
    assert not [f for f in dataclasses.fields(summary) if "key" in f.name]


def test_repeat_victims_follow_the_other_filters(org_a):
    email = "filtered.victim@example.org"
    _report(org_a, "2025-06-01", email=email, channel="phone")
    _report(org_a, "2026-02-01", email=email)
    assert repeat_victims(FILTERS).repeats == 1
    only_online = dataclasses.replace(FILTERS, channels=("online",))
    summary = repeat_victims(only_online)
    assert (summary.known, summary.repeats, summary.rate) == (1, 0, 0.0)


def test_no_victims_gives_no_rate(db):
    summary = repeat_victims(FILTERS)
    assert (summary.known, summary.repeats, summary.rate, summary.incidents_unknown) == (
        0,
        0,
        None,
        0,
    )


def test_repeat_places_by_grid_square_with_the_busiest_listed(org_a):
    north = make_area("TEST-W-N", "Fictional Northgate")
    south = make_area("TEST-W-S", "Fictional Southgate", lon=-2.9)

    def at(day: str, easting: int, northing: int, area: Any = north) -> None:
        _report(org_a, day, grid_easting=easting, grid_northing=northing, area=area)

    for day in ("2025-04-01", "2025-05-01", "2026-01-01"):
        at(day, 340025, 550025)  # three in one square
    at("2025-07-01", 340075, 550025)  # two in the next square, in two areas
    at("2025-08-01", 340075, 550025, south)
    at("2025-09-01", 340075, 550025, south)
    at("2025-10-01", 341025, 551025)  # once
    at("2024-12-01", 341025, 551025)  # outside the 12 months
    _report(org_a, "2025-11-01")  # no place

    summary, places = repeat_places(FILTERS)
    assert (summary.known, summary.repeats, summary.incidents_unknown) == (3, 2, 1)
    assert summary.rate == pytest.approx(0.6667)
    assert [(p.easting, p.northing, p.area_name, p.count) for p in places] == [
        (340025, 550025, "Fictional Northgate", 3),
        (340075, 550025, "Fictional Southgate", 3),
    ]
    # Without permission to list them, the same rate and no list.
    assert repeat_places(FILTERS, top=0) == (summary, [])
    assert len(repeat_places(FILTERS, top=1)[1]) == 1
