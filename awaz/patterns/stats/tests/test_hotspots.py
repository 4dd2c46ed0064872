"""Getis-Ord Gi* and grid weights against esda and libpysal (dev-only references)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from awaz.patterns.stats.hotspots import getis_ord_gi_star
from awaz.patterns.stats.weights import grid_weights, weights_from_neighbours

esda = pytest.importorskip("esda")
libpysal = pytest.importorskip("libpysal")


@pytest.fixture(scope="module")
def columbus() -> tuple[np.ndarray, object]:
    """CRIME and Queen contiguity of the bundled columbus example (no network)."""
    from libpysal.examples import get_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.Queen.from_shapefile(get_path("columbus.shp"))
        db = libpysal.io.open(get_path("columbus.dbf"))
        y = np.asarray(db.by_col("CRIME"), dtype=float)
        db.close()
    return y, w


def _planted_grid(seed: int = 3) -> np.ndarray:
    """30 x 30 Poisson counts with a 5 x 5 hot spot and a 4 x 4 cold spot."""
    rng = np.random.default_rng(seed)
    lam = np.full((30, 30), 4.0)
    lam[5:10, 20:25] = 12.0
    lam[20:24, 3:7] = 0.5
    return rng.poisson(lam).astype(float).ravel()


def _esda_gi_star(y: np.ndarray, w: object, permutations: int, seed: int = 7) -> object:
    return esda.G_Local(
        y,
        w,
        transform="B",
        star=True,
        permutations=permutations,
        seed=seed,
        alternative="two-sided",
        keep_simulations=False,
        n_jobs=1,  # joblib's process pool costs tens of seconds per call in a test run
    )


def test_z_equal_esda_on_columbus(columbus: tuple[np.ndarray, object]) -> None:
    y, w = columbus
    ours = getis_ord_gi_star(y, w.sparse, permutations=0, rng=np.random.default_rng(0))
    ref = _esda_gi_star(y, w, permutations=0)
    assert_allclose(ours.z, ref.Zs, rtol=0, atol=1e-9)
    assert_allclose(ours.g, ref.Gs, rtol=0, atol=1e-12)
    assert_allclose(ours.expected, ref.EGs, rtol=0, atol=1e-12)
    assert_allclose(ours.variance, ref.VGs, rtol=1e-9)
    # esda's p_norm is one-sided; ours is two-sided for alternative="two-sided".
    assert_allclose(ours.p_norm, 2 * ref.p_norm, rtol=1e-9)


def test_z_equal_esda_on_grid_with_planted_hot_spot() -> None:
    y = _planted_grid()
    w = libpysal.weights.lat2W(30, 30, rook=False)
    ours = getis_ord_gi_star(y, grid_weights(30, 30), permutations=0, rng=np.random.default_rng(0))
    ref = _esda_gi_star(y, w, permutations=0)
    assert_allclose(ours.z, ref.Zs, rtol=0, atol=1e-9)
    grid_z = ours.z.reshape(30, 30)
    assert grid_z[6:9, 21:24].min() > 3  # centre of the hot spot
    assert grid_z[21:23, 4:6].max() < -2  # centre of the cold spot


def test_p_sim_statistically_consistent_with_esda() -> None:
    # Untied values: for ties the two-sided rules differ by design (see getis_ord_gi_star).
    y = _planted_grid() + np.random.default_rng(8).random(900)
    w = libpysal.weights.lat2W(30, 30, rook=False)
    permutations = 999
    ours = getis_ord_gi_star(
        y, grid_weights(30, 30), permutations=permutations, rng=np.random.default_rng(11)
    )
    p_ref = np.asarray(_esda_gi_star(y, w, permutations=permutations).p_sim, dtype=float)
    assert np.corrcoef(ours.p_sim, p_ref)[0, 1] > 0.98
    # Monte Carlo sd of a difference of two two-sided p-values is at most about 0.045.
    assert np.abs(ours.p_sim - p_ref).mean() < 0.03
    for level in (0.01, 0.05, 0.1):
        assert abs((ours.p_sim <= level).mean() - (p_ref <= level).mean()) < 0.02
    assert ours.p_sim.min() >= 1 / (permutations + 1)
    assert ours.p_sim.max() <= 1


def test_p_sim_consistent_with_esda_on_columbus(columbus: tuple[np.ndarray, object]) -> None:
    y, w = columbus
    ours = getis_ord_gi_star(y, w.sparse, permutations=9999, rng=np.random.default_rng(5))
    p_ref = np.asarray(_esda_gi_star(y, w, permutations=9999).p_sim, dtype=float)
    # With 9,999 draws each p-value has a Monte Carlo sd of at most 0.01.
    assert_allclose(ours.p_sim, p_ref, atol=0.06)
    assert np.abs(ours.p_sim - p_ref).mean() < 0.015


def test_p_sim_uniform_under_the_null() -> None:
    rng = np.random.default_rng(2)
    y = rng.poisson(4.0, 900).astype(float) + rng.random(900)  # untied values
    res = getis_ord_gi_star(y, grid_weights(30, 30), permutations=99, rng=rng)
    assert 0.03 < (res.p_sim <= 0.05).mean() < 0.08
    assert abs(res.p_sim.mean() - 0.5) < 0.05


@pytest.mark.parametrize("alternative", ["greater", "lesser"])
def test_one_sided_alternatives(alternative: str) -> None:
    y = _planted_grid()
    res = getis_ord_gi_star(
        y,
        grid_weights(30, 30),
        permutations=99,
        rng=np.random.default_rng(1),
        alternative=alternative,  # type: ignore[arg-type]
    )
    hot = res.p_sim.reshape(30, 30)[6:9, 21:24]
    if alternative == "greater":
        assert (hot == 0.01).all()
        assert_allclose(res.p_norm, 1 - np.vectorize(_phi)(res.z), atol=1e-12)
    else:
        assert (hot > 0.9).all()
        assert_allclose(res.p_norm, np.vectorize(_phi)(res.z), atol=1e-12)


def _phi(x: float) -> float:
    from math import erf, sqrt

    return 0.5 * (1 + erf(x / sqrt(2)))


def test_fdr_significance_uses_benjamini_hochberg() -> None:
    y = _planted_grid()
    res = getis_ord_gi_star(y, grid_weights(30, 30), permutations=999, rng=np.random.default_rng(4))
    from scipy.stats import false_discovery_control

    assert_allclose(res.q, false_discovery_control(res.p_sim, method="bh"), rtol=1e-12)
    assert_array_equal(res.significant, res.q <= 0.05)
    assert res.significant.reshape(30, 30)[6:9, 21:24].all()
    assert res.significant.sum() < (res.p_sim <= 0.05).sum()
    on_norm = getis_ord_gi_star(
        y, grid_weights(30, 30), permutations=9, rng=np.random.default_rng(4), fdr_on="p_norm"
    )
    assert_allclose(on_norm.q, false_discovery_control(on_norm.p_norm, method="bh"), rtol=1e-12)
    assert on_norm.fdr_on == "p_norm"


def test_fdr_on_hand_checked_vector() -> None:
    from awaz.patterns.stats.fdr import fdr_bh

    # m = 5; sorted p * m / rank = .05, .075, .0667, .25, .6 -> running min from the top.
    reject, q = fdr_bh([0.01, 0.03, 0.04, 0.2, 0.6], alpha=0.07)
    assert_allclose(q, [0.05, 0.0666666666667, 0.0666666666667, 0.25, 0.6], rtol=1e-9)
    assert_array_equal(reject, [True, True, True, False, False])


def test_deterministic_for_a_seed_and_varies_with_it() -> None:
    y = _planted_grid()
    w = grid_weights(30, 30)
    a = getis_ord_gi_star(y, w, permutations=99, rng=np.random.default_rng(42))
    b = getis_ord_gi_star(y, w, permutations=99, rng=np.random.default_rng(42))
    c = getis_ord_gi_star(y, w, permutations=99, rng=np.random.default_rng(43))
    assert_array_equal(a.p_sim, b.p_sim)
    assert not np.array_equal(a.p_sim, c.p_sim)


def test_input_weights_not_mutated_and_diagonal_ignored() -> None:
    y = _planted_grid()
    w = grid_weights(30, 30)
    before = w.copy()
    base = getis_ord_gi_star(y, w, permutations=0, rng=np.random.default_rng(0))
    assert (w != before).nnz == 0
    w_diag = (w * 3.0).tolil()
    w_diag.setdiag(5.0)
    other = getis_ord_gi_star(y, w_diag.tocsr(), permutations=0, rng=np.random.default_rng(0))
    assert_allclose(other.z, base.z, rtol=0, atol=1e-12)


@pytest.mark.parametrize("contiguity", ["queen", "rook"])
@pytest.mark.parametrize(("nrows", "ncols"), [(1, 5), (2, 2), (4, 7), (30, 30)])
def test_grid_weights_equal_lat2w(contiguity: str, nrows: int, ncols: int) -> None:
    ours = grid_weights(nrows, ncols, contiguity=contiguity)  # type: ignore[arg-type]
    ref = libpysal.weights.lat2W(nrows, ncols, rook=contiguity == "rook").sparse
    assert ours.shape == ref.shape
    assert (ours != ref).nnz == 0


def test_weights_from_neighbours_equal_queen(columbus: tuple[np.ndarray, object]) -> None:
    _, w = columbus
    neighbours = [list(w.neighbors[key]) for key in w.id_order]
    id_pos = {key: pos for pos, key in enumerate(w.id_order)}
    neighbours = [[id_pos[j] for j in nb] for nb in neighbours]
    ours = weights_from_neighbours(neighbours)
    assert (ours != w.sparse).nnz == 0


def test_weights_from_neighbours_symmetrises_and_drops_self() -> None:
    w = weights_from_neighbours([[1, 1, 0], [], [], [2]])
    assert_array_equal(w.toarray(), [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    with pytest.raises(ValueError, match="neighbour positions"):
        weights_from_neighbours([[5], []])


def test_island_gets_self_only() -> None:
    y = np.array([1.0, 2.0, 3.0, 10.0])
    w = weights_from_neighbours([[1], [0, 2], [1], []])
    res = getis_ord_gi_star(y, w, permutations=19, rng=np.random.default_rng(0))
    assert np.isfinite(res.z).all()
    assert res.p_sim[3] == 1.0  # no neighbours: every draw ties with the observed lag


def test_rejects_bad_input() -> None:
    w = grid_weights(2, 2)
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="sum"):
        getis_ord_gi_star(np.zeros(4), w, rng=rng)
    with pytest.raises(ValueError, match="alternative"):
        getis_ord_gi_star(np.ones(4), w, rng=rng, alternative="folded")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"\(n, n\)"):
        getis_ord_gi_star(np.ones(5), w, rng=rng)


def test_grid_counts_by_hand() -> None:
    from awaz.patterns.stats.weights import grid_counts

    # 500 m cells; the grid starts at the multiple of 500 below the smallest coordinate.
    x = [340_010.0, 340_490.0, 340_510.0, 341_020.0, np.nan]
    y = [555_020.0, 555_010.0, 555_600.0, 555_020.0, 555_000.0]
    grid = grid_counts(x, y, cell_size=500)
    assert (grid.x0, grid.y0, grid.nrows, grid.ncols) == (340_000.0, 555_000.0, 2, 3)
    # Row 0: the first two events in cell (0, 0), the fourth in (0, 2); row 1: the third.
    assert_array_equal(grid.counts, [2, 0, 1, 0, 1, 0])
    cx, cy = grid.centres()
    assert (cx[4], cy[4]) == (340_750.0, 555_750.0)
    with pytest.raises(ValueError):
        grid_counts(x, y, cell_size=0)


def test_grid_gi_star_equals_esda_on_the_same_grid() -> None:
    from awaz.patterns.stats.hotspots import grid_gi_star

    rng = np.random.default_rng(11)
    # Background events over 3 km x 2 km plus a cluster near one corner.
    x = np.concatenate([rng.uniform(0, 3000, 400), rng.normal(2600, 80, 120)])
    y = np.concatenate([rng.uniform(0, 2000, 400), rng.normal(1700, 80, 120)])
    grid, result = grid_gi_star(
        x, y, cell_size=250, rng=np.random.default_rng(3), permutations=0, fdr_on="p_norm"
    )
    assert grid.counts.sum() == 520
    w = libpysal.weights.lat2W(grid.nrows, grid.ncols, rook=False)
    ref = _esda_gi_star(grid.counts.astype(float), w, permutations=0)
    assert_allclose(result.z, np.asarray(ref.Zs, dtype=float), rtol=0, atol=1e-9)
    hottest = int(np.argmax(result.z))
    cx, cy = grid.centres()
    assert abs(cx[hottest] - 2600) <= 500 and abs(cy[hottest] - 1700) <= 500
    assert result.significant[hottest]
