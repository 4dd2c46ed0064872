"""Fixtures shared by the reporting tests."""

import pytest
from django.core.cache import cache

from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def report_and_code(org_a):
    return make_report(
        organisation=org_a,
        email=FICTIONAL_EMAIL,
        consents={("share", "police"): True, ("contact", "receiving"): True},
        contact_name="Fictional Person",
        contact_phone="07700 900123",
    )


@pytest.fixture
def staff_client(client, caseworker_a):
    client.force_login(caseworker_a)
    return client
