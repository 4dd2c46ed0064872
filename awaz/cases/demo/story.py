"""One demo case from triage to closing, through the cases services only, with dates.

``case_story_run`` takes a ``CasePlan`` (which reports, who leads, when it opened and
closes) and tells the case's story with the lead caseworker and the partners as actors:
classification, first contact, consent taken by phone, risk, referrals answered by the
receiving organisation, key decisions and "victim told", messages with the reporter, notes,
tasks, monthly updates, the outcome and the satisfaction survey. Every step passes its date
(``at``/``occurred_at``), so the timelines and the Victims' Code clocks read as history.
Older cases get a coarser story than recent ones.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from awaz.cases.demo import texts
from awaz.cases.demo.cast import Cast
from awaz.cases.models import Case, CaseOutcome, Classification, ClassificationKind
from awaz.cases.services import (
    ContactMethod,
    KeyDecision,
    case_classify,
    case_close,
    case_consent_record,
    case_contact_record,
    case_decision_record,
    case_note_add,
    case_police_received_set,
    case_strands_assess,
    case_victim_informed_record,
    message_from_reporter_receive,
    message_to_reporter_send,
    referral_accept,
    referral_decline,
    referral_send,
    risk_assess,
    satisfaction_answer,
    task_complete,
    task_create,
    threshold_decision_record,
    triage_link_case,
    triage_make_case,
)
from awaz.cases.services.messages import reporter_can_be_emailed
from awaz.cases.services.outcome import satisfaction_for_report
from awaz.cases.sharing import recipient_kind_for, referral_consent_check
from awaz.core.models import User
from awaz.partners.models import Organisation
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    RecipientKind,
    Report,
    ReporterRole,
)
from awaz.reporting.selectors import consent_allows

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
RECENT = datetime.timedelta(days=42)

PARTNER_OUTCOMES = {
    CaseOutcome.SUPPORT_GIVEN: 55,
    CaseOutcome.VICTIM_DECLINED: 14,
    CaseOutcome.NO_FURTHER_ACTION: 15,
    CaseOutcome.COMMUNITY_RESOLUTION: 9,
    CaseOutcome.RESTORATIVE_JUSTICE: 7,
}
POLICE_OUTCOMES = {
    CaseOutcome.CHARGE: 25,
    CaseOutcome.CAUTION: 12,
    CaseOutcome.COMMUNITY_RESOLUTION: 15,
    CaseOutcome.NO_FURTHER_ACTION: 38,
    CaseOutcome.RESTORATIVE_JUSTICE: 5,
    CaseOutcome.SUPPORT_GIVEN: 5,
}


@dataclass
class CasePlan:
    reports: list[Report]  # the primary first, then reports linked later (same victim)
    lead: User
    opened_at: datetime.datetime
    close_at: datetime.datetime | None  # None: still open
    police: bool = False  # a crime the police received: their case, Victims' Code clocks
    referral_at: datetime.datetime | None = None  # when the reports seed "passed to support"
    police_received: datetime.datetime | None = None  # police cases: when the police had it
    fresh: bool = False  # opened in the last day or so: clocks running or at risk


@dataclass
class StoryContext:
    rng: random.Random
    now: datetime.datetime
    cast: Cast
    classifications: dict[str, Classification]
    councils_by_area: dict[int, Organisation]  # neighbourhood area id -> council
    stats: Counter[str] = field(default_factory=Counter)
    override_done: bool = False

    @property
    def followup_url(self) -> str:
        return settings.AWAZ_BASE_URL.rstrip("/") + reverse("reporting:followup_start")


def _pick(rng: random.Random, weights: dict[CaseOutcome, int]) -> CaseOutcome:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


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


class Story:
    """The dated steps of one case. ``fits(moment)`` says whether a step at ``moment``
    happened before the case closed and before now."""

    def __init__(self, ctx: StoryContext, plan: CasePlan) -> None:
        self.ctx, self.plan, self.rng = ctx, plan, ctx.rng
        self.primary = plan.reports[0]
        self.user = plan.lead
        latest = ctx.now - 2 * datetime.timedelta(minutes=1)
        self.limit = min(plan.close_at - HOUR, latest) if plan.close_at else latest
        self.recent = ctx.now - plan.opened_at < RECENT
        self.case: Case
        self.contact_ok = consent_allows(
            report=self.primary,
            purpose=ConsentPurpose.CONTACT,
            recipient=RecipientKind.RECEIVING_ORGANISATION,
        )

    def fits(self, moment: datetime.datetime) -> bool:
        return self.plan.opened_at < moment <= self.limit

    def after(self, hours_low: float, hours_high: float, *, start: datetime.datetime | None = None):
        base = start or self.plan.opened_at
        return base + datetime.timedelta(hours=self.rng.uniform(hours_low, hours_high))

    # Steps ---------------------------------------------------------------------------

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

    def refer(
        self,
        to: Organisation,
        receiver: User | None,
        at: datetime.datetime,
        *,
        always: bool = False,
    ) -> None:
        """Refer (anonymised where consent does not cover it); the receiver answers."""
        if not self.fits(at) or to.pk == self.case.lead_organisation_id:
            return
        full = referral_consent_check(case=self.case, organisation=to).allowed
        if not full and not always and self.rng.random() < 0.5:
            return  # no consent: most caseworkers record consent first or do not refer
        referral = referral_send(
            case=self.case,
            to_organisation=to,
            reason=texts.REFERRAL_REASONS.get(
                str(recipient_kind_for(to) or ""), texts.REFERRAL_REASONS["council"]
            ),
            anonymised=not full,
            actor=self.user,
            at=at,
        )
        self.ctx.stats["referrals"] += 1
        self.ctx.stats["referrals_anonymised"] += int(not full)
        answered = at + self.rng.uniform(2, 40) * HOUR
        if receiver is None or not self.fits(answered) or self.rng.random() < 0.06:
            self.ctx.stats["referrals_pending"] += 1
            return
        if self.rng.random() < 0.1:
            referral_decline(
                referral=referral,
                reason=self.rng.choice(texts.DECLINE_REASONS),
                actor=receiver,
                at=answered,
            )
            self.ctx.stats["referrals_declined"] += 1
        else:
            referral_accept(referral=referral, actor=receiver, at=answered)
            self.ctx.stats["referrals_accepted"] += 1

    def decisions(self) -> None:
        """Police cases: a key decision, mostly told to the victim within the working day;
        on a fresh case, one made a few hours ago and not yet told (its clock at risk)."""
        if self.plan.fresh:
            at = self.plan.opened_at + (self.ctx.now - self.plan.opened_at) * 0.6
            if self.fits(at):
                case_decision_record(
                    case=self.case,
                    decision=KeyDecision.ARREST,
                    text=texts.DECISION_NOTES["arrest"],
                    actor=self.user,
                    occurred_at=at,
                )
                self.ctx.stats["decisions"] += 1
            return
        if self.rng.random() > 0.6:
            return
        at = self.after(72, 500)
        if not self.fits(at):
            at = self.after(20, 40)
            if not self.fits(at):
                return
        decision = self.rng.choice(list(texts.DECISION_NOTES))
        event = case_decision_record(
            case=self.case,
            decision=KeyDecision(decision),
            text=texts.DECISION_NOTES[decision],
            actor=self.user,
            occurred_at=at,
        )
        self.ctx.stats["decisions"] += 1
        told = (
            at
            + (self.rng.uniform(1, 6) if self.rng.random() < 0.88 else self.rng.uniform(30, 80))
            * HOUR
        )
        if self.contact_ok and self.fits(told):
            case_victim_informed_record(
                case=self.case,
                decision_event_id=event.pk,
                text=texts.INFORMED,
                actor=self.user,
                occurred_at=told,
            )
            self.ctx.stats["victim_informed"] += 1

    def updates(self, start: datetime.datetime) -> None:
        """Police cases: the victim updated about monthly until closing (now and then late)."""
        if not self.contact_ok:
            return
        moment = start
        while True:
            gap = self.rng.uniform(35, 42) if self.rng.random() < 0.08 else self.rng.uniform(16, 27)
            moment += gap * DAY
            if not self.fits(moment):
                return
            case_contact_record(
                case=self.case,
                method=ContactMethod.PHONE,
                text=self.rng.choice(texts.UPDATES),
                actor=self.user,
                occurred_at=moment,
            )
            self.ctx.stats["contacts"] += 1

    def conversation(self, start: datetime.datetime) -> None:
        """Messages with the reporter through their follow-up code (reporters who get no
        "new message" e-mail, so seeding queues none)."""
        if reporter_can_be_emailed(self.primary):
            return
        sent = self.after(2, 30, start=start)
        if not self.fits(sent):
            return
        message_to_reporter_send(
            case=self.case,
            body=self.rng.choice(texts.TO_REPORTER),
            followup_url=self.ctx.followup_url,
            actor=self.user,
            at=sent,
        )
        self.ctx.stats["messages"] += 1
        answered = sent + self.rng.uniform(3, 50) * HOUR
        if self.fits(answered) and self.rng.random() < 0.75:
            message_from_reporter_receive(
                report=self.primary, body=self.rng.choice(texts.FROM_REPORTER), at=answered
            )
            self.ctx.stats["messages"] += 1

    def notes(self, start: datetime.datetime) -> None:
        if self.rng.random() < (0.4 if self.recent else 0.15):
            at = self.after(3, 120, start=start)
            if self.fits(at):
                case_note_add(
                    case=self.case,
                    text=self.rng.choice(texts.PRIVATE_NOTES),
                    actor=self.user,
                    at=at,
                )
                self.ctx.stats["notes"] += 1
        if self.contact_ok and self.rng.random() < (0.25 if self.recent else 0.1):
            at = self.after(5, 150, start=start)
            if self.fits(at):
                case_note_add(
                    case=self.case,
                    text=self.rng.choice(texts.SHARED_NOTES),
                    actor=self.user,
                    shared_with_reporter=True,
                    at=at,
                )
                self.ctx.stats["notes_shared"] += 1

    def tasks(self, start: datetime.datetime) -> None:
        """Recent cases: a task done and one to do (a few overdue); older ones now and then
        a task done."""
        count = self.rng.randint(1, 2) if self.recent else int(self.rng.random() < 0.25)
        for _ in range(count):
            created = self.after(1, 48, start=start)
            if not self.fits(created):
                return
            title, notes = self.rng.choice(texts.TASKS)
            due = (created + self.rng.randint(2, 10) * DAY).date()
            done = created + self.rng.uniform(4, 200) * HOUR
            finished = self.plan.close_at is not None or not self.recent
            if finished and not self.fits(done):
                continue  # a closed case's tasks were all done before it closed
            task = task_create(
                title=title,
                due_on=due,
                case=self.case,
                assignee_user=self.user,
                notes=notes,
                actor=self.user,
                at=created,
            )
            self.ctx.stats["tasks"] += 1
            if self.fits(done) and (finished or self.rng.random() < 0.55):
                task_complete(task_id=task.pk, actor=self.user, at=done)
                self.ctx.stats["tasks_done"] += 1
            elif due < self.ctx.now.date():
                self.ctx.stats["tasks_overdue"] += 1

    def close(self) -> None:
        close_at = self.plan.close_at
        if close_at is None:
            return
        outcomes = POLICE_OUTCOMES if self.plan.police else PARTNER_OUTCOMES
        case_close(case=self.case, outcome=_pick(self.rng, outcomes), actor=self.user, at=close_at)
        self.ctx.stats["closed"] += 1
        survey = satisfaction_for_report(report=self.primary)
        answered = close_at + self.rng.uniform(6, 240) * HOUR
        if survey is not None and answered < self.ctx.now and self.rng.random() < 0.4:
            overall = self.rng.choices([1, 2, 3, 4, 5], weights=[4, 6, 15, 40, 35])[0]
            satisfaction_answer(
                report=self.primary,
                overall=overall,
                felt_listened_to=min(5, max(1, overall + self.rng.choice([-1, 0, 0, 1]))),
                would_report_again=overall >= 3 or self.rng.random() < 0.3,
                at=answered,
            )
            self.ctx.stats["satisfaction_answers"] += 1


def case_story_run(ctx: StoryContext, plan: CasePlan) -> Case:
    """Tell one case's story (see the module docstring)."""
    story = Story(ctx, plan)
    rng, cast = ctx.rng, ctx.cast
    story.open()
    story.classify()
    contact = story.first_contact()
    base = contact or plan.opened_at + HOUR
    support_consent = consent_allows(
        report=story.primary,
        purpose=ConsentPurpose.SHARE,
        recipient=RecipientKind.VICTIM_SUPPORT,
    )
    if contact is not None and not support_consent and rng.random() < 0.5:
        story.consent_by_phone(contact)
    if plan.police:
        # Victims' Code: referral to support within 2 working days of the police receiving
        # the crime; about one in ten late, and the newest not yet referred.
        start = plan.police_received or plan.opened_at
        if not plan.fresh:
            late = rng.random() < 0.1
            at = start + (rng.uniform(120, 190) if late else rng.uniform(2, 26)) * HOUR
            at = max(at, plan.opened_at + HOUR)
            story.refer(cast.hub, rng.choice(cast.hub_staff), at, always=True)
        story.decisions()
        story.updates(contact or plan.opened_at)
    elif story.case.lead_organisation_id != cast.hub.pk:
        # A reporting centre passes the case to the hub (victim support).
        if plan.referral_at is not None or rng.random() < 0.55:
            at = plan.referral_at or story.after(3, 50, start=base)
            story.refer(cast.hub, rng.choice(cast.hub_staff), max(at, base))
    else:
        police_consent = consent_allows(
            report=story.primary, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
        )
        if police_consent and rng.random() < 0.3:
            story.refer(cast.police, cast.police_staff, story.after(4, 70, start=base))
        council = ctx.councils_by_area.get(story.primary.area_id or 0)
        if council is not None and rng.random() < 0.15:
            story.refer(council, cast.council_staff.get(council.pk), story.after(6, 90, start=base))
    if contact is not None and rng.random() < (0.6 if story.recent else 0.3):
        story.risk(contact + 10 * datetime.timedelta(minutes=1))
    first = not ctx.stats["messages"] and ctx.now - plan.opened_at < 3 * RECENT
    if first or rng.random() < (0.35 if story.recent else 0.08):
        story.conversation(base)
    story.notes(base)
    story.tasks(base)
    story.close()
    return story.case
