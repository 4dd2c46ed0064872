"""The demo case's dealings with others: referrals (answered by the receiving organisation),
the police's key decisions and "victim told", monthly updates, and messages with the
reporter."""

from __future__ import annotations

import datetime

from awaz.cases.demo import texts
from awaz.cases.demo.story.base import StoryBase
from awaz.cases.demo.story.plan import DAY, HOUR
from awaz.cases.services import (
    ContactMethod,
    KeyDecision,
    case_contact_record,
    case_decision_record,
    case_victim_informed_record,
    message_from_reporter_receive,
    message_to_reporter_send,
    referral_accept,
    referral_decline,
    referral_send,
)
from awaz.cases.services.messages import reporter_can_be_emailed
from awaz.cases.sharing import referral_consent_check
from awaz.core.models import User
from awaz.partners.models import Organisation


class ReferralSteps(StoryBase):
    """Referrals, key decisions and updates, and messages with the reporter."""

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
            reason=texts.REFERRAL_REASONS.get(to.kind, texts.REFERRAL_REASONS["council"]),
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
