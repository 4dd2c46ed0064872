"""After signing in, each role lands on its work (config/landing.py), unless it signed in
from a page that needed it (a safe ?next=)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from awaz.partners.tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    add_totp,
    sign_in,
    totp_now,
)
from config import landing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    """allauth keeps used authenticator codes and sign-in attempts in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


ROLES = {
    "partner_caseworker": "reporting:triage_inbox",
    "centre_caseworker": "reporting:triage_inbox",
    "analyst": "patterns:dashboard",
    "chair": "strategy:plan",
    "pcc_office": "strategy:plan",
    "administrator": "partners:staff_list",
}


def test_every_role_has_a_landing() -> None:
    from awaz.partners.models import Role

    assert {str(role) for role in landing.LANDINGS} == set(Role.values) == set(ROLES)


@pytest.mark.parametrize(("role", "page"), sorted(ROLES.items()))
def test_each_role_lands_on_its_work(client: Client, role: str, page: str) -> None:
    kind = {"centre_caseworker": "reporting_centre", "pcc_office": "pcc_office"}
    organisation = OrganisationFactory(kind=kind.get(role, "council"))
    user = StaffFactory(organisation=organisation, role=role)

    response = sign_in(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse("staff_landing")
    response = client.get(response["Location"])
    assert (response.status_code, response["Location"]) == (302, reverse(page))
    assert client.get(reverse(page)).status_code == 200  # a page the role may open


def test_a_superuser_without_an_organisation_lands_on_the_django_admin(client: Client) -> None:
    superuser = UserFactory(is_staff=True, is_superuser=True)
    add_totp(superuser)
    sign_in(client, superuser)
    assert client.get(reverse("staff_landing"))["Location"] == reverse("admin:index")


def test_an_account_without_an_organisation_lands_on_the_account_page(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get(reverse("staff_landing"))["Location"] == reverse("reporting:staff_home")


def test_a_role_its_page_refuses_lands_on_the_account_page(
    client: Client, monkeypatch: pytest.MonkeyPatch, org_a: Any
) -> None:
    from awaz.patterns import access as patterns_access

    monkeypatch.setitem(patterns_access.ACTION_ROLES, "patterns.view", frozenset())
    client.force_login(StaffFactory(organisation=org_a, role="analyst"))
    assert client.get(reverse("staff_landing"))["Location"] == reverse("reporting:staff_home")


def _sign_in_from(client: Client, user: Any, next_url: str) -> Any:
    login = f"{reverse('account_login')}?next={next_url}"
    response = client.post(login, {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    return client.post(reverse("mfa_authenticate"), {"code": totp_now()})


def test_a_safe_next_is_kept(client: Client, org_a: Any) -> None:
    analyst = StaffFactory(organisation=org_a, role="analyst")
    response = _sign_in_from(client, analyst, reverse("patterns:near_repeat_list"))
    assert response["Location"] == reverse("patterns:near_repeat_list")


def test_a_next_to_another_site_is_ignored(client: Client, org_a: Any) -> None:
    chair = StaffFactory(organisation=org_a, role="chair")
    response = _sign_in_from(client, chair, "https://elsewhere.example/")
    assert response["Location"] == reverse("staff_landing")


def test_the_landing_needs_sign_in(client: Client) -> None:
    response = client.get(reverse("staff_landing"))
    assert response["Location"].startswith(reverse("account_login"))
