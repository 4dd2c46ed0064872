r"""Areas of concern: counts improbably high against a seasonal baseline, and trigger events.

Method (a simplified Farrington, 1996, without its trend term)
---------------------------------------------------------------
For the period :math:`t` under test, the baseline is the counts in a window of
:math:`\pm w` periods around the same period in each of the previous :math:`b` years,
:math:`\{y_{t-jL+k} : j = 1..b,\ k = -w..w\}` (:math:`L` periods a year), so the expected
count follows the season without fitting one. With :math:`n` baseline values of mean
:math:`\hat\mu` and variance :math:`s^2`, the dispersion is
:math:`\hat\phi = \max(1, s^2/\hat\mu)` (the Pearson estimate of an intercept-only
quasi-Poisson model) and the variance of :math:`y_t - \hat\mu` is

.. math:: V = \hat\phi\hat\mu\,(1 + 1/n),

counting the error of the estimated mean as Farrington does. The one-sided p-value is
:math:`P(Y \ge y_t)` for a negative binomial :math:`Y` with mean :math:`\hat\mu` and variance
:math:`V` (Poisson-like when :math:`\hat\phi = 1`), an exact tail instead of Farrington's 2/3-power
normal approximation, which is poor at the small counts of an area and strand. When
:math:`\hat\phi > 1` the tail's normal score is referred to Student's t with :math:`n-1`
degrees of freedom, allowing for the error of the estimated dispersion (without it the
false-alarm rate reached 0.06 at a nominal 0.05 for heavily overdispersed series). Benjamini-
Hochberg then controls the false-discovery rate across all cells. Without a full year of
history the baseline falls back to the recent level (the ``recent`` periods before a ``guard``
gap, as in CDC EARS C2).

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
from scipy import stats

from awaz.patterns.stats.fdr import fdr_bh

__all__ = ["SpikeResult", "TriggerEvent", "detect_spikes", "trigger_events"]


@dataclass(frozen=True)
class SpikeResult:
    """Per-cell exceedance test of one period (arrays have one entry per cell).

    ``statistic`` is :math:`(y_t - \\hat\\mu)/\\sqrt{V}`; ``flag`` is
    ``qvalue <= alpha`` and ``count >= min_count``. ``method`` is ``"seasonal"`` or
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


def _exceedance(
    count: NDArray[np.float64], base: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Expected count, variance, dispersion and upper-tail p-value; ``base`` is (cells, n)."""
    n = base.shape[1]
    total = base.sum(axis=1)
    # A cell with no events in its baseline gets half an event spread over it (a continuity
    # correction), so one event is not infinitely surprising.
    mu = np.where(total > 0, total, 0.5) / n
    s2 = base.var(axis=1, ddof=1) if n > 1 else np.zeros_like(mu)
    phi = np.maximum(1.0, s2 / mu)
    var = phi * mu * (1.0 + 1.0 / n)
    # Negative binomial with mean mu and variance var: p = mu/var, r = mu*p/(1-p).
    p = mu / var
    r = mu * p / (1.0 - p)
    pvalue = np.where(count > 0, stats.nbinom.sf(count - 1, r, p), 1.0)
    if n > 2:
        # When overdispersion was estimated, allow for the error in the estimate: refer the
        # tail's normal score to Student's t with n - 1 degrees of freedom.
        t_tail = stats.t.sf(stats.norm.isf(pvalue), n - 1)
        pvalue = np.where(phi > 1.0, t_tail, pvalue)
    return mu, var, phi, np.clip(pvalue, 0.0, 1.0)


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
    mu, var, phi, pvalue = _exceedance(count, y[:, cols])
    _, qvalue = fdr_bh(pvalue, alpha=alpha)
    flag = (qvalue <= alpha) & (count >= min_count) & (count > mu)
    return SpikeResult(
        count=count.astype(np.int64),
        expected=mu,
        variance=var,
        dispersion=phi,
        statistic=(count - mu) / np.sqrt(var),
        pvalue=pvalue,
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

    The county total and the area totals are tested with the baseline of
    :func:`detect_spikes`. The period is a trigger event when the total is improbably high
    (p <= ``alpha``), at least ``k`` areas are above their expected count, and removing the
    ``k - 1`` areas with the largest excess (count - expected) leaves a total that is still
    improbably high: the rise cannot be explained by fewer than ``k`` areas.

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
    area_mu, _, _, _ = _exceedance(y[:, t], y[:, cols])
    excess = y[:, t] - area_mu
    top = np.argsort(-excess, kind="stable")[: k - 1]
    rest = np.ones(y.shape[0], dtype=bool)
    rest[top] = False
    totals = np.stack([y.sum(axis=0), y[rest].sum(axis=0)])
    mu, var, _, pvalue = _exceedance(totals[:, t], totals[:, cols])
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
