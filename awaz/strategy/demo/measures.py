"""The demo's performance measures: ten across the four strands, each with a target.
Computed ones (mostly strands 2 and 4) work on the demo's reports, cases and survey answers;
entered ones have two years of quarterly values (fictional figures) entered by a member of
staff of the partner who enters the measure, or by the chair where the demo has nobody
there, with one correction to show the history. Everything goes through the services.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from awaz.core.models import User
from awaz.core.quarters import Quarter
from awaz.partners.models import Role
from awaz.partners.selectors import organisation_list, staff_list_all
from awaz.strategy.access import CONTRIBUTORS
from awaz.strategy.demo.content import CSP, CUMBERLAND, NAME, POLICE, PROBATION
from awaz.strategy.models import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    Strategy,
    Unit,
)
from awaz.strategy.services.measures import MeasureDetails, measure_create, measure_value_enter

UP, DOWN = GoodDirection.UP, GoodDirection.DOWN
QUARTERS = 8  # two years of entered values


@dataclass(frozen=True)
class MeasureSpec:
    strand: int
    name: str
    description: str
    direction: GoodDirection
    target: Decimal | None
    computation: Computation | None = None
    entered_by: str = ""  # organisation name, for entered measures
    unit: Unit = Unit.COUNT
    # Entered measures: the first and last quarter's typical value (a trend with noise).
    trend: tuple[float, float] = (0.0, 0.0)
    # One quarter's first figure is corrected later (the history shows both).
    corrected: bool = False


MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec(
        1,
        "Schools sessions delivered",
        "Hate crime awareness sessions held in secondary schools in the quarter, from the "
        "council's education team's records.",
        UP,
        Decimal("10"),
        entered_by=CUMBERLAND,
        trend=(4, 12),
    ),
    MeasureSpec(
        1,
        "Staff trained to recognise and report hate crime",
        "Police officers, staff and partner front-line workers who completed the hate crime "
        "awareness course in the quarter.",
        UP,
        Decimal("120"),
        entered_by=POLICE,
        trend=(45, 150),
        corrected=True,
    ),
    MeasureSpec(
        2,
        "Reports received",
        "Every report made through Awaz in the quarter, online, by phone or in person.",
        UP,
        Decimal("90"),
        computation=Computation.REPORTS_TOTAL,
    ),
    MeasureSpec(
        2,
        "Share of reports through reporting centres",
        "Reports made by phone or in person at a third-party reporting centre, as a share "
        "of all reports.",
        UP,
        Decimal("30"),
        computation=Computation.THIRD_PARTY_SHARE,
    ),
    MeasureSpec(
        2,
        "Victims referred to support within the Victims' Code limit",
        "Police-recorded hate crimes whose support referral was made within the Code's "
        "limit (2 working days), as a share of those decided in or out of time.",
        UP,
        Decimal("90"),
        computation=Computation.SUPPORT_REFERRAL_IN_LIMIT,
    ),
    MeasureSpec(
        2,
        "Working days to a support referral (median)",
        "The middle value of the working days from the police receiving the crime to the "
        "referral to victim support.",
        DOWN,
        Decimal("2"),
        computation=Computation.SUPPORT_REFERRAL_MEDIAN_DAYS,
    ),
    MeasureSpec(
        2,
        "Victims satisfied with the service",
        "Survey answers received in the quarter rating the service satisfied or very satisfied.",
        UP,
        Decimal("75"),
        computation=Computation.SATISFACTION,
    ),
    MeasureSpec(
        3,
        "Offenders completing a values, attitudes and behaviour programme",
        "People on probation for hate-motivated offences who completed the programme in "
        "the quarter.",
        UP,
        Decimal("6"),
        entered_by=PROBATION,
        trend=(1, 7),
    ),
    MeasureSpec(
        4,
        "Repeat-victim rate",
        "Victims with two or more incidents in the 12 months to the quarter's end, as a "
        "share of victims with one or more (only reports giving a way to match them).",
        DOWN,
        Decimal("10"),
        computation=Computation.REPEAT_VICTIM_RATE,
    ),
    MeasureSpec(
        4,
        "Partner quarterly returns received on time",
        "Partners who sent their quarterly figures to the partnership by the deadline, as "
        "a share of those asked.",
        UP,
        Decimal("100"),
        entered_by=CSP,
        unit=Unit.PERCENT,
        trend=(70, 95),
    ),
)

CORRECTION_NOTE = (
    "Corrected: a late return from the west of the county added to the first figure (fictional)."
)
NOTES = (
    "From the partner's quarterly return (fictional figures).",
    "Figures checked against the attendance registers (fictional).",
    "",
)


def _voice(organisation_id: int, chair: User) -> User:
    """A contributor of the organisation if the demo has one, else the chair."""
    membership = (
        staff_list_all()
        .filter(organisation_id=organisation_id, role__in=list(CONTRIBUTORS), user__is_active=True)
        .order_by("pk")
        .first()
    )
    return membership.user if membership else chair


def _series(spec: MeasureSpec, rng: random.Random) -> list[Decimal]:
    first, last = spec.trend
    values = []
    for k in range(QUARTERS):
        typical = first + (last - first) * k / (QUARTERS - 1)
        value = max(0.0, typical * rng.uniform(0.85, 1.15))
        if spec.unit == Unit.PERCENT:
            value = min(value, 100.0)
            values.append(Decimal(str(round(value, 1))))
        else:
            values.append(Decimal(round(value)))
    return values


def demo_measures_seed(
    *,
    seed: int = 42,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Add the demo measures to the demo strategy (made by ``demo_strategy_seed``) and enter
    two years of values for the entered ones. Returns the number of measures added (0 when
    there is no demo strategy, or it has measures already)."""
    today = today or timezone.localdate()
    strategy = Strategy.objects.filter(name=NAME, is_demo=True).first()
    if strategy is None or Measure.objects.filter(strategy=strategy).exists():
        return 0
    chair_membership = (
        staff_list_all()
        .filter(role=Role.CHAIR, organisation__is_demo=True, user__is_active=True)
        .order_by("pk")
        .first()
    )
    if chair_membership is None:
        return 0
    chair = chair_membership.user
    say = progress or (lambda _message: None)
    say(f"Performance measures: {len(MEASURES)}, with two years of entered values")
    rng = random.Random(seed)
    organisations = {o.name: o for o in organisation_list() if o.is_demo}
    strands = {s.number: s for s in strategy.strands.all()}
    latest = Quarter.latest_complete(today)
    quarters = [latest.shift(k - QUARTERS + 1) for k in range(QUARTERS)]
    for order, spec in enumerate(MEASURES, start=1):
        organisation = organisations.get(spec.entered_by) if spec.entered_by else None
        measure = measure_create(
            strategy=strategy,
            details=MeasureDetails(
                name=spec.name,
                description=spec.description,
                strand=strands[spec.strand],
                source=MeasureSource.COMPUTED if spec.computation else MeasureSource.ENTERED,
                computation=spec.computation or "",
                entered_by_organisation=organisation,
                unit=spec.unit,
                good_direction=spec.direction,
                target=spec.target,
                sort_order=order * 10,
            ),
            actor=chair,
        )
        if organisation is None:
            continue
        author = _voice(organisation.pk, chair)
        for quarter, value in zip(quarters, _series(spec, rng), strict=True):
            note = rng.choice(NOTES)
            if spec.corrected and quarter == quarters[-3]:
                # A first figure, then a correction: the history shows both.
                measure_value_enter(
                    measure=measure,
                    quarter=quarter,
                    value=max(Decimal(0), value - 18),
                    note=note,
                    actor=author,
                    today=today,
                )
                note = CORRECTION_NOTE
            measure_value_enter(
                measure=measure, quarter=quarter, value=value, note=note, actor=author, today=today
            )
    return len(MEASURES)
