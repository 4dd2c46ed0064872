"""Warming a web server process: the analysis kernels are cached under var/, the warm-up
runs in a background thread started by config/wsgi.py, and never in tests or management
commands."""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from numba.core.registry import CPUDispatcher

from config import env, warm

ROOT = Path(__file__).resolve().parents[2]


def warm_thread_name() -> str:
    return threading.current_thread().name


def _warm_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == warm.THREAD_NAME]


def test_the_kernels_are_cached_under_the_configured_folder() -> None:
    from awaz.patterns.stats import _knox_kernels, hotspots

    # var/numba-cache unless NUMBA_CACHE_DIR says otherwise.
    assert (
        env.NUMBA_CACHE_DIR or str(settings.VAR_DIR / "numba-cache")
    ) == settings.NUMBA_CACHE_DIR
    assert os.environ["NUMBA_CACHE_DIR"] == settings.NUMBA_CACHE_DIR
    kernels = [
        value
        for module in (hotspots, _knox_kernels)
        for value in vars(module).values()
        if isinstance(value, CPUDispatcher)
    ]
    assert len(kernels) >= 10
    for kernel in kernels:
        assert Path(kernel._cache.cache_path).is_relative_to(settings.NUMBA_CACHE_DIR)


def test_no_warm_up_in_tests() -> None:
    assert settings.AWAZ_WARM_UP is False
    assert warm.warm_up_in_background() is None
    assert _warm_threads() == []


def test_where_it_is_on_it_runs_in_a_daemon_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(warm, "STEPS", [("one", lambda: ran.append("one"))])
    with override_settings(AWAZ_WARM_UP=True):
        thread = warm.warm_up_in_background()
    assert thread is not None
    thread.join(timeout=10)
    assert (thread.name, thread.daemon, ran) == (warm.THREAD_NAME, True, ["one"])


def test_the_wsgi_application_starts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(warm, "STEPS", [("one", lambda: ran.append(warm_thread_name()))])
    import config.wsgi

    with override_settings(AWAZ_WARM_UP=True):
        importlib.reload(config.wsgi)
    for thread in _warm_threads():
        thread.join(timeout=10)
    assert ran == [warm.THREAD_NAME]


def test_the_steps_warm_what_the_first_requests_would(caplog: pytest.LogCaptureFixture) -> None:
    from awaz.cases.clocks import limits
    from awaz.patterns.stats import hotspots

    limits._england.cache_clear()
    with caplog.at_level(logging.INFO, logger="config.warm"):
        took = warm.warm_up()
    assert list(took) == ["urls", "templates", "analysis kernels", "bank holidays"]
    assert hotspots._crand_kernel.signatures
    assert limits._england.cache_info().currsize == 1
    assert "warm-up done: urls" in caplog.text


def test_a_failing_step_is_logged_and_skipped(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("fictional failure")

    monkeypatch.setattr(warm, "STEPS", [("broken", broken), ("fine", lambda: None)])
    with caplog.at_level(logging.INFO, logger="config.warm"):
        assert list(warm.warm_up()) == ["fine"]
    assert "warm-up step 'broken' failed" in caplog.text


def test_management_commands_start_no_warm_up() -> None:
    """``manage.py`` commands (migrate, check, the demo loaders) never import config.wsgi,
    so they start no thread, even with the development settings where the warm-up is on."""
    code = (
        "import threading, django\n"
        "from django.core.management import call_command\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "call_command('check', verbosity=0)\n"
        "print(settings.AWAZ_WARM_UP, sorted(t.name for t in threading.enumerate()))\n"
    )
    keep = {"PATH", "HOME", "LANG", "NUMBA_CACHE_DIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.base", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert out.stdout.splitlines()[-1] == "True ['MainThread']"
