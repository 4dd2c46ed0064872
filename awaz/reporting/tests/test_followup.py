"""Returning reporters: code check, throttling, session, information, consent, lost code."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from PIL import Image

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.crypto import encrypt_str
from awaz.reporting import codes
from awaz.reporting.models import (
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    Evidence,
    RecipientKind,
    Report,
    ReportEntry,
)
from awaz.reporting.selectors import consent_allows
from awaz.reporting.services.followup import followup_code_check, followup_code_send
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report
from awaz.reporting.views.followup.forms import WRONG_DETAILS

START = reverse("reporting:followup_start")
REPORT = reverse("reporting:followup_report")
ADD = reverse("reporting:followup_add_information")
CONSENT = reverse("reporting:followup_consent")
SIGN_OUT = reverse("reporting:followup_sign_out")
LOST = reverse("reporting:followup_lost_code")
LOST_SENT = reverse("reporting:followup_lost_code_sent")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def report_and_code(org_a):
    return make_report(
        organisation=org_a,
        email=FICTIONAL_EMAIL,
        consents={("share", "police"): True, ("contact", "receiving"): True},
        contact_name="Fictional Person",
        contact_phone="07700 900123",
    )


def _sign_in(client: Client, report: Report, code: str, **extra):
    return client.post(START, {"reference": report.reference, "code": code}, **extra)


def _normalised(html: str, *typed: str) -> str:
    """The page without what legitimately differs per request (CSRF token, CSP nonce) and
    without the reference the visitor typed (echoed back in the form)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    for value in typed:
        html = html.replace(value, "TYPED")
    return html


def _another_reference(existing: str) -> str:
    while True:
        candidate = codes.new_reference()
        if candidate != existing:
            return candidate


class TestCodeCheck:
    def test_right_code_opens_report_typed_loosely(self, client, report_and_code):
        report, code = report_and_code
        typed = codes.format_followup_code(code).lower().replace(" ", "-")
        response = client.post(
            START, {"reference": report.reference.lower().replace("-", " "), "code": typed}
        )
        assert response.status_code == 302
        assert response["Location"] == REPORT
        assert client.session["awaz_followup"]["report_id"] == report.pk
        page = client.get(REPORT)
        assert page.status_code == 200
        assert "Received" in page.content.decode()
        assert "Nobody has looked at it yet" in page.content.decode()

    def test_status_page_shows_nothing_else_of_the_report(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        body = client.get(REPORT).content.decode()
        for secret in ("Fictional account", "Fictional Person", FICTIONAL_EMAIL, "07700 900123"):
            assert secret not in body
        assert "govuk-exit-this-page" in body
        assert "Sign out of this report" in body

    def test_report_id_is_not_in_any_url(self, client, report_and_code):
        report, code = report_and_code
        response = _sign_in(client, report, code)
        assert str(report.pk) not in response["Location"]

    def test_audit_on_success_only_with_public_actor(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, "0" * 20)
        assert not AuditEvent.objects.filter(
            event_type=AuditEventType.REPORT_FOLLOWUP_VIEWED
        ).exists()
        assert (
            not AuditEvent.objects.filter(target_id=str(report.pk))
            .exclude(event_type=AuditEventType.REPORT_CONSENT_CHANGED)
            .exists()
        )
        _sign_in(client, report, code)
        event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_FOLLOWUP_VIEWED)
        assert event.target_id == str(report.pk)
        assert event.actor_id is None
        assert event.organisation_id is None

    def test_wrong_code_reveals_nothing(self, report_and_code):
        """Unknown reference and existing reference with a wrong code: same status, same
        template, same page."""
        report, _code = report_and_code
        unknown = _another_reference(report.reference)
        wrong = codes.new_followup_code()
        first = Client().post(START, {"reference": report.reference, "code": wrong})
        second = Client().post(START, {"reference": unknown, "code": wrong})
        assert first.status_code == second.status_code == 200
        assert [t.name for t in first.templates] == [t.name for t in second.templates]
        assert str(WRONG_DETAILS) in first.content.decode()
        assert _normalised(first.content.decode(), report.reference) == _normalised(
            second.content.decode(), unknown
        )
        # The code typed is never shown back.
        assert wrong not in first.content.decode()

    def test_malformed_reference_gets_the_same_answer(self, client, db):
        response = client.post(START, {"reference": "not a reference", "code": "abc"})
        assert response.status_code == 200
        assert str(WRONG_DETAILS) in response.content.decode()

    def test_check_compares_the_hash_for_unknown_references_too(self, db, monkeypatch):
        calls = []
        real = codes.followup_code_hash

        def spy(code: str) -> str:
            calls.append(code)
            return real(code)

        monkeypatch.setattr(codes, "followup_code_hash", spy)
        assert followup_code_check(reference="HC-0000-0000", code="ABCD") is None
        assert calls == ["ABCD"]

    def test_empty_fields_show_errors(self, client, db):
        response = client.post(START, {"reference": "", "code": ""})
        body = response.content.decode()
        assert "Enter the reference of your report" in body
        assert "Enter your follow-up code" in body
        assert "govuk-error-summary" in body


