"""Knox test and band table against pointpats (dev-only reference) and hand counts."""

from __future__ import annotations

import numba
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import poisson

from awaz.patterns.stats import _knox_kernels as kk
from awaz.patterns.stats.knox import knox, knox_bands

pointpats_spacetime = pytest.importorskip("pointpats.spacetime")
libpysal = pytest.importorskip("libpysal")


@pytest.fixture(scope="module")
def burkitt() -> tuple[np.ndarray, np.ndarray]:
    """Bundled libpysal example (no network): 188 Burkitt's lymphoma cases, X/Y km, T days."""
    from libpysal.io import open as ps_open

    path = libpysal.examples.get_path("burkitt.dbf")
    db = ps_open(path)
    try:
        cols = {name: np.asarray(db.by_col(name), dtype=float) for name in ("X", "Y", "T")}
    finally:
        db.close()
    return np.column_stack([cols["X"], cols["Y"]]), cols["T"]


def _random_events(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    s = np.round(rng.uniform(0, 1000, size=(n, 2)))  # whole metres: exact ties at delta
    t = np.floor(rng.uniform(0, 200, size=n))  # whole days: exact ties at tau
    return s, t


def _assert_same_as_pointpats(s: np.ndarray, t: np.ndarray, delta: float, tau: float) -> None:
    ours = knox(s, t, delta=delta, tau=tau, permutations=0, rng=np.random.default_rng(0))
    ref = pointpats_spacetime.Knox(s, t[:, None], delta, tau, permutations=0)
    obs = ref.observed
    assert ours.nst == ref.nst
    assert ours.ns == obs[0, 0] + obs[0, 1]
    assert ours.nt == obs[0, 0] + obs[1, 0]
    assert ours.expected == ref.expected[0, 0]
    # pointpats gives P(X > NST); ours is P(X >= NST), which adds P(X = NST).
    assert_allclose(ours.p_poisson, ref.p_poisson + poisson.pmf(ref.nst, ref.expected[0, 0]))


def test_burkitt_published_value_and_pointpats(burkitt: tuple[np.ndarray, np.ndarray]) -> None:
    s, t = burkitt
    res = knox(s, t, delta=20, tau=5, permutations=99, rng=np.random.default_rng(1))
    assert res.nst == 13  # STACK.md / pointpats docstring
    assert_allclose(res.expected, 10.1438161, rtol=1e-8)
    # pointpats' docstring gives P(X > 13) = 0.14624558197140414; P(X >= 13) adds P(X = 13).
    assert_allclose(res.p_poisson - poisson.pmf(13, res.expected), 0.14624558197140414)
    assert_allclose(res.p_poisson, 1 - poisson.cdf(12, 10.1438161), rtol=1e-6)
    _assert_same_as_pointpats(s, t, 20.0, 5.0)


@pytest.mark.parametrize(("seed", "delta", "tau"), [(3, 50.0, 7.0), (4, 120.0, 3.0)])
def test_random_seeded_equals_pointpats(seed: int, delta: float, tau: float) -> None:
    s, t = _random_events(seed)
    _assert_same_as_pointpats(s, t, delta, tau)


def test_p_sim_statistically_consistent_with_pointpats(
    burkitt: tuple[np.ndarray, np.ndarray],
) -> None:
    s, t = burkitt
    perms = 499
    ours = knox(s, t, delta=20, tau=5, permutations=perms, rng=np.random.default_rng(2))
    np.random.seed(12345)  # pointpats has no seed argument: pin the global state for the test
    ref = pointpats_spacetime.Knox(s, t[:, None], 20, 5, permutations=perms)
    p = 0.5 * (ours.p_sim + ref.p_sim)
    se = np.sqrt(2 * p * (1 - p) / perms)
    assert abs(ours.p_sim - ref.p_sim) < 4 * se
    # The permutation mean of NST estimates the expected count NS * NT / pairs.
    assert abs(ours.sim.mean() - ours.expected) < 4 * ours.sim.std() / np.sqrt(perms)


def test_hand_checked_small_case() -> None:
    # Distances: d01 = 5 (exactly delta), d02 = 10, d03 = 0, d12 = 8.06, d13 = 5, d23 = 10.
    # Gaps:      g01 = 2 (exactly tau),   g02 = 1,  g03 = 10, g12 = 1,   g13 = 8,  g23 = 9.
    s = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 0.0], [0.0, 0.0]])
    t = np.array([0.0, 2.0, 1.0, 10.0])
    res = knox(s, t, delta=5, tau=2, permutations=0, rng=np.random.default_rng(0))
    assert (res.ns, res.nt, res.nst, res.n_pairs) == (3, 3, 1, 6)  # NS {01,03,13}, NT {01,02,12}
    assert res.expected == 3 * 3 / 6
    assert_allclose(res.p_poisson, 1 - np.exp(-1.5))  # P(X >= 1)
    assert np.isnan(res.p_sim)


