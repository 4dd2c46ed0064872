"""Services: organisations, invitations, accounts, roles and leavers."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, ConflictError, PermissionDenied
from awaz.core.models import User
from awaz.partners.models import Invitation, Membership, Organisation
from awaz.partners.services import (
    INVITATION_LIFETIME,
    InvitationInvalid,
    PasswordRejected,
    invitation_accept,
    membership_change,
    organisation_create,
    staff_create,
    staff_deactivate,
    staff_invite,
)
from awaz.partners.tests.factories import StaffFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-river-7"


def _invite(administrator, org, email="new.person@example.org", role="partner_caseworker"):
    return staff_invite(
        email=email,
        organisation=org,
        role=role,
        actor=administrator,
        base_url="https://awaz.example.org/",
    )


# Organisations ---------------------------------------------------------------------------


def test_organisation_create_is_audited(administrator):
    organisation = organisation_create(
        name="  Fictional   Youth Trust ", kind="youth", is_demo=True, actor=administrator
    )

    assert organisation.name == "Fictional Youth Trust"
    assert organisation.created_by == administrator
    event = AuditEvent.objects.get(event_type=AuditEventType.ORGANISATION_CREATED)
    assert event.target_id == str(organisation.pk)
    assert event.details == {"kind": "youth", "is_demo": True}
    assert event.actor_id == administrator.pk


def test_organisation_create_refuses_duplicates_and_non_administrators(administrator, caseworker_a):
    organisation_create(name="Fictional Police", kind="police", actor=None)

    with pytest.raises(ConflictError):
        organisation_create(name="fictional police", kind="police", actor=administrator)
    with pytest.raises(PermissionDenied):
        organisation_create(name="Fictional Health", kind="health", actor=caseworker_a)
    with pytest.raises(ApplicationError):
        organisation_create(name="Fictional Other", kind="no-such-kind", actor=administrator)
    assert Organisation.objects.filter(name__startswith="Fictional P").count() == 1


# Invitations -----------------------------------------------------------------------------


def test_invitation_stores_only_the_token_hash(administrator, org_a):
    invitation, token = _invite(administrator, org_a)

    assert len(token) >= 40
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields]
    assert all(token not in value for value in stored)
    assert invitation.expires_at - timezone.now() == pytest.approx(
        INVITATION_LIFETIME, abs=timedelta(seconds=5)
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_INVITED)
    assert event.target_id == str(invitation.pk)
    assert event.details == {"organisation_id": org_a.pk, "role": "partner_caseworker"}
    assert token not in str(event.details)


def test_invitation_email_is_sent_after_commit_with_the_link(
    administrator, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invitation, token = _invite(administrator, org_a)
    assert mail.outbox == []  # nothing leaves before the commit

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    link = "https://awaz.example.org" + reverse("partners:invitation_accept", args=[token])
    assert link in message.body
    assert org_a.name in message.body


def test_invitation_is_refused_for_non_administrators_and_existing_accounts(
    administrator, caseworker_a, org_a
):
    with pytest.raises(PermissionDenied):
        _invite(caseworker_a, org_a)
    with pytest.raises(ConflictError):
        _invite(administrator, org_a, email=caseworker_a.email.upper())
    with pytest.raises(ApplicationError):
        _invite(administrator, org_a, email="not-an-address")
    with pytest.raises(ApplicationError):
        _invite(administrator, org_a, role="overlord")
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_pending_one(administrator, org_a):
    _first, old_token = _invite(administrator, org_a)
    _second, new_token = _invite(administrator, org_a)

    with pytest.raises(InvitationInvalid):
        invitation_accept(token=old_token, full_name="Nia Example", password=NEW_PASSWORD)
    user = invitation_accept(token=new_token, full_name="Nia Example", password=NEW_PASSWORD)
    assert user.email == "new.person@example.org"


def test_accepting_creates_the_account_with_the_invited_role(administrator, org_a):
    invitation, token = _invite(administrator, org_a, role="analyst")

    user = invitation_accept(token=token, full_name=" Nia  Example ", password=NEW_PASSWORD)

    assert user.full_name == "Nia Example"
    assert user.check_password(NEW_PASSWORD)
    assert user.membership.organisation == org_a
    assert user.membership.role == "analyst"
    assert user.membership.created_by == administrator
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_INVITATION_ACCEPTED)
    assert event.actor_id == user.pk
    assert event.organisation_id == org_a.pk
    assert event.details == {"invitation_id": invitation.pk, "role": "analyst"}


def test_an_invitation_works_only_once(administrator, org_a):
    _invitation, token = _invite(administrator, org_a)
    invitation_accept(token=token, full_name="Nia Example", password=NEW_PASSWORD)

    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, full_name="Someone Else", password=NEW_PASSWORD)
    assert User.objects.filter(email="new.person@example.org").count() == 1


def test_an_invitation_expires_after_seven_days(administrator, org_a):
    _invitation, token = _invite(administrator, org_a)

    later = timezone.now() + INVITATION_LIFETIME + timedelta(minutes=1)
    with time_machine.travel(later), pytest.raises(InvitationInvalid):
        invitation_accept(token=token, full_name="Nia Example", password=NEW_PASSWORD)
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_an_unknown_token_is_refused():
    with pytest.raises(InvitationInvalid):
        invitation_accept(token="made-up", full_name="Nia Example", password=NEW_PASSWORD)


def test_a_weak_password_is_refused_and_nothing_is_created(administrator, org_a):
    invitation, token = _invite(administrator, org_a)

    with pytest.raises(PasswordRejected) as error:
        invitation_accept(token=token, full_name="Nia Example", password="password")

    assert error.value.extra["field"] == "password"
    assert not User.objects.filter(email="new.person@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_staff_create_for_the_seed(org_a):
    user = staff_create(
        email="Seed.Person@Example.org",
        full_name="Seed Person",
        organisation=org_a,
        role="chair",
        password=NEW_PASSWORD,
        actor=None,
    )

    assert user.email == "seed.person@example.org"
    assert user.membership.role == "chair"
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CREATED)
    assert event.actor_id is None
    assert event.details == {"organisation_id": org_a.pk, "role": "chair"}


# Roles -----------------------------------------------------------------------------------


def test_membership_change_is_audited(administrator, caseworker_a, caseworker_b):
    membership = membership_change(user=caseworker_a, role="analyst", actor=administrator)

    assert membership.role == "analyst"
    event = AuditEvent.objects.get(event_type=AuditEventType.MEMBERSHIP_CHANGED)
    assert event.details == {
        "user_id": caseworker_a.pk,
        "from": "partner_caseworker",
        "to": "analyst",
    }
    with pytest.raises(PermissionDenied):
        membership_change(user=caseworker_a, role="administrator", actor=caseworker_b)
    assert Membership.objects.get(user=caseworker_a).role == "analyst"


# Leavers ---------------------------------------------------------------------------------


def test_deactivation_ends_every_session(client, administrator, caseworker_a):
    sign_in(client, caseworker_a)  # a session allauth tracks
    assert client.get(reverse("mfa_index")).status_code == 200
    other = type(client)()
    other.force_login(caseworker_a)  # a session allauth does not track
    assert UserSession.objects.filter(user=caseworker_a).count() == 1

    leaver = staff_deactivate(user=caseworker_a, actor=administrator, reason="left_organisation")

    assert not leaver.is_active
    assert leaver.deactivated_at is not None
    assert not UserSession.objects.filter(user=caseworker_a).exists()
    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(caseworker_a.pk)
    ]
    for browser in (client, other):
        response = browser.get(reverse("mfa_index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_DEACTIVATED)
    assert event.target_id == str(caseworker_a.pk)
    assert event.actor_id == administrator.pk
    assert event.details == {"reason": "left_organisation", "sessions_ended": 2}


def test_deactivation_leaves_other_users_signed_in(
    client, administrator, caseworker_a, caseworker_b
):
    client.force_login(caseworker_b)

    staff_deactivate(user=caseworker_a, actor=administrator, reason="changed_job")

    assert client.get(reverse("mfa_index")).status_code == 200


def test_deactivation_rules(administrator, caseworker_a, caseworker_b):
    with pytest.raises(PermissionDenied):
        staff_deactivate(user=caseworker_a, actor=caseworker_b, reason="left_organisation")
    with pytest.raises(ApplicationError):
        staff_deactivate(user=administrator, actor=administrator, reason="left_organisation")
    with pytest.raises(ApplicationError):
        staff_deactivate(user=caseworker_a, actor=administrator, reason="because")
    superuser = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        staff_deactivate(user=superuser, actor=administrator, reason="security")
    staff_deactivate(user=caseworker_a, actor=administrator, reason="security")
    with pytest.raises(ConflictError):
        staff_deactivate(user=caseworker_a, actor=administrator, reason="security")
    assert User.objects.get(pk=caseworker_b.pk).is_active


def test_a_superuser_may_manage_staff_without_an_organisation(org_a, caseworker_a):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    _invitation, _token = _invite(
        superuser, org_a, email="first.admin@example.org", role="administrator"
    )
    staff_deactivate(user=caseworker_a, actor=superuser, reason="security")

    event = AuditEvent.objects.get(event_type=AuditEventType.USER_INVITED)
    assert event.actor_id == superuser.pk
    assert event.organisation_id is None


def test_staff_factory_still_works(org_b):
    user = StaffFactory(organisation=org_b, role="chair", mfa=False)
    assert user.membership.role == "chair"


def test_the_administrator_role_carries_the_admin_sites_boundary_import(org_a, administrator):
    admin = staff_create(
        email="wen.fictional@example.org",
        full_name="Wen Fictional",
        organisation=org_a,
        role="administrator",
        actor=administrator,
    )
    admin = User.objects.get(pk=admin.pk)
    assert admin.is_staff and not admin.is_superuser
    assert admin.has_perm("geo.add_area") and admin.has_perm("geo.view_area")
    assert not admin.has_perm("partners.change_membership")
    membership_change(user=admin, role="analyst", actor=administrator)
    admin = User.objects.get(pk=admin.pk)
    assert not admin.is_staff and not admin.has_perm("geo.add_area")
    membership_change(user=admin, role="administrator", actor=administrator)
    assert User.objects.get(pk=admin.pk).has_perm("geo.add_area")


def test_a_superuser_keeps_the_admin_whatever_their_role(org_a, administrator):
    user = staff_create(
        email="root.fictional@example.org",
        full_name="Root Fictional",
        organisation=org_a,
        role="analyst",
        actor=administrator,
    )
    User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    membership_change(user=User.objects.get(pk=user.pk), role="chair", actor=administrator)
    assert User.objects.get(pk=user.pk).is_staff