class TestThrottle:
    def test_throttled_per_client_not_per_reference(self, settings, report_and_code):
        settings.AWAZ_FOLLOWUP_ATTEMPTS = (3, 900)
        report, code = report_and_code
        attacker = Client(REMOTE_ADDR="198.51.100.7")
        for _ in range(3):
            assert _sign_in(attacker, report, "0" * 20).status_code == 200
        blocked = _sign_in(attacker, report, "0" * 20)
        assert blocked.status_code == 429
        assert "You have tried too many times" in blocked.content.decode()
        # Even the right code is refused to the throttled client...
        assert _sign_in(attacker, report, code).status_code == 429
        # ...but the victim, on another client, still gets in to the same report.
        victim = Client(REMOTE_ADDR="203.0.113.9")
        response = _sign_in(victim, report, code)
        assert response.status_code == 302
        assert victim.get(REPORT).status_code == 200

    def test_same_ip_new_session_is_still_throttled(self, settings, report_and_code):
        settings.AWAZ_FOLLOWUP_ATTEMPTS = (2, 900)
        report, _code = report_and_code
        for _ in range(2):
            _sign_in(Client(REMOTE_ADDR="198.51.100.8"), report, "0" * 20)
        assert _sign_in(Client(REMOTE_ADDR="198.51.100.8"), report, "0" * 20).status_code == 429

    def test_window_ends(self, settings, report_and_code):
        settings.AWAZ_FOLLOWUP_ATTEMPTS = (1, 60)
        report, code = report_and_code
        client = Client(REMOTE_ADDR="198.51.100.9")
        with time_machine.travel("2026-03-01 10:00:00+00:00", tick=False) as traveller:
            _sign_in(client, report, "0" * 20)
            assert _sign_in(client, report, code).status_code == 429
            traveller.shift(61)
            assert _sign_in(client, report, code).status_code == 302