def test_band_table_sums_match_single_threshold(burkitt: tuple[np.ndarray, np.ndarray]) -> None:
    s, t = burkitt
    sb, tb = [0, 10, 20, 40], [0, 5, 10, 30]
    table = knox_bands(
        s, t, space_bands=sb, time_bands=tb, permutations=199, rng=np.random.default_rng(5)
    )
    assert table.observed.shape == table.p_value.shape == (3, 3)
    for a, delta in enumerate(sb[1:], start=1):
        for b, tau in enumerate(tb[1:], start=1):
            single = knox(
                s, t, delta=delta, tau=tau, permutations=199, rng=np.random.default_rng(5)
            )
            assert table.observed[:a, :b].sum() == single.nst
            # Same seed, same shuffles: the permuted counts add up as well.
            assert_allclose(table.expected[:a, :b].sum(), single.sim.mean(), rtol=1e-12)
    assert_allclose(table.knox_ratio, table.observed / table.expected)
    assert ((table.p_value > 0) & (table.p_value <= 1)).all()


def test_band_edges_are_inclusive_above() -> None:
    s = np.array([[0.0, 0.0], [100.0, 0.0], [250.0, 0.0]])
    t = np.array([0.0, 7.0, 8.0])
    table = knox_bands(
        s, t, space_bands=[0, 100, 200, 300], time_bands=[0, 7, 14], permutations=9,
        rng=np.random.default_rng(0),
    )  # fmt: skip
    # Pairs: (0,1) d=100 g=7 -> [0,100] x [0,7]; (0,2) d=250 g=8 -> (200,300] x (7,14];
    # (1,2) d=150 g=1 -> (100,200] x [0,7].
    assert_array_equal(table.observed, [[1, 0], [1, 0], [0, 1]])


def test_deterministic_for_a_seed_and_thread_count(burkitt: tuple[np.ndarray, np.ndarray]) -> None:
    s, t = burkitt
    a = knox(s, t, delta=20, tau=5, permutations=99, rng=np.random.default_rng(9))
    b = knox(s, t, delta=20, tau=5, permutations=99, rng=np.random.default_rng(9))
    before = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        c = knox(s, t, delta=20, tau=5, permutations=99, rng=np.random.default_rng(9))
        bands1 = knox_bands(
            s, t, space_bands=[0, 20], time_bands=[0, 5], permutations=49,
            rng=np.random.default_rng(9),
        )  # fmt: skip
    finally:
        numba.set_num_threads(before)
    bands2 = knox_bands(
        s, t, space_bands=[0, 20], time_bands=[0, 5], permutations=49, rng=np.random.default_rng(9)
    )
    assert_array_equal(a.sim, b.sim)
    assert_array_equal(a.sim, c.sim)
    assert a.p_sim == b.p_sim == c.p_sim
    assert_array_equal(bands1.p_value, bands2.p_value)
    assert_array_equal(bands1.expected, bands2.expected)
    d = knox(s, t, delta=20, tau=5, permutations=99, rng=np.random.default_rng(10))
    assert not np.array_equal(a.sim, d.sim)


def test_shuffle_is_a_permutation() -> None:
    values = np.arange(1000, dtype=np.float64)
    out = kk._permuted(values, np.uint64(42))
    assert_array_equal(np.sort(out), values)
    assert not np.array_equal(out, values)
    assert_array_equal(values, np.arange(1000))  # caller's array untouched


def test_t_accepts_column_and_validates() -> None:
    s, t = _random_events(1, n=50)
    rng = np.random.default_rng(0)
    a = knox(s, t, delta=100, tau=10, permutations=0, rng=rng)
    b = knox(s, t[:, None], delta=100, tau=10, permutations=0, rng=rng)
    assert (a.nst, a.ns, a.nt) == (b.nst, b.ns, b.nt)
    with pytest.raises(ValueError, match="same number"):
        knox(s, t[:-1], delta=1, tau=1, rng=rng)
    with pytest.raises(ValueError, match="shape"):
        knox(t, t, delta=1, tau=1, rng=rng)
    with pytest.raises(ValueError, match="increasing"):
        knox_bands(s, t, space_bands=[0, 10, 5], time_bands=[0, 1], rng=rng)
    with pytest.raises(ValueError, match="permutations"):
        knox_bands(s, t, space_bands=[0, 10], time_bands=[0, 1], permutations=0, rng=rng)
    with pytest.raises(ValueError, match="squares"):
        knox_bands(s, t, space_bands=[0, 1e-200, 2e-200], time_bands=[0, 1], rng=rng)
    with pytest.raises(ValueError, match="squares"):
        knox_bands(s, t, space_bands=[0, 10], time_bands=[0, 1e200], rng=rng)


