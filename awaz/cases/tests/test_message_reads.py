"""Opening the messages (the reporter's page and the staff page, both GETs) writes nothing
but the ``MESSAGE_READ`` audit row, and read or unread still shows: "read <when>" or "not
read yet" beside a caseworker's message, and "N new from the reporter" on the case page
until staff open the messages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.services import (
    message_from_reporter_receive,
    message_to_reporter_send,
    triage_make_case,
)
from awaz.cases.tests.consent_support import reporter_client, signed_in
from awaz.core.tests.db_writes import tables_written
from awaz.reporting.tests.factories import make_report

pytestmark = pytest.mark.django_db

FOLLOWUP = "https://awaz.example.org/report/follow-up/"
REPORTER_URL = reverse("cases:reporter_messages")


@pytest.fixture
def thread(org_a, caseworker_a):
    report, code = make_report(organisation=org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    message_to_reporter_send(
        case=case,
        body="Fictional: can we call on Tuesday?",
        followup_url=FOLLOWUP,
        actor=caseworker_a,
    )
    return case, report, code


def _reads() -> list[dict]:
    return list(
        AuditEvent.objects.filter(event_type=int(AuditEventType.MESSAGE_READ))
        .order_by("id")
        .values_list("details", flat=True)
    )


def _read_note(html: str) -> str:
    match = re.search(r"· (read [^<]+|not read yet)</p>", html)
    assert match, "the caseworker's message shows whether it was read"
    return match.group(1).strip()


def test_the_reporter_opening_messages_writes_only_the_audit_row(thread, caseworker_a):
    case, report, code = thread
    staff = signed_in(caseworker_a)
    staff_page = reverse("cases:messages", args=[case.pk])
    assert _read_note(staff.get(staff_page).content.decode()) == "not read yet"

    reporter = reporter_client(report, code)
    before = AuditEvent.objects.count()
    with tables_written() as written:
        response = reporter.get(REPORTER_URL)
    assert response.status_code == 200
    assert written == set()
    assert AuditEvent.objects.count() == before + 1
    assert _reads()[-1]["by"] == "reporter"

    when = timezone.localtime(AuditEvent.objects.order_by("id").last().occurred_at)
    assert _read_note(staff.get(staff_page).content.decode()) == (f"read {when:%-d %B %Y, %H:%M}")
    # Opening again finds nothing new to read: no further row, the time stays the first one.
    with tables_written() as written:
        reporter.get(REPORTER_URL)
    assert written == set()
    assert [read["by"] for read in _reads()].count("reporter") == 1


def test_staff_opening_messages_writes_only_the_audit_row(thread, caseworker_a):
    case, report, _code = thread
    reply = message_from_reporter_receive(report=report, body="Fictional: Tuesday is fine.")
    staff = signed_in(caseworker_a)
    case_page = reverse("cases:case_detail", args=[case.pk])
    assert "1 new from the reporter" in staff.get(case_page).content.decode()

    with tables_written() as written:
        response = staff.get(reverse("cases:messages", args=[case.pk]))
    assert response.status_code == 200
    assert "Fictional: Tuesday is fine." in response.content.decode()
    assert written == set()
    assert _reads()[-1] == {"messages": 2, "newly_read": [reply.pk], "by": "staff"}

    assert "new from the reporter" not in staff.get(case_page).content.decode()
    with tables_written() as written:
        staff.get(reverse("cases:messages", args=[case.pk]))
    assert written == set()
    assert _reads()[-1] == {"messages": 2, "newly_read": [], "by": "staff"}
