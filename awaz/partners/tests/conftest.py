"""Fixtures for partners tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps sign-in rate limits and used TOTP codes in the cache; start clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def administrator(org_a):
    from awaz.partners.tests.factories import StaffFactory

    return StaffFactory(organisation=org_a, role="administrator", full_name="Ade Admin")


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client
