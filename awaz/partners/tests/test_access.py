"""Who may manage staff; administrators see no personal data."""

import pytest

from awaz.core.exceptions import PermissionDenied
from awaz.partners import access
from awaz.partners.models import Role
from awaz.partners.tests.factories import StaffFactory, UserFactory
from awaz.reporting import access as reporting_access

pytestmark = pytest.mark.django_db

STAFF_ACTIONS = sorted(access.ACTION_ROLES)


@pytest.mark.parametrize("action", STAFF_ACTIONS)
@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_manage_staff(org_a, role, action):
    user = StaffFactory(organisation=org_a, role=role)

    assert access.user_can(user, action) is (role == Role.ADMINISTRATOR)


@pytest.mark.parametrize("action", STAFF_ACTIONS)
def test_superusers_manage_staff_but_anonymous_and_leavers_do_not(org_a, action):
    from django.contrib.auth.models import AnonymousUser

    assert access.user_can(UserFactory(is_superuser=True), action)
    assert not access.user_can(AnonymousUser(), action)
    leaver = StaffFactory(organisation=org_a, role="administrator")
    leaver.is_active = False
    assert not access.user_can(leaver, action)
    with pytest.raises(PermissionDenied):
        access.require(leaver, action)


def test_unmapped_action_raises(org_a):
    with pytest.raises(KeyError):
        access.user_can(StaffFactory(organisation=org_a, role="administrator"), "staff.nuke")


@pytest.mark.parametrize("action", sorted(reporting_access.ACTION_ROLES))
def test_administrators_and_superusers_have_no_report_access(org_a, default_hub, action):
    administrator = StaffFactory(organisation=org_a, role="administrator")
    superuser = UserFactory(is_superuser=True, is_staff=True)

    assert reporting_access.user_can(administrator, action) is False
    assert reporting_access.user_can(superuser, action) is False
    assert not reporting_access.reports_visible_to(administrator).exists()


def test_administrator_cannot_view_org_reports(org_a):
    administrator = StaffFactory(organisation=org_a, role="administrator")

    assert reporting_access.user_can(administrator, "report.view_org") is False
