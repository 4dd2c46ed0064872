"""GET /api/reports/inbox: session auth, the inbox's scoping, no personal data."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_area, make_report, make_strand

URL = "/api/reports/inbox"


def test_needs_a_session(client, db):
    assert client.get(URL).status_code == 401


def test_lists_own_organisation_with_minimal_fields(client, org_a, org_b, caseworker_a):
    race = make_strand("race", "Race", 1)
    area = make_area("TEST-LA1", "Fictional Borough")
    now = timezone.now()
    older, _ = make_report(
        organisation=org_a,
        strands=[race],
        area=area,
        email=FICTIONAL_EMAIL,
        contact_name="Fictional Person",
        submitted_at=now - datetime.timedelta(days=1),
    )
    newer, _ = make_report(organisation=org_a, channel="phone", submitted_at=now)
    make_report(organisation=org_b)
    client.force_login(caseworker_a)
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [item["reference"] for item in data["items"]] == [newer.reference, older.reference]
    item = data["items"][1]
    assert set(item) == {"reference", "received", "strands", "area", "channel", "status"}
    assert item["strands"] == ["race"]
    assert item["area"] == "TEST-LA1"
    assert item["channel"] == "online"
    assert item["status"] == "received"
    received = datetime.datetime.fromisoformat(item["received"])
    assert abs(received - older.submitted_at) < datetime.timedelta(milliseconds=1)
    text = response.content.decode()
    assert FICTIONAL_EMAIL not in text
    assert "Fictional Person" not in text
    assert "Fictional account" not in text


def test_other_organisation_gets_an_empty_list(client, org_a, caseworker_b):
    make_report(organisation=org_a)
    client.force_login(caseworker_b)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_filters_and_paging(client, org_a, caseworker_a):
    for _ in range(3):
        make_report(organisation=org_a, consents={("share", "police"): True})
    make_report(organisation=org_a, channel="phone")
    client.force_login(caseworker_a)
    assert client.get(URL + "?channel=phone").json()["count"] == 1
    assert client.get(URL + "?police_consent=true").json()["count"] == 3
    page = client.get(URL + "?limit=2&offset=0").json()
    assert page["count"] == 4
    assert len(page["items"]) == 2
    assert client.get(URL + "?status=nonsense").status_code == 422


@pytest.mark.parametrize("role", ["administrator", "pcc_office"])
def test_roles_without_inbox_get_403(client, org_a, role):
    make_report(organisation=org_a)
    client.force_login(StaffFactory(organisation=org_a, role=role))
    response = client.get(URL)
    assert response.status_code == 403
    assert "items" not in response.json()
