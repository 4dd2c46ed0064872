"""Returning reporters: code check, throttling, session, information, consent."""

from __future__ import annotations

import io

import time_machine
from django.test import Client
from PIL import Image

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.reporting import codes
from awaz.reporting.models import (
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    Evidence,
    RecipientKind,
    ReportEntry,
)
from awaz.reporting.selectors import consent_allows
from awaz.reporting.services.followup import followup_code_check
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report
from awaz.reporting.tests.followup_support import (
    ADD,
    CONSENT,
    LOST,
    LOST_SENT,
    REPORT,
    SIGN_OUT,
    START,
    _another_reference,
    _normalised,
    _sign_in,
)
from awaz.reporting.views.followup.forms import WRONG_DETAILS


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


def _wrong(client: Client, reference: str):
    return client.post(START, {"reference": reference, "code": "0" * 20})


def _limits(settings, **limits):
    settings.AWAZ_FOLLOWUP_ATTEMPTS = {"ip_reference": 5, "reference": 20, "ip": 100, **limits}


class TestThrottle:
    def test_guessing_one_reference_is_blocked_after_the_limit(self, report_and_code):
        report, code = report_and_code  # default limits: 5 per address and reference
        attacker = Client(REMOTE_ADDR="198.51.100.7")
        for _ in range(5):
            assert _wrong(attacker, report.reference).status_code == 200
        blocked = _wrong(attacker, report.reference)
        assert blocked.status_code == 429
        assert "You have tried too many times" in blocked.content.decode()
        # Even the right code is refused to that address for that reference...
        assert _sign_in(attacker, report, code).status_code == 429
        # ...and a new browser session on the same address changes nothing.
        assert _sign_in(Client(REMOTE_ADDR="198.51.100.7"), report, code).status_code == 429

    def test_other_references_from_the_same_address_still_work(self, org_a, report_and_code):
        """A reporting-centre PC: one reporter's mistakes do not lock out the next."""
        report, _code = report_and_code
        other, other_code = make_report(organisation=org_a)
        centre_pc = "192.0.2.50"
        first = Client(REMOTE_ADDR=centre_pc)
        for _ in range(10):
            _wrong(first, report.reference)
        assert _wrong(first, report.reference).status_code == 429
        second = Client(REMOTE_ADDR=centre_pc)
        response = _sign_in(second, other, other_code)
        assert response.status_code == 302
        assert second.get(REPORT).status_code == 200

    def test_the_reporter_elsewhere_still_gets_in(self, report_and_code):
        """One stranger guessing cannot lock a reporter out of their own report."""
        report, code = report_and_code
        attacker = Client(REMOTE_ADDR="198.51.100.7")
        for _ in range(10):
            _wrong(attacker, report.reference)
        victim = Client(REMOTE_ADDR="203.0.113.9")
        assert _sign_in(victim, report, code).status_code == 302
        assert victim.get(REPORT).status_code == 200

    def test_one_reference_is_limited_across_addresses(self, settings, report_and_code):
        _limits(settings, reference=8)
        report, code = report_and_code
        for n in range(4):  # a guesser spread over four addresses, two tries each
            client = Client(REMOTE_ADDR=f"198.51.100.{10 + n}")
            assert _wrong(client, report.reference).status_code == 200
            assert _wrong(client, report.reference).status_code == 200
        assert _sign_in(Client(REMOTE_ADDR="198.51.100.20"), report, code).status_code == 429

    def test_one_address_has_a_ceiling(self, settings, report_and_code):
        _limits(settings, ip=6)
        report, code = report_and_code
        client = Client(REMOTE_ADDR="198.51.100.30")
        for _ in range(6):
            assert _wrong(client, _another_reference(report.reference)).status_code == 200
        assert _sign_in(client, report, code).status_code == 429
        assert _sign_in(Client(REMOTE_ADDR="198.51.100.31"), report, code).status_code == 302

    def test_unknown_references_count_like_real_ones(self, settings, report_and_code):
        _limits(settings, ip_reference=2)
        report, _code = report_and_code
        unknown = _another_reference(report.reference)
        client = Client(REMOTE_ADDR="198.51.100.40")
        answers = []
        for reference in (report.reference, unknown):
            for _ in range(2):
                _wrong(client, reference)
            answers.append(_wrong(client, reference))
        assert [a.status_code for a in answers] == [429, 429]
        assert _normalised(answers[0].content.decode()) == _normalised(answers[1].content.decode())

    def test_the_cache_holds_no_address_and_no_reference(self, report_and_code):
        from django.core.cache import cache

        report, _code = report_and_code
        _wrong(Client(REMOTE_ADDR="198.51.100.41"), report.reference)
        keys = " ".join(str(key) for key in cache._cache)  # type: ignore[attr-defined]
        assert "awaz:followup:check:ipref:" in keys
        assert "198.51.100.41" not in keys
        assert report.reference not in keys

    def test_window_ends(self, settings, report_and_code):
        _limits(settings, ip_reference=1)
        settings.AWAZ_FOLLOWUP_WINDOW = 60
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


def test_every_step_has_exit_this_page(client, report_and_code):
    report, code = report_and_code
    pages = [START, LOST, LOST_SENT]
    for url in pages:
        assert "govuk-exit-this-page" in client.get(url).content.decode(), url
    _sign_in(client, report, code)
    for url in (REPORT, ADD, CONSENT):
        assert "govuk-exit-this-page" in client.get(url).content.decode(), url
