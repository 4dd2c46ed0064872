"""Signing in through allauth: password, then the authenticator code; audit; no sign-up."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.models import User
from awaz.partners.tests.factories import (
    TEST_PASSWORD,
    StaffFactory,
    UserFactory,
    add_totp,
    sign_in,
    totp_now,
)

pytestmark = pytest.mark.django_db


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_password_then_totp_reaches_the_triage_inbox(client, caseworker_a):
    response = client.post(
        reverse("account_login"), {"login": caseworker_a.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert _signed_in_user_id(client) is None  # not signed in until the code is given

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})

    assert response.status_code == 302
    assert response["Location"] == reverse("staff_landing")
    assert _signed_in_user_id(client) == str(caseworker_a.pk)
    assert client.get(response["Location"])["Location"] == reverse("reporting:triage_inbox")


def test_sign_in_is_audited_with_its_methods(client, caseworker_a, org_a):
    sign_in(client, caseworker_a)

    event = AuditEvent.objects.get(event_type=AuditEventType.USER_SIGNED_IN)
    assert event.actor_id == caseworker_a.pk
    assert event.organisation_id == org_a.pk
    assert event.target_type == "core.user"
    assert event.target_id == str(caseworker_a.pk)
    assert event.details == {"methods": ["mfa", "password"]}


def test_wrong_totp_code_is_refused(client, caseworker_a):
    wrong = "000000" if totp_now() != "000000" else "111111"
    client.post(reverse("account_login"), {"login": caseworker_a.email, "password": TEST_PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert _signed_in_user_id(client) is None
    assert b"govuk-error-summary" in response.content
    assert not AuditEvent.objects.filter(event_type=AuditEventType.USER_SIGNED_IN).exists()


def test_wrong_password_is_refused_with_an_error_summary(client, caseworker_a):
    response = client.post(
        reverse("account_login"), {"login": caseworker_a.email, "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert _signed_in_user_id(client) is None
    assert b"govuk-error-summary" in response.content
    # What was typed is kept, except the password.
    assert caseworker_a.email.encode() in response.content
    assert b"not-the-password" not in response.content


def test_a_recovery_code_works_once_instead_of_the_app(client, caseworker_a):
    code = RecoveryCodes.activate(caseworker_a).get_unused_codes()[0]

    response = sign_in(client, caseworker_a, code=code)
    assert response["Location"] == reverse("staff_landing")

    client.logout()
    response = sign_in(client, caseworker_a, code=code)
    assert response.status_code == 200
    assert _signed_in_user_id(client) is None


def test_a_deactivated_user_cannot_sign_in(client, caseworker_a):
    caseworker_a.is_active = False
    caseworker_a.save()

    sign_in(client, caseworker_a)

    assert _signed_in_user_id(client) is None


def test_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b"There is no sign-up" in response.content

    client.post(
        "/accounts/signup/",
        {"email": "newcomer@example.org", "password1": "a-long-enough-pass-9", "password2": ""},
    )
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_superuser_without_organisation_is_sent_to_the_django_admin(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    add_totp(superuser)

    response = sign_in(client, superuser)

    assert client.get(response["Location"])["Location"] == reverse("admin:index")


def test_administrator_lands_on_the_staff_list(client, org_a):
    administrator = StaffFactory(organisation=org_a, role="administrator")

    response = sign_in(client, administrator)

    assert client.get(response["Location"])["Location"] == reverse("partners:staff_list")


def test_django_admin_sign_in_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
