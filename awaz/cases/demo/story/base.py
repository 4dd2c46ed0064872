"""``StoryBase``: the state of one case's story and the date helpers every step uses. The
steps (``triage``, ``referral``, ``closing``) are mixins on it; ``run.Story`` joins them."""

from __future__ import annotations

import datetime

from awaz.cases.demo.story.plan import HOUR, RECENT, CasePlan, StoryContext
from awaz.cases.models import Case
from awaz.reporting.models import ConsentPurpose, RecipientKind
from awaz.reporting.selectors import consent_allows


class StoryBase:
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
