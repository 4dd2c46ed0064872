r"""Upper-tail test of a count against its baseline, with the dispersion pooled across cells.

For each cell :math:`i` the baseline is :math:`n` earlier counts with total :math:`S_i` and mean
:math:`\hat\mu_i = S_i/n`; the count under test is :math:`y_i`.

Dispersion, pooled and shrunk
-----------------------------
The cell's own (Pearson) dispersion is :math:`\hat\phi_i = X^2_i/(n-1)`, with
:math:`X^2_i = \sum_j (y_{ij} - \hat\mu_i)^2/\hat\mu_i`. From 21 weekly or 9 monthly values it
says little, and least where counts are sparse: with one event it is exactly 1 whatever the
truth, and with few it is biased low when events come in clusters. So it is worth

.. math:: d_i = (n-1)\,\frac{2(S_i-1)}{2(S_i-1) + n\phi}

degrees of freedom (none for one event or none, :math:`n-1` for a busy history). The prior
:math:`\phi_{0,i}` pools the cells: a line in :math:`\hat\mu` fitted by least squares with
weights :math:`d_i` (so a quasi-Poisson constant and a negative-binomial :math:`1 + \mu/k` are
both followed), each cell's value capped at 4 of its standard deviations from the line so one
cell with past outbreaks in its history cannot move it; with fewer than 20 cells to fit, the
others' weighted mean. The fit is over all cells, not over cells of similar
:math:`\hat\mu`: grouping on :math:`\hat\mu` would gather the cells with few events by chance,
whose estimates are biased low. The spread of the cells' true dispersions around the prior,
:math:`\tau^2`, is the DerSimonian-Laird moment estimate, with each cell's sampling variance
:math:`\phi^2\{2(S-1)/S + (5\phi - 6 + 1/\phi)/\mu\}/(n-1)` (scaled multinomial, plus the
extra kurtosis of clustered counts), and the prior is worth
:math:`d_0 = 2\phi_0^2/\tau^2` degrees of freedom, at most those of the cells it came from.
The cell's dispersion is the precision-weighted (empirical-Bayes) mean

.. math:: \tilde\phi_i = \max\left(1, \frac{d_i\hat\phi_i + d_0\phi_{0,i}}{d_i + d_0}\right)

(no underdispersion, as Farrington): sparse cells take the pooled value, cells with a long,
busy history keep most of their own, and when the cells differ (:math:`\tau^2` large) each
keeps more of its own. Without pooling (``pool=False``) each cell has only its own.

Tail probability
----------------
Given :math:`\phi`, the count is compared with the baseline by the predictive negative binomial
with mean :math:`m = (S_i + \phi)/n` and variance :math:`\phi m (n+1)/n` (the quasi-Poisson
variance of the count plus that of the estimated mean). For :math:`\phi = 1` this is the
exact conditional test of a Poisson count against a Poisson baseline,
:math:`P(Y \ge y) = P(\mathrm{Bin}(S + y, 1/(n+1)) \ge y)`: the uncertainty of the expected
value is accounted for once, exactly, and an empty baseline needs no continuity correction.
The uncertainty of :math:`\tilde\phi` (:math:`d_i + d_0` degrees of freedom) is integrated
out, :math:`\phi = \tilde\phi (d_i + d_0)/\chi^2_{d_i + d_0}` over 16 Gauss-Hermite nodes:
for a pooled cell this changes almost nothing, and for a single series it takes the place of
the former Student-t re-tailing of the negative-binomial tail, which counted that error on top
of a tail that already allowed for it and, with the cell's own noisy dispersion, demanded p
below about 0.0004 before a sparse cell could pass Benjamini-Hochberg.

The default tail is the mid-p, :math:`P(Y > y) + P(Y = y)/2`: with the small counts of an area
and strand the exact tail :math:`P(Y \ge y)` is conservative (about half the nominal
false-alarm rate at means below 1, so real rises are missed), while the mid-p stays close to
nominal (``benchmarks/spikes.py``).

References
----------
Farrington, C.P. et al. (1996). A statistical algorithm for the early detection of outbreaks of
infectious disease. JRSS A 159(3), 547-563.
Noufaily, A. et al. (2013). An improved algorithm for outbreak detection in multiple
surveillance systems. Statistics in Medicine 32(7), 1206-1222.
Lancaster, H.O. (1961). Significance tests in discrete distributions. JASA 56, 223-234 (mid-p).
DerSimonian, R. and Laird, N. (1986). Meta-analysis in clinical trials. Controlled Clinical
Trials 7(3), 177-188 (moment estimate of the between-cell variance).
Smyth, G.K. (2004). Linear models and empirical Bayes methods for assessing differential
expression in microarray experiments. SAGMB 3(1), article 3 (prior degrees of freedom).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.polynomial.hermite_e import hermegauss
from numpy.typing import NDArray
from scipy import special

__all__ = ["Exceedance", "exceedance"]

# Cells with events needed before the pooled dispersion follows the mean (a line) rather
# than being one constant.
MIN_TREND_CELLS = 20
# A cell's residual from the pooled line counts at most this many standard deviations.
RESIDUAL_CAP = 4.0
# Beyond this many degrees of freedom the dispersion is treated as known.
KNOWN_DF = 1e6
# Nodes of the dispersion's distribution are kept below this (a far node with almost no
# weight and almost no degrees of freedom would otherwise overflow).
MAX_DISPERSION = 1e6

_z, _w = hermegauss(16)
_NODES: NDArray[np.float64] = _z
_WEIGHTS: NDArray[np.float64] = _w / _w.sum()

Tail = Literal["mid", "exact"]


@dataclass(frozen=True)
class Exceedance:
    """Per-cell result of :func:`exceedance`.

    ``expected`` is the baseline mean :math:`S/n`; ``variance`` the predictive variance of the
    count, :math:`\\tilde\\phi m (n+1)/n`; ``dispersion`` :math:`\\tilde\\phi`;
    ``dispersion_df`` its degrees of freedom (``inf`` when nothing was estimated);
    ``pvalue`` the upper-tail probability.
    """

    expected: NDArray[np.float64]
    variance: NDArray[np.float64]
    dispersion: NDArray[np.float64]
    dispersion_df: NDArray[np.float64]
    pvalue: NDArray[np.float64]


def _pooled_prior(
    mu: NDArray[np.float64],
    phi_own: NDArray[np.float64],
    weight: NDArray[np.float64],
    d: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Prior dispersion for each cell from the cells whose own estimate carries information
    (``weight``: its degrees of freedom, 0 for none), and the degrees of freedom behind it."""
    usable = weight > 0
    k = int(usable.sum())
    sum_w = float(weight.sum())
    sum_wphi = float((weight * phi_own).sum())
    if k < MIN_TREND_CELLS:
        # The others' weighted mean: with few cells a cell's own estimate would count twice.
        df = sum_w - weight
        with np.errstate(invalid="ignore", divide="ignore"):
            phi0 = np.where(df > 0, (sum_wphi - weight * phi_own) / df, 1.0)
        return phi0, df
    m_i, phi_i, w_i = mu[usable], phi_own[usable], weight[usable]
    design = np.column_stack([np.ones(k), m_i])
    root = np.sqrt(w_i)
    capped = phi_i
    for _ in range(3):
        coef = np.linalg.lstsq(design * root[:, None], capped * root, rcond=None)[0]
        fit = np.maximum(design @ coef, 1e-3)
        sd = fit * np.sqrt(2.0 / w_i)
        capped = np.clip(phi_i, fit - RESIDUAL_CAP * sd, fit + RESIDUAL_CAP * sd)
    # No extrapolation beyond the means seen, and never below a tenth of the pooled value.
    line = coef[0] + coef[1] * np.clip(mu, m_i.min(), m_i.max())
    return np.maximum(line, 0.1 * sum_wphi / sum_w), np.full(mu.shape, max(sum_w - 2 * d, 0.0))


