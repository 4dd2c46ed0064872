"""What a demo case's story is told from: the plan of one case, the context shared by every
case (the random draws, "now", the cast, the running counts), time units and outcome weights."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from awaz.cases.demo.cast import Cast
from awaz.cases.models import CaseOutcome, Classification
from awaz.core.models import User
from awaz.partners.models import Organisation
from awaz.reporting.models import Report

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
