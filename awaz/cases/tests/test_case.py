"""The case page (panels, timeline, audit), its actions, and the case list."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, CaseStatus, EventKind
from awaz.cases.selectors import case_timeline, decisions_not_yet_told
from awaz.cases.services.case import (
    CLOSE_THROUGH_OUTCOME,
    NOT_IN_FUTURE,
    KeyDecision,
    case_assign,
    case_decision_record,
    case_note_add,
    case_police_received_set,
    case_report_correction_record,
    case_status_change,
    case_strands_assess,
    case_victim_informed_record,
)
from awaz.cases.tests.case_support import audit_types, new_case
from awaz.cases.views.panels import CASE_PANELS, panels_for
from awaz.core.exceptions import ApplicationError
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import make_strand


@pytest.fixture
def race(db):
    return make_strand("race", "Race or ethnicity", 1)


@pytest.fixture
def religion(db):
    return make_strand("religion", "Religion or belief", 2)


@pytest.fixture
def case(org_a, caseworker_a, race):
    return new_case(organisation=org_a, user=caseworker_a, strands=[race])


def detail(case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


class TestCasePage:
    def test_shows_summary_and_audits_each_view(self, client, case, caseworker_a, religion):
        case_strands_assess(case=case, strands=[religion], actor=caseworker_a)
        client.force_login(caseworker_a)
        body = client.get(detail(case)).content.decode()
        assert case.reference in body
        assert "Fictional Victim Hub A" in body and "Ada Example" in body
        report = case.case_reports.get().report
        assert reverse("reporting:triage_report_detail", args=[report.pk]) in body
        # The reporter's perception beside the staff's assessment.
        assert "Race or ethnicity" in body and "Religion or belief" in body
        client.get(detail(case))
        views = AuditEvent.objects.filter(event_type=203, target_id=str(case.pk))
        assert views.count() == 2
        assert views.first().actor_id == caseworker_a.pk

    def test_same_404_for_other_organisation_and_missing(self, client, case, caseworker_b):
        client.force_login(caseworker_b)
        assert client.get(detail(case)).status_code == 404
        assert client.get(reverse("cases:case_detail", args=[case.pk + 999])).status_code == 404
        assert not AuditEvent.objects.filter(event_type=203).exists()
        assert client.get(reverse("cases:case_note", args=[case.pk])).status_code == 404

    def test_panels_start_with_summary_and_timeline(self, case, caseworker_a):
        assert [t for t, _title in CASE_PANELS[:2]] == [
            "cases/case/panels/summary.html",
            "cases/case/panels/timeline.html",
        ]
        panels = panels_for(case, caseworker_a)
        assert panels[0]["context"]["reports"][0]["strands"] == ["Race or ethnicity"]
        assert panels[1]["context"]["rows"][0]["label"].startswith("Case opened from report")

    def test_timeline_newest_first_with_labels(self, client, case, caseworker_a):
        start = timezone.now()
        with time_machine.travel(start + datetime.timedelta(minutes=5)):
            case_note_add(case=case, text="Fictional note one", actor=caseworker_a)
        with time_machine.travel(start + datetime.timedelta(minutes=10)):
            case_status_change(case=case, status=CaseStatus.ACTIVE_SUPPORT, actor=caseworker_a)
        kinds = [event.kind for event in case_timeline(case=case)]
        assert kinds == [EventKind.STATUS_CHANGED, EventKind.NOTE, EventKind.REPORT_LINKED]
        client.force_login(caseworker_a)
        body = client.get(detail(case)).content.decode()
        status = body.index("Status changed from Open to Active support")
        note = body.index("Fictional note one")
        opened = body.index("Case opened from report")
        assert status < note < opened


class TestActions:
    def test_notes_private_or_shared(self, client, case, caseworker_a):
        client.force_login(caseworker_a)
        url = reverse("cases:case_note", args=[case.pk])
        assert client.post(url, {"text": "", "audience": "staff"}).status_code == 200
        client.post(url, {"text": "Fictional private note", "audience": "staff"})
        client.post(url, {"text": "Fictional shared note", "audience": "reporter"})
        notes = CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).order_by("id")
        assert [(n.text, n.shared_with_reporter) for n in notes] == [
            ("Fictional private note", False),
            ("Fictional shared note", True),
        ]
        added = AuditEvent.objects.filter(event_type=208).order_by("id")
        assert [e.details["shared"] for e in added] == [False, True]
        assert "Fictional" not in str([e.details for e in added])

    def test_contact_recorded(self, client, case, caseworker_a):
        client.force_login(caseworker_a)
        response = client.post(
            reverse("cases:case_contact", args=[case.pk]),
            {"method": "phone", "text": "Fictional call", "date-day": "", "time": ""},
        )
        assert response.status_code == 302
        event = CaseEvent.objects.get(case=case, kind=EventKind.CONTACT)
        assert event.details == {"method": "phone"}
        assert "CASE_CONTACT_RECORDED" in audit_types(target_id=str(case.pk))

    def test_status_cannot_be_closed_here(self, client, case, caseworker_a):
        with pytest.raises(ApplicationError) as caught:
            case_status_change(case=case, status=CaseStatus.CLOSED, actor=caseworker_a)
        assert caught.value.message == CLOSE_THROUGH_OUTCOME
        client.force_login(caseworker_a)
        url = reverse("cases:case_status", args=[case.pk])
        assert 'value="closed"' not in client.get(url).content.decode()
        assert client.post(url, {"status": "closed"}).status_code == 200
        assert client.post(url, {"status": "referred"}).status_code == 302
        case.refresh_from_db()
        assert case.status == CaseStatus.REFERRED
        changed = AuditEvent.objects.get(event_type=205)
        assert changed.details == {"from": "open", "to": "referred"}

    def test_assign_only_to_a_colleague(self, case, org_a, caseworker_a, caseworker_b):
        colleague = StaffFactory(organisation=org_a, role="partner_caseworker")
        with pytest.raises(ApplicationError):
            case_assign(case=case, owner=caseworker_b, actor=caseworker_a)
        case_assign(case=case, owner=colleague, actor=caseworker_a)
        case.refresh_from_db()
        assert case.owner == colleague
        event = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
        assert event.details == {"assigned_to": colleague.pk, "assigned_from": caseworker_a.pk}

    def test_key_decision_and_victim_informed(self, client, case, caseworker_a):
        decision = case_decision_record(case=case, decision=KeyDecision.CHARGE, actor=caseworker_a)
        assert decision.kind == EventKind.DECISION
        assert decision.details == {"decision": "charge"}
        assert decisions_not_yet_told(case=case) == [decision]
        client.force_login(caseworker_a)
        url = reverse("cases:case_victim_informed", args=[case.pk])
        assert "Charge" in client.get(url).content.decode()
        response = client.post(url, {"decision_event": decision.pk, "text": ""})
        assert response.status_code == 302
        informed = CaseEvent.objects.get(case=case, kind=EventKind.VICTIM_INFORMED)
        assert informed.details == {"decision": "charge", "decision_event_id": decision.pk}
        assert decisions_not_yet_told(case=case) == []

    def test_victim_informed_needs_a_decision_of_this_case(self, org_a, case, caseworker_a):
        other = new_case(organisation=org_a, user=caseworker_a)
        theirs = case_decision_record(case=other, decision=KeyDecision.BAIL, actor=caseworker_a)
        with pytest.raises(ApplicationError):
            case_victim_informed_record(case=case, decision_event_id=theirs.pk, actor=caseworker_a)

    def test_police_received_at(self, client, case, caseworker_a):
        with pytest.raises(ApplicationError) as caught:
            case_police_received_set(
                case=case,
                received_at=timezone.now() + datetime.timedelta(days=1),
                actor=caseworker_a,
            )
        assert caught.value.message == NOT_IN_FUTURE
        client.force_login(caseworker_a)
        url = reverse("cases:case_police_received", args=[case.pk])
        today = timezone.localdate()
        assert client.post(url, {"date-day": ""}).status_code == 200
        response = client.post(
            url,
            {
                "date-day": today.day,
                "date-month": today.month,
                "date-year": today.year,
                "time": "00:05",
            },
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert timezone.localtime(case.police_received_at).strftime("%H:%M") == "00:05"
        assert "CASE_POLICE_RECEIVED_SET" in audit_types(target_id=str(case.pk))

    def test_staff_strands_never_change_the_report(self, case, caseworker_a, religion):
        case_strands_assess(case=case, strands=[religion], actor=caseworker_a)
        report = case.case_reports.get().report
        assert [s.code for s in report.strands.all()] == ["race"]
        assert [s.code for s in case.staff_strands.all()] == ["religion"]
        event = CaseEvent.objects.get(case=case, kind=EventKind.STRANDS_ASSESSED)
        assert event.details == {"strands": ["religion"]}

    def test_correction_keeps_the_report_as_given(self, case, caseworker_a):
        report = case.case_reports.get().report
        before = report.what_happened
        event = case_report_correction_record(
            case=case,
            report_id=report.pk,
            field="what_happened",
            text="Fictional: it was a Tuesday",
            actor=caseworker_a,
        )
        report.refresh_from_db()
        assert report.what_happened == before
        assert event.kind == EventKind.NOTE
        assert event.details == {"correction": "what_happened", "report_id": report.pk}

    def test_lead_only_actions_refused_for_roles_without_edit(self, client, case, org_a):
        analyst = StaffFactory(organisation=org_a, role="analyst")
        client.force_login(analyst)
        assert client.get(reverse("cases:case_status", args=[case.pk])).status_code == 403
        assert client.get(detail(case)).status_code == 403


class TestCaseList:
    def test_lists_own_organisation_with_columns(
        self, client, org_a, org_b, caseworker_a, caseworker_b
    ):
        ours = new_case(organisation=org_a, user=caseworker_a)
        theirs = new_case(organisation=org_b, user=caseworker_b)
        client.force_login(caseworker_a)
        body = client.get(reverse("cases:case_list")).content.decode()
        assert ours.reference in body and theirs.reference not in body
        for heading in ("Reference", "Status", "Lead", "Owner", "Risk", "Classification", "Opened"):
            assert heading in body

    def test_filters(self, client, org_a, caseworker_a):
        colleague = StaffFactory(organisation=org_a, role="partner_caseworker")
        mine = new_case(organisation=org_a, user=caseworker_a)
        theirs = new_case(organisation=org_a, user=colleague)
        case_status_change(case=theirs, status=CaseStatus.REFERRED, actor=colleague)
        client.force_login(caseworker_a)
        url = reverse("cases:case_list")
        body = client.get(url, {"owner": "me"}).content.decode()
        assert mine.reference in body and theirs.reference not in body
        body = client.get(url, {"status": "referred"}).content.decode()
        assert theirs.reference in body and mine.reference not in body

    def test_query_count_does_not_grow_with_rows(self, client, org_a, caseworker_a):
        client.force_login(caseworker_a)
        url = reverse("cases:case_list")

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        new_case(organisation=org_a, user=caseworker_a)
        count()  # the first request of a session does a little more (session, MFA)
        few = count()
        for _ in range(6):
            new_case(organisation=org_a, user=caseworker_a)
        assert count() == few
        assert few <= 12
