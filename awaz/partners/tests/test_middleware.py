"""MFA enforcement: a user who must use an authenticator app and has none can only set
one up or sign out."""

import pytest
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.partners.tests.factories import StaffFactory, UserFactory, add_totp, sign_in, totp_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker_without_mfa(org_a):
    return StaffFactory(organisation=org_a, role="partner_caseworker", mfa=False)


@pytest.mark.parametrize(
    "url",
    [
        reverse("reporting:triage_inbox"),
        reverse("partners:staff_list"),
        reverse("mfa_index"),
        reverse("usersessions_list"),
        reverse("account_change_password"),
        reverse("public:start"),
        "/django-admin/",
        "/no-such-page/",
    ],
)
def test_user_without_mfa_is_sent_to_set_it_up(client, caseworker_without_mfa, url):
    client.force_login(caseworker_without_mfa)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_posts_are_refused_too(client, caseworker_without_mfa):
    client.force_login(caseworker_without_mfa)

    response = client.post(reverse("partners:staff_invite"), {"email": "x@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_user_without_mfa_may_sign_out(client, caseworker_without_mfa):
    client.force_login(caseworker_without_mfa)

    assert client.get(reverse("account_logout")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") is None


def test_set_up_after_first_sign_in_then_use_the_service(client, caseworker_without_mfa):
    response = sign_in(client, caseworker_without_mfa)
    assert response["Location"] == reverse("staff_landing")
    response = client.get(response["Location"])
    assert response["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    content = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in content
    assert secret[:4] + " " + secret[4:8] in content  # the key, for typing in by hand

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    assert codes_page.context["unused_codes"][0] in codes_page.content.decode()
    assert client.get(reverse("mfa_index")).status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_MFA_ENABLED)
    assert event.actor_id == caseworker_without_mfa.pk
    assert event.details == {"type": "totp"}


def test_wrong_code_does_not_set_up_mfa(client, caseworker_without_mfa):
    sign_in(client, caseworker_without_mfa)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    wrong = "000000" if totp_now(secret) != "000000" else "111111"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})

    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert client.get(reverse("mfa_index"))["Location"] == reverse("mfa_activate_totp")


def test_anonymous_visitors_are_unaffected(client):
    assert client.get(reverse("public:start")).status_code == 200
    assert client.get(reverse("account_login")).status_code == 200


def test_user_with_mfa_is_unaffected(client, caseworker_a):
    client.force_login(caseworker_a)

    assert client.get(reverse("mfa_index")).status_code == 200


def test_demo_default_lets_users_skip_mfa(client, settings, caseworker_without_mfa):
    settings.AWAZ_MFA_REQUIRED = False
    client.force_login(caseworker_without_mfa)

    assert client.get(reverse("mfa_index")).status_code == 200


def test_superuser_must_set_up_mfa_before_the_django_admin(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)

    assert client.get("/django-admin/")["Location"] == reverse("mfa_activate_totp")

    add_totp(superuser)
    assert client.get("/django-admin/").status_code == 200


def test_removing_the_app_is_audited_and_sends_the_user_back_to_set_up(client, caseworker_a):
    sign_in(client, caseworker_a)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_MFA_DISABLED)
    assert event.actor_id == caseworker_a.pk
    assert client.get(reverse("mfa_index"))["Location"] == reverse("mfa_activate_totp")
