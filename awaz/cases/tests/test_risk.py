"""Risk assessment: scoring and thresholds, professional judgement, history, review dates,
the high-risk flag and notice, the page and its scoping."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases import risk
from awaz.cases.models import (
    CaseEvent,
    EventKind,
    Notification,
    NotificationKind,
    RiskAssessment,
    TimeLimitSet,
)
from awaz.cases.reviews import risk_history, risk_in_force
from awaz.cases.services import risk_assess, triage_make_case
from awaz.cases.services.risk import MSG_OVERRIDE_REASON
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import make_report

FROZEN = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def answers(*yes: str, fear: str = "not_afraid") -> dict[str, str]:
    """Every question "no" except those named; the fear question as given."""
    result = {q.code: risk.NO for q in risk.QUESTIONS if q.code != "fear_level"}
    result.update({code: risk.YES for code in yes})
    result["fear_level"] = fear
    return result


@pytest.fixture
def case(caseworker_a, org_a):
    report, _code = make_report(organisation=org_a)
    return triage_make_case(report_id=report.pk, actor=caseworker_a)


# Scoring (pure) -------------------------------------------------------------------------


def test_all_no_scores_zero_standard():
    scored = risk.score_answers(answers())
    assert (scored.score, scored.level, scored.immediate_high) == (0, "standard", ())


@pytest.mark.parametrize(
    ("given", "score", "level"),
    [
        (answers("repeat_victimisation", "unsafe_at_home"), 6, "standard"),
        (answers("repeat_victimisation", "unsafe_at_home", fear="somewhat_afraid"), 7, "medium"),
        (
            answers(
                "repeat_victimisation",
                "physical_injury",
                "unsafe_at_home",
                "escalation",
                fear="somewhat_afraid",
            ),
            13,
            "medium",
        ),
        (
            answers(
                "repeat_victimisation",
                "physical_injury",
                "unsafe_at_home",
                "escalation",
                "vulnerability",
            ),
            14,
            "high",
        ),
    ],
)
def test_thresholds(given, score, level):
    scored = risk.score_answers(given)
    assert (scored.score, scored.level) == (score, level)
    assert risk.MEDIUM_FROM == 7 and risk.HIGH_FROM == 14


def test_threat_to_kill_is_high_whatever_the_score():
    scored = risk.score_answers(answers("threats_serious_harm"))
    assert scored.score == 5
    assert scored.level == "high"
    assert scored.immediate_high == ("threats_serious_harm",)


def test_not_known_scores_nothing_and_the_maximum_is_28():
    given = {q.code: risk.NOT_KNOWN for q in risk.QUESTIONS}
    assert risk.score_answers(given).score == 0
    assert risk.MAX_SCORE == 28


def test_missing_and_invalid_answers_are_named():
    given = answers()
    del given["escalation"]
    given["fear_level"] = "terrified"
    with pytest.raises(risk.InvalidAnswers) as excinfo:
        risk.score_answers(given)
    assert excinfo.value.codes == ["escalation", "fear_level"]


# The service ----------------------------------------------------------------------------


@time_machine.travel(FROZEN, tick=False)
def test_medium_assessment_sets_level_review_in_28_days_audit_and_timeline(case, caseworker_a):
    given = answers("repeat_victimisation", "unsafe_at_home", fear="somewhat_afraid")
    assessment = risk_assess(case=case, answers=given, actor=caseworker_a)
    case.refresh_from_db()
    assert case.risk_level == "medium"
    assert assessment.score == 7
    assert assessment.level == assessment.scored_level == "medium"
    assert assessment.review_due_on == datetime.date(2026, 3, 30)
    assert RiskAssessment.objects.get(pk=assessment.pk).answers == given
    audit = AuditEvent.objects.get(event_type=AuditEventType.RISK_ASSESSED)
    assert audit.target_id == str(case.pk)
    assert audit.details["level"] == "medium" and audit.details["score"] == 7
    assert "answers" not in audit.details and "unsafe_at_home" not in str(audit.details)
    event = CaseEvent.objects.get(case=case, kind=EventKind.RISK)
    assert event.details["level"] == "medium"


@time_machine.travel(FROZEN, tick=False)
def test_high_review_in_14_days_and_standard_has_none(case, caseworker_a):
    high = risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    assert high.review_due_on == datetime.date(2026, 3, 16)
    standard = risk_assess(case=case, answers=answers(), actor=caseworker_a)
    assert standard.review_due_on is None


@time_machine.travel(FROZEN, tick=False)
def test_review_interval_comes_from_the_time_limits_in_force(case, caseworker_a):
    TimeLimitSet.objects.create(
        name="Fictional new code", effective_from=datetime.date(2026, 1, 1), review_days_high=7
    )
    TimeLimitSet.objects.create(
        name="Fictional future code", effective_from=datetime.date(2027, 1, 1), review_days_high=3
    )
    high = risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    assert high.review_due_on == datetime.date(2026, 3, 9)


def test_override_needs_a_reason(case, caseworker_a):
    with pytest.raises(ApplicationError) as excinfo:
        risk_assess(
            case=case,
            answers=answers(),
            override_level="high",
            override_reason="  ",
            actor=caseworker_a,
        )
    assert excinfo.value.message == MSG_OVERRIDE_REASON
    assert excinfo.value.extra == {"field": "override_reason"}
    assert not RiskAssessment.objects.exists()


def test_override_with_a_reason_keeps_the_scored_level(case, caseworker_a):
    assessment = risk_assess(
        case=case,
        answers=answers(),
        override_level="high",
        override_reason="Fictional: the victim's neighbour made a credible threat yesterday.",
        actor=caseworker_a,
    )
    assert (assessment.scored_level, assessment.level) == ("standard", "high")
    assert assessment.override_reason.startswith("Fictional")
    audit = AuditEvent.objects.get(event_type=AuditEventType.RISK_ASSESSED)
    assert audit.details["overridden"] is True
    assert "neighbour" not in str(audit.details)


def test_same_level_as_score_is_not_an_override(case, caseworker_a):
    assessment = risk_assess(
        case=case, answers=answers(), override_level="standard", actor=caseworker_a
    )
    assert assessment.override_reason == ""


def test_history_is_kept_and_the_newest_is_in_force(case, caseworker_a):
    with time_machine.travel(FROZEN, tick=False):
        first = risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    with time_machine.travel(FROZEN + datetime.timedelta(days=14), tick=False):
        second = risk_assess(case=case, answers=answers(), actor=caseworker_a)
    assert [a.pk for a in risk_history(case=case)] == [second.pk, first.pk]
    assert risk_in_force(case=case) == second
    case.refresh_from_db()
    assert case.risk_level == "standard"


def test_high_notifies_the_lead_organisation_once(case, caseworker_a, org_a):
    colleague = StaffFactory(organisation=org_a, role="centre_caseworker")
    risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    notices = Notification.objects.filter(kind=NotificationKind.HIGH_RISK)
    assert {n.user_id for n in notices} == {caseworker_a.pk, colleague.pk}
    assert all(str(case.pk) in n.link for n in notices)
    # Still high at the next review: the lead already knows.
    risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    assert notices.count() == 2


def test_medium_sends_no_high_risk_notice(case, caseworker_a):
    risk_assess(
        case=case,
        answers=answers("repeat_victimisation", "unsafe_at_home", fear="somewhat_afraid"),
        actor=caseworker_a,
    )
    assert not Notification.objects.filter(kind=NotificationKind.HIGH_RISK).exists()


def test_another_organisation_cannot_assess(case, caseworker_b):
    with pytest.raises(NotFound):
        risk_assess(case=case, answers=answers(), actor=caseworker_b)


# The page -------------------------------------------------------------------------------


def _post(given: dict[str, str], **extra: str) -> dict[str, str]:
    return {**given, "override_level": "", "override_reason": "", **extra}


def test_page_records_an_assessment(client, case, caseworker_a):
    client.force_login(caseworker_a)
    url = reverse("cases:risk_assess", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Has anyone threatened to kill them" in page.content.decode()
    response = client.post(url, _post(answers("threats_serious_harm")))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    assert RiskAssessment.objects.get(case=case).level == "high"


def test_page_keeps_answers_and_explains_a_missing_reason(client, case, caseworker_a):
    client.force_login(caseworker_a)
    url = reverse("cases:risk_assess", args=[case.pk])
    response = client.post(url, _post(answers("escalation"), override_level="high"))
    body = response.content.decode()
    assert response.status_code == 200
    assert str(MSG_OVERRIDE_REASON) in body
    assert 'value="yes" checked' in body
    assert not RiskAssessment.objects.exists()


def test_page_asks_for_every_answer(client, case, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post(reverse("cases:risk_assess", args=[case.pk]), {"override_level": ""})
    assert response.status_code == 200
    assert response.content.decode().count("Select an answer") >= len(risk.QUESTIONS)


def test_page_is_404_for_another_organisation(client, case, caseworker_b):
    client.force_login(caseworker_b)
    url = reverse("cases:risk_assess", args=[case.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _post(answers())).status_code == 404


def test_case_page_shows_the_level_and_history(client, case, caseworker_a):
    risk_assess(case=case, answers=answers("threats_serious_harm"), actor=caseworker_a)
    client.force_login(caseworker_a)
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "High risk. The lead organisation has been told." in body
    assert reverse("cases:risk_assess", args=[case.pk]) in body
