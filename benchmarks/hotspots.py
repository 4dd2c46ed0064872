"""Getis-Ord Gi* hot spots: Awaz against esda on a 300 x 300 grid with 999 permutations.

Run with no arguments: ``.venv/bin/python benchmarks/hotspots.py``. Builds a seeded synthetic
count surface (Poisson background with a few Gaussian hot spots), queen contiguity, runs
``awaz.patterns.stats.hotspots.getis_ord_gi_star`` (median of three after a numba warm-up) and
``esda.G_Local(transform="B", star=True, alternative="two-sided")`` (median of three after its
own warm-up, all cores through joblib), prints a table and ends with one line of JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from awaz.patterns.stats.hotspots import getis_ord_gi_star
from awaz.patterns.stats.weights import grid_weights

SIDE = 300
PERMUTATIONS = 999
RUNS = 3
SEED = 20261125


def surface(side: int, rng: np.random.Generator) -> np.ndarray:
    """Poisson counts: background mean 2 plus five Gaussian bumps of 3-6 cells' radius."""
    rr, cc = np.mgrid[0:side, 0:side]
    lam = np.full((side, side), 2.0)
    for _ in range(5):
        r0, c0 = rng.uniform(0.1, 0.9, 2) * side
        radius = rng.uniform(3, 6)
        lam += 8.0 * np.exp(-((rr - r0) ** 2 + (cc - c0) ** 2) / (2 * radius**2))
    return rng.poisson(lam).astype(float).ravel()


def main() -> None:
    import esda
    import libpysal

    rng = np.random.default_rng(SEED)
    y = surface(SIDE, rng)
    w_awaz = grid_weights(SIDE, SIDE, contiguity="queen")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w_ref = libpysal.weights.lat2W(SIDE, SIDE, rook=False)
    weights_match = (w_awaz != w_ref.sparse).nnz == 0

    # Warm-up: numba compilation for Awaz; numba compilation and joblib's pool for esda.
    small = surface(20, np.random.default_rng(1))
    getis_ord_gi_star(small, grid_weights(20, 20), permutations=99, rng=np.random.default_rng(1))
    esda.G_Local(
        small,
        libpysal.weights.lat2W(20, 20, rook=False),
        transform="B",
        star=True,
        permutations=99,
        seed=1,
        alternative="two-sided",
        keep_simulations=False,
    )

    awaz_times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        ours = getis_ord_gi_star(
            y, w_awaz, permutations=PERMUTATIONS, rng=np.random.default_rng(SEED)
        )
        awaz_times.append(time.perf_counter() - t0)

    ref_times = []
    for run in range(RUNS):
        t0 = time.perf_counter()
        ref = esda.G_Local(
            y,
            w_ref,
            transform="B",
            star=True,
            permutations=PERMUTATIONS,
            seed=SEED + run,
            alternative="two-sided",
            keep_simulations=False,
        )
        ref_times.append(time.perf_counter() - t0)

    awaz_s = statistics.median(awaz_times)
    reference_s = statistics.median(ref_times)
    max_dz = float(np.max(np.abs(ours.z - ref.Zs)))
    p_ref = np.asarray(ref.p_sim, dtype=float)
    corr = float(np.corrcoef(ours.p_sim, p_ref)[0, 1])
    frac_awaz = float((ours.p_sim <= 0.05).mean())
    frac_ref = float((p_ref <= 0.05).mean())
    fdr_awaz = int(ours.significant.sum())
    norm_fdr = getis_ord_gi_star(
        y, w_awaz, permutations=0, rng=np.random.default_rng(SEED)
    ).significant
    fdr_norm_awaz = int(norm_fdr.sum())

    print(f"Gi* on a {SIDE} x {SIDE} grid ({y.size:,} cells, queen), {PERMUTATIONS} permutations")
    print(f"weights equal libpysal lat2W: {weights_match}")
    print(f"{'':28}{'Awaz':>12}{'esda':>12}")
    print(f"{'median time (s)':28}{awaz_s:12.3f}{reference_s:12.3f}")
    print(f"{'runs (s)':28}{', '.join(f'{t:.2f}' for t in awaz_times):>12}  ", end="")
    print(", ".join(f"{t:.1f}" for t in ref_times))
    print(f"{'share p_sim <= 0.05':28}{frac_awaz:12.4f}{frac_ref:12.4f}")
    print(f"ratio {reference_s / awaz_s:.1f}x; max |z - esda z| = {max_dz:.2e}")
    print(f"corr(p_sim Awaz, p_sim esda) = {corr:.4f}; BH at 0.05 flags {fdr_awaz} cells on p_sim")
    print(f"and {fdr_norm_awaz} on p_norm (p_sim >= 1/1000 cannot pass BH over 90,000 cells)")
    print(
        json.dumps(
            {
                "n": int(y.size),
                "permutations": PERMUTATIONS,
                "awaz_s": round(awaz_s, 4),
                "reference_s": round(reference_s, 3),
                "ratio": round(reference_s / awaz_s, 1),
                "same_result": bool(max_dz <= 1e-9),
                "max_abs_z_diff": max_dz,
                "weights_equal": bool(weights_match),
                "p_sim_corr": round(corr, 4),
                "share_p_sim_le_005_awaz": round(frac_awaz, 4),
                "share_p_sim_le_005_reference": round(frac_ref, 4),
                "fdr_significant_p_sim": fdr_awaz,
                "fdr_significant_p_norm": fdr_norm_awaz,
            }
        )
    )


if __name__ == "__main__":
    main()
