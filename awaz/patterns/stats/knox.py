"""Near-repeat analysis: the Knox test and the Near Repeat Calculator band table.

Two events are *close in space* when their Euclidean distance is at most ``delta`` and *close
in time* when their time gap is at most ``tau`` (both inclusive, as pointpats' ``Knox``). The
Knox statistic counts the pairs close in both. Under the null of no space-time interaction the
times are exchangeable given the places, so the reference distribution comes from shuffling the
times with the places fixed. That leaves the pairs close in space unchanged: they are found once
with a k-d tree and each permutation only re-reads their time gaps (compiled, in parallel), so
memory is linear in the number of close pairs, never quadratic in the number of events.

References
----------
Knox, E. G. (1964). The detection of space-time interactions. *Journal of the Royal Statistical
Society C*, 13(1), 25-30.
Rogerson, P. A. (2001). *Statistical Methods for Geography*. Sage (Knox test, ch. 9).
Ratcliffe, J. H. (2009). *Near Repeat Calculator* (version 1.3). Temple University and National
Institute of Justice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.spatial import cKDTree
from scipy.stats import poisson

from awaz.patterns.stats import _knox_kernels as kk

__all__ = ["BandTable", "KnoxResult", "knox", "knox_bands"]


@dataclass(frozen=True)
class KnoxResult:
    """Result of :func:`knox`.

    Attributes
    ----------
    nst, ns, nt : int
        Pairs close in space and time, in space, in time.
    n_pairs : int
        All unordered pairs, ``n (n - 1) / 2``.
    expected : float
        Expected ``NST`` under independence, ``NS * NT / n_pairs``.
    p_poisson : float
        ``P(X >= NST)`` for ``X ~ Poisson(expected)``: 1.0 when no pair is close in both
        (no evidence of interaction), whatever ``expected`` is.
    p_sim : float
        One-sided permutation p-value ``(#{NST_perm >= NST} + 1) / (permutations + 1)``;
        ``nan`` when ``permutations == 0``.
    sim : ndarray of int64
        ``NST`` under each permutation.
    delta, tau : float
        Thresholds used; ``permutations`` the number of shuffles.
    """

    nst: int
    ns: int
    nt: int
    n_pairs: int
    expected: float
    p_poisson: float
    p_sim: float
    sim: NDArray[np.int64]
    delta: float
    tau: float
    permutations: int


@dataclass(frozen=True)
class BandTable:
    """Result of :func:`knox_bands`: the Near Repeat Calculator table.

    Rows are space bands, columns time bands. Band ``k`` covers ``(edges[k], edges[k + 1]]``;
    the first band also includes its lower edge, so with edges starting at 0 it is ``[0, e1]``.

    Attributes
    ----------
    space_edges, time_edges : ndarray of float64
        Band edges (metres and days in the usual use).
    observed : ndarray of int64, shape (space bands, time bands)
        Pairs in each cell.
    expected : ndarray of float64
        Mean count per cell over the permutations.
    knox_ratio : ndarray of float64
        ``observed / expected`` (``nan`` where ``expected`` is 0).
    p_value : ndarray of float64
        One-sided ``(#{count_perm >= observed} + 1) / (permutations + 1)`` per cell.
    permutations : int
    """

    space_edges: NDArray[np.float64]
    time_edges: NDArray[np.float64]
    observed: NDArray[np.int64]
    expected: NDArray[np.float64]
    knox_ratio: NDArray[np.float64]
    p_value: NDArray[np.float64]
    permutations: int


def _validate(s: ArrayLike, t: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    s_arr = np.ascontiguousarray(s, dtype=np.float64)
    t_arr = np.ascontiguousarray(np.asarray(t, dtype=np.float64).reshape(-1))
    if s_arr.ndim != 2 or s_arr.shape[1] != 2:
        raise ValueError("s must have shape (n, 2)")
    if t_arr.shape[0] != s_arr.shape[0]:
        raise ValueError("s and t must have the same number of events")
    if not (np.isfinite(s_arr).all() and np.isfinite(t_arr).all()):
        raise ValueError("s and t must be finite")
    return s_arr, t_arr


def _close_pairs(s: NDArray[np.float64], r: float) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """Unordered pairs ``i < j`` with Euclidean distance ``<= r`` (scipy's k-d tree)."""
    pairs = cKDTree(s).query_pairs(r, output_type="ndarray")
    return (
        np.ascontiguousarray(pairs[:, 0], dtype=np.int32),
        np.ascontiguousarray(pairs[:, 1], dtype=np.int32),
    )


def _seeds(rng: np.random.Generator, permutations: int) -> NDArray[np.uint64]:
    return rng.integers(
        0, np.iinfo(np.uint64).max, size=permutations, dtype=np.uint64, endpoint=True
    )


def _p_sim(exceed: NDArray[np.int64] | int, permutations: int) -> NDArray[np.float64] | float:
    return (exceed + 1) / (permutations + 1)


def knox(
    s: ArrayLike,
    t: ArrayLike,
    *,
    delta: float,
    tau: float,
    permutations: int = 999,
    rng: np.random.Generator,
) -> KnoxResult:
    r"""Knox test for space-time interaction.

    .. math::

        N_{ST} = \sum_{i<j} [\lVert s_i - s_j \rVert \le \delta]\,[|t_i - t_j| \le \tau],
        \qquad E[N_{ST}] = \frac{N_S N_T}{n(n-1)/2}

    with ``N_S`` and ``N_T`` the pairs close in space and in time. ``p_poisson`` is the
    one-sided Poisson tail ``P(X >= N_ST) = 1 - F(N_ST - 1; E)`` for the Poisson CDF ``F``,
    so ``N_ST = 0`` gives 1 (nothing observed is never evidence); ``p_sim`` compares
    ``N_ST`` with its value after each random shuffle of the times (places fixed), also
    counting ties. Equal to pointpats' ``Knox(s, t[:, None], delta, tau)`` in ``NST``,
    ``NS``, ``NT`` and ``expected`` (Knox 1964; Rogerson 2001). pointpats' ``p_poisson`` is
    ``P(X > N_ST)``, which leaves out ``P(X = N_ST)``: it is ours minus that term, and with no
    close pairs it gives 0, which reads as highly significant.

    Parameters
    ----------
    s : array_like, shape (n, 2)
        Projected coordinates (e.g. metres).
    t : array_like, shape (n,) or (n, 1)
        Times as numbers (e.g. days).
    delta, tau : float
        Inclusive closeness thresholds in space and time.
    permutations : int
        Number of shuffles of the times; 0 skips ``p_sim``.
    rng : numpy.random.Generator
        Seeded generator; the same seed gives the same result on any number of threads.

    Returns
    -------
    KnoxResult
    """
    s_arr, t_arr = _validate(s, t)
    if delta < 0 or tau < 0 or permutations < 0:
        raise ValueError("delta, tau and permutations must be non-negative")
    n = s_arr.shape[0]
    tau2 = float(tau) * float(tau)
    ii, jj = _close_pairs(s_arr, float(delta))
    ns = int(ii.size)
    nt = int(kk.count_time_pairs(np.sort(t_arr), tau2))
    nst = int(kk.count_time_close(ii, jj, t_arr, tau2))
    n_pairs = n * (n - 1) / 2
    expected = float(ns) * float(nt) / n_pairs if n_pairs else 0.0
    # P(X >= nst); sf(-1) is exactly 1, so no close pairs is no evidence, even when E is 0.
    p_poisson = float(poisson.sf(nst - 1, expected))
    if permutations > 0:
        sim = kk.permuted_counts(ii, jj, t_arr, tau2, _seeds(rng, permutations))
        p_sim = float(_p_sim(int((sim >= nst).sum()), permutations))
    else:
        sim = np.empty(0, np.int64)
        p_sim = float("nan")
    return KnoxResult(
        nst=nst,
        ns=ns,
        nt=nt,
        n_pairs=int(n * (n - 1) // 2),
        expected=expected,
        p_poisson=p_poisson,
        p_sim=p_sim,
        sim=sim,
        delta=float(delta),
        tau=float(tau),
        permutations=permutations,
    )


def _edges(edges: ArrayLike, name: str) -> NDArray[np.float64]:
    e = np.asarray(edges, dtype=np.float64).reshape(-1)
    if e.size < 2 or e[0] < 0 or np.any(np.diff(e) <= 0) or not np.isfinite(e).all():
        raise ValueError(f"{name} must be at least two increasing, non-negative, finite edges")
    # The kernels compare squared distances and gaps with squared edges: those must stay
    # finite and strictly increasing too (1e200 overflows, 1e-200 and 2e-200 both give 0).
    with np.errstate(over="ignore"):
        e2 = e * e
    if not np.isfinite(e2).all() or np.any(np.diff(e2) <= 0):
        raise ValueError(f"{name} must be edges whose squares are finite and increasing")
    return e


def knox_bands(
    s: ArrayLike,
    t: ArrayLike,
    *,
    space_bands: ArrayLike,
    time_bands: ArrayLike,
    permutations: int = 999,
    rng: np.random.Generator,
) -> BandTable:
    r"""Near Repeat Calculator table: Knox counts per (space band, time band) cell.

    For each cell :math:`(a, b)` the observed count is

    .. math::

        O_{ab} = \sum_{i<j} [d_{ij} \in S_a]\,[|t_i - t_j| \in T_b],

    with the bands given by edges (``[0, 100, 200]`` metres gives ``[0, 100]`` and
    ``(100, 200]``). The Knox ratio is ``O_ab`` over its mean across random shuffles of the times
    (places fixed), and the p-value is ``(#{O_ab^perm >= O_ab} + 1) / (permutations + 1)``
    (Ratcliffe 2009; Knox 1964). With edges starting at 0, the cells up to ``delta`` and ``tau``
    sum to :func:`knox`'s ``NST`` for those thresholds, and with the same seed so do the
    permuted counts.

    Parameters
    ----------
    s : array_like, shape (n, 2)
        Projected coordinates.
    t : array_like, shape (n,) or (n, 1)
        Times as numbers.
    space_bands, time_bands : array_like
        Increasing band edges (inclusive upper edges).
    permutations : int
        Number of shuffles of the times (at least 1).
    rng : numpy.random.Generator
        Seeded generator.

    Returns
    -------
    BandTable
    """
    s_arr, t_arr = _validate(s, t)
    se = _edges(space_bands, "space_bands")
    te = _edges(time_bands, "time_bands")
    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    n_space = se.size - 1
    ii, jj = _close_pairs(s_arr, float(se[-1]))
    # Band indices in a type sized from the number of bands: a fixed int8 wrapped past 127
    # bands (band 128 became -128 and was dropped, band 256 was counted as band 0).
    sband = kk.space_bands_of(s_arr, ii, jj, se * se, np.empty(ii.size, kk.band_dtype(n_space)))
    keep = sband >= 0
    if not keep.all():
        ii, jj, sband = ii[keep], jj[keep], sband[keep]
    te2 = te * te
    observed = kk.band_counts(ii, jj, sband, t_arr, te2, n_space)
    sims = kk.permuted_band_counts(ii, jj, sband, t_arr, te2, n_space, _seeds(rng, permutations))
    expected = sims.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / np.where(expected > 0, expected, 1.0), np.nan)
    exceed = (sims >= observed[None, :, :]).sum(axis=0)
    return BandTable(
        space_edges=se,
        time_edges=te,
        observed=observed,
        expected=expected,
        knox_ratio=ratio,
        p_value=np.asarray(_p_sim(exceed, permutations), dtype=np.float64),
        permutations=permutations,
    )
