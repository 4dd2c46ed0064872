"""Sign-in throttling: guessing one account's password is stopped, but a shared office
address is not a denial of service for everyone behind it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from awaz.partners.tests.factories import TEST_PASSWORD, StaffFactory, sign_in

pytestmark = pytest.mark.django_db

OFFICE = "192.0.2.10"  # one address for a whole office (documentation range)
TOO_MANY = "Too many failed login attempts"


def _fail(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": "not-the-password"})


def _signed_in(client: Client, user) -> bool:
    response = sign_in(client, user)
    return response.status_code == 302 and client.session.get("_auth_user_id") == str(user.pk)


def test_one_account_failing_does_not_lock_another_behind_the_same_address(
    caseworker_a, caseworker_b
):
    someone = Client(REMOTE_ADDR=OFFICE)
    for _ in range(12):
        _fail(someone, caseworker_a.email)
    assert _signed_in(Client(REMOTE_ADDR=OFFICE), caseworker_b)


def test_guessing_one_account_from_one_address_is_blocked(caseworker_a):
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        assert TOO_MANY not in _fail(guesser, caseworker_a.email).content.decode()
    assert TOO_MANY in _fail(guesser, caseworker_a.email).content.decode()
    # Even the right password is refused from that address now...
    response = sign_in(Client(REMOTE_ADDR="198.51.100.7"), caseworker_a)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    # ...but the owner, at their own desk elsewhere, still signs in.
    assert _signed_in(Client(REMOTE_ADDR="203.0.113.9"), caseworker_a)


def test_one_account_is_limited_across_addresses(caseworker_a):
    """A guesser who spreads over many addresses is stopped per account (20 an hour)."""
    for n in range(5):
        guesser = Client(REMOTE_ADDR=f"198.51.100.{20 + n}")
        for _ in range(4):
            _fail(guesser, caseworker_a.email)
    response = sign_in(Client(REMOTE_ADDR="198.51.100.99"), caseworker_a)
    assert TOO_MANY in response.content.decode()


def test_one_address_has_a_much_higher_ceiling(caseworker_b):
    """30 failures a minute from one address, over many accounts, and that address waits."""
    sprayer = Client(REMOTE_ADDR="198.51.100.50")
    for n in range(30):
        assert TOO_MANY not in _fail(sprayer, f"nobody{n}@example.org").content.decode()
    assert TOO_MANY in sign_in(Client(REMOTE_ADDR="198.51.100.50"), caseworker_b).content.decode()
    assert _signed_in(Client(REMOTE_ADDR="198.51.100.51"), caseworker_b)


def test_successful_sign_ins_do_not_count_as_failures(org_a):
    # No authenticator app, so each sign-in is the password alone (a TOTP code works once).
    user = StaffFactory(organisation=org_a, role="partner_caseworker", mfa=False)
    for _ in range(8):
        assert _signed_in(Client(REMOTE_ADDR=OFFICE), user)


def test_awaz_keeps_no_address_and_no_e_mail_in_the_cache(caseworker_a):
    from django.core.cache import cache

    _fail(Client(REMOTE_ADDR="198.51.100.60"), caseworker_a.email)
    keys = [str(key) for key in cache._cache if ":awaz:" in str(key)]  # type: ignore[attr-defined]
    assert any(":awaz:sign-in:failed:" in key for key in keys)
    for key in keys:
        for secret in ("198.51.100.60", caseworker_a.email, TEST_PASSWORD):
            assert secret not in key
