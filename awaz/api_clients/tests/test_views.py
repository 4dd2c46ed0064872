"""Administrators' pages for API clients."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awaz.api_clients.models import ApiClient
from awaz.api_clients.tests.conftest import make_client
from awaz.partners.tests.factories import StaffFactory


@pytest.fixture
def admin_page(client, centre_admin):
    client.force_login(centre_admin)
    return client


def test_making_a_client_shows_its_token_once(admin_page, api):
    response = admin_page.post(
        reverse("api_clients:client_create"),
        {"name": "Fictional case system", "scopes": ["reports:submit"], "lifetime": "90"},
    )
    assert response.status_code == 200
    token = re.search(r"awz_[0-9a-f]{12}_[\w-]+", response.content.decode()).group(0)
    assert ApiClient.objects.get().token_prefix in token
    listing = admin_page.get(reverse("api_clients:client_list")).content.decode()
    assert "Fictional case system" in listing
    assert token not in listing
    assert "Never" in listing


def test_form_errors_are_shown(admin_page):
    response = admin_page.post(reverse("api_clients:client_create"), {"name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the name of the system" in html
    assert "Select at least one thing the client may do" in html


def test_last_used_comes_from_the_audit_log(admin_page, api, centre_admin):
    _client, token = make_client(centre_admin)
    assert "Never" in admin_page.get(reverse("api_clients:client_list")).content.decode()
    api.get("/api/v1/reports/ABC", headers={"Authorization": f"Bearer {token}"})
    assert "Never" not in admin_page.get(reverse("api_clients:client_list")).content.decode()


def test_revoke(admin_page, centre_admin):
    client, _token = make_client(centre_admin)
    response = admin_page.post(reverse("api_clients:client_revoke", args=[client.pk]))
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.revoked_by == centre_admin


def test_another_organisations_client_is_404(admin_page, other_admin):
    theirs, _token = make_client(other_admin)
    response = admin_page.post(reverse("api_clients:client_revoke", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_not_for_other_roles(client, centre):
    client.force_login(StaffFactory(organisation=centre, role="analyst", full_name="An Ex"))
    assert client.get(reverse("api_clients:client_list")).status_code == 403


def test_administrators_see_api_clients_in_the_navigation(admin_page):
    html = admin_page.get(reverse("api_clients:client_list")).content.decode()
    assert f'href="{reverse("api_clients:client_list")}"' in html
    assert "API clients" in html
