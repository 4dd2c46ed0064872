"""Near-repeat benchmark: Awaz's Knox test against pointpats' ``Knox`` in the same run.

Run ``.venv/bin/python benchmarks/near_repeat.py`` (no arguments). Builds clustered synthetic
events (a 30 km square over two years, times in whole days), then:

1. 20,000 events, 999 permutations, 500 m and 14 days: Awaz (median of three after a warm-up)
   against pointpats (timed once: one run takes two to three
   minutes here, so three would not fit the run-time budget), same statistic checked;
2. the 5 x 5 Near Repeat Calculator band table at 100,000 events with 999 permutations;
3. a scale table of the single-threshold test to 1,000,000 events (99 permutations past
   100,000; the square grows with n past 100,000 so the density stays that of 100,000), with
   peak memory: tracemalloc (NumPy allocations during the call) and the peak resident set of a
   fresh process per row (VmHWM, which includes scipy's C++ pair buffer), beside that
   process's resident set after imports and warm-up ("idle").

Ends with one line of JSON.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from scipy.stats import poisson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from awaz.patterns.stats.knox import knox, knox_bands

SIDE_M = 30_000.0
DAYS = 730.0


def events(n: int, seed: int, side: float = SIDE_M) -> tuple[np.ndarray, np.ndarray]:
    """Half background, half in space-time clusters (sd 250 m, 10 days) around 1 per 100 events."""
    rng = np.random.default_rng(seed)
    n_bg = n // 2
    n_cl = n - n_bg
    n_centres = max(1, n // 100)
    centres = rng.uniform(0, side, size=(n_centres, 2))
    centre_t = rng.uniform(0, DAYS, size=n_centres)
    which = rng.integers(0, n_centres, size=n_cl)
    s = np.vstack(
        [
            rng.uniform(0, side, size=(n_bg, 2)),
            centres[which] + rng.normal(0, 250.0, size=(n_cl, 2)),
        ]
    )
    t = np.concatenate(
        [rng.uniform(0, DAYS, size=n_bg), centre_t[which] + rng.normal(0, 10.0, size=n_cl)]
    )
    return s, np.floor(np.clip(t, 0, DAYS))


def timed[T](fn: Callable[[], T]) -> tuple[float, T]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _peak_rss_mb() -> float:
    """Peak resident set of this process (VmHWM; ``ru_maxrss`` would carry the parent's over)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def scale_row(n: int, permutations: int, side: float) -> tuple[int, float, float, float, float]:
    """One scale-table row in this (fresh) process: NS, seconds, traced and resident peaks (MB)."""
    s, t = events(n, n, side)
    rng = np.random.default_rng(n)
    knox(s[:500], t[:500], delta=500.0, tau=14.0, permutations=9, rng=rng)  # warm-up
    base = _peak_rss_mb()
    tracemalloc.start()
    t0 = time.perf_counter()
    res = knox(s, t, delta=500.0, tau=14.0, permutations=permutations, rng=rng)
    seconds = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rss = _peak_rss_mb()
    return res.ns, seconds, traced, base, rss


def main() -> None:
    n, perms, delta, tau = 20_000, 999, 500.0, 14.0
    s, t = events(n, 20261125)
    rng = np.random.default_rng(11)
    knox(s[:500], t[:500], delta=delta, tau=tau, permutations=9, rng=rng)  # warm-up (compile)
    knox_bands(s[:500], t[:500], space_bands=[0, 1], time_bands=[0, 1], permutations=2, rng=rng)
    runs = []
    for _ in range(3):
        dt, res = timed(lambda: knox(s, t, delta=delta, tau=tau, permutations=perms, rng=rng))
        runs.append(dt)
    awaz_s = statistics.median(runs)
    print(f"Knox n={n:,} perms={perms} delta={delta} m tau={tau} d")
    print(f"  Awaz      runs {', '.join(f'{r:.3f}' for r in runs)} s -> median {awaz_s:.3f} s")
    print(
        f"  Awaz      NST={res.nst} NS={res.ns} NT={res.nt} E={res.expected:.3f} "
        f"p_poisson={res.p_poisson:.4g} p_sim={res.p_sim:.4g}"
    )

    from pointpats.spacetime import Knox

    Knox(s[:300], t[:300, None], delta, tau, permutations=2)  # reference warm-up
    np.random.seed(1)
    ref_s, ref = timed(lambda: Knox(s, t[:, None], delta, tau, permutations=perms))
    ref_rss = _peak_rss_mb()
    obs = ref.observed
    ref_ns = int(obs[0, 0] + obs[0, 1])
    ref_nt = int(obs[0, 0] + obs[1, 0])
    same = (
        ref.nst == res.nst
        and ref_ns == res.ns
        and ref_nt == res.nt
        and ref.expected[0, 0] == res.expected
        # pointpats' p_poisson is P(X > NST), Awaz's P(X >= NST): they differ by P(X = NST).
        and np.isclose(ref.p_poisson + poisson.pmf(ref.nst, ref.expected[0, 0]), res.p_poisson)
    )
    print(f"  pointpats one run {ref_s:.1f} s (timed once: three runs would take ~10 min)")
    print(f"  process peak RSS after pointpats: {ref_rss:.0f} MB")
    print(
        f"  pointpats NST={ref.nst} NS={ref_ns} NT={ref_nt} E={ref.expected[0, 0]:.3f} "
        f"p_poisson={ref.p_poisson:.4g} p_sim={ref.p_sim:.4g}"
    )
    print(f"  ratio {ref_s / awaz_s:.0f}x, same statistic: {same}")

    nb = 100_000
    sb, tb = events(nb, 7)
    dt_b, table = timed(
        lambda: knox_bands(
            sb,
            tb,
            space_bands=[0, 100, 200, 300, 400, 500],
            time_bands=[0, 7, 14, 21, 28, 35],
            permutations=perms,
            rng=rng,
        )
    )
    print(f"\nBand table 5 x 5, n={nb:,}, {perms} permutations: {dt_b:.2f} s")
    print(
        "  space \\ time   "
        + " ".join(
            f"{f'{a:g}-{b:g} d':>16}"
            for a, b in zip(table.time_edges[:-1], table.time_edges[1:], strict=True)
        )
    )
    for a in range(5):
        cells = " ".join(
            f"{table.observed[a, b]:>6} {table.knox_ratio[a, b]:4.2f} {table.p_value[a, b]:.3f}"
            for b in range(5)
        )
        print(f"  {table.space_edges[a]:>4g}-{table.space_edges[a + 1]:<4g} m  {cells}")
    print("  (cell: observed, Knox ratio, p-value)")

    scale = []
    print("\nScale (Awaz single threshold 500 m / 14 d):")
    print(
        f"  {'n':>9} {'perms':>5} {'side km':>7} {'NS pairs':>11} {'time s':>7}"
        f" {'traced MB':>9} {'maxrss MB':>9} {'idle MB':>8}"
    )
    spawn = multiprocessing.get_context("spawn")
    for m in (20_000, 100_000, 300_000, 1_000_000):
        p = perms if m <= 100_000 else 99
        side = SIDE_M if m <= 100_000 else SIDE_M * (m / 100_000) ** 0.5
        # A fresh process per row, so its peak resident set belongs to that row alone.
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            ns, dt_m, peak, base, rss = pool.submit(scale_row, m, p, side).result()
        scale.append(
            {
                "n": m,
                "permutations": p,
                "side_km": round(side / 1000, 1),
                "ns": ns,
                "s": round(dt_m, 3),
                "peak_mb": round(peak, 1),
                "maxrss_mb": round(rss, 1),
                "baseline_rss_mb": round(base, 1),
            }
        )
        print(
            f"  {m:>9,} {p:>5} {side / 1000:>7.1f} {ns:>11,} {dt_m:>7.2f}"
            f" {peak:>9.1f} {rss:>9.1f} {base:>8.1f}"
        )

    print(
        json.dumps(
            {
                "n": n,
                "permutations": perms,
                "awaz_s": round(awaz_s, 4),
                "reference_s": round(ref_s, 2),
                "reference_runs": 1,
                "reference_peak_rss_mb": round(ref_rss),
                "ratio": round(ref_s / awaz_s, 1),
                "same_result": bool(same),
                "band_table_100k_s": round(dt_b, 2),
                "scale": scale,
            }
        )
    )


if __name__ == "__main__":
    main()
