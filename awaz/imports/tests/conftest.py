"""Fixtures of the imports tests: a fictional police force and a partner, each with an
administrator, and the other organisation's administrator (the "othello")."""

import pytest
from django.core.cache import cache

from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.tests.factories import make_strand


@pytest.fixture
def strands(db):
    """The five national strands (as migration 0002 makes them), whatever ran before."""
    cache.clear()
    for code in ("race", "religion", "sexual-orientation", "disability", "transgender"):
        make_strand(code)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Fictional Constabulary", kind="police")


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Fictional Victim Service", kind="victim_support")


@pytest.fixture
def police_admin(police):
    return StaffFactory(organisation=police, role="administrator", full_name="Pat Example")


@pytest.fixture
def partner_admin(partner):
    return StaffFactory(organisation=partner, role="administrator", full_name="Sam Example")
