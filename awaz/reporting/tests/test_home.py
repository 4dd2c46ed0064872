import pytest
from django.urls import reverse

from awaz.partners.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_caseworkers_land_on_their_inbox(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.get(reverse("reporting:staff_home"))
    assert response["Location"] == reverse("reporting:triage_inbox")


def test_administrators_land_on_the_staff_list(client, org_a):
    admin = StaffFactory(organisation=org_a, role="administrator")
    client.force_login(admin)
    response = client.get(reverse("reporting:staff_home"))
    assert response["Location"] == reverse("partners:staff_list")


@pytest.mark.parametrize("role", ["analyst", "chair", "pcc_office"])
def test_roles_without_reports_see_what_their_role_can_see(client, org_a, role):
    user = StaffFactory(organisation=org_a, role=role)
    client.force_login(user)
    response = client.get(reverse("reporting:staff_home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What your role can see" in page
    assert org_a.name in page
    assert reverse("reporting:triage_inbox") not in page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reporting:staff_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
