"""Messages to the reporter on the staff side: who may write and read, audit rows and
timeline entries (never the text), the "you have a new message" e-mail (only with an
address and contact consent, only after commit, never with the message), and the pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, EventKind, Message, MessageDirection
from awaz.cases.selectors_messages import message_read_times
from awaz.cases.services import (
    message_from_reporter_receive,
    message_to_reporter_send,
    messages_open_for_staff,
    referral_accept,
    triage_make_case,
)
from awaz.cases.services.messages import MessageEmpty, messages_allowed
from awaz.cases.tests.consent_support import (
    CONTACT,
    FICTIONAL_NAME,
    accepted_referral,
    refer,
    report_with_details,
    reporter_decides,
    shared_case,
    shared_report,
    signed_in,
)
from awaz.core.exceptions import PermissionDenied
from awaz.reporting.tests.factories import FICTIONAL_EMAIL

__all__ = ["accepted_referral", "shared_case", "shared_report"]  # fixtures used below

FOLLOWUP_URL = "https://awaz.example.org/report/follow-up/"
BODY = "Fictional message: we can offer you support. Please reply with a good time."


def send(case, actor, body=BODY):
    return message_to_reporter_send(case=case, body=body, followup_url=FOLLOWUP_URL, actor=actor)


def test_send_records_message_audit_and_timeline_without_text(
    shared_case, shared_report, org_a, caseworker_a
):
    message = send(shared_case, caseworker_a)
    assert (message.direction, message.report, message.sent_by) == (
        MessageDirection.TO_REPORTER,
        shared_report,
        caseworker_a,
    )
    assert message.organisation == org_a
    assert message.body == BODY
    [sent] = AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_SENT))
    assert sent.details == {
        "message_id": message.pk,
        "report_id": shared_report.pk,
        "characters": len(BODY),
    }
    [entry] = CaseEvent.objects.filter(case=shared_case, kind=EventKind.MESSAGE_TO_REPORTER)
    assert entry.text == ""
    assert entry.details == {"message_id": message.pk, "report_id": shared_report.pk}


def test_empty_message_is_refused(shared_case, caseworker_a):
    with pytest.raises(MessageEmpty):
        send(shared_case, caseworker_a, body="   ")
    assert not Message.objects.exists()


def test_email_only_after_commit_and_says_nothing_personal(
    shared_case, shared_report, caseworker_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(shared_case, caseworker_a)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    [email] = mail.outbox
    assert email.to == [FICTIONAL_EMAIL]
    assert FOLLOWUP_URL in email.body
    for secret in (BODY, shared_report.reference, FICTIONAL_NAME, shared_case.reference):
        assert secret not in email.body
        assert secret not in email.subject


def test_no_email_without_contact_consent(
    shared_case, shared_report, caseworker_a, django_capture_on_commit_callbacks
):
    reporter_decides(shared_report, {CONTACT: False})
    with django_capture_on_commit_callbacks(execute=True):
        send(shared_case, caseworker_a)
    assert mail.outbox == []
    assert Message.objects.count() == 1


def test_no_email_without_an_address(org_a, caseworker_a, django_capture_on_commit_callbacks):
    report = report_with_details(org_a, email="")
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    with django_capture_on_commit_callbacks(execute=True):
        send(case, caseworker_a)
    assert mail.outbox == []


def test_rolled_back_message_sends_no_email(
    shared_case, caseworker_a, monkeypatch, django_capture_on_commit_callbacks
):
    from awaz.cases.services import messages as module

    def fail(**kwargs):
        raise RuntimeError("fictional failure")

    monkeypatch.setattr(module, "case_event_record", fail)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        send(shared_case, caseworker_a)
    assert callbacks == []
    assert mail.outbox == []
    assert not Message.objects.exists()


def test_withdrawn_contact_consent_stops_a_queued_email(
    shared_case, shared_report, caseworker_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(shared_case, caseworker_a)
    reporter_decides(shared_report, {CONTACT: False})
    callbacks[0]()
    assert mail.outbox == []


# Who may write and read ---------------------------------------------------------------


def test_accepted_receiver_with_consent_may_message(accepted_referral, caseworker_b):
    case = accepted_referral.case
    assert messages_allowed(user=caseworker_b, case=case)
    message = send(case, caseworker_b)
    assert message.organisation_id == accepted_referral.to_organisation_id


def test_pending_or_anonymised_receiver_may_not(shared_case, org_b, caseworker_a, caseworker_b):
    referral = refer(shared_case, org_b, caseworker_a, anonymised=True)
    assert not messages_allowed(user=caseworker_b, case=shared_case)
    referral_accept(referral=referral, actor=caseworker_b)
    assert not messages_allowed(user=caseworker_b, case=shared_case)
    with pytest.raises(PermissionDenied):
        send(shared_case, caseworker_b)


def test_staff_opening_marks_reporter_messages_read_and_audits(
    shared_case, shared_report, caseworker_a
):
    send(shared_case, caseworker_a)
    reply = message_from_reporter_receive(report=shared_report, body="Fictional reply.")
    thread = messages_open_for_staff(case=shared_case, user=caseworker_a)
    assert [item.message.direction for item in thread] == ["to_reporter", "from_reporter"]
    read = AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_READ)).last()
    assert read.actor_id == caseworker_a.pk
    assert read.details == {"messages": 2, "newly_read": [reply.pk], "by": "staff"}
    assert message_read_times(messages=[reply]) == {reply.pk: read.occurred_at}
    # Opening again reads nothing new.
    messages_open_for_staff(case=shared_case, user=caseworker_a)
    again = AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_READ)).last()
    assert again.details == {"messages": 2, "newly_read": [], "by": "staff"}
    assert message_read_times(messages=[reply]) == {reply.pk: read.occurred_at}


# Pages ----------------------------------------------------------------------------------


def test_message_pages(shared_case, caseworker_a):
    client = signed_in(caseworker_a)
    new_url = reverse("cases:message_new", args=[shared_case.pk])
    page = client.get(new_url).content.decode()
    assert "they will get an e-mail saying only that there is a new message" in page
    response = client.post(new_url, {"body": ""})
    assert "Enter your message" in response.content.decode()
    response = client.post(new_url, {"body": BODY})
    assert response["Location"] == reverse("cases:messages", args=[shared_case.pk])
    listing = client.get(reverse("cases:messages", args=[shared_case.pk])).content.decode()
    assert BODY in listing


def test_message_pages_are_scoped(shared_case, caseworker_b):
    client = signed_in(caseworker_b)
    assert client.get(reverse("cases:messages", args=[shared_case.pk])).status_code == 404
    response = client.post(reverse("cases:message_new", args=[shared_case.pk]), {"body": BODY})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_anonymised_receiver_gets_403_on_messages(shared_case, org_b, caseworker_a, caseworker_b):
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    client = signed_in(caseworker_b)
    assert client.get(reverse("cases:messages", args=[shared_case.pk])).status_code == 403
    assert client.get(reverse("cases:message_new", args=[shared_case.pk])).status_code == 403
