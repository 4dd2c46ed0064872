"""Search by reference, name, phone or e-mail: exact matches through the blind indexes,
only within what the user may see, audited without the value searched for."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awaz.audit.models import AuditEvent
from awaz.cases.services.search import SearchKind, people_search
from awaz.cases.tests.case_support import new_case
from awaz.core.crypto import blind_index, normalise_name, normalise_phone
from awaz.core.exceptions import PermissionDenied
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import make_report

EMAIL = "fictional.person@example.org"
PHONE = "07700 900123"
NAME = "Fictional Person"


def person_fields() -> dict[str, str]:
    return {
        "email": EMAIL,
        "contact_name": NAME,
        "contact_phone": PHONE,
        "name_index": blind_index("name", normalise_name(NAME)),
        "phone_index": blind_index("phone", normalise_phone(PHONE)),
    }


@pytest.fixture
def ours(org_a):
    return make_report(organisation=org_a, **person_fields())[0]


@pytest.fixture
def theirs(org_b):
    return make_report(organisation=org_b, **person_fields())[0]


def references(results) -> list[str]:
    return [r.report_reference for r in results]


class TestExactMatch:
    @pytest.mark.parametrize(
        ("kind", "value"),
        [
            (SearchKind.EMAIL, EMAIL),
            (SearchKind.EMAIL, "  Fictional.Person@EXAMPLE.org "),
            (SearchKind.PHONE, "+44 7700 900123"),
            (SearchKind.PHONE, "07700900123"),
            (SearchKind.NAME, "fictional   PERSON"),
        ],
    )
    def test_finds_by_blind_index(self, ours, theirs, caseworker_a, kind, value):
        assert references(people_search(user=caseworker_a, kind=kind, value=value)) == [
            ours.reference
        ]

    @pytest.mark.parametrize(
        ("kind", "value"),
        [
            (SearchKind.EMAIL, "fictional.person@example"),
            (SearchKind.PHONE, "07700 900"),
            (SearchKind.NAME, "Fictional"),
            (SearchKind.NAME, "!!!"),
        ],
    )
    def test_no_partial_matches(self, ours, caseworker_a, kind, value):
        assert people_search(user=caseworker_a, kind=kind, value=value) == []

    def test_by_report_and_case_reference(self, org_a, ours, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        report = case.case_reports.get().report
        found = people_search(
            user=caseworker_a, kind=SearchKind.REFERENCE, value=ours.reference.lower()
        )
        assert references(found) == [ours.reference]
        assert found[0].case_id is None and found[0].report_visible
        found = people_search(user=caseworker_a, kind=SearchKind.REFERENCE, value=case.reference)
        assert references(found) == [report.reference]
        assert found[0].case_id == case.pk and found[0].case_visible


class TestScoping:
    def test_other_organisations_reports_are_not_found(self, ours, theirs, caseworker_b):
        found = people_search(user=caseworker_b, kind=SearchKind.EMAIL, value=EMAIL)
        assert references(found) == [theirs.reference]
        assert (
            people_search(user=caseworker_b, kind=SearchKind.REFERENCE, value=ours.reference) == []
        )

    def test_other_organisations_case_reference_finds_nothing(
        self, org_a, caseworker_a, caseworker_b
    ):
        case = new_case(organisation=org_a, user=caseworker_a)
        assert (
            people_search(user=caseworker_b, kind=SearchKind.REFERENCE, value=case.reference) == []
        )

    def test_roles_without_cases_cannot_search(self, org_a):
        analyst = StaffFactory(organisation=org_a, role="analyst")
        with pytest.raises(PermissionDenied):
            people_search(user=analyst, kind=SearchKind.EMAIL, value=EMAIL)


class TestAudit:
    def test_records_the_kind_never_the_value(self, ours, caseworker_a):
        people_search(user=caseworker_a, kind=SearchKind.EMAIL, value=EMAIL)
        event = AuditEvent.objects.get(event_type=260)
        assert event.details == {"kind": "email", "results": 1}
        assert event.actor_id == caseworker_a.pk
        assert EMAIL not in str(event.details) and EMAIL not in event.target_id


class TestPage:
    def test_search_by_post_lists_results_with_links(self, client, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a, **person_fields())
        report = case.case_reports.get().report
        client.force_login(caseworker_a)
        url = reverse("cases:search")
        assert client.get(url).status_code == 200
        response = client.post(url, {"kind": "phone", "value": PHONE})
        body = response.content.decode()
        assert response.status_code == 200
        assert report.reference in body
        assert reverse("cases:case_detail", args=[case.pk]) in body
        assert reverse("reporting:triage_report_detail", args=[report.pk]) in body
        assert NAME not in body  # results show references, not people

    def test_nothing_found(self, client, caseworker_a):
        client.force_login(caseworker_a)
        response = client.post(reverse("cases:search"), {"kind": "email", "value": EMAIL})
        assert "Nothing matches exactly" in response.content.decode()

    def test_value_required(self, client, caseworker_a):
        client.force_login(caseworker_a)
        response = client.post(reverse("cases:search"), {"kind": "email", "value": ""})
        assert response.status_code == 400
        assert "Enter what to search for" in response.content.decode()
        assert not AuditEvent.objects.filter(event_type=260).exists()
