"""Spike-detection benchmark: false alarms on quiet series, detection of planted spikes.

Run ``.venv/bin/python benchmarks/spikes.py`` (no arguments; seeded, a few seconds). Two parts,
each on weekly series with three years and four weeks of history, the latest week tested:

1. **Busy cells** (as before issue 16): 1,000 quiet series each of flat Poisson, seasonal
   Poisson (sine with amplitude 40 % and a random phase per series), overdispersed seasonal
   (negative binomial with variance twice the mean) and a monthly seasonal set, base mean 8:
   the share with p <= 0.05 before false-discovery control, and after Benjamini-Hochberg
   across the 1,000. Then 500 seasonal series with +X standard deviations
   (``ceil(X * sqrt(mu))``) added to the latest count.
2. **Sparse cells** (issue 16 item 26): a "county week" of 1,000 area x strand cells with means
   from 0.3 to 5 a week (log-uniform, seasonal as above), 50 of them with +3 to +8 events
   planted in the latest week (the sizes in turn); 40 such weeks, with Poisson counts, then
   negative binomial with variance 1.5 and 2 times the mean (clusters of linked reports).
   Each method flags a cell at a
   false-discovery rate of 0.05 across the 1,000 cells of its week (Benjamini-Hochberg on its
   p-values) and with at least 3 events; EARS C2 has no p-value and flags z > 3. Reported:
   the detection rate by spike size, false alarms per 1,000 quiet cell-weeks, the share of
   flags that are false, and on the quiet cells the share with p <= 0.05, 0.01 and 0.001
   (the p-values' own calibration, which false-discovery control relies on).

Methods, all on the same baseline (the same week +-3 in each of the 3 previous years, 21
values), in the same run:

- **Awaz**: ``awaz.patterns.stats.spikes.detect_spikes`` (mid-p, the default) and with
  ``tail="exact"``.
- **Awaz before issue 16**: the former test, kept here for comparison only: negative binomial
  with the cell's own dispersion ``max(1, s^2/mean)`` and variance ``phi mu (1 + 1/n)``, its
  tail's normal score referred to Student's t with n - 1 degrees of freedom when phi > 1.
- **Farrington-style quasi-Poisson**, written here after Farrington et al. (1996) without the
  trend term: mean and Pearson dispersion (at least 1) from the baseline, baseline weeks whose
  Anscombe residual exceeds 2.58 down-weighted by ``s^-2`` and the fit repeated (Noufaily et
  al. 2013), then the 2/3-power normal approximation,
  ``z = (y^(2/3) - mu^(2/3)) / ((2/3) mu^(1/6) sqrt(phi (1 + 1/n)))``; an empty baseline gets
  half an event, as the old Awaz test did.
- **EARS C2** (CDC): mean and standard deviation of the 7 weeks ending 3 weeks before the
  tested one, flag when ``(y - mean) / max(sd, 0.2) > 3``. It knows no seasons.
- **Oracle**: the mid-p under the true mean and dispersion of the simulation, which no real
  method knows: the ceiling for a test with valid p-values.

Ends with one line of JSON.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from awaz.patterns.stats.fdr import fdr_bh
from awaz.patterns.stats.spikes import detect_spikes

ALPHA = 0.05
MIN_COUNT = 3
N_QUIET = 1000
N_SPIKED = 500
BASE = 8.0
WEEKS = 52
SPIKE_SD = 3.0
WEEKLY_T = 3 * WEEKS + 4
# Sparse part.
CELLS = 1000
PLANTED = 50
SPIKES = (3, 4, 5, 6, 7, 8)
COUNTY_WEEKS = 40
MEAN_RANGE = (0.3, 5.0)
SPARSE_BELOW = 1.0  # "sparse" in the table: cells with a mean below one a week


def means(
    rng: np.random.Generator, n: int, length: int, periods: int, amplitude: float
) -> np.ndarray:
    t = np.arange(periods)
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    return BASE * (1 + amplitude * np.sin(2 * np.pi * t / length + phase))


def baseline_columns(t: int, length: int = WEEKS, years: int = 3, window: int = 3) -> np.ndarray:
    lags = np.arange(1, years + 1)[:, None] * length - np.arange(-window, window + 1)
    return np.sort(t - lags.ravel())


def ears_c2(y: np.ndarray) -> np.ndarray:
    """EARS C2 z-score > 3 for the last column: baseline the 7 periods ending 3 before it."""
    base = y[:, -10:-3].astype(float)
    sd = np.maximum(base.std(axis=1, ddof=1), 0.2)
    return (y[:, -1] - base.mean(axis=1)) / sd > 3


def previous_awaz_pvalues(count: NDArray[np.float64], base: NDArray[np.float64]) -> np.ndarray:
    """The test Awaz used before issue 16 (negative binomial, then Student-t re-tailing)."""
    n = base.shape[1]
    total = base.sum(axis=1)
    mu = np.where(total > 0, total, 0.5) / n
    phi = np.maximum(1.0, base.var(axis=1, ddof=1) / mu)
    var = phi * mu * (1.0 + 1.0 / n)
    p = mu / var
    r = mu * p / (1.0 - p)
    pvalue = np.where(count > 0, stats.nbinom.sf(count - 1, r, p), 1.0)
    t_tail = stats.t.sf(stats.norm.isf(pvalue), n - 1)
    return np.clip(np.where(phi > 1.0, t_tail, pvalue), 0.0, 1.0)


def farrington_pvalues(count: NDArray[np.float64], base: NDArray[np.float64]) -> np.ndarray:
    """Farrington-style quasi-Poisson exceedance (no trend), Noufaily's re-weighting."""
    n = base.shape[1]

    def fit(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        total = (w * base).sum(axis=1)
        mu = np.where(total > 0, total, 0.5) / n
        pearson = (w * (base - mu[:, None]) ** 2).sum(axis=1) / mu
        return mu, np.maximum(1.0, pearson / (n - 1))

    mu, phi = fit(np.ones_like(base))
    anscombe = (
        1.5
        * (base ** (2 / 3) - mu[:, None] ** (2 / 3))
        / (mu[:, None] ** (1 / 6) * np.sqrt(phi[:, None] * (1 - 1 / n)))
    )
    high = anscombe > 2.58
    w = np.where(high, 1.0 / np.where(high, anscombe, 1.0) ** 2, 1.0)
    mu, phi = fit(w * n / w.sum(axis=1, keepdims=True))
    z = (count ** (2 / 3) - mu ** (2 / 3)) / ((2 / 3) * mu ** (1 / 6) * np.sqrt(phi * (1 + 1 / n)))
    return stats.norm.sf(z)


def flags_from(pvalues: np.ndarray, count: np.ndarray, expected: np.ndarray) -> np.ndarray:
    _, q = fdr_bh(pvalues, alpha=ALPHA)
    return (q <= ALPHA) & (count >= MIN_COUNT) & (count > expected)


Method = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray | None]]


