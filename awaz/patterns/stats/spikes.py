r"""Areas of concern: counts improbably high against a seasonal baseline, and trigger events.

Method (a simplified Farrington, 1996, without its trend term)
---------------------------------------------------------------
For the period :math:`t` under test, the baseline is the counts in a window of
:math:`\pm w` periods around the same period in each of the previous :math:`b` years,
:math:`\{y_{t-jL+k} : j = 1..b,\ k = -w..w\}` (:math:`L` periods a year), so the expected
count follows the season without fitting one. Without a full year of history the baseline
falls back to the recent level (the ``recent`` periods before a ``guard`` gap, as in CDC EARS
C2). The expected count is the baseline mean, and the p-value is the upper tail of the
count's predictive distribution given the baseline (:mod:`awaz.patterns.stats.exceedance`):

- the dispersion (variance over mean) is estimated for each cell and shrunk towards a value
  pooled across all the cells, as far as the cell's own history is uninformative, so sparse
  cells take the pooled value instead of a noisy one of their own (a robust line in the
  mean, so overdispersion that grows with the count is followed);
- the predictive negative binomial accounts for the error of the estimated expected count
  once (for Poisson counts it is the exact conditional test of the count against the
  baseline), and the error of the estimated dispersion is integrated out, which matters only
  where little was pooled;
- the tail is the mid-p by default (``tail="exact"`` gives :math:`P(Y \ge y)`);
- Benjamini-Hochberg then controls the false-discovery rate across all cells.

This replaces a version that referred the negative-binomial tail's normal score to Student's
t whenever the cell's own dispersion estimate exceeded 1: that counted the estimation error a
second time and made a sparse cell's large rise unreachable after false-discovery control (an
expected 0.7 and a count of 9 gave p = 0.001, needing 0.0004 or less). ``benchmarks/spikes.py``
measures detection and false alarms beside EARS C2 and a Farrington-style quasi-Poisson test.

Why this method: partners' counts are seasonal (school terms, festivals, summer), small and
often overdispersed; EARS C1-C3 compare with the last few weeks only, so they flag every
seasonal rise, and CUSUM answers "has the level shifted" with run lengths rather than a
p-value per cell that false-discovery control needs. The same-period baseline absorbs
seasonality without a model fit, the negative binomial tail stays valid when counts are
overdispersed, and every cell gets a count, expected count, statistic and p-value an analyst
can read.

References
----------
Farrington, C.P., Andrews, N.J., Beale, A.D. and Catchpole, M.A. (1996). A statistical
algorithm for the early detection of outbreaks of infectious disease. JRSS A 159(3), 547-563.
Hutwagner, L. et al. (2003). The bioterrorism preparedness and response Early Aberration
Reporting System (EARS). J Urban Health 80(Suppl 1), i89-i96.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from awaz.patterns.stats.exceedance import Tail, exceedance
from awaz.patterns.stats.fdr import fdr_bh

__all__ = ["SpikeResult", "TriggerEvent", "detect_spikes", "trigger_events"]


@dataclass(frozen=True)
class SpikeResult:
    """Per-cell exceedance test of one period (arrays have one entry per cell).

    ``expected`` is the baseline mean; ``variance`` the predictive variance :math:`V` of the
    count; ``dispersion`` the shrunk dispersion (at least 1); ``statistic`` is
    :math:`(y_t - \\hat\\mu)/\\sqrt{V}`; ``flag`` is ``qvalue <= alpha``,
    ``count >= min_count`` and ``count > expected``. ``method`` is ``"seasonal"`` or
    ``"recent"`` (the fallback without a year of history).
    """

    count: NDArray[np.int64]
    expected: NDArray[np.float64]
    variance: NDArray[np.float64]
    dispersion: NDArray[np.float64]
    statistic: NDArray[np.float64]
    pvalue: NDArray[np.float64]
    qvalue: NDArray[np.float64]
    flag: NDArray[np.bool_]
    baseline_size: int
    method: str


@dataclass(frozen=True)
class TriggerEvent:
    """County-wide test of one period.

    ``flag`` is True (``label == "trigger event"``) when the county total is improbably high
    (``pvalue <= alpha``), at least ``k`` areas are above their expected count, and the total
    is still improbably high once the ``k - 1`` areas with the largest excess are removed
    (``spread_pvalue <= alpha``), so one area's spike alone never makes a trigger event.
    """

    total: int
    expected: float
    statistic: float
    pvalue: float
    areas_rising: int
    spread_pvalue: float
    top_areas: NDArray[np.int64]
    flag: bool
    label: str


def _baseline_columns(
    t: int, *, season_length: int, years: int, window: int, recent: int, guard: int
) -> tuple[NDArray[np.int64], str]:
    lags = np.arange(1, years + 1)[:, None] * season_length - np.arange(-window, window + 1)
    cols = (t - lags).ravel()
    cols = np.sort(cols[(cols >= 0) & (cols < t)])
    if t - season_length - window >= 0 and cols.size:
        return cols, "seasonal"
    cols = np.arange(t - guard - recent, t - guard)
    cols = cols[cols >= 0]
    if cols.size < 2:
        raise ValueError("not enough history before the tested period for a baseline")
    return cols, "recent"


def _check(counts: ArrayLike, index: int) -> tuple[NDArray[np.float64], int]:
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim == 1:
        y = y[None, :]
    if y.ndim != 2 or np.any(~np.isfinite(y)) or np.any(y < 0):
        raise ValueError("counts must be a 2-d array of non-negative counts")
    t = index + y.shape[1] if index < 0 else index
    if not 0 <= t < y.shape[1]:
        raise IndexError("index out of range")
    return y, t


def detect_spikes(
    counts: ArrayLike,
    *,
    season_length: int,
    years: int = 3,
    window: int | None = None,
    recent: int = 8,
    guard: int = 1,
    alpha: float = 0.05,
    min_count: int = 3,
    index: int = -1,
    tail: Tail = "mid",
) -> SpikeResult:
    """Flag cells whose count in one period is improbably high against a seasonal baseline.

    See the module docstring for the method and the reason for choosing it.

    Parameters
    ----------
    counts : array_like, shape (n_cells, n_periods)
        Counts per cell (area x strand) in consecutive weeks or months.
    season_length : int
        Periods per year: 52 for ISO weeks, 12 for months.
    years : int, default 3
        Previous years in the seasonal baseline (fewer are used when the history is shorter).
    window : int, optional
        Half-width of the window around the same period; default 3 for weeks, 1 for months.
    recent, guard : int, default 8 and 1
        Fallback baseline without a year of history: the ``recent`` periods ending ``guard``
        periods before the tested one.
    alpha : float, default 0.05
        False-discovery rate across all cells (Benjamini-Hochberg).
    min_count : int, default 3
        Cells with fewer events in the period are never flagged.
    index : int, default -1
        Column of the period to test (the latest by default).
    tail : {"mid", "exact"}, default "mid"
        Mid-p or exact upper tail (see :mod:`awaz.patterns.stats.exceedance`).
    """
    y, t = _check(counts, index)
    w = (3 if season_length >= 52 else 1) if window is None else window
    cols, method = _baseline_columns(
        t,
        season_length=season_length,
        years=years,
        window=w,
        recent=recent,
        guard=guard,
    )
    count = y[:, t]
    test = exceedance(count, y[:, cols], pool=True, tail=tail)
    mu = test.expected
    _, qvalue = fdr_bh(test.pvalue, alpha=alpha)
    flag = (qvalue <= alpha) & (count >= min_count) & (count > mu)
    return SpikeResult(
        count=count.astype(np.int64),
        expected=mu,
        variance=test.variance,
        dispersion=test.dispersion,
        statistic=(count - mu) / np.sqrt(test.variance),
        pvalue=test.pvalue,
        qvalue=qvalue,
        flag=flag,
        baseline_size=int(cols.size),
        method=method,
    )


def trigger_events(
    counts: ArrayLike,
    *,
    season_length: int,
    areas: ArrayLike | None = None,
    k: int = 3,
    alpha: float = 0.05,
    years: int = 3,
    window: int | None = None,
    recent: int = 8,
    guard: int = 1,
    index: int = -1,
) -> TriggerEvent:
    """Test whether a period is a county-wide sudden rise spread across at least ``k`` areas.

    The county total and the area totals are compared with the baseline of
    :func:`detect_spikes` (the two totals each with their own dispersion, nothing pooled). The
    period is a trigger event when the total is improbably high (p <= ``alpha``), at least
    ``k`` areas are above their expected count, and removing the ``k - 1`` areas with the
    largest excess (count - expected) leaves a total that is still improbably high: the rise
    cannot be explained by fewer than ``k`` areas.

    Parameters
    ----------
    counts : array_like, shape (n_rows, n_periods)
        Counts per row (an area, or an area x strand cell) in consecutive periods.
    areas : array_like, optional
        Area code of each row, to add strands up to areas; default: each row is an area.
    k : int, default 3
        Minimum number of areas the rise must be spread across.
    """
    y, t = _check(counts, index)
    if k < 1:
        raise ValueError("k must be >= 1")
    if areas is not None:
        codes, inverse = np.unique(np.asarray(areas), return_inverse=True)
        if inverse.size != y.shape[0]:
            raise ValueError("areas must have one entry per row")
        by_area = np.zeros((codes.size, y.shape[1]))
        np.add.at(by_area, inverse, y)
        y = by_area
    w = (3 if season_length >= 52 else 1) if window is None else window
    cols, _ = _baseline_columns(
        t,
        season_length=season_length,
        years=years,
        window=w,
        recent=recent,
        guard=guard,
    )
    excess = y[:, t] - y[:, cols].mean(axis=1)
    top = np.argsort(-excess, kind="stable")[: k - 1]
    rest = np.ones(y.shape[0], dtype=bool)
    rest[top] = False
    totals = np.stack([y.sum(axis=0), y[rest].sum(axis=0)])
    # The total and the total without the top areas are nested, not exchangeable cells:
    # each keeps its own dispersion (with its uncertainty integrated out), nothing pooled.
    test = exceedance(totals[:, t], totals[:, cols], pool=False)
    mu, var, pvalue = test.expected, test.variance, test.pvalue
    rising = int(np.sum(excess > 0))
    flag = bool(pvalue[0] <= alpha and pvalue[1] <= alpha and rising >= k and rest.any())
    return TriggerEvent(
        total=int(totals[0, t]),
        expected=float(mu[0]),
        statistic=float((totals[0, t] - mu[0]) / np.sqrt(var[0])),
        pvalue=float(pvalue[0]),
        areas_rising=rising,
        spread_pvalue=float(pvalue[1]) if rest.any() else 1.0,
        top_areas=top.astype(np.int64),
        flag=flag,
        label="trigger event" if flag else "",
    )
