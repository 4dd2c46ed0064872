"""The first steps of a demo case: opening it (and linking the victim's later reports),
classification (with the police's threshold decision), first contact, consent taken by
phone, and the risk assessment."""

from __future__ import annotations

import datetime

from awaz.cases.demo import texts
from awaz.cases.demo.story.base import StoryBase
from awaz.cases.demo.story.plan import HOUR
from awaz.cases.models import ClassificationKind
from awaz.cases.services import (
    ContactMethod,
    case_classify,
    case_consent_record,
    case_contact_record,
    case_police_received_set,
    case_strands_assess,
    risk_assess,
    threshold_decision_record,
    triage_link_case,
    triage_make_case,
)
from awaz.reporting.models import ConsentMethod, ConsentPurpose, RecipientKind, ReporterRole


def _risk_answers(level: str) -> dict[str, str]:
    answers = {
        "repeat_victimisation": "no",
        "threats_serious_harm": "no",
        "physical_injury": "no",
        "perpetrator_known_nearby": "no",
        "unsafe_at_home": "no",
        "vulnerability": "no",
        "escalation": "no",
        "children_affected": "no",
        "community_tension": "not_known",
        "fear_level": "somewhat_afraid",
    }
    if level in ("medium", "high"):
        answers.update(repeat_victimisation="yes", perpetrator_known_nearby="yes", escalation="yes")
    if level == "high":
        answers.update(threats_serious_harm="yes", fear_level="very_afraid")
    return answers


class TriageSteps(StoryBase):
    """Opening, classifying, first contact, consent by phone and risk."""

    def open(self) -> None:
        plan = self.plan
        self.case = triage_make_case(report_id=self.primary.pk, actor=self.user, at=plan.opened_at)
        self.ctx.stats["cases"] += 1
        for report in plan.reports[1:]:
            moment = max(
                report.submitted_at + self.rng.uniform(2, 30) * HOUR, plan.opened_at + HOUR
            )
            moment = min(moment, self.limit)
            triage_link_case(report_id=report.pk, case_id=self.case.pk, actor=self.user, at=moment)
            self.ctx.stats["linked"] += 1

    def classify(self) -> None:
        at = self.after(0.2, 3)
        if not self.fits(at):
            at = self.plan.opened_at + datetime.timedelta(minutes=5)
        c = self.ctx.classifications
        if self.plan.police:
            case_police_received_set(
                case=self.case,
                received_at=self.plan.police_received or self.primary.submitted_at,
                actor=self.user,
                at=at,
            )
            if self.primary.is_anonymous:
                code, meets = ClassificationKind.INTELLIGENCE, False
            elif self.rng.random() < 0.78:
                code, meets = ClassificationKind.POLICE_CRIME, None
            else:
                code, meets = ClassificationKind.POLICE_NCHI, self.rng.random() < 0.5
            case_classify(case=self.case, classification=c[code], actor=self.user, at=at)
            if meets is not None:
                threshold_decision_record(
                    case=self.case,
                    classification=c[code],
                    meets_threshold=meets,
                    reason=texts.THRESHOLD_MET if meets else texts.THRESHOLD_NOT_MET,
                    actor=self.user,
                    at=at + datetime.timedelta(minutes=20),
                )
                self.ctx.stats["threshold_decisions"] += 1
            self.ctx.stats[f"classified_{code}"] += 1
            return
        code = (
            ClassificationKind.ASB
            if self.rng.random() < 0.14
            else ClassificationKind.PARTNER_INCIDENT
        )
        case_classify(case=self.case, classification=c[code], actor=self.user, at=at)
        self.ctx.stats[f"classified_{code}"] += 1
        if self.rng.random() < (0.3 if self.recent else 0.1):
            case_strands_assess(
                case=self.case,
                strands=list(self.primary.strands.all()),
                actor=self.user,
                at=at + datetime.timedelta(minutes=10),
            )

    def first_contact(self) -> datetime.datetime | None:
        """Mostly within the local standard (2 working days); about one in ten late; the
        newest cases not yet contacted (their clocks are running or at risk)."""
        if not self.contact_ok or self.plan.fresh:
            return None
        late = self.rng.random() < 0.1
        at = self.after(144, 240) if late else self.after(1, 22)
        if not self.fits(at):
            return None
        method = self.rng.choice(
            [ContactMethod.PHONE, ContactMethod.PHONE, ContactMethod.IN_PERSON]
        )
        case_contact_record(
            case=self.case,
            method=method,
            text=self.rng.choice(texts.CONTACTS),
            actor=self.user,
            occurred_at=at,
        )
        self.ctx.stats["contacts"] += 1
        return at

    def consent_by_phone(self, at: datetime.datetime) -> None:
        """The victim agrees on the call to be referred to victim support."""
        decisions = {(ConsentPurpose.SHARE, RecipientKind.VICTIM_SUPPORT): True}
        if self.primary.reporter_role == ReporterRole.VICTIM and self.rng.random() < 0.4:
            decisions[(ConsentPurpose.SHARE, RecipientKind.POLICE)] = True
        case_consent_record(
            case=self.case,
            decisions=decisions,
            method=ConsentMethod.PHONE,
            given_by=ReporterRole(self.primary.reporter_role),
            expires_at=None,
            actor=self.user,
            at=at + datetime.timedelta(minutes=15),
        )
        self.ctx.stats["consents_recorded"] += 1

    def risk(self, at: datetime.datetime) -> None:
        repeat = len(self.plan.reports) > 1
        roll = self.rng.random()
        level = "high" if roll < (0.25 if repeat else 0.06) else "medium"
        if roll > (0.7 if repeat else 0.22):
            level = "standard"
        override = None
        if level == "standard" and self.recent and not self.ctx.override_done:
            override, self.ctx.override_done = "medium", True
        risk_assess(
            case=self.case,
            answers=_risk_answers(level),
            override_level=override,
            override_reason=texts.OVERRIDE_REASON if override else "",
            actor=self.user,
            at=at,
        )
        self.ctx.stats[f"risk_{override or level}"] += 1