def _own_df(
    total: NDArray[np.float64], phi: NDArray[np.float64] | float, n: int
) -> NDArray[np.float64]:
    """Degrees of freedom a cell's own Pearson dispersion is worth: ``n - 1`` for a busy
    baseline, fewer as its events get fewer, none with one event or none (whose estimate is
    exactly 1 or undefined whatever the truth)."""
    events = np.maximum(total - 1.0, 0.0)
    return (n - 1.0) * 2.0 * events / (2.0 * events + n * phi)


def _between_cell_variance(
    phi_own: NDArray[np.float64], phi0: NDArray[np.float64], total: NDArray[np.float64], n: int
) -> float:
    """Variance of the cells' true dispersions around the prior (DerSimonian-Laird).

    A cell's Pearson estimate given its ``S`` events has sampling variance about
    ``phi^2 (2 (S - 1)/S + (5 phi - 6 + 1/phi)/mu)/(n - 1)`` under a negative binomial with
    variance ``phi mu`` (the scaled multinomial term, plus the extra kurtosis of clustered
    counts, 0 for Poisson). The moment estimator weights each cell by the inverse of it, so
    the noisy estimates of sparse cells hardly count.
    """
    d = n - 1.0
    mu = total / n
    phi = np.maximum(phi0, 1.0)  # the model's dispersion is never below 1
    kurtosis = (5.0 * phi - 6.0 + 1.0 / phi) / mu
    v = phi**2 * (2.0 * (total - 1.0) / total + kurtosis) / d
    w = 1.0 / v
    q = float((w * (phi_own - phi0) ** 2).sum())
    scale = float(w.sum() - (w**2).sum() / w.sum())
    return max(0.0, (q - (w.size - 1)) / scale) if scale > 0 else 0.0


