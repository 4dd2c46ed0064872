"""Test fixtures shared by every app. Browser fixtures are in tests/browser/conftest.py."""

import os

import pytest

# pytest-django's live_server with Playwright's sync API runs Django inside an event loop;
# allow it in tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    """Every test writes evidence files to its own temporary folder."""
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")


@pytest.fixture
def org_a(db):
    from awaz.partners.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Fictional Victim Hub A", kind="victim_support")


@pytest.fixture
def org_b(db):
    from awaz.partners.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Fictional Council B", kind="council")


@pytest.fixture
def caseworker_a(org_a):
    from awaz.partners.tests.factories import StaffFactory

    return StaffFactory(organisation=org_a, role="partner_caseworker", full_name="Ada Example")


@pytest.fixture
def caseworker_b(org_b):
    """The "othello" of scoping tests: another organisation's caseworker."""
    from awaz.partners.tests.factories import StaffFactory

    return StaffFactory(organisation=org_b, role="partner_caseworker", full_name="Bo Example")


@pytest.fixture
def default_hub(org_a):
    from awaz.reporting.models import ReportingHub

    return ReportingHub.objects.create(organisation=org_a, is_default=True)
