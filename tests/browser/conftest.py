"""Playwright with Debian's Chromium against pytest-django's live server.

Where Chromium is missing the browser tests skip with a clear reason; in CI
(AWAZ_REQUIRE_BROWSER=1, set by .ci/run) they fail instead. Never download a browser.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from config import env

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# Playwright's own default is 30 s; a page of this site answers in well under a second,
# so a wait that long only delays the report of a real failure.
TIMEOUT_MS = 10_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


MISSING = "Debian's Chromium is not installed (apt-get install chromium); .ci/run installs it"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # In CI the tests are left to run, and the ``browser`` fixture fails them: a skip (or
    # an xfail, which pytest also counts as a pass) would let a run without Chromium pass.
    if _chromium() is not None or env.REQUIRE_BROWSER:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if env.REQUIRE_BROWSER and _chromium() is None:
        pytest.fail(f"AWAZ_REQUIRE_BROWSER is set: {MISSING}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """The cache (throttle counts, allauth's used TOTP codes, keyed by user ids that repeat
    after rollbacks) outlives a test: start and end each browser test with it empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def national_strands(transactional_db: None) -> None:
    """The five national strands. A data migration creates them, but the live server's
    transactional tests empty every table after each test, so later tests would lack them."""
    from awaz.reporting.models import Strand

    migration = importlib.import_module("awaz.reporting.migrations.0002_national_strands")
    for code, name, description, order in migration.NATIONAL:
        Strand.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


@pytest.fixture
def case_rules(transactional_db: None) -> None:
    """The default rule set (five classifications, the Victims' Code time limits), made by
    the cases data migration: recreated for the same reason as ``national_strands``."""
    from django.apps import apps

    migration = importlib.import_module("awaz.cases.migrations.0002_default_rules")
    migration.create(apps, None)


@pytest.fixture(scope="session")
def warm_process() -> None:
    """Warm this process once, as ``config/wsgi.py`` warms a real server (``AWAZ_WARM_UP`` is
    off in tests): the live server runs in this process, and its first page would otherwise
    import every view's libraries within the first test's page timeout."""
    from config.warm import warm_up

    warm_up()


@pytest.fixture
def new_context(browser: Any, live_server: Any, warm_process: None) -> Iterator[Callable[..., Any]]:
    """``new_context(**options)``: a fresh browser context (its own cookies, so its own
    session) on the live server; closed at the end of the test."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(new_context: Callable[..., Any], national_strands: None) -> Any:
    """A page at phone width, with the site's real CSP in force."""
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


@pytest.fixture
def axe_page(new_context: Callable[..., Any], national_strands: None) -> Any:
    """A page for accessibility checks: axe-core is injected, which a strict CSP would block,
    so this context bypasses CSP (the phone_page tests run with CSP on)."""
    if not AXE_JS.exists():
        pytest.fail("node_modules/axe-core is missing: run `make install` (npm ci)")
    return new_context(bypass_csp=True).new_page()


def csp_messages(page: Any) -> list[str]:
    """Collect, from now on, what the browser says about Content Security Policy violations
    (console messages and the ``securitypolicyviolation`` events they come with)."""
    found: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            found.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"pageerror: {error}"))
    return found


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA) on the current page; return violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "summary": n.get("failureSummary", "")}
                for n in v["nodes"][:5]
            ],
        }
        for v in result["violations"]
    ]
