"""Compiled kernels for the Knox test (numba, ``cache=True``).

Permuting the times leaves the spatial pairs unchanged, so the pairs close in space are found
once and each permutation only re-reads the time gaps of those pairs. Each permutation shuffles
with its own seed (a SplitMix64 stream drawn from the caller's generator), so results do not
depend on the number of threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange, uint64
from numpy.typing import NDArray

_GOLDEN = uint64(0x9E3779B97F4A7C15)
_MIX1 = uint64(0xBF58476D1CE4E5B9)
_MIX2 = uint64(0x94D049BB133111EB)


@njit(cache=True, inline="always")
def _splitmix(state: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover - compiled
    state = state + _GOLDEN
    z = state
    z = (z ^ (z >> uint64(30))) * _MIX1
    z = (z ^ (z >> uint64(27))) * _MIX2
    return state, z ^ (z >> uint64(31))


@njit(cache=True)
def _permuted(
    values: NDArray[np.float64], seed: np.uint64
) -> NDArray[np.float64]:  # pragma: no cover
    """Return ``values`` shuffled by Fisher-Yates with a SplitMix64 stream from ``seed``."""
    out = values.copy()
    state = uint64(seed)
    for i in range(out.size - 1, 0, -1):
        state, r = _splitmix(state)
        # Lemire's multiply-shift on the high 32 bits: bias below 2**-32 * n.
        j = np.int64(((r >> uint64(32)) * uint64(i + 1)) >> uint64(32))
        tmp = out[i]
        out[i] = out[j]
        out[j] = tmp
    return out


@njit(cache=True)
def count_time_close(
    ii: NDArray[np.int32], jj: NDArray[np.int32], t: NDArray[np.float64], tau2: float
) -> int:  # pragma: no cover - compiled
    """Count pairs ``k`` with ``(t[ii[k]] - t[jj[k]])**2 <= tau2``."""
    c = 0
    for k in range(ii.size):
        d = t[ii[k]] - t[jj[k]]
        if d * d <= tau2:
            c += 1
    return c


@njit(parallel=True, cache=True)
def permuted_counts(
    ii: NDArray[np.int32],
    jj: NDArray[np.int32],
    t: NDArray[np.float64],
    tau2: float,
    seeds: NDArray[np.uint64],
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Space-time close pair counts, one per permutation of ``t``."""
    out = np.empty(seeds.size, np.int64)
    for p in prange(seeds.size):
        tp = _permuted(t, seeds[p])
        out[p] = count_time_close(ii, jj, tp, tau2)
    return out


@njit(cache=True)
def count_time_pairs(t_sorted: NDArray[np.float64], tau2: float) -> int:  # pragma: no cover
    """Count unordered pairs of a sorted array with ``(t[j] - t[i])**2 <= tau2`` (two pointers)."""
    n = t_sorted.size
    total = 0
    j = 0
    for i in range(n):
        if j < i + 1:
            j = i + 1
        while j < n:
            d = t_sorted[j] - t_sorted[i]
            if d * d <= tau2:
                j += 1
            else:
                break
        total += j - i - 1
    return total


@njit(cache=True, inline="always")
def _band(d2: float, edges2: NDArray[np.float64]) -> int:  # pragma: no cover - compiled
    """Band ``k`` with ``edges2[k] < d2 <= edges2[k + 1]`` (first band closed below), or -1.

    Binary search, so many bands cost ``log2(bands)`` comparisons per pair.
    """
    last = edges2.size - 1
    if d2 < edges2[0] or d2 > edges2[last]:
        return -1
    lo = 0  # invariant: the band is in [lo, hi]
    hi = last - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if d2 <= edges2[mid + 1]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def band_dtype(n_bands: int) -> type[np.signedinteger]:
    """Smallest signed integer type holding band indices ``0 .. n_bands - 1`` and -1."""
    for dtype in (np.int8, np.int16, np.int32, np.int64):
        if n_bands - 1 <= np.iinfo(dtype).max:
            return dtype
    raise ValueError("too many bands")


@njit(cache=True)
def band_counts(
    ii: NDArray[np.int32],
    jj: NDArray[np.int32],
    sband: NDArray[np.signedinteger],
    t: NDArray[np.float64],
    tedges2: NDArray[np.float64],
    n_space: int,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Pair counts per (space band, time band) cell for one assignment of times."""
    n_time = tedges2.size - 1
    out = np.zeros((n_space, n_time), np.int64)
    tmax = tedges2[n_time]
    for k in range(ii.size):
        d = t[ii[k]] - t[jj[k]]
        d2 = d * d
        if d2 > tmax:
            continue
        tb = _band(d2, tedges2)
        if tb >= 0:
            out[sband[k], tb] += 1
    return out


@njit(parallel=True, cache=True)
def permuted_band_counts(
    ii: NDArray[np.int32],
    jj: NDArray[np.int32],
    sband: NDArray[np.signedinteger],
    t: NDArray[np.float64],
    tedges2: NDArray[np.float64],
    n_space: int,
    seeds: NDArray[np.uint64],
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Band tables for each permutation of ``t``: shape (permutations, space, time)."""
    out = np.empty((seeds.size, n_space, tedges2.size - 1), np.int64)
    for p in prange(seeds.size):
        tp = _permuted(t, seeds[p])
        out[p] = band_counts(ii, jj, sband, tp, tedges2, n_space)
    return out


@njit(parallel=True, cache=True)
def space_bands_of(
    s: NDArray[np.float64],
    ii: NDArray[np.int32],
    jj: NDArray[np.int32],
    sedges2: NDArray[np.float64],
    out: NDArray[np.signedinteger],
) -> NDArray[np.signedinteger]:  # pragma: no cover - compiled
    """Spatial band of each pair from its squared Euclidean distance (-1 outside the bands),
    written into ``out`` (one entry per pair, of ``band_dtype(bands)`` so no index wraps)."""
    for k in prange(ii.size):
        dx = s[ii[k], 0] - s[jj[k], 0]
        d2 = dx * dx
        dy = s[ii[k], 1] - s[jj[k], 1]
        d2 += dy * dy
        out[k] = _band(d2, sedges2)
    return out