def method_table() -> dict[str, Method]:
    """Each method maps the (cells, weeks) counts to (flags, p-values or None)."""
    cols = baseline_columns(WEEKLY_T - 1)

    def awaz(tail: str) -> Method:
        def run(y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
            r = detect_spikes(y, season_length=WEEKS, alpha=ALPHA, min_count=MIN_COUNT, tail=tail)
            return r.flag, r.pvalue

        return run

    def with_pvalues(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Method:
        def run(y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
            base = y[:, cols].astype(float)
            count = y[:, -1].astype(float)
            p = fn(count, base)
            return flags_from(p, count, base.mean(axis=1)), p

        return run

    def ears(y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        return ears_c2(y) & (y[:, -1] >= MIN_COUNT), None

    return {
        "Awaz (mid-p)": awaz("mid"),
        "Awaz (exact tail)": awaz("exact"),
        "Awaz before issue 16": with_pvalues(previous_awaz_pvalues),
        "Farrington-style quasi-Poisson": with_pvalues(farrington_pvalues),
        "EARS C2": ears,
    }


def counts(rng: np.random.Generator, mu: np.ndarray, dispersion: float) -> np.ndarray:
    """Poisson counts, or negative binomial with variance ``dispersion`` x mean."""
    if dispersion == 1.0:
        return rng.poisson(mu)
    p = 1.0 / dispersion
    return rng.negative_binomial(mu * p / (1.0 - p), p)


def oracle_pvalues(count: np.ndarray, mu: np.ndarray, dispersion: float) -> np.ndarray:
    """Mid-p of the count under the true mean and dispersion: the best any test could do."""
    if dispersion == 1.0:
        dist = stats.poisson(mu)
    else:
        p = 1.0 / dispersion
        dist = stats.nbinom(mu * p / (1.0 - p), p)
    return dist.sf(count) + 0.5 * dist.pmf(count)


def county_weeks(rng: np.random.Generator, dispersion: float):
    """Yield (counts, spike sizes (0 = quiet), cell means, true mean of the tested week) for
    each simulated county week."""
    t = np.arange(WEEKLY_T)
    sizes = np.zeros(CELLS, dtype=np.int64)
    sizes[:PLANTED] = np.resize(np.array(SPIKES), PLANTED)
    for _ in range(COUNTY_WEEKS):
        mean = np.exp(rng.uniform(*np.log(MEAN_RANGE), size=CELLS))
        phase = rng.uniform(0, 2 * np.pi, size=(CELLS, 1))
        mu = mean[:, None] * (1 + 0.4 * np.sin(2 * np.pi * t / WEEKS + phase))
        y = counts(rng, mu, dispersion)
        order = rng.permutation(CELLS)  # spikes on random cells
        y[order, -1] += sizes
        yield y, sizes[np.argsort(order)], mean, mu[:, -1]


MODELS = (("Poisson", 1.0), ("variance 1.5 x mean", 1.5), ("variance 2 x mean", 2.0))
ORACLE = "oracle (true mean and dispersion)"
JSON_NAMES = {
    "Awaz (mid-p)": "awaz",
    "Awaz (exact tail)": "awaz_exact",
    "Awaz before issue 16": "awaz_before",
    "Farrington-style quasi-Poisson": "farrington",
    "EARS C2": "ears_c2",
    ORACLE: "oracle",
}


def sparse_part(rng: np.random.Generator) -> dict[str, dict[str, dict[str, float]]]:
    methods = method_table()
    out: dict[str, dict[str, dict[str, float]]] = {}
    for model, dispersion in MODELS:
        names = [*methods, ORACLE]
        flags: dict[str, list[np.ndarray]] = {m: [] for m in names}
        pvals: dict[str, list[np.ndarray]] = {m: [] for m in names}
        size_l, mean_l = [], []
        for y, sizes, mean, true_mu in county_weeks(rng, dispersion):
            size_l.append(sizes)
            mean_l.append(mean)
            for name, run in methods.items():
                f, p = run(y)
                flags[name].append(f)
                if p is not None:
                    pvals[name].append(p)
            count = y[:, -1].astype(float)
            p = oracle_pvalues(count, true_mu, dispersion)
            flags[ORACLE].append(flags_from(p, count, true_mu))
            pvals[ORACLE].append(p)
        sizes = np.concatenate(size_l)
        mean = np.concatenate(mean_l)
        quiet = sizes == 0
        out[model] = {}
        for name in names:
            f = np.concatenate(flags[name])
            row: dict[str, float] = {f"+{k}": float(f[sizes == k].mean()) for k in SPIKES}
            row["detected"] = float(f[~quiet].mean())
            row["detected_sparse"] = float(f[~quiet & (mean < SPARSE_BELOW)].mean())
            row["false_per_1000"] = float(1000 * f[quiet].mean())
            row["false_share"] = float(f[quiet].sum() / max(f.sum(), 1))
            if pvals[name]:
                p = np.concatenate(pvals[name])[quiet]
                for level in (0.05, 0.01, 0.001):
                    row[f"p<={level}"] = float((p <= level).mean())
            out[model][name] = row
    return out


def busy_part(rng: np.random.Generator) -> tuple[list, dict, dict]:
    monthly_t = 3 * 12 + 2
    rows = []
    quiet = {
        "flat weekly Poisson": (rng.poisson(BASE, size=(N_QUIET, WEEKLY_T)), WEEKS),
        "seasonal weekly Poisson": (
            rng.poisson(means(rng, N_QUIET, WEEKS, WEEKLY_T, 0.4)),
            WEEKS,
        ),
        "seasonal weekly NB (var = 2 mu)": (
            rng.negative_binomial(means(rng, N_QUIET, WEEKS, WEEKLY_T, 0.4), 0.5),
            WEEKS,
        ),
        "seasonal monthly Poisson": (rng.poisson(means(rng, N_QUIET, 12, monthly_t, 0.4)), 12),
    }
    rates = {}
    for name, (y, length) in quiet.items():
        r = detect_spikes(y, season_length=length, alpha=ALPHA)
        rates[name] = float(np.mean(r.pvalue <= ALPHA))
        rows.append((name, rates[name], float(r.flag.mean()), float(ears_c2(y).mean())))

    mu = means(rng, N_SPIKED, WEEKS, WEEKLY_T, 0.4)
    base_y = rng.poisson(mu)
    detection = {}
    for sd in (2.0, 3.0, 4.0):
        y = base_y.copy()
        y[:, -1] += np.ceil(sd * np.sqrt(mu[:, -1])).astype(int)
        r = detect_spikes(y, season_length=WEEKS, alpha=ALPHA)
        mixed = detect_spikes(
            np.vstack([y, quiet["seasonal weekly Poisson"][0][:N_SPIKED]]),
            season_length=WEEKS,
            alpha=ALPHA,
        )
        detection[sd] = (
            float(np.mean(r.pvalue <= ALPHA)),
            float(mixed.flag[:N_SPIKED].mean()),
            float(mixed.flag[N_SPIKED:].mean()),
            float(ears_c2(y).mean()),
        )
    return rows, rates, detection


def main() -> None:
    rng = np.random.default_rng(20261125)
    started = time.perf_counter()
    rows, rates, detection = busy_part(rng)
    busy_seconds = time.perf_counter() - started
    sparse_started = time.perf_counter()
    sparse = sparse_part(np.random.default_rng(20261208))
    sparse_seconds = time.perf_counter() - sparse_started

    print(f"1. Busy cells: false alarms over {N_QUIET} quiet series (nominal {ALPHA}), mean {BASE}")
    print(f"{'series':34} {'p<=0.05':>8} {'BH flag':>8} {'EARS C2':>8}")
    for name, fa, flag, c2 in rows:
        print(f"{name:34} {fa:8.3f} {flag:8.3f} {c2:8.3f}")
    print(f"\nDetection over {N_SPIKED} seasonal weekly series with a spike of +X sd")
    print(f"{'X':>4} {'p<=0.05':>8} {'BH flag*':>8} {'BH false':>8} {'EARS C2':>8}")
    for sd, (det, flag, false, c2) in detection.items():
        print(f"{sd:4.0f} {det:8.3f} {flag:8.3f} {false:8.3f} {c2:8.3f}")
    print("* flagged after BH across the 500 spiked and 500 quiet series together")

    quiet_weeks = COUNTY_WEEKS * (CELLS - PLANTED)
    print(
        f"\n2. Sparse cells: {COUNTY_WEEKS} county weeks of {CELLS} cells (means "
        f"{MEAN_RANGE[0]}-{MEAN_RANGE[1]} a week), {PLANTED} with +3..+8 planted; "
        f"{quiet_weeks:,} quiet cell-weeks"
    )
    for model, table in sparse.items():
        print(f"\n{model}: detection after FDR control (BH 0.05 per week, >= 3 events)")
        head = " ".join(f"{'+' + str(k):>5}" for k in SPIKES)
        print(
            f"{'method':34} {head} {'all':>5} {'<1/wk':>5} {'FA/1000':>7} {'false%':>6}"
            f" {'p<=.05':>6} {'p<=.01':>6} {'p<=.001':>7}"
        )
        for name, row in table.items():
            cells = " ".join(f"{row[f'+{k}']:5.2f}" for k in SPIKES)
            calib = (
                f" {row['p<=0.05']:6.3f} {row['p<=0.01']:6.3f} {row['p<=0.001']:7.4f}"
                if "p<=0.05" in row
                else f" {'-':>6} {'-':>6} {'-':>7}"
            )
            print(
                f"{name:34} {cells} {row['detected']:5.2f} {row['detected_sparse']:5.2f}"
                f" {row['false_per_1000']:7.2f} {100 * row['false_share']:6.1f}{calib}"
            )
    print(
        "\n'<1/wk': detection in cells with a mean below one a week; FA/1000: false alarms per"
        " 1,000 quiet cell-weeks;\nfalse%: share of the flags that are false (the FDR "
        "controlled at 5 %); p<=: share of quiet cells (nominal 0.05, 0.01, 0.001)."
    )
    seconds = time.perf_counter() - started
    print(f"total {seconds:.2f} s (busy {busy_seconds:.2f} s, sparse {sparse_seconds:.2f} s)")

    def summary(table: dict[str, dict[str, float]]) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for name, row in table.items():
            figures: dict[str, object] = {
                "detected": round(row["detected"], 3),
                "detected_mean_below_1": round(row["detected_sparse"], 3),
                "false_per_1000": round(row["false_per_1000"], 2),
                "false_share": round(row["false_share"], 3),
            }
            if "p<=0.05" in row:
                figures["quiet_p_le_0.05"] = round(row["p<=0.05"], 4)
                figures["quiet_p_le_0.001"] = round(row["p<=0.001"], 4)
            if name == "Awaz (mid-p)":
                figures["by_spike"] = [round(row[f"+{k}"], 3) for k in SPIKES]
            out[JSON_NAMES[name]] = figures
        return out

    print(
        json.dumps(
            {
                "benchmark": "spikes",
                "series": N_QUIET,
                "false_alarm_rate": rates["seasonal weekly Poisson"],
                "false_alarm_rate_flat": rates["flat weekly Poisson"],
                "false_alarm_rate_overdispersed": rates["seasonal weekly NB (var = 2 mu)"],
                "false_alarm_rate_monthly": rates["seasonal monthly Poisson"],
                "nominal": ALPHA,
                "detection_series": N_SPIKED,
                "spike_sd": SPIKE_SD,
                "detection_rate": detection[SPIKE_SD][0],
                "detection_rate_after_fdr": detection[SPIKE_SD][1],
                "sparse": {
                    "cells": CELLS,
                    "planted": PLANTED,
                    "county_weeks": COUNTY_WEEKS,
                    "quiet_cell_weeks": quiet_weeks,
                    "means": list(MEAN_RANGE),
                    "spikes": list(SPIKES),
                    "poisson": summary(sparse["Poisson"]),
                    "dispersion_1_5": summary(sparse["variance 1.5 x mean"]),
                    "dispersion_2": summary(sparse["variance 2 x mean"]),
                },
                "seconds": round(seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
