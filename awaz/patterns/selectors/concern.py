"""Areas of concern and hot spots, from the analysis facts and the statistics library.

Areas of concern test the latest complete month of every area x strand cell against the same
months of the previous three years (``stats.spikes``; the method and why it was chosen are in
its docstring and the README), with the false-discovery rate controlled across all cells,
plus a county-wide trigger-event test. They read ``MonthlyCount``, kept up to date in each
report's transaction, so the list is current the moment a report is stored.

Hot spots are Getis-Ord Gi* over the areas of the map (queen contiguity of their boundaries)
on the rate per 1,000 residents where every area has a population, otherwise on counts.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import CharField, Count, Max, QuerySet
from django.db.models.functions import Cast
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import shape

from awaz.geo.models import Area
from awaz.patterns.selectors.dashboard import (
    AreaCount,
    AreaRow,
    Filters,
    add_months,
    area_rows,
    area_scope,
)
from awaz.patterns.stats.hotspots import getis_ord_gi_star
from awaz.patterns.stats.spikes import detect_spikes, trigger_events
from awaz.patterns.stats.weights import weights_from_neighbours
from awaz.reporting.models import MonthlyCount, Strand
from awaz.reporting.models.facts import ALL_STRANDS

BASELINE_YEARS = 3
ALPHA = 0.05
# Area and strand ids packed in one integer (strand ids stay far below this).
_STRAND_SPAN = 1 << 32


@dataclass(frozen=True)
class Concern:
    area: AreaRow
    strand_code: str
    strand_name: str
    month: datetime.date
    count: int
    expected: float
    statistic: float
    pvalue: float
    qvalue: float
    method: str  # "seasonal" or "recent" (less than a year of history)


@dataclass(frozen=True)
class ConcernSummary:
    month: datetime.date
    cells_tested: int
    concerns: list[Concern]
    trigger_event: bool
    county_total: int
    county_expected: float
    county_pvalue: float
    areas_rising: int


def latest_complete_month(today: datetime.date) -> datetime.date:
    return add_months(today.replace(day=1), -1)


def areas_of_concern(
    *,
    month: datetime.date,
    strands: tuple[int, ...] = (),
    area: int | None = None,
    years: int = BASELINE_YEARS,
    alpha: float = ALPHA,
) -> ConcernSummary:
    """Test ``month`` for every area x strand cell (within the strand and area filters)."""
    first = add_months(month, -(12 * years + 1))
    rows = area_rows()
    qs = MonthlyCount.objects.filter(month__gte=first, month__lte=month).exclude(area_key=0)
    if area is not None:
        qs = qs.filter(area_key__in=area_scope(area, rows))
    if strands:
        qs = qs.filter(strand_key__in=(ALL_STRANDS, *strands))
    months = [add_months(first, i) for i in range(12 * years + 2)]
    counts = _monthly_rows(qs, months)
    # Rows of areas that no longer exist are left out.
    counts = counts[np.isin(counts[:, 1], np.fromiter(rows, dtype=np.int64))]
    cell_keys, cell_matrix = _series(counts[counts[:, 2] != ALL_STRANDS], len(months))
    cells = [(int(a), int(s)) for a, s in cell_keys]
    totals, total_matrix = _series(counts[counts[:, 2] == ALL_STRANDS], len(months))
    names = {
        sid: (code, str(name))
        for sid, code, name in Strand.objects.values_list("id", "code", "name")
    }
    concerns: list[Concern] = []
    if cells:
        result = detect_spikes(cell_matrix, season_length=12, years=years, alpha=alpha)
        for i in np.flatnonzero(result.flag):
            area_key, strand_key = cells[int(i)]
            code, name = names.get(strand_key, ("", ""))
            concerns.append(
                Concern(
                    area=rows[area_key],
                    strand_code=code,
                    strand_name=name,
                    month=month,
                    count=int(result.count[i]),
                    expected=round(float(result.expected[i]), 2),
                    statistic=round(float(result.statistic[i]), 2),
                    pvalue=float(result.pvalue[i]),
                    qvalue=float(result.qvalue[i]),
                    method=result.method,
                )
            )
    concerns.sort(key=lambda c: (c.qvalue, -c.statistic))
    if totals.shape[0]:
        event = trigger_events(total_matrix, season_length=12, years=years, alpha=alpha)
        trigger = (event.flag, event.total, event.expected, event.pvalue, event.areas_rising)
    else:
        trigger = (False, 0, 0.0, 1.0, 0)
    return ConcernSummary(
        month=month,
        cells_tested=len(cells),
        concerns=concerns,
        trigger_event=bool(trigger[0]),
        county_total=int(trigger[1]),
        county_expected=round(float(trigger[2]), 2),
        county_pvalue=float(trigger[3]),
        areas_rising=int(trigger[4]),
    )


def _monthly_rows(qs: QuerySet[MonthlyCount], months: list[datetime.date]) -> NDArray[np.int64]:
    """``(month position, area_key, strand_key, count)`` of each row, as one integer array.
    The month is read as text: tens of thousands of rows, and parsing each date would cost
    more than the statistics."""
    position = {m.isoformat(): i for i, m in enumerate(months)}
    found = [
        (position[m], a, s, n)
        for m, a, s, n in qs.annotate(iso=Cast("month", CharField())).values_list(
            "iso", "area_key", "strand_key", "count"
        )
    ]
    return np.array(found, dtype=np.int64).reshape(-1, 4)


def _series(
    counts: NDArray[np.int64], n_months: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """One series per (area_key, strand_key), keys in ascending order, as the rows of a
    months-wide matrix."""
    key = counts[:, 1] * _STRAND_SPAN + counts[:, 2]
    keys, inverse = np.unique(key, return_inverse=True)
    matrix = np.zeros((keys.size, n_months))
    matrix[inverse, counts[:, 0]] = counts[:, 3]
    return np.stack([keys // _STRAND_SPAN, keys % _STRAND_SPAN], axis=1), matrix


# --- hot spots over areas ---------------------------------------------------------------------


_lock = threading.Lock()
_neighbours: dict[tuple[str, int, str], list[list[int]]] = {}


def _area_version() -> tuple[int, str]:
    agg = Area.objects.aggregate(n=Count("id"), latest=Max("modified_at"))
    return agg["n"] or 0, str(agg["latest"])


def area_neighbours(area_ids: list[int]) -> list[list[int]]:
    """Queen contiguity (boundaries touch or overlap) between the given areas, as positions
    in ``area_ids``; cached per process until any area changes."""
    n, latest = _area_version()
    key = (latest, n, hashlib.sha256(repr(area_ids).encode()).hexdigest())
    with _lock:
        if key in _neighbours:
            return _neighbours[key]
    geometry = dict(Area.objects.filter(id__in=area_ids).values_list("id", "geometry"))
    geoms = [shape(geometry[a]) if geometry.get(a) else None for a in area_ids]
    present = [i for i, g in enumerate(geoms) if g is not None]
    tree = STRtree([geoms[i] for i in present])
    result: list[list[int]] = [[] for _ in area_ids]
    for pos, i in enumerate(present):
        for j in tree.query(geoms[i], predicate="intersects"):
            other = present[int(j)]
            if other != i:
                result[i].append(other)
        del pos
    with _lock:
        _neighbours.clear()
        _neighbours[key] = result
    return result


@dataclass(frozen=True)
class HotSpot:
    area: AreaRow
    value: float
    z: float
    p_sim: float
    q: float
    kind: str  # "hot", "cold" or ""


def area_hot_spots(
    counts: list[AreaCount], *, filters: Filters, permutations: int = 999, alpha: float = ALPHA
) -> tuple[str, list[HotSpot]]:
    """Gi* over the areas of ``counts``; returns what was tested ("rate" or "count") and a
    result per area. Seeded from the filters, so the same choice gives the same p-values."""
    if len(counts) < 3:
        return "count", []
    use_rate = all(c.rate_per_1000 is not None for c in counts)
    values = np.array([c.rate_per_1000 if use_rate else c.count for c in counts], dtype=np.float64)
    if values.sum() == 0 or np.all(values == values[0]):
        return ("rate" if use_rate else "count"), []
    w = weights_from_neighbours(area_neighbours([c.area.id for c in counts]))
    seed = int.from_bytes(hashlib.sha256(repr(filters).encode()).digest()[:8], "little")
    result = getis_ord_gi_star(
        values, w, permutations=permutations, rng=np.random.default_rng(seed), alpha=alpha
    )
    spots = [
        HotSpot(
            area=c.area,
            value=float(values[i]),
            z=round(float(result.z[i]), 3),
            p_sim=float(result.p_sim[i]),
            q=float(result.q[i]),
            kind=("hot" if result.z[i] > 0 else "cold") if result.significant[i] else "",
        )
        for i, c in enumerate(counts)
    ]
    return ("rate" if use_rate else "count"), spots
