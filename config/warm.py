"""Warming a web server process as it starts, so that no request pays for it.

Left to the first requests, a new process imports every view's libraries on its first page
(NumPy, SciPy, shapely, numba), loads or compiles the analysis kernels on the first Patterns
page, and imports the calendars of every country the ``holidays`` package knows on the first
page with a Victims' Code clock (a new case): seconds each on these machines, more under load
(benchmarks/README.md, "Cold start", has the figures).

:func:`warm_up_in_background` runs :func:`warm_up` in a daemon thread; ``config/wsgi.py``
calls it, so it runs in the web server's processes (runserver, gunicorn) and never in tests
(``AWAZ_WARM_UP`` is off in the test settings), management commands or Celery. It lives in
``config`` (above every app) because it touches several apps. Nothing here reads or writes
the database. A step that fails is logged and skipped: the request that needs it then does
the work itself, as it would without the warm-up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver, reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

THREAD_NAME = "awaz-warm-up"


def _urls() -> None:
    """Import the URLconf and with it every view module and its libraries (gunicorn imports
    it on the first request; runserver's checks already have), and build the tables
    ``reverse`` reads."""
    get_resolver().url_patterns  # noqa: B018 - the import is the point
    reverse("public:start")


def _templates() -> None:
    """Compile the base template every page extends (kept by the cached template loader)."""
    get_template("base.html")


def _analysis_kernels() -> None:
    from awaz.patterns.stats.kernels import kernels_compile

    kernels_compile()


def _bank_holidays() -> None:
    """The working-day calendar the Victims' Code clocks use, for the years a case opened
    today needs (``holidays`` imports every country's module to give England's)."""
    from awaz.cases.clocks.limits import at_risk_horizon

    at_risk_horizon(timezone.now())


STEPS: list[tuple[str, Callable[[], None]]] = [
    ("urls", _urls),
    ("templates", _templates),
    ("analysis kernels", _analysis_kernels),
    ("bank holidays", _bank_holidays),
]


def warm_up() -> dict[str, float]:
    """Run every step; the seconds each took (a failed step is logged and left out)."""
    took: dict[str, float] = {}
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            step()
        except Exception:
            logger.exception("warm-up step %r failed", name)
            continue
        took[name] = round(time.perf_counter() - started, 2)
    logger.info("warm-up done: %s", ", ".join(f"{name} {s} s" for name, s in took.items()))
    return took


def warm_up_in_background() -> threading.Thread | None:
    """Start :func:`warm_up` in a daemon thread where ``AWAZ_WARM_UP`` is on (web server
    processes); None where it is off (tests)."""
    if not settings.AWAZ_WARM_UP:
        return None
    thread = threading.Thread(target=warm_up, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread
