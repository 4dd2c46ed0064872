"""Spike-detection benchmark: false alarms on quiet series, detection of injected spikes.

Run ``.venv/bin/python benchmarks/spikes.py`` (no arguments). Simulates weekly series with
three years and four weeks of history (seeded): flat Poisson, seasonal Poisson (sine with
amplitude 40 % and a random phase per series), overdispersed seasonal (negative binomial with
variance twice the mean) and a monthly seasonal set. The false-alarm rate is the share of
1,000 quiet series whose latest period has p <= 0.05 (before any false-discovery control; after
Benjamini-Hochberg across the 1,000 it is shown as well). The detection rate is the share of
500 seasonal series found when the latest count gets +X standard deviations
(``ceil(X * sqrt(mu))``). There is no reference library for this method; CDC EARS C2 (the
last 7 periods, 2-period guard, flag when (y - mean) / sd > 3) runs on the same series for
comparison. Ends with one line of JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from awaz.patterns.stats.spikes import detect_spikes

ALPHA = 0.05
N_QUIET = 1000
N_SPIKED = 500
BASE = 8.0
WEEKS = 52
SPIKE_SD = 3.0


def means(
    rng: np.random.Generator, n: int, length: int, periods: int, amplitude: float
) -> np.ndarray:
    t = np.arange(periods)
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    return BASE * (1 + amplitude * np.sin(2 * np.pi * t / length + phase))


def ears_c2(y: np.ndarray) -> np.ndarray:
    """EARS C2 flag for the last column: baseline the 7 periods ending 3 before it."""
    base = y[:, -10:-3].astype(float)
    sd = np.maximum(base.std(axis=1, ddof=1), 0.2)
    return (y[:, -1] - base.mean(axis=1)) / sd > 3


def main() -> None:
    rng = np.random.default_rng(20261125)
    weekly_t = 3 * WEEKS + 4
    monthly_t = 3 * 12 + 2
    started = time.perf_counter()
    rows = []
    quiet = {
        "flat weekly Poisson": (rng.poisson(BASE, size=(N_QUIET, weekly_t)), WEEKS),
        "seasonal weekly Poisson": (rng.poisson(means(rng, N_QUIET, WEEKS, weekly_t, 0.4)), WEEKS),
        "seasonal weekly NB (var = 2 mu)": (
            rng.negative_binomial(means(rng, N_QUIET, WEEKS, weekly_t, 0.4), 0.5),
            WEEKS,
        ),
        "seasonal monthly Poisson": (rng.poisson(means(rng, N_QUIET, 12, monthly_t, 0.4)), 12),
    }
    rates = {}
    for name, (y, length) in quiet.items():
        r = detect_spikes(y, season_length=length, alpha=ALPHA)
        rates[name] = float(np.mean(r.pvalue <= ALPHA))
        rows.append((name, rates[name], float(r.flag.mean()), float(ears_c2(y).mean())))

    mu = means(rng, N_SPIKED, WEEKS, weekly_t, 0.4)
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
    seconds = time.perf_counter() - started

    print(f"False alarms over {N_QUIET} quiet series (nominal {ALPHA}), base mean {BASE}")
    print(f"{'series':34} {'p<=0.05':>8} {'BH flag':>8} {'EARS C2':>8}")
    for name, fa, flag, c2 in rows:
        print(f"{name:34} {fa:8.3f} {flag:8.3f} {c2:8.3f}")
    print(f"\nDetection over {N_SPIKED} seasonal weekly series with a spike of +X sd")
    print(f"{'X':>4} {'p<=0.05':>8} {'BH flag*':>8} {'BH false':>8} {'EARS C2':>8}")
    for sd, (det, flag, false, c2) in detection.items():
        print(f"{sd:4.0f} {det:8.3f} {flag:8.3f} {false:8.3f} {c2:8.3f}")
    print("* flagged after BH across the 500 spiked and 500 quiet series together")
    print(f"total {seconds:.2f} s")
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
                "seconds": round(seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