def _brute_force_bands(
    s: np.ndarray, t: np.ndarray, space_edges: np.ndarray, time_edges: np.ndarray
) -> np.ndarray:
    """Every pair's (space band, time band) cell by direct search (first band closed below)."""
    i, j = np.triu_indices(len(t), k=1)
    d = np.hypot(*(s[i] - s[j]).T)
    g = np.abs(t[i] - t[j])

    def band(x: np.ndarray, edges: np.ndarray) -> np.ndarray:
        k = np.searchsorted(edges, x, side="left") - 1
        k[x == edges[0]] = 0
        k[(x < edges[0]) | (x > edges[-1])] = -1
        return k

    a, b = band(d, space_edges), band(g, time_edges)
    inside = (a >= 0) & (b >= 0)
    out = np.zeros((space_edges.size - 1, time_edges.size - 1), dtype=np.int64)
    np.add.at(out, (a[inside], b[inside]), 1)
    return out


@pytest.mark.parametrize("n_space", [128, 129, 300, 40_000])
def test_band_table_with_many_space_bands_equals_brute_force(n_space: int) -> None:
    # int8 band indices wrapped: band 128 became -128 (dropped as outside) and band 256 band 0.
    rng = np.random.default_rng(27)
    s = np.round(rng.uniform(0, 300, size=(250, 2)))  # whole metres: ties at band edges
    t = np.floor(rng.uniform(0, 60, size=250))
    se = np.linspace(0, 430.0, n_space + 1)
    te = np.array([0.0, 7.0, 14.0, 60.0])
    table = knox_bands(
        s, t, space_bands=se, time_bands=te, permutations=3, rng=np.random.default_rng(0)
    )
    expected = _brute_force_bands(s, t, se, te)
    assert expected[256:].sum() > 0 if n_space > 256 else True
    assert_array_equal(table.observed, expected)
    assert table.observed.sum() == len(t) * (len(t) - 1) // 2  # every pair lands in a cell
    assert_allclose(table.expected.sum(), table.observed.sum())  # and so does every shuffle


def test_band_index_dtype_is_sized_from_the_number_of_bands() -> None:
    s = np.array([[0.0, 0.0], [1.0, 0.0]])
    ii, jj = np.array([0], np.int32), np.array([1], np.int32)
    for n_bands, dtype in [(128, np.int8), (129, np.int16), (40_000, np.int32)]:
        edges2 = np.linspace(0.0, 4.0, n_bands + 1) ** 2
        sband = kk.space_bands_of(s, ii, jj, edges2, np.empty(1, kk.band_dtype(n_bands)))
        assert sband.dtype == dtype
        assert sband[0] == np.searchsorted(edges2, 1.0) - 1


def test_no_close_pairs_is_no_evidence() -> None:
    # Far apart in space: no pair is close, so nothing suggests space-time interaction.
    s = np.array([[0.0, 0.0], [1000.0, 0.0], [0.0, 1000.0], [1000.0, 1000.0]])
    t = np.array([0.0, 1.0, 2.0, 3.0])
    res = knox(s, t, delta=10, tau=5, permutations=19, rng=np.random.default_rng(0))
    assert (res.ns, res.nst, res.expected) == (0, 0, 0.0)
    assert res.p_poisson == 1.0
    assert res.p_sim == 1.0
    # One pair close in space, another close in time, none close in both: the expected count
    # is tiny (1 x 1 / 4,950 pairs) and none was seen, which is no evidence either (the old
    # P(X > 0) = 1 - exp(-E) gave 0.0002 here).
    s = np.column_stack([1000.0 * np.arange(100), np.zeros(100)])
    t = 100.0 * np.arange(100)
    s[1] = s[0]  # events 0 and 1: same place, 100 days apart
    t[2] = t[1] + 50  # events 1 and 2: 50 days apart, 1 km apart
    res = knox(s, t, delta=10, tau=60, permutations=19, rng=np.random.default_rng(0))
    assert (res.ns, res.nt, res.nst) == (1, 1, 0)
    assert res.p_poisson == 1.0
