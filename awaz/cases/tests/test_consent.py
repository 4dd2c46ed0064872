"""Consent as data on the staff side: recording consent given by phone or in person (rows,
audit, timeline, renewal of an expired grant), the page, and the periodic job that turns a
reporter's withdrawal into one task per organisation holding the case, once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, EventKind, Task, TaskKind
from awaz.cases.services import (
    case_consent_record,
    consent_withdrawal_tasks_create,
    consent_withdrawals_to_action,
    referral_decline,
    triage_link_case,
    triage_make_case,
)
from awaz.cases.services.consent import ConsentUnchanged
from awaz.cases.tests.consent_support import (
    CONTACT,
    SHARE_COUNCIL,
    SHARE_POLICE,
    accepted_referral,
    police_org,
    police_worker,
    refer,
    report_with_details,
    reporter_decides,
    shared_case,
    shared_report,
    signed_in,
)
from awaz.core.exceptions import ApplicationError, ConsentRequired, PermissionDenied
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RecipientKind,
    ReporterRole,
)
from awaz.reporting.selectors import consent_allows
from awaz.reporting.tests.factories import make_report

__all__ = [  # fixtures used below
    "accepted_referral",
    "police_org",
    "police_worker",
    "shared_case",
    "shared_report",
]

NOW = datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC)
POLICE = (ConsentPurpose.SHARE, RecipientKind.POLICE)
HEALTH = (ConsentPurpose.SHARE, RecipientKind.HEALTH)


def record(case, actor, decisions, *, expires_at=None, method=ConsentMethod.PHONE):
    return case_consent_record(
        case=case,
        decisions=decisions,
        method=method,
        given_by=ReporterRole.VICTIM,
        expires_at=expires_at,
        actor=actor,
    )


# Recording ----------------------------------------------------------------------------


def test_staff_record_consent_by_phone(org_a, caseworker_a):
    report, _code = make_report(organisation=org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    expires = NOW + datetime.timedelta(days=90)
    with time_machine.travel(NOW, tick=False):
        [row] = record(case, caseworker_a, {POLICE: True}, expires_at=expires)
        assert consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )
    assert (row.method, row.given_by, row.recorded_by) == ("phone", "victim", caseworker_a)
    assert row.expires_at == expires
    [changed] = AuditEvent.objects.filter(
        event_type=int(AuditEventType.REPORT_CONSENT_CHANGED), actor_id=caseworker_a.pk
    )
    assert changed.details["changes"] == [
        {"purpose": "share", "recipient": "police", "granted": True}
    ]
    [entry] = CaseEvent.objects.filter(case=case, kind=EventKind.CONSENT)
    assert entry.created_by == caseworker_a
    assert entry.details["method"] == "phone"
    assert entry.details["changes"][0]["recipient"] == "police"


def test_renewing_an_expired_grant_records_a_new_row(org_a, caseworker_a):
    report, _code = make_report(organisation=org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    with time_machine.travel(NOW, tick=False):
        record(case, caseworker_a, {POLICE: True}, expires_at=NOW + datetime.timedelta(days=1))
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        assert not consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )
        rows = record(case, caseworker_a, {POLICE: True})
        assert len(rows) == 1
        assert consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )


def test_nothing_changed_is_said(shared_case, caseworker_a):
    with pytest.raises(ConsentUnchanged):
        record(shared_case, caseworker_a, {SHARE_COUNCIL: True})


def test_staff_record_a_withdrawal(shared_case, shared_report, caseworker_a):
    [row] = record(shared_case, caseworker_a, {SHARE_POLICE: False}, method=ConsentMethod.IN_PERSON)
    assert row.is_withdrawal
    assert not consent_allows(
        report=shared_report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
    )


def test_only_the_lead_records_consent(accepted_referral, caseworker_b):
    with pytest.raises(PermissionDenied):
        record(accepted_referral.case, caseworker_b, {HEALTH: True})


def test_staff_cannot_record_online_consent(shared_case, caseworker_a):
    with pytest.raises(ApplicationError):
        record(shared_case, caseworker_a, {HEALTH: True}, method=ConsentMethod.ONLINE)


def test_consent_page_records_and_keeps_answers_on_error(org_a, caseworker_a):
    report, _code = make_report(organisation=org_a, email="fictional@example.org")
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    client = signed_in(caseworker_a)
    url = reverse("cases:consent_record", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Share the report with the police" in page
    assert "Contact them about the report" in page
    answers = {
        "share__police": "yes",
        "share__victim_support": "no",
        "share__council": "no",
        "share__housing": "no",
        "share__health": "no",
        "contact__receiving": "yes",
        "expires_on-day": "1",
        "expires_on-month": "1",
        "expires_on-year": "2020",
    }
    response = client.post(url, answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select who gave or refused consent" in html
    assert "Select how they told you" in html
    assert "The end date must be today or in the future" in html
    assert not ConsentRecord.objects.filter(report=report).exists()
    answers.update({"given_by": "victim", "method": "phone", "expires_on-year": str(NOW.year + 1)})
    response = client.post(url, answers)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    rows = ConsentRecord.objects.filter(report=report).order_by("recipient_kind")
    assert [(r.purpose, r.recipient_kind, r.granted) for r in rows] == [
        ("share", "police", True),
        ("contact", "receiving", True),
    ]
    assert {r.expires_at.date() for r in rows} == {datetime.date(NOW.year + 1, 1, 1)}


def test_consent_page_is_for_the_lead_only(accepted_referral, caseworker_b):
    url = reverse("cases:consent_record", args=[accepted_referral.case_id])
    assert signed_in(caseworker_b).get(url).status_code == 403


# Withdrawal by the reporter becomes work ----------------------------------------------


def test_withdrawal_stops_sharing_at_once(shared_case, shared_report, police_org, caseworker_a):
    reporter_decides(shared_report, {SHARE_POLICE: False})
    with pytest.raises(ConsentRequired):
        refer(shared_case, police_org, caseworker_a)


def test_job_creates_one_task_per_holder_once(
    accepted_referral, shared_report, org_a, org_b, police_org, caseworker_a
):
    case = accepted_referral.case
    pending = refer(case, police_org, caseworker_a)
    assert consent_withdrawal_tasks_create() == []  # nothing withdrawn yet
    reporter_decides(shared_report, {SHARE_COUNCIL: False})
    [withdrawal] = ConsentRecord.objects.filter(report=shared_report, is_withdrawal=True)
    [found] = consent_withdrawals_to_action()
    assert found.record == withdrawal
    assert found.case == case
    assert sorted(found.organisation_ids) == sorted([org_a.pk, org_b.pk, police_org.pk])

    from awaz.cases.tasks_consent import consent_withdrawal_tasks

    assert consent_withdrawal_tasks.delay().get() == 3
    tasks = Task.objects.filter(kind=TaskKind.CONSENT_WITHDRAWN).order_by("assignee_organisation")
    assert sorted(t.assignee_organisation_id for t in tasks) == sorted(
        [org_a.pk, org_b.pk, police_org.pk]
    )
    for task in tasks:
        assert task.case == case
        assert task.title == "Consent to share with the council was withdrawn: stop sharing"
        assert (
            task.source_key == f"consent-withdrawn:{withdrawal.pk}:{task.assignee_organisation_id}"
        )
    assert AuditEvent.objects.filter(event_type=int(AuditEventType.TASK_CREATED)).count() == 3
    assert CaseEvent.objects.filter(case=case, kind=EventKind.TASK_CREATED).count() == 3
    # Again: nothing new.
    assert consent_withdrawals_to_action() == []
    assert consent_withdrawal_tasks.delay().get() == 0
    assert Task.objects.filter(kind=TaskKind.CONSENT_WITHDRAWN).count() == 3
    assert pending.to_organisation == police_org


def test_declined_organisations_and_other_reports_get_no_task(
    shared_case, org_a, org_b, caseworker_a, caseworker_b
):
    referral = refer(shared_case, org_b, caseworker_a)
    referral_decline(referral=referral, reason="Fictional: not ours.", actor=caseworker_b)
    # A linked (not primary) report's withdrawal, and one on a report in no case.
    linked = report_with_details(org_a)
    triage_link_case(report_id=linked.pk, case_id=shared_case.pk, actor=caseworker_a)
    reporter_decides(linked, {SHARE_COUNCIL: False})
    loose = report_with_details(org_a)
    reporter_decides(loose, {SHARE_COUNCIL: False})
    assert consent_withdrawal_tasks_create() == []
    # The primary report's withdrawal of contact consent: a task for the lead only.
    reporter_decides(shared_case.case_reports.get(is_primary=True).report, {CONTACT: False})
    [task] = consent_withdrawal_tasks_create()
    assert task.assignee_organisation == org_a
    assert task.title == "Consent to contact the reporter was withdrawn: stop contacting them"


def test_the_job_is_scheduled_and_registered(db):  # Celery closes DB connections on import
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["cases-consent-withdrawal-tasks"]
    assert entry["task"] == "awaz.cases.tasks_consent.consent_withdrawal_tasks"
    assert entry["schedule"] <= datetime.timedelta(minutes=10)
    app.loader.import_default_modules()
    assert "awaz.cases.tasks_consent.consent_withdrawal_tasks" in app.tasks
