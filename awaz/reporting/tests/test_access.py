"""Who may see which reports: the action table, list scoping and the same 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from awaz.core.exceptions import NotFound, PermissionDenied
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.access import (
    access_report_by_id,
    access_report_by_reference,
    reports_visible_to,
    require,
    user_can,
)
from awaz.reporting.tests.factories import make_report


def test_unmapped_action_raises(caseworker_a):
    with pytest.raises(KeyError, match="unmapped action"):
        user_can(caseworker_a, "report.delete_everything")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("partner_caseworker", True),
        ("centre_caseworker", True),
        ("analyst", False),
        ("chair", False),
        ("pcc_office", False),
        ("administrator", False),
    ],
)
def test_view_org_by_role(org_a, role, allowed):
    user = StaffFactory(organisation=org_a, role=role)
    assert user_can(user, "report.view_org") is allowed
    if allowed:
        require(user, "report.view_org")
    else:
        with pytest.raises(PermissionDenied):
            require(user, "report.view_org")


def test_only_the_receiving_organisation_sees_a_report(org_a, org_b, caseworker_a, caseworker_b):
    ours, _ = make_report(organisation=org_a)
    theirs, _ = make_report(organisation=org_b)
    assert list(reports_visible_to(caseworker_a)) == [ours]
    assert list(reports_visible_to(caseworker_b)) == [theirs]
    assert access_report_by_id(caseworker_a, ours.pk) == ours
    assert access_report_by_reference(caseworker_a, ours.reference) == ours


def test_same_not_found_for_missing_and_not_yours(org_a, caseworker_b):
    ours, _ = make_report(organisation=org_a)
    with pytest.raises(NotFound) as not_yours:
        access_report_by_id(caseworker_b, ours.pk)
    with pytest.raises(NotFound) as missing:
        access_report_by_id(caseworker_b, ours.pk + 1000)
    assert str(not_yours.value) == str(missing.value)
    with pytest.raises(NotFound):
        access_report_by_reference(caseworker_b, ours.reference)


def test_no_membership_and_anonymous_see_nothing(org_a, db):
    from awaz.partners.tests.factories import UserFactory

    make_report(organisation=org_a)
    assert not reports_visible_to(UserFactory()).exists()
    assert not reports_visible_to(AnonymousUser()).exists()


def test_inactive_user_sees_nothing(org_a, caseworker_a):
    make_report(organisation=org_a)
    caseworker_a.is_active = False
    assert not reports_visible_to(caseworker_a).exists()