class TestSession:
    def test_access_expires_after_idle_time(self, client, report_and_code):
        report, code = report_and_code
        with time_machine.travel("2026-03-01 10:00:00+00:00", tick=False) as traveller:
            _sign_in(client, report, code)
            traveller.shift(19 * 60)
            assert client.get(REPORT).status_code == 200  # use keeps it alive
            traveller.shift(19 * 60)
            assert client.get(REPORT).status_code == 200
            traveller.shift(21 * 60)
            response = client.get(REPORT, follow=True)
        assert response.redirect_chain[-1][0] == START
        assert "signed out of your report" in response.content.decode()
        assert "awaz_followup" not in client.session

    def test_sign_out(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        response = client.post(SIGN_OUT)
        assert response.status_code == 302
        assert client.get(REPORT)["Location"] == START
        assert client.get(ADD)["Location"] == START

    def test_session_key_changes_on_sign_in(self, client, report_and_code):
        report, code = report_and_code
        client.get(START)
        client.post(START, {"reference": "", "code": ""})
        before = client.session.session_key
        _sign_in(client, report, code)
        assert client.session.session_key != before

    def test_pages_need_a_code(self, client, db):
        for url in (REPORT, ADD, CONSENT):
            assert client.get(url)["Location"] == START


class TestAddInformation:
    def test_text_becomes_timeline_entry(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        response = client.post(ADD, {"text": "Fictional: it happened again on Tuesday."})
        assert response.status_code == 302
        entry = ReportEntry.objects.get(report=report, kind=EntryKind.INFORMATION_ADDED)
        assert entry.text == "Fictional: it happened again on Tuesday."
        assert entry.by_reporter
        event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_INFORMATION_ADDED)
        assert event.target_id == str(report.pk)
        assert "Tuesday" not in str(event.details)

    def test_empty_is_an_error_and_adds_nothing(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        response = client.post(ADD, {"text": "   "})
        assert response.status_code == 200
        assert "Enter the information you want to add, or choose a file" in (
            response.content.decode()
        )
        assert not ReportEntry.objects.filter(kind=EntryKind.INFORMATION_ADDED).exists()

    def test_file_is_stored_as_evidence_of_the_entry(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
        buffer.seek(0)
        buffer.name = "fictional-screenshot.png"
        response = client.post(ADD, {"text": "", "attachments": [buffer]})
        assert response.status_code == 302
        evidence = Evidence.objects.get(report=report)
        assert evidence.entry is not None
        assert evidence.entry.kind == EntryKind.INFORMATION_ADDED
        assert evidence.content_type == "image/png"

    def test_refused_file_adds_nothing_and_keeps_text(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        upload = io.BytesIO(b"MZ this is not a picture")
        upload.name = "fictional.png"
        response = client.post(ADD, {"text": "Fictional text kept", "attachments": [upload]})
        assert response.status_code == 200
        assert "Fictional text kept" in response.content.decode()
        assert not ReportEntry.objects.filter(kind=EntryKind.INFORMATION_ADDED).exists()
        assert not Evidence.objects.exists()


class TestConsent:
    def test_withdrawal_stops_sharing(self, client, report_and_code):
        report, code = report_and_code
        assert consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )
        _sign_in(client, report, code)
        form = client.get(CONSENT)
        assert form.status_code == 200
        response = client.post(
            CONSENT,
            {
                "share__police": "no",
                "share__victim_support": "no",
                "share__council": "no",
                "contact__receiving": "yes",
            },
        )
        assert response.status_code == 302
        withdrawal = ConsentRecord.objects.get(report=report, is_withdrawal=True)
        assert (withdrawal.purpose, withdrawal.recipient_kind) == ("share", "police")
        assert withdrawal.method == "online"
        assert withdrawal.given_by == report.reporter_role
        assert not consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )
        # "No" where nothing was recorded adds no row; unchanged "yes" adds none either.
        assert ConsentRecord.objects.filter(report=report).count() == 3
        assert ReportEntry.objects.filter(report=report, kind=EntryKind.CONSENT_CHANGED).exists()

    def test_giving_consent(self, client, report_and_code):
        report, code = report_and_code
        _sign_in(client, report, code)
        client.post(
            CONSENT,
            {
                "share__police": "yes",
                "share__victim_support": "yes",
                "share__council": "no",
                "contact__receiving": "yes",
            },
        )
        assert consent_allows(
            report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.VICTIM_SUPPORT
        )

    def test_anonymous_reports_are_not_asked_about_contact(self, client, org_a):
        report, code = make_report(organisation=org_a, is_anonymous=True)
        _sign_in(client, report, code)
        body = client.get(CONSENT).content.decode()
        assert "share__police" in body
        assert "contact__receiving" not in body


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

    def test_throttled_per_client(self, settings, report_and_code):
        settings.AWAZ_FOLLOWUP_ATTEMPTS = (2, 900)
        report, _code = report_and_code
        client = Client(REMOTE_ADDR="198.51.100.20")
        for _ in range(2):
            self._request(client, report.reference, "someone.else@example.org")
        assert self._request(client, report.reference, FICTIONAL_EMAIL).status_code == 429
        other = Client(REMOTE_ADDR="198.51.100.21")
        assert self._request(other, report.reference, FICTIONAL_EMAIL).status_code == 302

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


def test_every_step_has_exit_this_page(client, report_and_code):
    report, code = report_and_code
    pages = [START, LOST, LOST_SENT]
    for url in pages:
        assert "govuk-exit-this-page" in client.get(url).content.decode(), url
    _sign_in(client, report, code)
    for url in (REPORT, ADD, CONSENT):
        assert "govuk-exit-this-page" in client.get(url).content.decode(), url
