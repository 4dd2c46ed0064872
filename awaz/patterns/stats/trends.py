"""Trends: event counts by ISO week and by month, by category, and change against baselines.

Pure functions over NumPy arrays of event dates (``datetime64[D]``) and category codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "PeriodChange",
    "PeriodCounts",
    "counts_by_month",
    "counts_by_week",
    "iso_week_labels",
    "iso_week_start",
    "period_change",
]

_DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class PeriodCounts:
    """Counts per category and consecutive period.

    Attributes
    ----------
    starts : ndarray of datetime64[D]
        First day of each period (Monday for ISO weeks, the 1st for months), consecutive with
        no gaps, so periods with no events appear with count 0.
    categories : ndarray
        Sorted distinct category codes (one row each); ``["all"]`` when no codes were given.
    counts : ndarray of int64, shape (len(categories), len(starts))
    """

    starts: NDArray[np.datetime64]
    categories: NDArray[np.generic]
    counts: NDArray[np.int64]

    @property
    def total(self) -> NDArray[np.int64]:
        """Counts over all categories, one per period."""
        return self.counts.sum(axis=0)


@dataclass(frozen=True)
class PeriodChange:
    """Count of a period against the same period a year earlier and the previous-year mean.

    All attributes are arrays with one entry per row of the input counts (0-d for 1-d input).
    Percentages are NaN where the comparison value is 0 or missing (not enough history).
    """

    current: NDArray[np.float64]
    last_year: NDArray[np.float64]
    change_vs_last_year: NDArray[np.float64]
    pct_vs_last_year: NDArray[np.float64]
    average: NDArray[np.float64]
    change_vs_average: NDArray[np.float64]
    pct_vs_average: NDArray[np.float64]


def _as_days(dates: ArrayLike) -> NDArray[np.datetime64]:
    d = np.asarray(dates)
    if d.dtype.kind != "M":
        d = d.astype("datetime64[D]")
    return d.astype("datetime64[D]")


def iso_week_start(dates: ArrayLike) -> NDArray[np.datetime64]:
    """Monday of the ISO 8601 week of each date.

    1970-01-01 (day 0) was a Thursday, so the weekday (Monday = 0) of day ``d`` is
    ``(d + 3) mod 7``.
    """
    d = _as_days(dates)
    days = d.astype(np.int64)
    return (days - (days + 3) % 7).astype("datetime64[D]")


def iso_week_labels(starts: ArrayLike) -> list[str]:
    """ISO 8601 week labels such as ``"2026-W01"`` for week-start (Monday) dates.

    The ISO year of a week is the calendar year of its Thursday; the week number is
    ``(day of year of that Thursday - 1) // 7 + 1``.
    """
    thursday = iso_week_start(starts) + 3 * _DAY
    year = thursday.astype("datetime64[Y]")
    doy = (thursday - year.astype("datetime64[D]")).astype(np.int64)
    week = doy // 7 + 1
    return [
        f"{int(y) + 1970}-W{int(w):02d}" for y, w in zip(year.astype(np.int64), week, strict=True)
    ]


def _table(
    bins: NDArray[np.int64],
    categories: ArrayLike | None,
    start: int | None,
    end: int | None,
) -> tuple[int, int, NDArray[np.generic], NDArray[np.int64]]:
    """Bin numbers (weeks or months since 1970) to a category x period table."""
    if bins.size == 0 and (start is None or end is None):
        raise ValueError("start and end are required when there are no events")
    first = int(bins.min()) if start is None else start
    last = int(bins.max()) if end is None else end
    if last < first:
        raise ValueError("end is before start")
    if categories is None:
        codes: NDArray[np.generic] = np.array(["all"])
        inverse = np.zeros(bins.size, dtype=np.int64)
    else:
        cats = np.asarray(categories)
        if cats.shape != bins.shape:
            raise ValueError("categories must have one entry per date")
        codes, inverse = np.unique(cats, return_inverse=True)
    keep = (bins >= first) & (bins <= last)
    n_periods = last - first + 1
    flat = inverse[keep].astype(np.int64) * n_periods + (bins[keep] - first)
    counts = np.bincount(flat, minlength=codes.size * n_periods).reshape(codes.size, n_periods)
    return first, last, codes, counts.astype(np.int64)


def counts_by_week(
    dates: ArrayLike,
    categories: ArrayLike | None = None,
    *,
    start: np.datetime64 | str | None = None,
    end: np.datetime64 | str | None = None,
) -> PeriodCounts:
    """Count events by ISO week (Monday to Sunday) and category.

    Parameters
    ----------
    dates : array_like of datetime64[D]
        Event dates (local calendar dates, converted by the caller).
    categories : array_like, optional
        A code per event (strand, incident type, area, channel, source ...).
    start, end : datetime64 or str, optional
        Dates whose weeks bound the table (inclusive); events outside are dropped. Default:
        the weeks of the first and last event. Required when ``dates`` is empty.
    """
    d = _as_days(dates)
    weeks = (iso_week_start(d).astype(np.int64) // 7).astype(np.int64)  # Mondays are 4 mod 7
    s = None if start is None else int(iso_week_start(np.array([start]))[0].astype(np.int64) // 7)
    e = None if end is None else int(iso_week_start(np.array([end]))[0].astype(np.int64) // 7)
    first, last, codes, counts = _table(weeks, categories, s, e)
    starts = (np.arange(first, last + 1, dtype=np.int64) * 7 + 4).astype("datetime64[D]")
    return PeriodCounts(starts=starts, categories=codes, counts=counts)


def counts_by_month(
    dates: ArrayLike,
    categories: ArrayLike | None = None,
    *,
    start: np.datetime64 | str | None = None,
    end: np.datetime64 | str | None = None,
) -> PeriodCounts:
    """Count events by calendar month and category (see :func:`counts_by_week`)."""
    d = _as_days(dates)
    months = d.astype("datetime64[M]").astype(np.int64)
    s = None if start is None else int(np.datetime64(start, "M").astype(np.int64))
    e = None if end is None else int(np.datetime64(end, "M").astype(np.int64))
    first, last, codes, counts = _table(months, categories, s, e)
    starts = np.arange(first, last + 1).astype("datetime64[M]").astype("datetime64[D]")
    return PeriodCounts(starts=starts, categories=codes, counts=counts)


def _pct(diff: NDArray[np.float64], base: NDArray[np.float64]) -> NDArray[np.float64]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(base > 0, 100.0 * diff / np.where(base > 0, base, 1.0), np.nan)


def period_change(counts: ArrayLike, *, season_length: int, index: int = -1) -> PeriodChange:
    r"""Change of one period against the same period last year and the previous year's mean.

    For the count :math:`y_t` of period :math:`t` (``index``) with :math:`L` periods a year
    (``season_length``: 12 for months, 52 for ISO weeks):

    .. math::

        \Delta_{\text{year}} = y_t - y_{t-L}, \qquad
        \bar y = \frac{1}{L}\sum_{i=1}^{L} y_{t-i}, \qquad
        \Delta_{\text{avg}} = y_t - \bar y,

    and the percentage changes are :math:`100\,\Delta/y_{t-L}` and :math:`100\,\Delta/\bar y`.
    The average is over the :math:`L` periods before :math:`t` (the "12-month average"), the
    current period excluded. Comparisons needing history before the first column are NaN.
    For weeks, :math:`t-52` is the same ISO week a year earlier except after a 53-week year.

    Parameters
    ----------
    counts : array_like, shape (n_periods,) or (n_rows, n_periods)
        Consecutive period counts, e.g. ``PeriodCounts.counts``.
    season_length : int
        Periods per year.
    index : int, default -1
        Column of the period to compare (negative counts from the end).
    """
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim not in (1, 2) or season_length < 1:
        raise ValueError("counts must be 1-d or 2-d and season_length >= 1")
    n = y.shape[-1]
    t = index + n if index < 0 else index
    if not 0 <= t < n:
        raise IndexError("index out of range")
    current = y[..., t]
    nan = np.full(current.shape, np.nan)
    last_year = y[..., t - season_length] if t >= season_length else nan
    average = y[..., t - season_length : t].mean(axis=-1) if t >= season_length else nan
    d_year = current - last_year
    d_avg = current - average
    return PeriodChange(
        current=current,
        last_year=np.asarray(last_year, dtype=np.float64),
        change_vs_last_year=np.asarray(d_year),
        pct_vs_last_year=_pct(d_year, np.asarray(last_year)),
        average=np.asarray(average, dtype=np.float64),
        change_vs_average=np.asarray(d_avg),
        pct_vs_average=_pct(d_avg, np.asarray(average)),
    )
