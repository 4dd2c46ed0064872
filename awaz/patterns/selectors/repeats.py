"""Repeat victimisation and repeat places over the 12 months to the end of the period.

A victim is known by a report's blind indexes (``Report.email_index``, then
``phone_index``, then ``name_index``: the first one that is not empty), so the same e-mail
address, phone number or name in two reports counts as one victim without anyone reading the
contact details. Only reports made by the victim or on their behalf count; a report without
any index cannot be matched and is counted as "unknown". The keys never leave this module:
callers get the rate, never a list of victims.

A place is the 50 m British National Grid square of the incident (``IncidentFact``'s
``grid_easting``/``grid_northing``, already generalised from the exact point). Grid squares
are not personal data, so roles allowed to (``patterns.repeat_places``) may see the busiest.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from awaz.patterns.selectors.dashboard import Filters, area_rows, facts_in
from awaz.patterns.stats.repeats import grid_cell_keys, repeat_rate
from awaz.reporting.models import ReporterRole

WINDOW_DAYS = 365
GRID_METRES = 50
# Reports about the victim's own experience: by the victim or on their behalf.
VICTIM_SOURCES = (ReporterRole.VICTIM.value, ReporterRole.ON_BEHALF.value)


@dataclass(frozen=True)
class RepeatSummary:
    """How many victims (or places) had an incident in the window, how many had two or more,
    and how many incidents could not be matched (no contact detail, or no place)."""

    start: datetime.date
    end: datetime.date
    known: int
    repeats: int
    rate: float | None  # None when nobody is known
    incidents_unknown: int


@dataclass(frozen=True)
class RepeatPlace:
    easting: int  # centre of the 50 m square, British National Grid metres
    northing: int
    area_name: str  # the area most of its incidents were placed in ("" if none)
    count: int


def repeat_window(filters: Filters) -> tuple[datetime.date, datetime.date]:
    """The 12 months (365 days) ending on the last day of the period."""
    return filters.end - datetime.timedelta(days=WINDOW_DAYS - 1), filters.end


def _summary(
    keys: list[object], dates: list[datetime.date], start: datetime.date, end: datetime.date
) -> tuple[RepeatSummary, np.ndarray, np.ndarray]:
    result = repeat_rate(
        np.array(keys, dtype=object),
        np.array(dates, dtype="datetime64[D]"),
        end=np.datetime64(end, "D"),
        window_days=WINDOW_DAYS,
    )
    summary = RepeatSummary(
        start=start,
        end=end,
        known=result.known,
        repeats=result.repeats,
        rate=None if result.known == 0 else round(result.rate, 4),
        incidents_unknown=result.incidents_unknown,
    )
    return summary, result.repeat_keys, result.repeat_counts


def repeat_victims(filters: Filters) -> RepeatSummary:
    """Repeat victimisation in the 12 months to the end of the period (every other filter
    applies). Returns counts only: never the victims' keys."""
    start, end = repeat_window(filters)
    rows = (
        facts_in(filters, start=start, end=end)
        .filter(source__in=VICTIM_SOURCES)
        .values_list(
            "report__email_index", "report__phone_index", "report__name_index", "occurred_on"
        )
        .order_by()
    )
    keys: list[object] = []
    dates: list[datetime.date] = []
    for email, phone, name, occurred_on in rows:
        keys.append(email or phone or name or None)
        dates.append(occurred_on)
    summary, _keys, _counts = _summary(keys, dates, start, end)
    return summary


def repeat_places(filters: Filters, *, top: int = 10) -> tuple[RepeatSummary, list[RepeatPlace]]:
    """Repeat places (50 m grid squares with two or more incidents) in the 12 months to the
    end of the period, and the ``top`` squares with most incidents."""
    start, end = repeat_window(filters)
    rows = list(
        facts_in(filters, start=start, end=end)
        .values_list("grid_easting", "grid_northing", "area_id", "occurred_on")
        .order_by()
    )
    x = np.array([np.nan if r[0] is None else r[0] for r in rows], dtype=np.float64)
    y = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=np.float64)
    keys = grid_cell_keys(x, y, cell_size=GRID_METRES)
    summary, repeat_keys, repeat_counts = _summary(list(keys), [r[3] for r in rows], start, end)
    if not len(repeat_keys) or top <= 0:
        return summary, []
    wanted = {str(k) for k in repeat_keys[:top]}
    areas: dict[str, Counter[int]] = defaultdict(Counter)
    for key, (_e, _n, area_id, _d) in zip(keys, rows, strict=True):
        if key in wanted and area_id is not None:
            areas[key][area_id] += 1
    names = {a.id: a.name for a in area_rows().values()} if areas else {}
    places = []
    half = GRID_METRES // 2
    for key, count in zip(repeat_keys[:top], repeat_counts[:top], strict=True):
        col, line = (int(part) for part in str(key).split(":"))
        in_area = areas.get(str(key))
        # Most of its incidents' area; ties go to the smallest id, so the answer is stable.
        most = min(in_area.items(), key=lambda kv: (-kv[1], kv[0]))[0] if in_area else None
        places.append(
            RepeatPlace(
                easting=col * GRID_METRES + half,
                northing=line * GRID_METRES + half,
                area_name=names.get(most, "") if most is not None else "",
                count=int(count),
            )
        )
    return summary, places
