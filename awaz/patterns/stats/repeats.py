"""Repeat victimisation and repeat places: the share with 2+ incidents in 12 months."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["RepeatRate", "grid_cell_keys", "repeat_rate"]


@dataclass(frozen=True)
class RepeatRate:
    """Repeat rate over a window.

    Attributes
    ----------
    known : int
        Distinct victims (or places) with at least one incident in the window.
    repeats : int
        Of those, how many had ``min_incidents`` or more.
    rate : float
        ``repeats / known`` (NaN when ``known`` is 0).
    incidents_unknown : int
        Incidents in the window without a key (not counted in ``known``).
    repeat_keys : ndarray
        The repeat keys, most incidents first (ties in key order), for a permitted list.
    repeat_counts : ndarray of int64
        Incidents of each repeat key in the window.
    """

    known: int
    repeats: int
    rate: float
    incidents_unknown: int
    repeat_keys: NDArray[np.generic]
    repeat_counts: NDArray[np.int64]


def _is_unknown(key: object) -> bool:
    if key is None:
        return True
    if isinstance(key, str):
        return key.strip() == ""
    return isinstance(key, float) and math.isnan(key)


def repeat_rate(
    keys: Sequence[object] | ArrayLike,
    dates: ArrayLike,
    *,
    end: np.datetime64 | str | None = None,
    window_days: int = 365,
    min_incidents: int = 2,
) -> RepeatRate:
    r"""Share of victims (or places) with ``min_incidents`` or more incidents in the window.

    .. math:: R = \frac{\#\{v : n_v \ge 2\}}{\#\{v : n_v \ge 1\}}

    where :math:`n_v` counts the incidents of key :math:`v` dated in the window
    ``(end - window_days, end]`` (the 12 months to ``end``; Farrell and Pease, 1993, on repeat
    victimisation). Incidents without a key (None, empty string, NaN) are left out of both
    numerator and denominator and counted in ``incidents_unknown``.

    Parameters
    ----------
    keys : sequence
        Victim key per incident (a blind-index string or an int) or a place key (see
        :func:`grid_cell_keys`).
    dates : array_like of datetime64[D]
        Incident dates.
    end : datetime64 or str, optional
        Last day of the window; default the latest date.
    window_days : int, default 365
    min_incidents : int, default 2
    """
    d = np.asarray(dates).astype("datetime64[D]")
    k = np.asarray(keys, dtype=object) if not isinstance(keys, np.ndarray) else keys
    if k.shape != d.shape or d.ndim != 1:
        raise ValueError("keys and dates must be 1-d and the same length")
    if min_incidents < 1 or window_days < 1:
        raise ValueError("min_incidents and window_days must be >= 1")
    if d.size == 0:
        empty = np.array([], dtype=object)
        return RepeatRate(0, 0, math.nan, 0, empty, np.array([], dtype=np.int64))
    last = d.max() if end is None else np.datetime64(end, "D")
    in_window = (d > last - np.timedelta64(window_days, "D")) & (d <= last)
    if k.dtype.kind == "O" or k.dtype.kind in "US":
        unknown = np.fromiter((_is_unknown(x) for x in k), dtype=bool, count=k.size)
    elif k.dtype.kind == "f":
        unknown = np.isnan(k)
    else:
        unknown = np.zeros(k.size, dtype=bool)
    use = in_window & ~unknown
    values = k[use]
    if values.dtype.kind == "O":
        values = values.astype(str) if all(isinstance(x, str) for x in values) else values
    uniq, counts = np.unique(values, return_counts=True)
    is_repeat = counts >= min_incidents
    order = np.lexsort((np.arange(int(is_repeat.sum())), -counts[is_repeat]))
    known = int(uniq.size)
    repeats = int(is_repeat.sum())
    return RepeatRate(
        known=known,
        repeats=repeats,
        rate=repeats / known if known else math.nan,
        incidents_unknown=int(np.sum(in_window & unknown)),
        repeat_keys=uniq[is_repeat][order],
        repeat_counts=counts[is_repeat][order].astype(np.int64),
    )


def grid_cell_keys(
    x: ArrayLike, y: ArrayLike, *, cell_size: float, origin: tuple[float, float] = (0.0, 0.0)
) -> NDArray[np.object_]:
    """Place key ``"col:row"`` of the square grid cell holding each projected point.

    ``x`` and ``y`` are projected coordinates in metres (e.g. British National Grid);
    NaN coordinates (no location) give the unknown key None.
    """
    if cell_size <= 0:
        raise ValueError("cell_size must be positive")
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.shape != ys.shape:
        raise ValueError("x and y must have the same shape")
    ok = np.isfinite(xs) & np.isfinite(ys)
    col = np.floor((np.where(ok, xs, 0.0) - origin[0]) / cell_size).astype(np.int64)
    row = np.floor((np.where(ok, ys, 0.0) - origin[1]) / cell_size).astype(np.int64)
    out = np.empty(xs.shape, dtype=object)
    for i in np.flatnonzero(ok):
        out[i] = f"{col[i]}:{row[i]}"
    return out
