"""Risk and vulnerability assessments: scored by ``awaz.cases.risk``, with room for the
assessor's professional judgement (an override needs a reason), history kept (the newest
row is in force and its level is copied to ``Case.risk_level`` for lists), the next review
date from the time-limit set in force (28 days at medium, 14 at high), and a notice to the
lead organisation when a case becomes high risk."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.cases import risk
from awaz.cases.access import cases_visible_to, require
from awaz.cases.models import Case, EventKind, RiskAssessment, RiskLevel, TimeLimitSet
from awaz.cases.repeats import time_limits_in_force
from awaz.cases.services.notifications import notify_high_risk
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.core.exceptions import ApplicationError, NotFound

MSG_ANSWER_ALL = _("Answer every question")
MSG_OVERRIDE_REASON = _("Give the reason for changing the level the score gives")
MSG_LEVEL_INVALID = _("Choose standard, medium or high")


def review_due_on(
    *, level: str, assessed_on: datetime.date, limits: TimeLimitSet
) -> datetime.date | None:
    """The next review date: ``review_days_medium`` or ``review_days_high`` after the
    assessment; none at standard."""
    if level == RiskLevel.HIGH:
        return assessed_on + datetime.timedelta(days=limits.review_days_high)
    if level == RiskLevel.MEDIUM:
        return assessed_on + datetime.timedelta(days=limits.review_days_medium)
    return None


@transaction.atomic(durable=True)
def risk_assess(
    *,
    case: Case,
    answers: Mapping[str, str],
    override_level: str | None = None,
    override_reason: str = "",
    actor: Any,
    at: datetime.datetime | None = None,
) -> RiskAssessment:
    """Record an assessment of ``case``. ``answers`` maps every question code to one of its
    options; ``override_level`` (with ``override_reason``) replaces the level the score
    gives. Audited ``RISK_ASSESSED`` (level and score, never the answers).
    ``at`` (default now) is for demo data and imports only."""
    require(actor, "case.risk")
    locked = cases_visible_to(actor).filter(pk=case.pk).first()
    if locked is None:
        raise NotFound()
    case = Case.objects.select_for_update().get(pk=locked.pk)
    try:
        scored = risk.score_answers(answers)
    except risk.InvalidAnswers as exc:
        raise ApplicationError(MSG_ANSWER_ALL, extra={"fields": exc.codes}) from exc
    override_reason = override_reason.strip()
    if override_level in ("", None) or override_level == scored.level:
        override_level = None
    elif override_level not in risk.LEVELS:
        raise ApplicationError(MSG_LEVEL_INVALID, extra={"field": "override_level"})
    elif not override_reason:
        raise ApplicationError(MSG_OVERRIDE_REASON, extra={"field": "override_reason"})
    level = override_level or scored.level
    now = at or timezone.now()
    today = timezone.localdate(now)
    limits = time_limits_in_force(on=today)
    previous_level = case.risk_level
    # The answers are sealed at rest (an encrypted JSON column).
    stored_answers: Any = {code: answers[code] for code in risk.QUESTION_CODES}
    assessment = RiskAssessment.objects.create(
        case=case,
        answers=stored_answers,
        score=scored.score,
        scored_level=scored.level,
        level=level,
        override_reason=override_reason if override_level else "",
        assessed_at=now,
        assessed_by=actor,
        review_due_on=review_due_on(level=level, assessed_on=today, limits=limits),
    )
    case.risk_level = level
    case.modified_by = actor
    case.save(update_fields=["risk_level", "modified_at", "modified_by"])
    facts = {
        "level": level,
        "score": scored.score,
        "scored_level": scored.level,
        "overridden": override_level is not None,
        "review_due_on": assessment.review_due_on.isoformat() if assessment.review_due_on else None,
    }
    case_audit(
        event_type=AuditEventType.RISK_ASSESSED,
        case_id=case.pk,
        user=actor,
        details={**facts, "assessment_id": assessment.pk},
    )
    case_event_record(case=case, kind=EventKind.RISK, user=actor, details=facts, occurred_at=now)
    if level == RiskLevel.HIGH and previous_level != RiskLevel.HIGH:
        notify_high_risk(case)
    return assessment
