"""Fixtures of the partner API tests: two fictional organisations, each with an
administrator and an API client holding every scope (the second is the "othello")."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from awaz.api_clients.models import Scope
from awaz.api_clients.services import api_client_create
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.tests.factories import make_strand

ALL_SCOPES = [s.value for s in Scope]


@pytest.fixture(autouse=True)
def _fresh(db, settings):
    cache.clear()
    settings.AWAZ_API_RATE_PER_MINUTE = 1000
    for code in ("race", "religion", "sexual-orientation", "disability", "transgender"):
        make_strand(code)


@pytest.fixture
def centre(db):
    return OrganisationFactory(name="Fictional Reporting Centre", kind="reporting_centre")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Fictional Council", kind="council")


@pytest.fixture
def centre_admin(centre):
    return StaffFactory(organisation=centre, role="administrator", full_name="Ari Example")


@pytest.fixture
def other_admin(other_org):
    return StaffFactory(organisation=other_org, role="administrator", full_name="Oli Example")


def make_client(admin: Any, *, scopes: list[str] | None = None, name: str = "Case system"):
    return api_client_create(
        name=name,
        scopes=ALL_SCOPES if scopes is None else scopes,
        expires_at=timezone.now() + datetime.timedelta(days=30),
        actor=admin,
    )


@pytest.fixture
def token(centre_admin) -> str:
    return make_client(centre_admin)[1]


@pytest.fixture
def other_token(other_admin) -> str:
    return make_client(other_admin)[1]


@pytest.fixture
def api():
    return Client()


def report_body(**overrides: Any) -> dict[str, Any]:
    """A complete, valid report, as a reporting centre would record it (fictional)."""
    body: dict[str, Any] = {
        "channel": "phone",
        "reporter_role": "victim",
        "reporter_is_under_18": "no",
        "incident_types": ["verbal_abuse"],
        "what_happened": "A fictional person shouted abuse at me at a fictional bus stop.",
        "incident_date": "2026-11-30",
        "location_description": "Fictional Street bus stop",
        "strands": ["race"],
        "perception_by": "victim",
        "police_told": "no",
        "support_wanted": ["emotional"],
        "share_police": "no",
        "share_victim_support": "yes",
        "share_council": "no",
        "wants_contact": "no",
    }
    body.update(overrides)
    return body


def post_report(api: Client, token: str, body: Any, *, key: str = "key-1", **extra: Any):
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return api.post(
        "/api/v1/reports", data=body, content_type="application/json", headers=headers, **extra
    )
