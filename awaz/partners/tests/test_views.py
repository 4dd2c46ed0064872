"""Staff management pages and accepting an invitation."""

import pytest
from django.core import mail
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.models import User
from awaz.partners.models import Invitation
from awaz.partners.services import staff_invite
from awaz.partners.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["partners:staff_list", "partners:staff_invite"]


# Who may open the staff pages ------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["centre_caseworker", "partner_caseworker", "analyst", "chair", "pcc_office"]
)
def test_non_administrators_get_403(client, org_a, role):
    user = StaffFactory(organisation=org_a, role=role)
    client.force_login(user)

    for name in STAFF_PAGES:
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("partners:staff_deactivate", args=[user.pk])).status_code == 403
    assert (
        client.post(reverse("partners:staff_invite"), {"email": "a@example.org"}).status_code == 403
    )
    assert not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in STAFF_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_administrator_navigation_has_staff_but_no_reports(administrator_client):
    response = administrator_client.get(reverse("partners:staff_list"))

    hrefs = [item["href"] for item in response.context["awaz_navigation"]]
    assert response.status_code == 200
    assert reverse("partners:staff_list") in hrefs
    assert reverse("mfa_index") in hrefs
    assert reverse("reporting:triage_inbox") not in hrefs
    assert reverse("reporting:assisted_start") not in hrefs


def test_caseworker_navigation_has_no_staff_link(client, caseworker_a):
    client.force_login(caseworker_a)

    response = client.get(reverse("mfa_index"))

    hrefs = [item["href"] for item in response.context["awaz_navigation"]]
    assert reverse("reporting:triage_inbox") in hrefs
    assert reverse("partners:staff_list") not in hrefs


# Staff list ------------------------------------------------------------------------------


def test_staff_list_shows_role_mfa_and_status(administrator_client, org_a, org_b, caseworker_b):
    no_app = StaffFactory(organisation=org_a, role="analyst", mfa=False, full_name="Al Noapp")

    response = administrator_client.get(reverse("partners:staff_list"))

    assert response.status_code == 200
    rows = {m.user.pk: m for m in response.context["memberships"]}
    assert rows[no_app.pk].has_totp is False
    assert rows[caseworker_b.pk].has_totp is True
    content = response.content.decode()
    assert "Al Noapp" in content
    assert org_b.name in content
    assert "Not set up" in content
    assert reverse("partners:staff_deactivate", args=[no_app.pk]) in content


def test_staff_list_query_count_does_not_grow_with_staff(
    administrator_client, org_a, django_assert_max_num_queries
):
    for _ in range(3):
        StaffFactory(organisation=org_a, role="partner_caseworker")
    with django_assert_max_num_queries(12) as few:
        administrator_client.get(reverse("partners:staff_list"))
    for _ in range(10):
        StaffFactory(organisation=org_a, role="partner_caseworker")
    with django_assert_max_num_queries(len(few.captured_queries)):
        administrator_client.get(reverse("partners:staff_list"))


# Inviting --------------------------------------------------------------------------------


def test_invite_form_errors_keep_what_was_typed(administrator_client, org_a):
    response = administrator_client.post(
        reverse("partners:staff_invite"), {"email": "not-an-address", "organisation": org_a.pk}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert 'value="not-an-address"' in content
    assert f'<option value="{org_a.pk}" selected>' in content
    assert "Select a role" in content
    assert not Invitation.objects.exists()


def test_invite_refuses_an_existing_account(administrator_client, org_a, caseworker_b):
    response = administrator_client.post(
        reverse("partners:staff_invite"),
        {"email": caseworker_b.email, "organisation": org_a.pk, "role": "analyst"},
    )

    assert response.status_code == 200
    assert "There is already an account with this e-mail address." in response.content.decode()


def test_invite_sends_the_link_and_returns_to_the_list(
    administrator_client, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = administrator_client.post(
            reverse("partners:staff_invite"),
            {"email": "Nia.Example@example.org", "organisation": org_a.pk, "role": "chair"},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:staff_list")
    invitation = Invitation.objects.get()
    assert invitation.email == "nia.example@example.org"
    assert invitation.role == "chair"
    assert len(mail.outbox) == 1
    assert "http://testserver/staff/invitation/" in mail.outbox[0].body
    page = administrator_client.get(reverse("partners:staff_list")).content.decode()
    assert "nia.example@example.org" in page


# Deactivating ----------------------------------------------------------------------------


def test_deactivate_asks_for_a_reason_then_deactivates(administrator_client, caseworker_a):
    url = reverse("partners:staff_deactivate", args=[caseworker_a.pk])
    page = administrator_client.get(url)
    assert page.status_code == 200
    assert caseworker_a.full_name in page.content.decode()

    response = administrator_client.post(url, {})
    assert response.status_code == 200
    assert "Select why you are deactivating this account" in response.content.decode()
    assert User.objects.get(pk=caseworker_a.pk).is_active

    response = administrator_client.post(url, {"reason": "left_organisation"})
    assert response.status_code == 302
    assert not User.objects.get(pk=caseworker_a.pk).is_active
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_DEACTIVATED).count() == 1
    assert administrator_client.get(url).status_code == 404  # already a leaver


def test_deactivate_gives_404_for_yourself_and_unknown_users(administrator_client, administrator):
    for user_id in (administrator.pk, 999_999):
        url = reverse("partners:staff_deactivate", args=[user_id])
        assert administrator_client.get(url).status_code == 404


# Accepting an invitation -----------------------------------------------------------------


@pytest.fixture
def invitation_token(administrator, org_a):
    _invitation, token = staff_invite(
        email="nia.example@example.org", organisation=org_a, role="analyst", actor=administrator
    )
    return token


def test_accept_page_hides_the_link_from_referrers(client, invitation_token, org_a):
    response = client.get(reverse("partners:invitation_accept", args=[invitation_token]))

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    content = response.content.decode()
    assert '<meta name="referrer" content="no-referrer">' in content
    assert "nia.example@example.org" in content
    assert org_a.name in content


def test_accept_page_for_an_unknown_link(client):
    response = client.get(reverse("partners:invitation_accept", args=["no-such-token"]))

    assert response.status_code == 404
    assert response["Referrer-Policy"] == "no-referrer"
    assert "This invitation link does not work" in response.content.decode()


def test_accept_keeps_the_name_but_not_the_passwords_on_error(client, invitation_token):
    url = reverse("partners:invitation_accept", args=[invitation_token])

    response = client.post(
        url,
        {"full_name": "Nia Example", "password1": "short", "password2": "short"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert 'value="Nia Example"' in content
    assert 'value="short"' not in content
    assert not User.objects.filter(email="nia.example@example.org").exists()


def test_accept_with_different_passwords(client, invitation_token):
    url = reverse("partners:invitation_accept", args=[invitation_token])

    response = client.post(
        url,
        {
            "full_name": "Nia Example",
            "password1": "plum-orchard-lantern-river-7",
            "password2": "plum-orchard-lantern-river-8",
        },
    )

    assert "The passwords do not match" in response.content.decode()


def test_accept_creates_the_account_then_the_link_is_dead(client, invitation_token):
    url = reverse("partners:invitation_accept", args=[invitation_token])
    data = {
        "full_name": "Nia Example",
        "password1": "plum-orchard-lantern-river-7",
        "password2": "plum-orchard-lantern-river-7",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    user = User.objects.get(email="nia.example@example.org")
    assert user.membership.role == "analyst"
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
