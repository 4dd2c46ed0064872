"""Factories for organisations and staff with exact roles (plainly fictional data)."""

import factory
from allauth.mfa.models import Authenticator

from awaz.core.models import User
from awaz.partners.models import Membership, Organisation

TEST_PASSWORD = "correct-horse-battery-staple-42"
# A fixed base-32 TOTP secret for test users, so a test can compute the current code.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Fictional Organisation {n}")
    kind = "victim_support"
    is_demo = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def add_totp(user: User, secret: str = TEST_TOTP_SECRET) -> Authenticator:
    """Give a user a TOTP authenticator with a known secret (as if they had set it up)."""
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


class StaffFactory:
    """``StaffFactory(organisation=org, role="partner_caseworker", mfa=True)``: a user
    with a membership; ``mfa`` gives them a TOTP authenticator with TEST_TOTP_SECRET."""

    def __new__(cls, *, organisation: Organisation, role: str, mfa: bool = True, **user_kwargs):
        user = UserFactory(**user_kwargs)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        if mfa:
            add_totp(user)
        return user


def totp_now(secret: str = TEST_TOTP_SECRET) -> str:
    """The TOTP code an authenticator app would show now for ``secret``."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def sign_in(client, user, *, password: str = TEST_PASSWORD, code: str | None = None):
    """Sign in through allauth's pages as a person would: the password, then (if the user
    has an authenticator app) the code. Returns the last response."""
    from django.urls import reverse

    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    if response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": code or totp_now()})
    return response
