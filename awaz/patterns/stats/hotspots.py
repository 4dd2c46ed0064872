r"""Hot spots: the Getis-Ord :math:`G_i^*` local statistic with permutation inference.

The textbook (ArcGIS) :math:`G_i^*` uses binary weights that include the site itself, and
equals ``esda.G_Local(y, w, transform="B", star=True).Zs``. Conditional-permutation pseudo
p-values follow esda's ``crand``: for each site, the site's own value stays put and the other
:math:`n - 1` values are shuffled over its neighbours. The permutation kernel is compiled with
numba and runs in parallel over blocks of sites; each block draws its permutations from its own
counter-based stream derived from the caller's generator, so results are reproducible for a
seed and independent of the number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numba
import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse, stats

from awaz.patterns.stats.fdr import fdr_bh
from awaz.patterns.stats.weights import GridCounts, grid_counts, grid_weights

__all__ = ["GiStarResult", "getis_ord_gi_star", "grid_gi_star"]

Alternative = Literal["two-sided", "greater", "lesser"]

# Sites per block sharing one set of permutation draws (see _crand_kernel).
_BLOCK = 64


@dataclass(frozen=True)
class GiStarResult:
    r"""Result of :func:`getis_ord_gi_star`; every array has one entry per site.

    Attributes
    ----------
    g : ndarray
        :math:`G_i^* = \sum_j w^*_{ij} y_j / \sum_j y_j`.
    expected : ndarray
        :math:`E[G_i^*] = W_i^* / n` under randomisation.
    variance : ndarray
        Analytic variance of :math:`G_i^*`.
    z : ndarray
        Standardised :math:`G_i^*` (positive: hot spot, negative: cold spot).
    p_norm : ndarray
        Analytic p-value from the standard normal, per ``alternative``.
    p_sim : ndarray
        Conditional-permutation pseudo p-value :math:`(M + 1) / (R + 1)`; NaN when
        ``permutations == 0``.
    q : ndarray
        Benjamini-Hochberg adjusted ``p_sim`` (``p_norm`` with ``fdr_on="p_norm"`` or
        without permutations).
    significant : ndarray of bool
        ``q <= alpha``: the sites to report as hot or cold spots with the false-discovery rate
        controlled at ``alpha``.
    permutations : int
    alternative : str
    alpha : float
    fdr_on : str
        Which p-values ``q`` adjusts: ``"p_sim"`` or ``"p_norm"``.
    """

    g: NDArray[np.float64]
    expected: NDArray[np.float64]
    variance: NDArray[np.float64]
    z: NDArray[np.float64]
    p_norm: NDArray[np.float64]
    p_sim: NDArray[np.float64]
    q: NDArray[np.float64]
    significant: NDArray[np.bool_]
    permutations: int
    alternative: str
    alpha: float
    fdr_on: str


def getis_ord_gi_star(
    y: ArrayLike,
    w: sparse.spmatrix | sparse.sparray,
    *,
    permutations: int = 999,
    rng: np.random.Generator,
    alternative: Alternative = "two-sided",
    alpha: float = 0.05,
    fdr_on: Literal["p_sim", "p_norm"] = "p_sim",
) -> GiStarResult:
    r"""Getis-Ord :math:`G_i^*` with analytic and permutation p-values and FDR control.

    With binary weights :math:`w^*_{ij}` that include the site itself (:math:`w^*_{ii} = 1`),
    :math:`W_i^* = \sum_j w^*_{ij}`, mean :math:`\bar y` and population variance
    :math:`s^2 = \frac1n\sum_j y_j^2 - \bar y^2`:

    .. math::

        G_i^* = \frac{\sum_j w^*_{ij} y_j}{\sum_j y_j}, \qquad
        E[G_i^*] = \frac{W_i^*}{n}, \qquad
        \operatorname{Var}[G_i^*] = \frac{W_i^* (n - W_i^*)}{n^2 (n - 1)}
            \frac{s^2}{\bar y^2}, \qquad
        z_i = \frac{G_i^* - E[G_i^*]}{\sqrt{\operatorname{Var}[G_i^*]}}

    which is algebraically the ArcGIS form
    :math:`z_i = (\sum_j w^*_{ij} y_j - \bar y W_i^*) / (S \sqrt{(n W_i^* - W_i^{*2})/(n-1)})`
    and equals ``esda.G_Local(y, w, transform="B", star=True).Zs``.

    The pseudo p-value holds :math:`y_i` fixed and draws the :math:`|N(i)|` neighbour values
    without replacement from the other :math:`n - 1` values, ``permutations`` times (sites
    in a block of about 64, spread over the map, share the index draws, as esda shares one set
    between all sites: each p-value is a valid permutation p-value, and for ``n > 64``
    sites next to each other in data order use different draws). With
    :math:`L` (:math:`U`) the number of draws at or below (at or above) the observed value,
    ``"greater"`` gives :math:`(U + 1)/(R + 1)`, ``"lesser"`` :math:`(L + 1)/(R + 1)` and
    ``"two-sided"`` :math:`\min(1, (2 \min(L, U) + 1)/(R + 1))`: the count of draws at least as
    far out in either tail, which is what esda's ``"two-sided"`` percentile rule counts for
    untied draws. The analytic ``p_norm`` is :math:`2\,\Phi(-|z|)`, :math:`\Phi(-z)` or
    :math:`\Phi(z)` (esda's ``p_norm`` is always one-sided :math:`\Phi(-|z|)`).

    Parameters
    ----------
    y : array_like
        ``(n,)`` values (counts or rates) with a non-zero sum.
    w : scipy sparse matrix
        ``(n, n)`` neighbour weights from :mod:`awaz.patterns.stats.weights`. Any non-zero
        entry counts as 1 (binary, esda's ``transform="B"``); the diagonal is set to 1.
    permutations : int, default 999
        Conditional permutations per site; 0 skips them.
    rng : numpy.random.Generator
        Seeded generator; one 64-bit key is drawn from it to seed every block's stream.
    alternative : {"two-sided", "greater", "lesser"}
        ``"greater"`` tests for hot spots only, ``"lesser"`` for cold spots only.
    alpha : float, default 0.05
        False-discovery rate for ``significant``.
    fdr_on : {"p_sim", "p_norm"}
        Which p-values the Benjamini-Hochberg step adjusts (esda applies ``fdr`` to
        ``p_sim``). A pseudo p-value is never below :math:`1/(R+1)`, so over :math:`m` sites
        BH can reject only if at least :math:`m / (\alpha (R + 1))` sites reach that floor:
        on a 90,000-cell grid with 999 permutations, about 1,800. For large grids use
        ``"p_norm"`` or more permutations. Without permutations ``p_norm`` is always used.

    Returns
    -------
    GiStarResult

    References
    ----------
    Getis, A. and Ord, J. K. (1992). The analysis of spatial association by use of distance
    statistics. Geographical Analysis 24(3), 189-206.
    Ord, J. K. and Getis, A. (1995). Local spatial autocorrelation statistics: distributional
    issues and an application. Geographical Analysis 27(4), 286-306.
    Anselin, L. (1995). Local indicators of spatial association - LISA. Geographical Analysis
    27(2), 93-115 (conditional randomisation).
    """
    yv = np.asarray(y, dtype=np.float64).ravel()
    n = yv.size
    if alternative not in ("two-sided", "greater", "lesser"):
        raise ValueError("alternative must be 'two-sided', 'greater' or 'lesser'")
    if permutations < 0:
        raise ValueError("permutations must be >= 0")
    if n < 2:
        raise ValueError("need at least two sites")
    if w.shape != (n, n):
        raise ValueError("w must be (n, n) for n values of y")
    if not np.all(np.isfinite(yv)):
        raise ValueError("y must be finite")
    total = yv.sum()
    if total == 0:
        raise ValueError("y must have a non-zero sum")

    nb = _neighbour_csr(w)
    lag_others = np.asarray(nb @ yv, dtype=np.float64)  # neighbours only, self excluded
    cardinality = np.diff(nb.indptr).astype(np.float64) + 1.0  # W_i^*, self included

    g, expected, variance, z = _moments(yv, lag_others, cardinality, total)
    if alternative == "two-sided":
        p_norm = 2.0 * stats.norm.sf(np.abs(z))
    elif alternative == "greater":
        p_norm = stats.norm.sf(z)
    else:
        p_norm = stats.norm.cdf(z)

    if fdr_on not in ("p_sim", "p_norm"):
        raise ValueError("fdr_on must be 'p_sim' or 'p_norm'")
    if permutations:
        key = np.uint64(rng.integers(0, 2**63, dtype=np.int64))
        mode = {"two-sided": 0, "greater": 1, "lesser": 2}[alternative]
        k = np.diff(nb.indptr).astype(np.int64)
        p_sim = _crand_kernel(yv, k, lag_others, key, permutations, mode, _BLOCK)
        significant, q = fdr_bh(p_sim if fdr_on == "p_sim" else p_norm, alpha=alpha)
    else:
        p_sim = np.full(n, np.nan)
        significant, q = fdr_bh(p_norm, alpha=alpha)
    return GiStarResult(
        g=g,
        expected=expected,
        variance=variance,
        z=z,
        p_norm=p_norm,
        p_sim=p_sim,
        q=q,
        significant=significant,
        permutations=permutations,
        alternative=alternative,
        alpha=alpha,
        fdr_on=fdr_on if permutations else "p_norm",
    )


def _neighbour_csr(w: sparse.spmatrix | sparse.sparray) -> sparse.csr_matrix:
    """Binary neighbour structure without the diagonal (self-weight added separately)."""
    a = sparse.csr_matrix(w, dtype=np.float64, copy=True)
    a.eliminate_zeros()
    a.setdiag(0.0)
    a.eliminate_zeros()
    a.sort_indices()
    a.data[:] = 1.0
    return a


def _moments(
    y: NDArray[np.float64],
    lag_others: NDArray[np.float64],
    cardinality: NDArray[np.float64],
    total: float,
) -> tuple[NDArray[np.float64], ...]:
    """G_i^*, its expectation, variance and z-score (Getis and Ord 1992, eqs. 8-9)."""
    n = y.size
    g = (lag_others + y) / total
    mean = total / n
    var = (y**2).sum() / n - mean**2
    expected = cardinality / n
    variance = cardinality * (n - cardinality) / (n - 1) / n**2 * var / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (g - expected) / np.sqrt(variance)
    return g, expected, variance, z


@numba.njit(cache=True, inline="always")
def _splitmix(x: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@numba.njit(cache=True, nogil=True)
def _draw_rows(
    state: np.uint64, rows: NDArray[np.int64], n_others: int, width: int
) -> np.uint64:  # pragma: no cover - compiled
    """Fill ``rows[:, :width]`` with distinct uniform draws from ``[0, n_others)`` per row.

    SplitMix64 stream from ``state``; 32 random bits go to ``[0, n_others)`` by multiply-shift
    (relative bias below ``n_others / 2**32``); a value repeated within a row is redrawn, so
    each row is a uniform sample without replacement.
    """
    golden = np.uint64(0x9E3779B97F4A7C15)
    m = np.uint64(n_others)
    for p in range(rows.shape[0]):
        j = 0
        while j < width:
            state += golden
            r = np.int64(((_splitmix(state) >> np.uint64(32)) * m) >> np.uint64(32))
            dup = False
            for t in range(j):
                if rows[p, t] == r:
                    dup = True
                    break
            if not dup:
                rows[p, j] = r
                j += 1
    return state


@numba.njit(parallel=True, cache=True, nogil=True, fastmath=True)
def _crand_kernel(
    y: NDArray[np.float64],
    k: NDArray[np.int64],
    observed: NDArray[np.float64],
    key: np.uint64,
    permutations: int,
    mode: int,
    block: int,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Pseudo p-values by conditional permutation, in parallel over blocks of sites.

    Sites ``b, b + nb, b + 2 nb, ...`` form block ``b`` (``nb`` blocks of about ``block``
    sites, spread over the map rather than next to each other). Block ``b`` draws its own
    ``permutations`` rows of distinct indices into the ``n - 1`` other values from a stream
    seeded by ``mix(key + mix(b))``, so the result depends on the seed only, not on the thread
    count. Site ``i`` reads index ``r`` as value ``y[r]``, except that ``r == i`` stands for
    the last site, ``n - 1`` (never drawn), so ``i`` itself is skipped: its first ``k_i`` draws
    per row are a uniform conditional permutation of the others over its neighbours (esda
    shares one such set of rows between all sites). Each row's running sums are computed once
    per block, so a site costs ``k_i`` integer comparisons per row and no random reads. The
    simulated neighbour sum is compared with the observed one; ``y_i`` is common to both and
    cancels.
    """
    n = y.size
    nblocks = (n + block - 1) // block
    out = np.empty(n)
    golden = np.uint64(0x9E3779B97F4A7C15)
    for b in numba.prange(nblocks):
        width = 0
        for i in range(b, n, nblocks):
            width = max(width, k[i])
        rows = np.empty((permutations, max(width, 1)), dtype=np.int64)
        _draw_rows(_splitmix(key + _splitmix(np.uint64(b) + golden)), rows, n - 1, width)
        # prefix[p, m]: sum of the values at the first m indices of row p.
        prefix = np.zeros((permutations, width + 1))
        for p in range(permutations):
            for j in range(width):
                prefix[p, j + 1] = prefix[p, j] + y[rows[p, j]]
        for i in range(b, n, nblocks):
            ki = k[i]
            obs = observed[i]
            delta = y[n - 1] - y[i]
            lower = 0
            upper = 0
            for p in range(permutations):
                hit = False
                for j in range(ki):
                    hit |= rows[p, j] == i
                s = prefix[p, ki] + delta if hit else prefix[p, ki]
                lower += s <= obs
                upper += s >= obs
            if mode == 1:
                extreme = upper
            elif mode == 2:
                extreme = lower
            else:
                extreme = min(2 * min(lower, upper), permutations)
            out[i] = (extreme + 1.0) / (permutations + 1.0)
    return out


def grid_gi_star(
    x: ArrayLike,
    y: ArrayLike,
    *,
    cell_size: float,
    rng: np.random.Generator,
    permutations: int = 999,
    contiguity: Literal["queen", "rook"] = "queen",
    alternative: Alternative = "two-sided",
    alpha: float = 0.05,
    fdr_on: Literal["p_sim", "p_norm"] = "p_sim",
) -> tuple[GridCounts, GiStarResult]:
    """Hot spots over a grid of ``cell_size`` cells: events counted per cell
    (:func:`~awaz.patterns.stats.weights.grid_counts`), then :func:`getis_ord_gi_star` with
    the grid's contiguity weights. Returns the grid (for drawing) and the result per cell,
    row-major. With many cells and few permutations prefer ``fdr_on="p_norm"``: the smallest
    permutation p-value, 1 / (permutations + 1), cannot pass false-discovery control across
    tens of thousands of cells."""
    grid = grid_counts(x, y, cell_size=cell_size)
    w = grid_weights(grid.nrows, grid.ncols, contiguity=contiguity)
    result = getis_ord_gi_star(
        grid.counts.astype(np.float64),
        w,
        permutations=permutations,
        rng=rng,
        alternative=alternative,
        alpha=alpha,
        fdr_on=fdr_on,
    )
    return grid, result
