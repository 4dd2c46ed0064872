"""Returning reporters who lost their code: re-issued only to the e-mail given."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.crypto import encrypt_str
from awaz.reporting import codes
from awaz.reporting.models import (
    EntryKind,
    ReportEntry,
)
from awaz.reporting.services.followup import followup_code_check, followup_code_send
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report
from awaz.reporting.tests.followup_support import (
    LOST,
    LOST_SENT,
    _another_reference,
    _normalised,
)


class TestLostCode:
    def _request(self, client: Client, reference: str, email: str):
        return client.post(LOST, {"reference": reference, "email": email})

    def test_match_sends_new_code_and_old_stops_working(
        self, client, report_and_code, django_capture_on_commit_callbacks
    ):
        report, old_code = report_and_code
        with django_capture_on_commit_callbacks(execute=True):
            response = self._request(client, report.reference, " Fictional.Reporter@Example.org ")
        assert response.status_code == 302
        assert response["Location"] == LOST_SENT
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [FICTIONAL_EMAIL]
        body, subject = str(message.body), str(message.subject)
        new_code = re.search(r"((?:[0-9A-Z]{4} ){4}[0-9A-Z]{4})", body)
        assert new_code is not None
        # Says only what is needed: no reference, nothing about what happened.
        assert report.reference not in body + subject
        assert "Fictional account" not in body
        assert followup_code_check(reference=report.reference, code=old_code) is None
        assert followup_code_check(reference=report.reference, code=new_code.group(1)) == report
        assert ReportEntry.objects.filter(report=report, kind=EntryKind.CODE_REISSUED).exists()
        assert AuditEvent.objects.filter(
            event_type=AuditEventType.REPORT_FOLLOWUP_CODE_REISSUED, target_id=str(report.pk)
        ).exists()

    def test_same_neutral_page_whether_or_not_it_matches(
        self, report_and_code, django_capture_on_commit_callbacks
    ):
        report, code = report_and_code
        cases = [
            (report.reference, "someone.else@example.org"),
            (_another_reference(report.reference), FICTIONAL_EMAIL),
            (report.reference, FICTIONAL_EMAIL),
        ]
        bodies = []
        for reference, email in cases:
            client = Client()
            with django_capture_on_commit_callbacks(execute=True):
                response = self._request(client, reference, email)
            assert response.status_code == 302
            assert response["Location"] == LOST_SENT
            page = client.get(LOST_SENT)
            bodies.append(_normalised(page.content.decode()))
            assert "If the details match a report" in page.content.decode()
        assert bodies[0] == bodies[1] == bodies[2]
        assert len(mail.outbox) == 1  # only the match sent anything
        # The old code stopped working only for the real match.
        assert followup_code_check(reference=report.reference, code=code) is None

    def test_no_match_changes_nothing(self, client, report_and_code):
        report, code = report_and_code
        self._request(client, report.reference, "someone.else@example.org")
        assert followup_code_check(reference=report.reference, code=code) == report
        assert not ReportEntry.objects.filter(kind=EntryKind.CODE_REISSUED).exists()
        assert not AuditEvent.objects.filter(
            event_type=AuditEventType.REPORT_FOLLOWUP_CODE_REISSUED
        ).exists()

    def test_never_for_anonymous_reports(self, client, org_a, django_capture_on_commit_callbacks):
        report, code = make_report(organisation=org_a, is_anonymous=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = self._request(client, report.reference, FICTIONAL_EMAIL)
        assert response["Location"] == LOST_SENT
        assert mail.outbox == []
        assert followup_code_check(reference=report.reference, code=code) == report

    def test_throttled_per_address_and_reference(self, settings, org_a, report_and_code):
        settings.AWAZ_FOLLOWUP_ATTEMPTS = {"ip_reference": 2, "reference": 20, "ip": 100}
        report, _code = report_and_code
        other, _other_code = make_report(organisation=org_a, email=FICTIONAL_EMAIL)
        client = Client(REMOTE_ADDR="198.51.100.20")
        for _ in range(2):
            self._request(client, report.reference, "someone.else@example.org")
        assert self._request(client, report.reference, FICTIONAL_EMAIL).status_code == 429
        # Another reference from the same address (a reporting-centre PC) still works...
        assert self._request(client, other.reference, FICTIONAL_EMAIL).status_code == 302
        # ...and so does the same reference from elsewhere.
        elsewhere = Client(REMOTE_ADDR="198.51.100.21")
        assert self._request(elsewhere, report.reference, FICTIONAL_EMAIL).status_code == 302

    def test_job_arguments_hold_no_address_and_no_plain_code(
        self, client, report_and_code, monkeypatch, django_capture_on_commit_callbacks
    ):
        from awaz.reporting import tasks

        queued = []
        monkeypatch.setattr(tasks.send_followup_code, "delay", lambda *args: queued.append(args))
        report, _code = report_and_code
        with django_capture_on_commit_callbacks(execute=True):
            self._request(client, report.reference, FICTIONAL_EMAIL)
        assert len(queued) == 1
        report_id, sealed, _url = queued[0]
        assert report_id == report.pk
        assert sealed.startswith("enc1:")
        assert FICTIONAL_EMAIL not in str(queued)

    def test_a_code_replaced_since_is_not_sent(self, report_and_code):
        report, code = report_and_code
        sealed = encrypt_str(
            codes.new_followup_code(), purpose=f"reporting.followup-code-mail:{report.pk}"
        )
        assert not followup_code_send(report_id=report.pk, sealed_code=sealed, followup_url="/")
        assert mail.outbox == []
        current = encrypt_str(code, purpose=f"reporting.followup-code-mail:{report.pk}")
        assert followup_code_send(report_id=report.pk, sealed_code=current, followup_url="/")
        assert len(mail.outbox) == 1

    def test_invalid_email_shows_error(self, client, db):
        response = self._request(client, "HC-0000-0000", "not-an-address")
        assert response.status_code == 200
        assert "Enter an e-mail address in the correct format" in response.content.decode()
