"""The attacker: from every number published (all three named tables, both recorders, every
quarter and year, in the previous publication and in this one), bound each hidden cell with
linear programming, and fail to pin any of them down.

The attacker here is written from the CSV files alone and the relations the page states (a
table's categories add up to its total; a year's cell is the sum of its four quarters'), not
from ``disclosure``, so it checks the publishing code rather than repeating it. It solves
two programmes per hidden cell (minimum and maximum, counts at least 0), once over real
numbers and once over whole numbers. DOMAIN.md gives no protection range, so the test
requires what ``disclosure`` promises: no hidden cell is pinned to one value, and a
hidden small count (1 to 4) could be 0 and could be 5 or more, so its interval holds values
on both sides of the threshold.

A third test gives the attacker its teeth: the same fixture published with primary
suppression only, and with the quarters protected one by one but the year's totals added
without regard to them, is broken both ways.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
from collections import defaultdict
from collections.abc import Mapping

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from awaz.publishing.models import ReleaseCell
from awaz.publishing.periods import Quarter
from awaz.publishing.services import statistics_publish_due
from awaz.publishing.tables import Category, PlannedCell, plan_release

D = datetime.date
THRESHOLD = 5
SLUGS = ("strand", "local-authority", "incident-type")

# table, recorded_by, period_type, period_start, category_code
Key = tuple[str, str, str, str, str]


# --- the attacker -----------------------------------------------------------------------------


def quarter_starts(year_start: str) -> list[str]:
    year = int(year_start[:4])
    return [f"{year}-04-01", f"{year}-07-01", f"{year}-10-01", f"{year + 1}-01-01"]


def relations(published: Mapping[Key, int | None]) -> list[tuple[Key, list[Key]]]:
    """Every equation the page states between the published numbers."""
    tables: dict[tuple[str, str, str, str], list[Key]] = defaultdict(list)
    for key in published:
        tables[key[:4]].append(key)
    found = []
    for table, keys in tables.items():
        found.append(((*table, "total"), [k for k in keys if k[4] != "total"]))
        if table[2] == "financial_year":
            for key in keys:
                found.append(
                    (key, [(key[0], key[1], "quarter", q, key[4]) for q in quarter_starts(key[3])])
                )
    return found


def attack(published: Mapping[Key, int | None], *, integer: bool) -> dict[Key, tuple[float, float]]:
    """The tightest bounds on every hidden (None) cell, from every shown cell. Equations
    that share no hidden cell are independent, so each connected set is solved alone."""
    equations = []
    for total, parts in relations(published):
        unknown: dict[Key, float] = defaultdict(float)
        rhs = 0.0
        for key, sign in [(total, 1.0)] + [(p, -1.0) for p in parts]:
            if published.get(key, 0) is None:
                unknown[key] += sign
            else:
                rhs -= sign * (published.get(key) or 0)  # a quarter that did not list it: 0
        if unknown:
            equations.append((dict(unknown), rhs))
        else:
            assert rhs == 0, f"the published numbers contradict each other at {total}"
    groups: dict[Key, list] = {}  # hidden cell -> the equations of its connected set
    for equation in equations:
        linked = {id(groups[k]): groups[k] for k in equation[0] if k in groups}
        merged = [equation] + [e for group in linked.values() for e in group]
        for e in merged:
            for k in e[0]:
                groups[k] = merged
    bounds = {k: (0.0, math.inf) for k, v in published.items() if v is None}  # unlinked
    for group in {id(g): g for g in groups.values()}.values():
        bounds |= _solve(group, integer=integer)
    return bounds


_SOLVED: dict[tuple, dict[Key, tuple[float, float]]] = {}


def _solve(equations: list, *, integer: bool) -> dict[Key, tuple[float, float]]:
    memo = (integer, frozenset((frozenset(u.items()), rhs) for u, rhs in equations))
    if memo in _SOLVED:  # the same equations as an earlier download: the same answer
        return _SOLVED[memo]
    hidden = sorted({k for unknown, _rhs in equations for k in unknown})
    index = {k: i for i, k in enumerate(hidden)}
    a_eq = np.zeros((len(equations), len(hidden)))
    for row, (unknown, _rhs) in enumerate(equations):
        for key, sign in unknown.items():
            a_eq[row, index[key]] = sign
    b_eq = np.array([rhs for _unknown, rhs in equations])
    bounds = {}
    for key in hidden:
        c = np.zeros(len(hidden))
        c[index[key]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            out = linprog(sign * c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            assert out.status in (0, 3), out.message
            if out.status == 0 and integer:  # unbounded over reals: over whole numbers too
                out = milp(
                    sign * c,
                    constraints=LinearConstraint(a_eq, b_eq, b_eq),
                    integrality=np.ones(len(hidden)),
                    bounds=Bounds(0, np.inf),
                )
                assert out.status == 0, out.message
            ends.append(math.inf if out.status == 3 else sign * out.fun)
        bounds[key] = (ends[0], ends[1])
    _SOLVED[memo] = bounds
    return bounds


def csv_snapshot(client) -> dict[Key, int | None]:
    """Everything the public can download now (once the daily job has run)."""
    statistics_publish_due()
    published: dict[Key, int | None] = {}
    for slug in SLUGS:
        response = client.get(f"/statistics/{slug}.csv")
        for row in csv.DictReader(io.StringIO(response.content.decode())):
            key = (row["table"], row["recorded_by"], row["period_type"], row["period_start"],
                   row["category_code"])  # fmt: skip
            published[key] = None if row["marker"] == "[c]" else int(row["count"])
    return published


def combined(*snapshots: Mapping[Key, int | None]) -> dict[Key, int | None]:
    """The attacker keeps every download; a number shown once is known for ever."""
    merged: dict[Key, int | None] = {}
    for snapshot in snapshots:
        for key, value in snapshot.items():
            if merged.get(key) is not None and value is not None:
                assert merged[key] == value, f"{key} was revised: the difference would leak"
            if merged.get(key) is None:
                merged[key] = value
    return merged


def assert_protected(bounds, truth: Mapping[Key, int]) -> None:
    assert bounds, "nothing was hidden: the fixture is not small enough"
    for key, (low, high) in bounds.items():
        assert high - low >= 1 - 1e-6, f"{key} pinned to {low}"
        if 0 < truth[key] < THRESHOLD:
            assert low <= 1e-6 and high >= THRESHOLD - 1e-6, f"{key}: {low}..{high}"


def exposed(bounds, truth: Mapping[Key, int]) -> list[Key]:
    """Small hidden counts the attacker pinned or showed to be small."""
    return [
        key
        for key, (low, high) in bounds.items()
        if 0 < truth[key] < THRESHOLD and (high - low < 1 - 1e-6 or high < THRESHOLD - 1e-6)
    ]


def key_of(cell: ReleaseCell | PlannedCell) -> Key:
    table = cell.table.replace("_", "-")
    return (table, cell.recorded_by, cell.period_type, cell.period_start.isoformat(), cell.category)


# --- a realistic fixture through the whole stack ------------------------------------------------

# Per quarter of 2025-26: partner reports per (place, strands, types) and police reports.
# Small counts, as in a rural county: mostly race, a few of every other strand.
PARTNER = [
    [("north", ("race",), ("verbal_abuse",))] * 6
    + [("south", ("race",), ("verbal_abuse", "threats"))] * 3
    + [("south", ("sexual-orientation",), ("harassment",))] * 2
    + [(None, ("disability",), ("verbal_abuse",))],
    [("north", ("race",), ("verbal_abuse",))] * 9
    + [("north", ("religion", "race"), ("criminal_damage",))]
    + [("south", ("sexual-orientation",), ("verbal_abuse",))] * 4
    + [(None, (), ("online_abuse",))] * 2,
    [("north", ("race",), ("verbal_abuse",))] * 5
    + [("south", ("race",), ("threats",))] * 5
    + [("south", ("transgender",), ("physical_assault",))],
    [("north", ("race",), ("verbal_abuse",))] * 7
    + [("north", ("disability",), ("harassment",))] * 2
    + [("south", ("race",), ("verbal_abuse",))] * 6
    + [(None, ("religion",), ("graffiti",))],
]
POLICE = [
    [("north", ("race",), ("physical_assault",))] * 2,
    [("south", ("race",), ("threats",))],
    [("north", ("race",), ("physical_assault",)), ("south", ("religion",), ("threats",))],
    [("north", ("sexual-orientation",), ("verbal_abuse",))] * 3,
]


@pytest.fixture
def year_reported(reports):
    places = {"north": reports.north, "south": reports.south, None: None}
    for quarter, (partner, police) in enumerate(zip(PARTNER, POLICE, strict=True), start=1):
        start = Quarter(2025, quarter).start
        for i, (place, strands, types) in enumerate(partner):
            day = start + datetime.timedelta(days=i % 80)
            reports.partner(day, strands=strands, types=types, area=places[place])
        for i, (place, strands, types) in enumerate(police):
            day = start + datetime.timedelta(days=10 + i)
            reports.police(day, strands=strands, types=types, area=places[place])
    return reports


def test_attacker_cannot_pin_any_hidden_cell(client, year_reported, time_machine):
    # The previous publication: three quarters (seen after the third is due).
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC))
    previous = csv_snapshot(client)
    assert {k[3] for k in previous} == {"2025-04-01", "2025-07-01", "2025-10-01"}
    # Late reports for a quarter already published change nothing published.
    year_reported.partner(D(2025, 8, 1), area=year_reported.south)
    year_reported.police(D(2025, 8, 2), area=year_reported.south)
    # This publication: the fourth quarter and, with it, the year's totals.
    time_machine.move_to(datetime.datetime(2026, 5, 31, 12, tzinfo=datetime.UTC))
    current = csv_snapshot(client)
    assert any(k[2] == "financial_year" for k in current)

    published = combined(previous, current)
    truth = {key_of(cell): cell.count for cell in ReleaseCell.objects.all()}
    assert set(published) == set(truth)
    small = [k for k, v in published.items() if v is None and 0 < truth[k] < THRESHOLD]
    assert len(small) >= 20  # the fixture really has many small counts to protect
    assert_protected(attack(published, integer=False), truth)
    assert_protected(attack(published, integer=True), truth)


def test_naive_suppression_is_broken(year_reported, time_machine):
    """The same attacker breaks the same fixture published naively: with primary
    suppression only, and with the quarters as Awaz published them but the year's totals
    added with primary suppression only (the year's rows give the quarters away)."""
    time_machine.move_to(datetime.datetime(2026, 5, 31, 12, tzinfo=datetime.UTC))
    statistics_publish_due()
    cells = list(ReleaseCell.objects.all())
    truth = {key_of(c): c.count for c in cells}

    primary_only = {key_of(c): None if 0 < c.count < THRESHOLD else c.count for c in cells}
    assert len(exposed(attack(primary_only, integer=False), truth)) >= 10

    year_added_naively = {
        key_of(c): None
        if (c.hidden if c.period_type == "quarter" else 0 < c.count < THRESHOLD)
        else c.count
        for c in cells
    }
    broken = exposed(attack(year_added_naively, integer=False), truth)
    assert any(key[2] == "quarter" for key in broken)


# --- many more quarters, without the database -------------------------------------------------

CATEGORIES = {
    "strand": ["race", "religion", "orientation", "disability", "transgender", "none"],
    "local_authority": ["north", "south", "not-known"],
    "incident_type": ["verbal", "threats", "assault", "damage", "other"],
}
MEANS = {"police": [2.0, 0.6, 0.4, 0.3, 0.2, 0.2], "partner": [14.0, 2.0, 3.0, 1.5, 0.6, 1.0]}


def test_attacker_fails_over_two_years_of_random_small_counts():
    """Eight quarters (two financial years, with their totals) of seeded Poisson counts for
    every table and recorder; after each publication the attacker combines it with the
    previous one (over real numbers: on these tables whole numbers give the same bounds, as
    the first test and ``test_disclosure`` check)."""
    rng = np.random.default_rng(20261125)
    published: list[PlannedCell] = []
    previous: dict[Key, int | None] = {}
    for start_year in (2025, 2026):
        for number in (1, 2, 3, 4):
            quarter = Quarter(start_year, number)
            counts = {}
            for table, codes in CATEGORIES.items():
                for recorder, means in MEANS.items():
                    drawn = rng.poisson(np.resize(means, len(codes))).tolist()
                    counts[(table, recorder)] = [
                        (Category(code, code), n) for code, n in zip(codes, drawn, strict=True)
                    ]
            year_so_far = [c for c in published if c.period_start >= quarter.year.start]
            published += plan_release(
                quarter,
                counts,
                suppress_below=THRESHOLD,
                earlier=year_so_far,
                with_year=number == 4,
            )
            current = {key_of(c): None if c.hidden else c.count for c in published}
            truth = {key_of(c): c.count for c in published}
            bounds = attack(combined(previous, current), integer=False)
            assert_protected(bounds, truth)
            previous = current
    assert sum(c.hidden for c in published) >= 100
