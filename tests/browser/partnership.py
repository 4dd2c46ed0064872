"""A hub caseworker's world for the browser tests of the partnership's response, built
through the services (as the pages would build it), plainly fictional."""

from __future__ import annotations

from typing import Any

SUPPORT = "Fictional Victim Support North"


def partnership_world() -> dict[str, Any]:
    """A hub caseworker's world, built through the services: a case with every panel
    filled (risk, tasks, a referral, messages, consent, clocks), reports still to triage,
    a case another organisation referred to the hub, and a closed case whose reporter is
    invited to the satisfaction survey."""
    import datetime

    from django.utils import timezone

    from awaz.cases import risk
    from awaz.cases.models import CaseOutcome, Classification
    from awaz.cases.services import (
        ContactMethod,
        KeyDecision,
        case_classify,
        case_close,
        case_contact_record,
        case_decision_record,
        case_note_add,
        case_police_received_set,
        message_from_reporter_receive,
        message_to_reporter_send,
        referral_send,
        risk_assess,
        task_create,
        triage_make_case,
    )
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.reporting.models import ReportingHub, Strand
    from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_area, make_report

    hub = OrganisationFactory(name="Fictional Constabulary Hate Crime Unit", kind="police")
    ReportingHub.objects.create(organisation=hub, is_default=True)
    OrganisationFactory(name=SUPPORT, kind="victim_support")
    council = OrganisationFactory(name="Fictional Borough Council", kind="council")
    caseworker = StaffFactory(
        organisation=hub, role="partner_caseworker", full_name="Fictional Ada Police"
    )
    StaffFactory(organisation=hub, role="partner_caseworker", full_name="Fictional Cy Police")
    council_worker = StaffFactory(organisation=council, role="partner_caseworker")
    area = make_area("E05000002", "Fictional Ward", lon=-2.95, lat=54.87)
    strands = list(Strand.objects.filter(code__in=["race", "religion"]))
    consents = {
        ("share", "police"): True,
        ("share", "council"): True,
        ("share", "victim_support"): False,
        ("contact", "receiving"): True,
    }

    def report(**fields: Any) -> tuple[Any, str]:
        return make_report(
            organisation=hub,
            strands=strands,
            area=area,
            email=FICTIONAL_EMAIL,
            contact_name="Fictional Reporter Example",
            consents=consents,
            **fields,
        )

    full_report, full_code = report()
    case = triage_make_case(report_id=full_report.pk, actor=caseworker)
    crime = Classification.objects.get(code="police_crime")
    case_classify(case=case, classification=crime, actor=caseworker)
    now = timezone.now()
    case_police_received_set(
        case=case, received_at=now - datetime.timedelta(hours=2), actor=caseworker
    )
    case_note_add(case=case, text="Fictional note for staff.", actor=caseworker)
    case_note_add(case=case, text="Fictional update.", shared_with_reporter=True, actor=caseworker)
    case_contact_record(
        case=case, method=ContactMethod.PHONE, text="Fictional call.", actor=caseworker
    )
    case_decision_record(case=case, decision=KeyDecision.ARREST, actor=caseworker)
    answers = {q.code: risk.NO for q in risk.QUESTIONS if q.code != "fear_level"}
    answers["threats_serious_harm"] = risk.YES
    answers["fear_level"] = "not_afraid"
    risk_assess(case=case, answers=answers, actor=caseworker)
    today = timezone.localdate()
    task_create(
        title="Fictional: call the victim back",
        due_on=today + datetime.timedelta(days=3),
        case=case,
        assignee_user=caseworker,
        actor=caseworker,
    )
    task_create(
        title="Fictional: check the CCTV request",
        due_on=today - datetime.timedelta(days=2),
        case=case,
        assignee_user=caseworker,
        actor=caseworker,
    )
    referral_send(
        case=case,
        to_organisation=council,
        reason="Fictional: the abuse happens on council land.",
        anonymised=False,
        actor=caseworker,
    )
    followup = "https://awaz.example.org/report/follow-up/"
    message_to_reporter_send(
        case=case, body="Fictional: how are you?", followup_url=followup, actor=caseworker
    )
    message_from_reporter_receive(report=full_report, body="Fictional: better, thank you.")

    untriaged = [report()[0] for _ in range(2)]

    council_report, _code = make_report(
        organisation=council, email=FICTIONAL_EMAIL, consents={("share", "police"): True}
    )
    council_case = triage_make_case(report_id=council_report.pk, actor=council_worker)
    referral_send(
        case=council_case,
        to_organisation=hub,
        reason="Fictional: please record it as a crime.",
        anonymised=False,
        actor=council_worker,
    )

    closed_report, closed_code = report()
    closed = triage_make_case(report_id=closed_report.pk, actor=caseworker)
    case_classify(case=closed, classification=crime, actor=caseworker)
    case_close(case=closed, outcome=CaseOutcome.SUPPORT_GIVEN, actor=caseworker)

    return {
        "hub": hub,
        "caseworker": caseworker,
        "case": case,
        "report": full_report,
        "code": full_code,
        "untriaged": untriaged,
        "closed_report": closed_report,
        "closed_code": closed_code,
    }