def _chi2_upper(df: NDArray[np.float64]) -> NDArray[np.float64]:
    """Chi-square quantiles at the nodes' upper-tail probabilities ``Phi(-z)``, one row per df
    (Wilson-Hilferty's cube-root approximation from 300 degrees of freedom, within 0.2 % of
    the exact quantile even at the outermost nodes)."""
    upper = special.ndtr(-_NODES)[None, :]
    big = df >= 300
    out = np.empty((df.shape[0], _NODES.size))
    if (~big).any():
        out[~big[:, 0]] = special.chdtri(df[~big[:, 0]], upper)
    if big.any():
        db = df[big[:, 0]]
        h = 2.0 / (9.0 * db)
        out[big[:, 0]] = db * (1.0 - h + _NODES[None, :] * np.sqrt(h)) ** 3
    return out


def _tail(
    y: NDArray[np.float64], total: NDArray[np.float64], phi: NDArray[np.float64], n: int, tail: Tail
) -> NDArray[np.float64]:
    """Upper tail of the predictive negative binomial with mean ``m = (total + phi)/n`` and
    variance ``phi m (n + 1)/n`` (``p = n/((n + 1) phi)``), through the regularised incomplete
    beta function: ``P(Y >= y) = I_{1-p}(y, r)``."""
    m = (total + phi) / n
    q = 1.0 - n / ((n + 1.0) * phi)
    r = m * (1.0 - q) / q
    at_least = np.where(y > 0, special.betainc(np.maximum(y, 1.0), r, q), 1.0)
    if tail == "exact":
        return at_least
    return 0.5 * (at_least + special.betainc(y + 1.0, r, q))


def exceedance(
    count: NDArray[np.float64],
    base: NDArray[np.float64],
    *,
    pool: bool = True,
    tail: Tail = "mid",
) -> Exceedance:
    """Upper-tail probability of each cell's count against its baseline (module docstring).

    Parameters
    ----------
    count : ndarray, shape (cells,)
        The counts under test.
    base : ndarray, shape (cells, n)
        Each cell's baseline counts, ``n >= 2``.
    pool : bool, default True
        Pool the dispersion across cells; False estimates each cell's from its own baseline
        (for series that are not exchangeable, such as a county total and its parts).
    tail : {"mid", "exact"}, default "mid"
        Mid-p :math:`P(Y > y) + P(Y = y)/2`, or the exact :math:`P(Y \\ge y)`.
    """
    if tail not in ("mid", "exact"):
        raise ValueError("tail must be 'mid' or 'exact'")
    cells, n = base.shape
    if n < 2:
        raise ValueError("the baseline needs at least two periods")
    d = float(n - 1)
    total = base.sum(axis=1)
    mu = total / n
    info = total > 0
    safe_mu = np.where(info, mu, 1.0)
    x2 = np.where(info, ((base - mu[:, None]) ** 2).sum(axis=1) / safe_mu, 0.0)
    phi_own = x2 / d

    if pool and np.any(total >= 2):
        # A first pooled value, each cell weighted by what its estimate is worth under Poisson.
        first = _own_df(total, 1.0, n)
        centre = max(float((first * phi_own).sum() / first.sum()), 1e-3)
        phi0, prior_df = _pooled_prior(mu, phi_own, _own_df(total, centre, n), d)
        own_df = _own_df(total, phi0, n)
        usable = own_df > 0
        if usable.sum() >= 3:
            tau2 = _between_cell_variance(phi_own[usable], phi0[usable], total[usable], n)
        else:
            tau2 = 0.0
        with np.errstate(divide="ignore"):
            prior_weight = np.minimum(2.0 * phi0**2 / tau2 if tau2 > 0 else np.inf, prior_df)
    else:
        phi0 = np.ones(cells)
        own_df = _own_df(total, np.maximum(phi_own, 1.0), n)
        prior_weight = np.zeros(cells)
    df = own_df + prior_weight
    with np.errstate(invalid="ignore"):
        phi = np.where(
            df > 0, (own_df * phi_own + prior_weight * phi0) / np.where(df > 0, df, 1), 1
        )
    # Nothing to estimate from (an empty baseline, no other cells): Poisson, taken as known.
    df = np.where(df > 0, df, np.inf)
    dispersion = np.maximum(phi, 1.0)

    # Integrate the tail over the uncertainty of the dispersion (cells where it is known
    # need one node).
    uncertain = df < KNOWN_DF
    pvalue = np.empty(cells)
    certain = ~uncertain
    pvalue[certain] = _tail(
        count[certain, None], total[certain, None], dispersion[certain, None], n, tail
    )[:, 0]
    if uncertain.any():
        dfu = df[uncertain, None]
        with np.errstate(divide="ignore"):
            nodes = np.clip(phi[uncertain, None] * dfu / _chi2_upper(dfu), 1.0, MAX_DISPERSION)
        node_tail = _tail(count[uncertain, None], total[uncertain, None], nodes, n, tail)
        pvalue[uncertain] = node_tail @ _WEIGHTS
    pvalue = np.clip(pvalue, 0.0, 1.0)
    predictive_mean = (total + dispersion) / n
    return Exceedance(
        expected=mu,
        variance=dispersion * predictive_mean * (n + 1.0) / n,
        dispersion=dispersion,
        dispersion_df=df,
        pvalue=pvalue,
    )
