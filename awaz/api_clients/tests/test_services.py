"""Making and revoking API clients: tokens are shown once and stored only hashed."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from awaz.api_clients.models import ApiClient, Scope
from awaz.api_clients.selectors import api_client_for_token
from awaz.api_clients.services import api_client_create, api_client_revoke
from awaz.api_clients.tests.conftest import make_client
from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.partners.tests.factories import StaffFactory


def test_the_token_is_stored_only_as_a_keyed_hash(centre_admin):
    client, token = make_client(centre_admin)
    stored = ApiClient.objects.filter(pk=client.pk).values().get()
    assert token not in str(stored)
    assert token.startswith(f"awz_{client.token_prefix}_")
    assert len(client.token_hash) == 64
    assert api_client_for_token(token) == client


def test_making_and_revoking_are_audited(centre_admin):
    client, token = make_client(centre_admin)
    api_client_revoke(client=client, actor=centre_admin)
    events = list(
        AuditEvent.objects.filter(target_type="api_clients.apiclient").values_list(
            "event_type", flat=True
        )
    )
    assert events == [AuditEventType.API_CLIENT_CREATED, AuditEventType.API_CLIENT_REVOKED]
    assert token not in str(AuditEvent.objects.values_list("details", flat=True))
    assert api_client_for_token(token) is None


def test_only_an_administrator_makes_clients(centre):
    caseworker = StaffFactory(organisation=centre, role="centre_caseworker", full_name="Cy Ex")
    with pytest.raises(PermissionDenied):
        make_client(caseworker)


def test_another_organisations_administrator_cannot_revoke(centre_admin, other_admin):
    client, _token = make_client(centre_admin)
    with pytest.raises(NotFound):
        api_client_revoke(client=client, actor=other_admin)


@pytest.mark.parametrize(
    ("days", "scopes", "message"),
    [
        (30, [], "Select at least one thing the client may do"),
        (-1, [Scope.REPORTS_READ], "The expiry date must be in the future"),
        (400, [Scope.REPORTS_READ], "The expiry date must be within a year"),
    ],
)
def test_refuses_bad_settings(centre_admin, days, scopes, message):
    with pytest.raises(ApplicationError) as raised:
        api_client_create(
            name="A system",
            scopes=scopes,
            expires_at=timezone.now() + datetime.timedelta(days=days),
            actor=centre_admin,
        )
    assert str(raised.value.message) == message


def test_a_deactivated_administrators_clients_stop_working(centre_admin):
    _client, token = make_client(centre_admin)
    centre_admin.is_active = False
    centre_admin.save()
    assert api_client_for_token(token) is None


def test_a_malformed_prefix_finds_nothing_without_querying_it(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert (
            api_client_for_token("awz_\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00_x") is None
        )
