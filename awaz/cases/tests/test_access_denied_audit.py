"""Refused access is audited: a caseworker opening another organisation's case or report
gets the same 404 as for a missing one, and the audit log shows who asked for what."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.tests.case_support import new_case
from awaz.reporting.tests.factories import make_report


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case(org_a, caseworker_a):
    return new_case(organisation=org_a, user=caseworker_a)


def _denials(**filters):
    return list(
        AuditEvent.objects.filter(event_type=AuditEventType.ACCESS_DENIED, **filters).order_by("id")
    )


def _page(response) -> str:
    return re.sub(r'nonce="[^"]+"', "", response.content.decode())


def test_another_organisations_case_is_refused_and_audited(client, case, caseworker_b, org_b):
    client.force_login(caseworker_b)
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 404
    (event,) = _denials()
    assert event.actor_id == caseworker_b.pk
    assert event.organisation_id == org_b.pk
    assert (event.target_type, event.target_id) == ("cases.case", str(case.pk))
    assert event.details == {
        "view": "cases:case_detail",
        "route": "cases/<int:case_id>/",
        "method": "GET",
    }
    # The refused view wrote nothing else (its transaction rolled back).
    assert not AuditEvent.objects.filter(event_type=AuditEventType.CASE_VIEWED).exists()


def test_missing_and_not_yours_look_the_same_and_both_are_audited(client, case, caseworker_b):
    client.force_login(caseworker_b)
    theirs = client.get(reverse("cases:case_detail", args=[case.pk]))
    missing = client.get(reverse("cases:case_detail", args=[case.pk + 999]))
    assert theirs.status_code == missing.status_code == 404
    assert _page(theirs) == _page(missing)
    assert [e.target_id for e in _denials()] == [str(case.pk), str(case.pk + 999)]


def test_another_organisations_report_is_audited(client, org_a, caseworker_b):
    report, _code = make_report(organisation=org_a)
    client.force_login(caseworker_b)
    url = reverse("reporting:triage_report_detail", args=[report.pk])
    assert client.get(url).status_code == 404
    (event,) = _denials()
    assert (event.target_type, event.target_id) == ("reporting.report", str(report.pk))


def test_probing_many_ids_is_rate_limited_but_every_answer_is_the_same(
    settings, client, case, caseworker_b
):
    settings.AWAZ_AUDIT_DENIALS_PER_MINUTE = 3
    client.force_login(caseworker_b)
    first = None
    for offset in range(10):
        response = client.get(reverse("cases:case_detail", args=[case.pk + offset]))
        assert response.status_code == 404
        first = first or _page(response)
        assert _page(response) == first
    assert len(_denials(actor_id=caseworker_b.pk)) == 3
    counts = AuditEvent.objects.filter(event_type=AuditEventType.ACCESS_DENIALS_SUPPRESSED)
    assert [e.details["denials_so_far"] for e in counts.order_by("id")] == [4, 6]


def test_the_owner_opening_their_case_is_no_denial(client, case, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    assert _denials() == []
