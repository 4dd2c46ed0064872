"""``Story``, the steps of one demo case together, and ``case_story_run``, which tells them
in order (see the package docstring)."""

from __future__ import annotations

import datetime

from awaz.cases.demo.story.closing import ClosingSteps
from awaz.cases.demo.story.plan import HOUR, RECENT, CasePlan, StoryContext
from awaz.cases.demo.story.referral import ReferralSteps
from awaz.cases.demo.story.triage import TriageSteps
from awaz.cases.models import Case
from awaz.reporting.models import ConsentPurpose, RecipientKind
from awaz.reporting.selectors import consent_allows

# Strands the demo's community group (a multicultural society) advises on.
COMMUNITY_STRANDS = frozenset({"race", "religion"})


class Story(TriageSteps, ReferralSteps, ClosingSteps):
    """The dated steps of one case (``StoryBase``), from triage to closing."""


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
        strands = {strand.code for strand in story.primary.strands.all()}
        if strands & COMMUNITY_STRANDS and rng.random() < 0.12:
            # Specialist advice from a community group: no consent covers a community group,
            # so the referral is anonymised.
            story.refer(cast.community, cast.community_staff, story.after(8, 120, start=base))
    if contact is not None and rng.random() < (0.6 if story.recent else 0.3):
        story.risk(contact + 10 * datetime.timedelta(minutes=1))
    first = not ctx.stats["messages"] and ctx.now - plan.opened_at < 3 * RECENT
    if first or rng.random() < (0.35 if story.recent else 0.08):
        story.conversation(base)
    story.notes(base)
    story.tasks(base)
    story.close()
    return story.case
