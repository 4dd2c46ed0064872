"""Triage: claims (the second claimant is told who has it), new case, link, close, bulk
actions, scoping, audit rows, and the pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awaz.audit.models import AuditEvent
from awaz.cases.models import (
    CaseEvent,
    CaseReport,
    CaseStatus,
    CloseReason,
    EventKind,
    TriageDecision,
    TriageRecord,
)
from awaz.cases.services.triage import (
    ALREADY_TRIAGED,
    triage_bulk_assign,
    triage_bulk_close_duplicates,
    triage_claim,
    triage_close,
    triage_link_case,
    triage_make_case,
    triage_release,
)
from awaz.cases.tests.case_support import audit_types, new_case
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound, PermissionDenied
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import Report, ReportStatus
from awaz.reporting.tests.factories import make_report, make_strand


@pytest.fixture
def colleague_a(org_a):
    return StaffFactory(organisation=org_a, role="centre_caseworker", full_name="Cy Example")


@pytest.fixture
def report(org_a):
    return make_report(organisation=org_a)[0]


class TestClaim:
    def test_second_claimant_is_told_who_has_it(self, report, caseworker_a, colleague_a):
        record = triage_claim(report_id=report.pk, actor=caseworker_a)
        assert record.claimed_by == caseworker_a
        since = timezone.localtime(record.claimed_at).strftime("%H:%M")
        with pytest.raises(ConflictError) as caught:
            triage_claim(report_id=report.pk, actor=colleague_a)
        assert str(caught.value.message) == f"Ada Example is triaging this report since {since}."
        assert caught.value.extra == {"report_ids": [report.pk], "claimed_by": caseworker_a.pk}
        assert TriageRecord.objects.get(report=report).claimed_by == caseworker_a

    def test_claiming_twice_is_harmless_and_audited_once(self, report, caseworker_a):
        triage_claim(report_id=report.pk, actor=caseworker_a)
        triage_claim(report_id=report.pk, actor=caseworker_a)
        assert audit_types(target_type="reporting.report", target_id=str(report.pk)) == [
            "REPORT_CLAIMED",
            "REPORT_STATUS_CHANGED",
        ]

    def test_claiming_starts_looking_at_the_report(self, report, caseworker_a):
        # A triage action, not opening the report, tells the reporter someone has started.
        assert report.status == ReportStatus.RECEIVED
        triage_claim(report_id=report.pk, actor=caseworker_a)
        report.refresh_from_db()
        assert report.status == ReportStatus.IN_REVIEW

    def test_a_decision_by_someone_else_is_refused_while_claimed(
        self, report, caseworker_a, colleague_a
    ):
        triage_claim(report_id=report.pk, actor=caseworker_a)
        with pytest.raises(ConflictError, match="Ada Example is triaging"):
            triage_make_case(report_id=report.pk, actor=colleague_a)
        with pytest.raises(ConflictError):
            triage_close(report_id=report.pk, reason=CloseReason.TEST, actor=colleague_a)
        assert not CaseReport.objects.exists()

    def test_release_lets_a_colleague_take_it(self, report, caseworker_a, colleague_a):
        triage_claim(report_id=report.pk, actor=caseworker_a)
        triage_release(report_id=report.pk, actor=caseworker_a)
        assert triage_claim(report_id=report.pk, actor=colleague_a).claimed_by == colleague_a

    def test_other_organisation_gets_not_found(self, report, caseworker_b):
        with pytest.raises(NotFound):
            triage_claim(report_id=report.pk, actor=caseworker_b)
        with pytest.raises(NotFound):
            triage_make_case(report_id=report.pk, actor=caseworker_b)

    @pytest.mark.parametrize("role", ["administrator", "analyst", "chair"])
    def test_roles_without_triage_are_refused(self, report, org_a, role):
        with pytest.raises(PermissionDenied):
            triage_claim(report_id=report.pk, actor=StaffFactory(organisation=org_a, role=role))


class TestNewCase:
    def test_makes_a_case_led_and_owned_by_the_caseworker(self, report, caseworker_a, org_a):
        case = triage_make_case(report_id=report.pk, actor=caseworker_a)
        assert case.lead_organisation == org_a
        assert case.owner == caseworker_a
        assert case.status == CaseStatus.OPEN
        assert re.fullmatch(r"CS-[0-9A-Z]{4}-[0-9A-Z]{4}", case.reference)
        link = CaseReport.objects.get(report=report)
        assert link.case == case and link.is_primary
        record = TriageRecord.objects.get(report=report)
        assert record.decision == TriageDecision.NEW_CASE
        assert record.case == case and record.decided_by == caseworker_a
        report.refresh_from_db()
        assert report.status == ReportStatus.IN_REVIEW
        assert audit_types(target_type="cases.case", target_id=str(case.pk)) == ["CASE_CREATED"]
        assert audit_types(target_type="reporting.report", target_id=str(report.pk)) == [
            "REPORT_TRIAGED",
            "REPORT_STATUS_CHANGED",
        ]
        triaged = AuditEvent.objects.get(event_type=201)
        assert triaged.details == {"decision": "new_case", "case_id": case.pk}
        event = CaseEvent.objects.get(case=case)
        assert event.kind == EventKind.REPORT_LINKED
        assert event.details == {
            "report_id": report.pk,
            "reference": report.reference,
            "primary": True,
        }

    def test_a_triaged_report_cannot_be_triaged_again(self, report, caseworker_a):
        triage_make_case(report_id=report.pk, actor=caseworker_a)
        with pytest.raises(ConflictError) as caught:
            triage_make_case(report_id=report.pk, actor=caseworker_a)
        assert caught.value.message == ALREADY_TRIAGED


class TestLink:
    def test_links_a_second_report_to_the_case(self, org_a, caseworker_a, colleague_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        second = make_report(organisation=org_a)[0]
        linked = triage_link_case(report_id=second.pk, case_id=case.pk, actor=colleague_a)
        assert linked == case
        link = CaseReport.objects.get(report=second)
        assert link.case == case and not link.is_primary
        assert TriageRecord.objects.get(report=second).decision == TriageDecision.LINKED
        assert audit_types(target_type="cases.case", target_id=str(case.pk)) == [
            "CASE_CREATED",
            "CASE_REPORT_LINKED",
        ]
        assert CaseEvent.objects.filter(case=case, kind=EventKind.REPORT_LINKED).count() == 2

    def test_cannot_link_to_another_organisations_case(
        self, org_a, org_b, caseworker_a, caseworker_b
    ):
        theirs = new_case(organisation=org_b, user=caseworker_b)
        ours = make_report(organisation=org_a)[0]
        with pytest.raises(NotFound):
            triage_link_case(report_id=ours.pk, case_id=theirs.pk, actor=caseworker_a)
        assert not CaseReport.objects.filter(report=ours).exists()
        assert not TriageRecord.objects.filter(report=ours).exclude(decision="").exists()


class TestClose:
    def test_closes_with_a_reason(self, report, caseworker_a):
        record = triage_close(report_id=report.pk, reason=CloseReason.NOT_HATE, actor=caseworker_a)
        assert record.decision == TriageDecision.CLOSED
        assert record.close_reason == CloseReason.NOT_HATE
        report.refresh_from_db()
        assert report.status == ReportStatus.CLOSED
        triaged = AuditEvent.objects.get(event_type=201)
        assert triaged.details == {"decision": "closed", "reason": "not_hate"}


class TestBulk:
    def test_assign_claims_each_report_for_the_colleague(self, org_a, caseworker_a, colleague_a):
        reports = [make_report(organisation=org_a)[0] for _ in range(3)]
        count = triage_bulk_assign(
            report_ids=[r.pk for r in reports], assignee=colleague_a, actor=caseworker_a
        )
        assert count == 3
        assert set(TriageRecord.objects.values_list("claimed_by", flat=True)) == {colleague_a.pk}
        claimed = AuditEvent.objects.filter(event_type=200)
        assert claimed.count() == 3
        assert {e.actor_id for e in claimed} == {caseworker_a.pk}

    def test_all_or_nothing_naming_the_taken_report(self, org_a, caseworker_a, colleague_a):
        free = make_report(organisation=org_a)[0]
        taken = make_report(organisation=org_a)[0]
        triage_claim(report_id=taken.pk, actor=colleague_a)
        with pytest.raises(ConflictError) as caught:
            triage_bulk_assign(
                report_ids=[free.pk, taken.pk], assignee=caseworker_a, actor=caseworker_a
            )
        assert "Cy Example is triaging this report" in str(caught.value.message)
        assert caught.value.extra["report_ids"] == [taken.pk]
        assert not TriageRecord.objects.filter(report=free).exclude(claimed_by=None).exists()

    def test_cannot_assign_outside_the_organisation(self, report, caseworker_a, caseworker_b):
        with pytest.raises(ApplicationError):
            triage_bulk_assign(report_ids=[report.pk], assignee=caseworker_b, actor=caseworker_a)
        assert not TriageRecord.objects.exists()

    def test_close_duplicates(self, org_a, caseworker_a):
        reports = [make_report(organisation=org_a)[0] for _ in range(2)]
        assert (
            triage_bulk_close_duplicates(report_ids=[r.pk for r in reports], actor=caseworker_a)
            == 2
        )
        assert set(TriageRecord.objects.values_list("close_reason", flat=True)) == {"duplicate"}
        assert set(Report.objects.values_list("status", flat=True)) == {"closed"}

    def test_bulk_cannot_reach_another_organisations_report(self, org_b, caseworker_a):
        theirs = make_report(organisation=org_b)[0]
        with pytest.raises(NotFound):
            triage_bulk_close_duplicates(report_ids=[theirs.pk], actor=caseworker_a)
        theirs.refresh_from_db()
        assert theirs.status == "received"


class TestPages:
    def test_report_page_offers_the_decisions(self, client, report, caseworker_a):
        client.force_login(caseworker_a)
        response = client.get(reverse("cases:triage_report", args=[report.pk]))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Make a new case" in body and "Close the report" in body
        assert report.what_happened not in body  # no personal data on this page

    def test_colleague_sees_who_is_triaging(self, client, report, caseworker_a, colleague_a):
        record = triage_claim(report_id=report.pk, actor=caseworker_a)
        client.force_login(colleague_a)
        body = client.get(reverse("cases:triage_report", args=[report.pk])).content.decode()
        since = timezone.localtime(record.claimed_at).strftime("%H:%M")
        assert f"Ada Example is triaging this report since {since}." in body
        assert "Make a new case" not in body
        response = client.post(
            reverse("cases:triage_report", args=[report.pk]), {"action": "new_case"}
        )
        assert response.status_code == 409
        assert "Ada Example is triaging this report" in response.content.decode()

    def test_new_case_redirects_to_the_case(self, client, report, caseworker_a):
        client.force_login(caseworker_a)
        response = client.post(
            reverse("cases:triage_report", args=[report.pk]), {"action": "new_case"}
        )
        case = CaseReport.objects.get(report=report).case
        assert response.status_code == 302
        assert response["Location"] == reverse("cases:case_detail", args=[case.pk])

    def test_link_by_reference_search(self, client, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        other = new_case(organisation=org_a, user=caseworker_a)
        second = make_report(organisation=org_a)[0]
        client.force_login(caseworker_a)
        url = reverse("cases:triage_report", args=[second.pk])
        body = client.get(url, {"q": case.reference[:7]}).content.decode()
        assert case.reference in body and other.reference not in body
        response = client.post(url, {"action": "link", "case": case.pk})
        assert response.status_code == 302
        assert CaseReport.objects.get(report=second).case == case

    def test_close_needs_a_reason(self, client, report, caseworker_a):
        client.force_login(caseworker_a)
        url = reverse("cases:triage_report", args=[report.pk])
        response = client.post(url, {"action": "close"})
        assert response.status_code == 400
        assert "Choose why the report is closed" in response.content.decode()
        response = client.post(url, {"action": "close", "reason": "test"})
        assert response.status_code == 302

    def test_other_organisation_gets_404(self, client, report, caseworker_b):
        client.force_login(caseworker_b)
        url = reverse("cases:triage_report", args=[report.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "claim"}).status_code == 404
        missing = reverse("cases:triage_report", args=[report.pk + 1000])
        assert client.get(missing).status_code == 404

    def test_report_detail_links_to_triage(self, client, report, caseworker_a):
        client.force_login(caseworker_a)
        body = client.get(
            reverse("reporting:triage_report_detail", args=[report.pk])
        ).content.decode()
        assert "Triage this report" in body
        assert reverse("cases:triage_report", args=[report.pk]) in body

    def test_bulk_page_lists_untriaged_and_closes(self, client, org_a, org_b, caseworker_a):
        race = make_strand("race", "Race or ethnicity", 1)
        first = make_report(organisation=org_a, strands=[race])[0]
        second = make_report(organisation=org_a)[0]
        done = make_report(organisation=org_a)[0]
        triage_close(report_id=done.pk, reason=CloseReason.TEST, actor=caseworker_a)
        theirs = make_report(organisation=org_b)[0]
        client.force_login(caseworker_a)
        url = reverse("cases:triage_bulk")
        body = client.get(url).content.decode()
        assert first.reference in body and second.reference in body
        assert done.reference not in body and theirs.reference not in body
        assert f'type="checkbox" value="{first.pk}"' in body
        assert "Race or ethnicity" in body
        response = client.post(url, {"reports": [first.pk, second.pk], "action": "close_duplicate"})
        assert response.status_code == 302
        assert TriageRecord.objects.filter(decision="closed").count() == 3

    def test_bulk_assign_needs_a_colleague(self, client, report, caseworker_a, colleague_a):
        client.force_login(caseworker_a)
        url = reverse("cases:triage_bulk")
        response = client.post(url, {"reports": [report.pk], "action": "assign"})
        assert response.status_code == 400
        assert "Choose the colleague to assign the reports to" in response.content.decode()
        response = client.post(
            url, {"reports": [report.pk], "action": "assign", "assignee": colleague_a.pk}
        )
        assert response.status_code == 302
        assert TriageRecord.objects.get(report=report).claimed_by == colleague_a

    def test_bulk_refuses_reports_not_listed(self, client, org_b, caseworker_a):
        theirs = make_report(organisation=org_b)[0]
        client.force_login(caseworker_a)
        response = client.post(
            reverse("cases:triage_bulk"), {"reports": [theirs.pk], "action": "close_duplicate"}
        )
        assert response.status_code == 400
        assert not TriageRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_claims_at_once_one_wins(org_a):
    """Two caseworkers press "claim" at the same moment, each on their own connection: the
    row lock lets exactly one win, and the other is told who has it."""
    import threading

    from django.db import connection

    first = StaffFactory(organisation=org_a, role="partner_caseworker", full_name="Ada Example")
    second = StaffFactory(organisation=org_a, role="partner_caseworker", full_name="Bo Example")
    report = make_report(organisation=org_a)[0]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def claim(user) -> None:
        try:
            barrier.wait(timeout=10)
            triage_claim(report_id=report.pk, actor=user)
            outcomes[user.full_name] = "won"
        except ConflictError as error:
            outcomes[user.full_name] = str(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert list(outcomes.values()).count("won") == 1
    winner = next(name for name, outcome in outcomes.items() if outcome == "won")
    loser = next(name for name in outcomes if name != winner)
    assert outcomes[loser].startswith(f"{winner} is triaging this report since ")
    assert TriageRecord.objects.get(report=report).claimed_by.full_name == winner
