"""Cold-start benchmark: the first Patterns page and the first new case of a new process.

Run ``.venv/bin/python benchmarks/cold_start.py`` (no arguments; about 5 minutes). It copies
the demo database (``var/awaz.sqlite3``, loaded by ``make run``) to a temporary folder, or
loads the demo there when there is none (about 3 minutes more), and works on the copy only.

Each measurement is a new Python process that starts as ``make run``'s server does: Django
set up, ``config.wsgi`` imported (which starts the warm-up thread where it is on) and the
URLconf imported (runserver's checks do that before it serves). It then times one first
request through Django's test client with a demo user signed in: the analyst's Patterns
page, or a caseworker's "make a new case" on an untriaged report (after claiming it, which
is not timed), with the redirect to the new case's page; then the same request again. The
scenarios:

- "no .pyc": Python compiles every module from source (``-X pycache_prefix`` pointing at an
  empty folder, as in a checkout whose packages have no bytecode and where
  ``PYTHONDONTWRITEBYTECODE`` is set); otherwise the .pyc files ``make install`` writes;
- "kernels compiled"/"kernel cache empty": numba's cache folder holds the kernels or not;
- "warm-up": off, "done" (the request waits until the warm-up thread has finished: a user
  who opens the page a little after the server starts) or "racing" (the request is sent the
  moment the server is ready).

Prints a table and ends with one line of JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANALYST = "analyst@demo.awaz.example"
CASEWORKER = "caseworker@demo.awaz.example"

# name: (compiled from source, numba cache filled, warm-up)
SCENARIOS = {
    "before, first start (no .pyc, kernel cache empty, no warm-up)": (True, False, "off"),
    "before, later starts (no .pyc, kernels compiled, no warm-up)": (True, True, "off"),
    ".pyc only (kernels compiled, no warm-up)": (False, True, "off"),
    "after (.pyc, kernels compiled, warm-up done)": (False, True, "done"),
    "after, request at once (.pyc, kernels compiled, warm-up racing)": (False, True, "racing"),
    "after, first start (.pyc, kernel cache empty, warm-up done)": (False, False, "done"),
}
PAGES = ("patterns", "new case")


# --- the child: one new process, one first request --------------------------------------


def child(page: str, warm_mode: str) -> None:
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings

    tmp = Path(os.environ["AWAZ_BENCH_DIR"])
    # Jobs queued on commit go to a broker beside the copy, not the checkout's.
    settings.CELERY_BROKER_URL = f"sqla+sqlite:///{tmp / 'broker.sqlite3'}"
    settings.CELERY_RESULT_BACKEND = f"db+sqlite:///{tmp / 'results.sqlite3'}"
    settings.AWAZ_WARM_UP = warm_mode != "off"
    from django.test import Client
    from django.urls import get_resolver

    import config.wsgi  # noqa: F401 - what the server imports; starts the warm-up thread
    from config.warm import THREAD_NAME

    get_resolver().url_patterns  # noqa: B018 - runserver's checks import the URLconf
    ready = time.perf_counter() - started
    warm_thread = next((t for t in threading.enumerate() if t.name == THREAD_NAME), None)
    if warm_mode == "done" and warm_thread is not None:
        warm_thread.join()
    warm_done = time.perf_counter() - started

    from awaz.cases.models import TriageRecord
    from awaz.cases.selectors import triage_untriaged_reports
    from awaz.core.models import User

    client = Client(SERVER_NAME="localhost")
    if page == "patterns":
        client.force_login(User.objects.get(email=ANALYST))

        def request() -> float:
            t = time.perf_counter()
            response = client.get("/patterns/")
            assert response.status_code == 200, response.status_code
            return time.perf_counter() - t

    else:
        worker = User.objects.get(email=CASEWORKER)
        client.force_login(worker)

        def request() -> float:
            taken = set(
                TriageRecord.objects.exclude(claimed_by=None).values_list("report_id", flat=True)
            )
            report_id = next(
                r.pk for r in triage_untriaged_reports(user=worker) if r.pk not in taken
            )
            url = f"/cases/triage/{report_id}/"
            assert client.post(url, {"action": "claim"}).status_code == 302
            t = time.perf_counter()
            response = client.post(url, {"action": "new_case"}, follow=True)
            assert response.status_code == 200 and response.redirect_chain, response.status_code
            return time.perf_counter() - t

    first = request()
    result = {"ready_s": ready, "warm_s": warm_done - ready, "first_s": first}
    result["second_s"] = request()
    print(json.dumps({k: round(v, 2) for k, v in result.items()}))


# --- the parent ---------------------------------------------------------------------------


def _demo_database(tmp: Path) -> Path:
    target = tmp / "awaz.sqlite3"
    source = ROOT / "var" / "awaz.sqlite3"
    if source.exists():
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            has_demo = src.execute(
                "select count(*) from core_user where email = ?", (ANALYST,)
            ).fetchone()[0]
            if has_demo:
                src.backup(dst)  # a consistent copy, WAL included
                return target
        target.unlink()
    print("No demo database in var/: loading the demo into a temporary one (minutes)")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}"}
    for args in (["migrate", "-v0"], ["seed_demo"], ["seed_demo_cases"]):
        command = [sys.executable, "manage.py", *args]
        subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 - our manage.py
    return target


def _run_child(
    tmp: Path, database: Path, page: str, scenario: tuple[bool, bool, str]
) -> dict[str, float]:
    from_source, cache_filled, warm_mode = scenario
    cache = tmp / ("numba-filled" if cache_filled else "numba-empty")
    if not cache_filled:
        shutil.rmtree(cache, ignore_errors=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "NUMBA_CACHE_DIR": str(cache),
        "AWAZ_BENCH_DIR": str(tmp),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    prefix = ["-X", f"pycache_prefix={tmp / 'no-pyc'}"] if from_source else []
    out = subprocess.run(  # noqa: S603 - this script, run again as one new process
        [sys.executable, *prefix, __file__, "--child", page, warm_mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(f"child failed ({page}, {scenario}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    started = time.perf_counter()
    # As `make run` does: the project's own modules compiled once.
    compileall = [sys.executable, "-m", "compileall", "-q", "awaz", "config"]
    subprocess.run(compileall, cwd=ROOT, check=True)  # noqa: S603 - the standard library's
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="awaz-cold-start-") as name:
        tmp = Path(name)
        database = _demo_database(tmp)
        # Fill the kernel cache once (as the first start after installing does).
        _run_child(tmp, database, "patterns", (False, True, "done"))
        results: dict[str, dict[str, dict[str, float]]] = {}
        for label, scenario in SCENARIOS.items():
            results[label] = {page: _run_child(tmp, database, page, scenario) for page in PAGES}
    load_after = os.getloadavg()[0]

    print(f"\nLoad average (1 min) {load:.1f} before, {load_after:.1f} after\n")
    print(
        "| scenario | server ready (s) | warm-up (s) | first Patterns page (s) | "
        "second (s) | first new case (s) | second (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, by_page in results.items():
        p, c = by_page["patterns"], by_page["new case"]
        warm_s = p["warm_s"] if SCENARIOS[label][2] == "done" else "-"
        print(
            f"| {label} | {p['ready_s']} | {warm_s} | {p['first_s']} | {p['second_s']} | "
            f"{c['first_s']} | {c['second_s']} |"
        )
    summary = {
        "benchmark": "cold_start",
        "patterns_first_s": {k: v["patterns"]["first_s"] for k, v in results.items()},
        "new_case_first_s": {k: v["new case"]["first_s"] for k, v in results.items()},
        "ready_s": {k: v["patterns"]["ready_s"] for k, v in results.items()},
        "warm_up_s": {
            k: v["patterns"]["warm_s"] for k, v in results.items() if SCENARIOS[k][2] == "done"
        },
        "load_average": [round(load, 1), round(load_after, 1)],
        "seconds": round(time.perf_counter() - started),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
