"""The reporter's messages page, signed in with the follow-up code: reading (marked read,
audited as the public), answering (message, timeline, audit with no actor, a notice for the
case owner), notes shared with them (text only, no staff names), and never another
report's messages."""

from __future__ import annotations

from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import (
    CaseEvent,
    EventKind,
    Message,
    MessageDirection,
    Notification,
    NotificationKind,
)
from awaz.cases.selectors_messages import message_read_times
from awaz.cases.services import (
    case_note_add,
    message_to_reporter_send,
    triage_link_case,
    triage_make_case,
)
from awaz.cases.tests.consent_support import reporter_client
from awaz.reporting.tests.factories import make_report

URL = reverse("cases:reporter_messages")
FOLLOWUP = "https://awaz.example.org/report/follow-up/"


def _case_with_report(org, caseworker):
    report, code = make_report(organisation=org)
    case = triage_make_case(report_id=report.pk, actor=caseworker)
    return case, report, code


def _send(case, actor, body, report=None):
    return message_to_reporter_send(
        case=case, body=body, followup_url=FOLLOWUP, actor=actor, report=report
    )


def test_needs_the_follow_up_code(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:followup_start")


def test_reporter_reads_messages_without_staff_names(org_a, caseworker_a):
    case, report, code = _case_with_report(org_a, caseworker_a)
    message = _send(case, caseworker_a, "Fictional: can we call you on Tuesday?")
    client = reporter_client(report, code)
    html = client.get(URL).content.decode()
    assert "Fictional: can we call you on Tuesday?" in html
    assert org_a.name in html
    assert caseworker_a.full_name not in html
    assert "govuk-exit-this-page" in html
    read = AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_READ)).last()
    assert read.actor_id is None
    assert read.details == {"message_ids": [message.pk], "by": "reporter"}
    assert message_read_times(messages=[message]) == {message.pk: read.occurred_at}


def test_reporter_answers(org_a, caseworker_a):
    case, report, code = _case_with_report(org_a, caseworker_a)
    _send(case, caseworker_a, "Fictional question.")
    client = reporter_client(report, code)
    response = client.post(URL, {"body": ""})
    assert "Enter your reply" in response.content.decode()
    response = client.post(URL, {"body": "Fictional answer: Tuesday is fine."})
    assert response["Location"] == URL
    reply = Message.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert (reply.case, reply.report, reply.sent_by) == (case, report, None)
    assert reply.body == "Fictional answer: Tuesday is fine."
    [received] = AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_RECEIVED))
    assert (received.actor_id, received.organisation_id) == (None, None)
    assert received.target_id == str(case.pk)
    [entry] = CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_FROM_REPORTER)
    assert entry.created_by is None
    assert entry.text == ""
    [notice] = Notification.objects.filter(user=caseworker_a)
    assert notice.kind == NotificationKind.REPORTER_MESSAGE
    assert "Fictional answer" in client.get(URL).content.decode()


def test_reporter_never_sees_another_reports_messages(org_a, caseworker_a):
    case, report, code = _case_with_report(org_a, caseworker_a)
    other, other_code = make_report(organisation=org_a)
    triage_link_case(report_id=other.pk, case_id=case.pk, actor=caseworker_a)
    _send(case, caseworker_a, "Fictional: for the first reporter.")
    _send(case, caseworker_a, "Fictional: for the second reporter.", report=other)
    first = reporter_client(report, code).get(URL).content.decode()
    second = reporter_client(other, other_code).get(URL).content.decode()
    assert "for the first reporter" in first
    assert "for the second reporter" not in first
    assert "for the second reporter" in second
    assert "for the first reporter" not in second


def test_a_report_in_another_case_sees_nothing(org_a, caseworker_a):
    case, _report, _code = _case_with_report(org_a, caseworker_a)
    _send(case, caseworker_a, "Fictional: private to this case.")
    _case2, report2, code2 = _case_with_report(org_a, caseworker_a)
    html = reporter_client(report2, code2).get(URL).content.decode()
    assert "private to this case" not in html


def test_shared_notes_only_text(org_a, caseworker_a):
    case, report, code = _case_with_report(org_a, caseworker_a)
    case_note_add(
        case=case,
        text="Fictional: we spoke to the housing officer.",
        actor=caseworker_a,
        shared_with_reporter=True,
    )
    case_note_add(case=case, text="Fictional: private staff note.", actor=caseworker_a)
    html = reporter_client(report, code).get(URL).content.decode()
    assert "we spoke to the housing officer" in html
    assert "private staff note" not in html
    assert caseworker_a.full_name not in html


def test_report_not_yet_in_a_case_has_no_reply_form(org_a):
    report, code = make_report(organisation=org_a)
    client = reporter_client(report, code)
    html = client.get(URL).content.decode()
    assert "There are no messages about your report yet." in html
    assert 'name="body"' not in html
    client.post(URL, {"body": "Fictional."})
    assert not Message.objects.exists()


def test_follow_up_page_links_to_messages(org_a):
    report, code = make_report(organisation=org_a)
    html = reporter_client(report, code).get(reverse("reporting:followup_report")).content
    assert URL.encode() in html
