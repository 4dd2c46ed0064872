"""allauth's pages in Awaz's GOV.UK templates (awaz/templates/account, mfa, usersessions):
they render inside the site layout, with GOV.UK components, and nothing a strict CSP would
block."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.urls import reverse

from awaz.partners.tests.factories import TEST_PASSWORD, StaffFactory, sign_in

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)


def assert_govuk_page(response, heading):
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="govuk-template"' in content  # Awaz's base layout
    assert heading in content
    assert not INLINE_SCRIPT.search(content)
    assert " style=" not in content
    assert not INLINE_HANDLER.search(content)
    assert "placeholder=" not in content
    return content


def test_sign_in_page(client):
    content = assert_govuk_page(client.get(reverse("account_login")), "Staff sign in")
    assert 'class="govuk-input' in content
    assert 'autocomplete="email"' in content
    assert reverse("account_signup") not in content


def test_sign_in_error_summary(client):
    content = assert_govuk_page(
        client.post(reverse("account_login"), {"login": "", "password": ""}), "Staff sign in"
    )
    assert "govuk-error-summary" in content
    assert "govuk-input--error" in content


def test_authenticator_code_page(client, caseworker_a):
    client.post(reverse("account_login"), {"login": caseworker_a.email, "password": TEST_PASSWORD})
    content = assert_govuk_page(
        client.get(reverse("mfa_authenticate")), "Enter the code from your authenticator app"
    )
    assert 'autocomplete="one-time-code"' in content
    assert "recovery codes" in content


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("mfa_index", "Security"),
        ("mfa_view_recovery_codes", "Your recovery codes"),
        ("mfa_generate_recovery_codes", "Make new recovery codes?"),
        ("mfa_deactivate_totp", "Remove your authenticator app?"),
        ("account_change_password", "Change your password"),
        ("usersessions_list", "Where you are signed in"),
        ("account_logout", "Sign out?"),
        ("account_reauthenticate", "Confirm it is you"),
        ("mfa_reauthenticate", "Confirm it is you"),
    ],
)
def test_signed_in_pages(client, caseworker_a, name, heading):
    RecoveryCodes.activate(caseworker_a)
    sign_in(client, caseworker_a)

    assert_govuk_page(client.get(reverse(name)), heading)


def test_recovery_codes_can_be_downloaded(client, caseworker_a):
    codes = RecoveryCodes.activate(caseworker_a).get_unused_codes()
    sign_in(client, caseworker_a)

    response = client.get(reverse("mfa_download_recovery_codes"))

    assert response.status_code == 200
    assert codes[0] in response.content.decode()


def test_staff_cannot_change_their_sign_in_address(client, caseworker_a):
    sign_in(client, caseworker_a)

    assert client.get("/accounts/email/").status_code == 404


def test_password_reset_by_email(client, caseworker_a):
    assert_govuk_page(client.get(reverse("account_reset_password")), "Reset your password")

    response = client.post(reverse("account_reset_password"), {"email": caseworker_a.email})
    assert response["Location"] == reverse("account_reset_password_done")
    assert_govuk_page(client.get(response["Location"]), "Check your e-mail")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link is not None

    page = client.get(link.group(1), follow=True)
    assert_govuk_page(page, "Choose a new password")
    new_password = "quince-harbour-meadow-31"
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    caseworker_a.refresh_from_db()
    assert caseworker_a.check_password(new_password)


def test_password_reset_reveals_nothing_about_unknown_addresses(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("account_reset_password_done")


def test_activate_page_for_a_new_user(client, org_a):
    user = StaffFactory(organisation=org_a, role="chair", mfa=False)
    sign_in(client, user)

    content = assert_govuk_page(
        client.get(reverse("mfa_activate_totp")), "Set up your authenticator app"
    )
    assert '<img src="data:image/svg+xml;base64,' in content
    assert 'alt="QR code to scan with your authenticator app"' in content
