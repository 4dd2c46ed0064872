"""The partnership's response, end to end in three browsers with the site's real CSP.

A caseworker of the hub (here the police force's hate crime unit, so the case can be a
police-recorded crime and the Victims' Code clocks run) triages a report into a case,
classifies it and records when the police received it. Referring it to victim support is
refused, and the page says why: the reporter said no to sharing with victim support. The
caseworker records the consent the victim then gives by phone and refers the case. A
victim-support caseworker accepts the referral and writes to the reporter; the reporter
reads it with their reference and follow-up code (at phone width) and answers. The case's
timeline shows all of it, and the referral clock has stopped, met.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, csp_messages
from tests.browser.walk import choose, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
REASON = "Fictional: please offer the victim emotional and practical support."
TO_REPORTER = "Fictional Victim Support here: can we call you on Tuesday? Canary 3JX8."
FROM_REPORTER = "Yes, Tuesday afternoon is fine. Thank you. Canary 8PQ2."
SUPPORT_NAME = "Fictional Victim Support North"


def _flash(page: Any) -> Any:
    return page.locator(".govuk-notification-banner--success")


def _panel(page: Any, title: str) -> Any:
    return page.locator(f"section[aria-label='{title}']")


def test_triage_consent_referral_messages_timeline_and_clock(
    new_context: Any, national_strands: None, case_rules: None
) -> None:
    from awaz.audit.events import AuditEventType
    from awaz.audit.models import AuditEvent
    from awaz.cases.models import Case, Message, MessageDirection, Referral, ReferralStatus
    from awaz.cases.selectors_messages import message_read_times
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.reporting.models import ReportingHub, Strand
    from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report

    hub = OrganisationFactory(name="Fictional Constabulary Hate Crime Unit", kind="police")
    ReportingHub.objects.create(organisation=hub, is_default=True)
    support = OrganisationFactory(name=SUPPORT_NAME, kind="victim_support")
    OrganisationFactory(name="Fictional Borough Council", kind="council")
    caseworker = StaffFactory(
        organisation=hub, role="partner_caseworker", mfa=True, full_name="Fictional Ada Police"
    )
    supporter = StaffFactory(
        organisation=support, role="partner_caseworker", mfa=True, full_name="Fictional Bo Support"
    )
    report, code = make_report(
        organisation=hub,
        strands=list(Strand.objects.filter(code="religion")),
        email=FICTIONAL_EMAIL,
        contact_name="Fictional Reporter Example",
        consents={
            ("share", "police"): True,
            ("share", "victim_support"): False,
            ("contact", "receiving"): True,
        },
    )

    # The hub's caseworker triages the report into a case ----------------------------
    staff = new_context(viewport=DESKTOP).new_page()
    staff_csp = csp_messages(staff)
    staff_sign_in(staff, caseworker)
    staff.locator("tbody tr", has_text=report.reference).get_by_role(
        "link", name=report.reference
    ).click()
    expect(staff.locator("h1")).to_have_text(report.reference)
    staff.get_by_role("link", name="Triage this report").click()
    expect(staff.locator("h1")).to_have_text(f"Report {report.reference}")
    press(staff, "Claim this report")
    expect(_flash(staff)).to_contain_text("You are triaging this report.")
    press(staff, "Make a new case")
    expect(_flash(staff)).to_contain_text("opened.")
    case = Case.objects.get()
    expect(staff.locator("h1")).to_have_text(case.reference)
    assert case.lead_organisation_id == hub.pk
    assert case.owner_id == caseworker.pk

    # ... classifies it as a police-recorded crime ...
    staff.get_by_role("link", name="Change classification").click()
    expect(staff.locator("h1")).to_have_text("Classify the case")
    choose(staff, "Police-recorded crime (version 1)")
    press(staff, "Save")
    expect(_flash(staff)).to_contain_text("Classification saved.")
    summary = _panel(staff, "Summary")
    expect(summary).to_contain_text("Police-recorded crime (version 1)")

    # ... and says when the police received it: the support-referral clock starts.
    staff.get_by_role("link", name="Change when the police received it").click()
    expect(staff.locator("h1")).to_have_text("When did the police receive the crime?")
    today = timezone.localdate()
    staff.get_by_label("Day").fill(str(today.day))
    staff.get_by_label("Month").fill(str(today.month))
    staff.get_by_label("Year").fill(str(today.year))
    press(staff, "Save")
    expect(_flash(staff)).to_contain_text("Date saved.")
    clocks = _panel(staff, "Clocks")
    expect(clocks).to_contain_text("Victims' Code time limits apply")
    support_clock = clocks.locator("tr", has_text="Refer to victim support")
    expect(support_clock).to_contain_text(re.compile("Running|Due soon"))

    # Referring to victim support: refused, and the page says why --------------------
    staff.get_by_role("link", name="Refer the case to another organisation").click()
    expect(staff.locator("h1")).to_have_text("Refer the case")
    staff.get_by_label("Which organisation are you referring the case to?").select_option(
        label=f"{SUPPORT_NAME} (Victim support)"
    )
    staff.get_by_label("Why are you referring it?").fill(REASON)
    choose(staff, "The full report")
    press(staff, "Send the referral")
    banner = staff.locator(".govuk-notification-banner", has_text="Consent does not cover")
    expect(banner).to_contain_text("The reporter said no to sharing with victim support")
    expect(staff).to_have_title(re.compile(r"^Error: "))
    expect(staff.locator(".govuk-error-summary")).to_contain_text("said no to sharing")
    # What was typed is kept, and the two ways on are offered.
    expect(staff.get_by_label("Why are you referring it?")).to_have_value(REASON)
    expect(staff.get_by_role("button", name="Share anonymised instead")).to_be_visible()
    assert Referral.objects.count() == 0

    # The victim agrees by phone: the caseworker records it, then refers ---------------
    banner.get_by_role("link", name="record consent the person gave you by phone").click()
    expect(staff.locator("h1")).to_have_text("Record consent")
    choose(staff, "The victim", group="Who gave or refused consent?")
    choose(staff, "By phone", group="How did they tell you?")
    choose(staff, "Yes", group="Share the report with victim support services")
    press(staff, "Record consent")
    expect(_flash(staff)).to_contain_text("Consent recorded.")
    expect(_panel(staff, "Consent")).to_contain_text("By phone")

    staff.get_by_role("link", name="Refer the case to another organisation").click()
    staff.get_by_label("Which organisation are you referring the case to?").select_option(
        label=f"{SUPPORT_NAME} (Victim support)"
    )
    staff.get_by_label("Why are you referring it?").fill(REASON)
    press(staff, "Send the referral")
    expect(_flash(staff)).to_contain_text(f"Referral sent to {SUPPORT_NAME}.")
    expect(_panel(staff, "Referrals")).to_contain_text(SUPPORT_NAME)
    support_clock = _panel(staff, "Clocks").locator("tr", has_text="Refer to victim support")
    expect(support_clock).to_contain_text("Met")

    # Victim support accepts and writes to the reporter ------------------------------
    other = new_context(viewport=DESKTOP).new_page()
    other_csp = csp_messages(other)
    staff_sign_in(other, supporter)
    other.get_by_role("link", name="Referrals", exact=True).click()
    expect(other.locator("h1")).to_have_text("Referrals received")
    row = other.locator("tbody tr", has_text=case.reference)
    expect(row).to_contain_text("Fictional Constabulary Hate Crime Unit")
    expect(row).to_contain_text("Waiting")
    row.get_by_role("link", name=case.reference).click()
    expect(other.locator("h1")).to_have_text(f"Case {case.reference}")
    expect(other.locator("main")).to_contain_text(REASON)
    press(other, "Accept the referral")
    expect(_flash(other)).to_contain_text("Referral accepted.")
    expect(other.locator("h1")).to_have_text(case.reference)
    _panel(other, "Messages with the reporter").get_by_role(
        "link", name="Write to the reporter"
    ).click()
    other.get_by_label("Your message to the reporter").fill(TO_REPORTER)
    press(other, "Send the message")
    expect(_flash(other)).to_contain_text("Message sent.")
    expect(other.locator("main")).to_contain_text(TO_REPORTER)

    # The reporter reads it with the follow-up code and answers ----------------------
    reporter = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    reporter_csp = csp_messages(reporter)
    reporter.goto("/report/follow-up/")
    reporter.get_by_label("Reference").fill(report.reference)
    reporter.get_by_label("Follow-up code").fill(code)
    press(reporter, "Continue")
    expect(reporter.locator("h1")).to_have_text("Your report")
    reporter.get_by_role("link", name="Read and answer messages about your report").click()
    expect(reporter.locator("h1")).to_have_text("Messages about your report")
    thread = reporter.locator("main ol").first
    expect(thread).to_contain_text(f"From {SUPPORT_NAME}")
    expect(thread).to_contain_text(TO_REPORTER)
    # No member of staff is named to the reporter.
    expect(reporter.locator("main")).not_to_contain_text("Fictional Bo Support")
    reporter.get_by_label("Your reply").fill(FROM_REPORTER)
    press(reporter, "Send your reply")
    expect(_flash(reporter)).to_contain_text("Your reply has been sent.")
    expect(reporter.locator("main ol").first).to_contain_text(FROM_REPORTER)

    # The caseworker opens the case: the timeline shows it all, the clock stopped ------
    staff.get_by_role("link", name="Cases", exact=True).click()
    staff.get_by_role("link", name=case.reference).click()
    expect(staff.locator("h1")).to_have_text(case.reference)
    expect(_panel(staff, "Summary")).to_contain_text("Active support")
    timeline = _panel(staff, "Timeline").locator("ol > li")
    labels = [text.split("\n")[0] for text in timeline.all_inner_texts()]
    for label in (
        "Message from the reporter",
        "Message to the reporter",
        "Referral accepted",
        "Referral sent",
        "Consent recorded",
        "Police received the crime on",
        "Classified as Police-recorded crime (version 1)",
        f"Case opened from report {report.reference}",
    ):
        assert any(line.startswith(label) for line in labels), (label, labels)
    # Newest first: the reporter's answer at the top, the case's opening at the bottom.
    assert labels[0].startswith("Message from the reporter"), labels
    assert labels[-1].startswith("Case opened from report"), labels
    order = [
        next(i for i, line in enumerate(labels) if line.startswith(label))
        for label in ("Message from the reporter", "Referral accepted", "Consent recorded")
    ]
    assert order == sorted(order), labels
    support_clock = _panel(staff, "Clocks").locator("tr", has_text="Refer to victim support")
    expect(support_clock).to_contain_text("Met")
    expect(support_clock).to_contain_text("Referred to victim support")
    messages_panel = _panel(staff, "Messages with the reporter")
    expect(messages_panel).to_contain_text("2 messages")
    expect(messages_panel).to_contain_text("1 new from the reporter")
    # The timeline says a message came; its words are read on the messages page.
    messages_panel.get_by_role("link", name="Read the messages").click()
    expect(staff.locator("h1")).to_have_text("Messages with the reporter")
    expect(staff.locator("main")).to_contain_text(TO_REPORTER)
    expect(staff.locator("main")).to_contain_text(FROM_REPORTER)

    # And the database agrees ---------------------------------------------------------
    assert Case.objects.count() == 1
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.ACCEPTED
    assert (referral.case_id, referral.to_organisation_id) == (case.pk, support.pk)
    assert referral.decided_by_id == supporter.pk
    messages = list(Message.objects.order_by("sent_at", "id"))
    assert [m.direction for m in messages] == [
        MessageDirection.TO_REPORTER,
        MessageDirection.FROM_REPORTER,
    ]
    assert [m.body for m in messages] == [TO_REPORTER, FROM_REPORTER]
    assert message_read_times(messages=messages[:1])  # the reporter read it
    case.refresh_from_db()
    assert case.classification is not None and case.classification.code == "police_crime"
    assert case.police_received_at is not None
    # This test's database started empty: every audit row is from the story above.
    audited = set(AuditEvent.objects.values_list("event_type", flat=True))
    for expected in (
        AuditEventType.REPORT_CLAIMED,
        AuditEventType.CASE_CREATED,
        AuditEventType.CASE_CLASSIFIED,
        AuditEventType.CASE_POLICE_RECEIVED_SET,
        AuditEventType.REPORT_CONSENT_CHANGED,
        AuditEventType.REFERRAL_SENT,
        AuditEventType.REFERRAL_ACCEPTED,
        AuditEventType.MESSAGE_SENT,
        AuditEventType.MESSAGE_RECEIVED,
        AuditEventType.CASE_VIEWED,
    ):
        assert expected in audited, (expected.name, sorted(audited))

    assert staff_csp == [], staff_csp
    assert other_csp == [], other_csp
    assert reporter_csp == [], reporter_csp
