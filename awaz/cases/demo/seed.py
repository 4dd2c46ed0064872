"""The demo partnership at work on the demo reports: which reports become cases, which are
linked to a repeat victim's case, which are closed at triage, and which wait in the inbox.

- The newest reports (about 25 of a thousand) mostly wait in the inbox; two are claimed.
- Older reports: about six in ten become cases (a repeat victim's later reports join the
  first one's case), about one in ten is closed at triage (duplicate, not hate-related,
  test); the rest keep the status the reports seed gave them (handled without a case).
- Reports the reports seed left "being looked at" or "passed to support" are always
  triaged, so the inbox holds only new work; its dates (first look, passed to support,
  closed) become the case's dates.
- A few crimes reported to the police (``police.py``) become police cases.
- One or two open cases get an ASB case review at different stages.

Everything goes through the cases services with the demo caseworkers as actors
(``story/``); the same seed on the same day gives the same case work.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from awaz.cases.demo.cast import Cast, demo_cast_prepare
from awaz.cases.demo.police import police_reports_create
from awaz.cases.demo.story import CasePlan, StoryContext, case_story_run
from awaz.cases.models import Case, CloseReason, TriageRecord
from awaz.cases.selectors import classification_options
from awaz.cases.services import (
    case_review_acknowledge,
    case_review_decide,
    case_review_meeting_held,
    case_review_request,
    triage_claim,
    triage_close,
)
from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.geo.models import Area, AreaLevel
from awaz.partners.models import Organisation, OrganisationKind
from awaz.reporting.models import EntryKind, Report, ReportEntry, ReportStatus

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
CLOSE_REASONS = {CloseReason.DUPLICATE: 40, CloseReason.NOT_HATE: 45, CloseReason.TEST: 15}


@dataclass
class DemoCasesSummary:
    counts: Counter[str] = field(default_factory=Counter)
    police_reports: int = 0
    closed_at_triage: int = 0
    untriaged: int = 0
    case_reviews: int = 0
    seconds: float = 0.0


def demo_cases_present() -> bool:
    """``--if-empty``: the database already has case work (any triage)."""
    return TriageRecord.objects.exists()


def _seeded_status_times(report_ids: list[int]) -> dict[int, list[datetime.datetime]]:
    """When the reports seed changed each report's status, oldest first."""
    times: dict[int, list[datetime.datetime]] = {}
    rows = (
        ReportEntry.objects.filter(report_id__in=report_ids, kind=EntryKind.STATUS_CHANGED)
        .order_by("created_at", "id")
        .values_list("report_id", "created_at")
    )
    for report_id, created_at in rows:
        times.setdefault(report_id, []).append(created_at)
    return times


def _councils_by_area(cast: Cast) -> dict[int, Organisation]:
    """Neighbourhood area id -> the demo council of its local authority."""
    found: dict[int, Organisation] = {}
    for area in Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).select_related("parent"):
        parent = area.parent.name if area.parent else ""
        for name, council in cast.councils.items():
            if parent and name.startswith(parent):
                found[area.pk] = council
    return found


class _Planner:
    def __init__(self, *, rng: random.Random, now: datetime.datetime, cast: Cast) -> None:
        self.rng, self.now, self.cast = rng, now, cast
        self.latest = now - 10 * datetime.timedelta(minutes=1)

    def lead_for(self, report: Report) -> User:
        org_id = report.receiving_organisation_id or 0
        if org_id == self.cast.hub.pk:
            return self.rng.choice(self.cast.hub_staff)
        return self.cast.staff_of(org_id)[0]

    def first_look(self, report: Report, times: list[datetime.datetime]) -> datetime.datetime:
        moment = times[0] if times else report.submitted_at + self.rng.uniform(1, 20) * HOUR
        return min(moment, self.latest)

    def plan(
        self,
        reports: list[Report],
        times: list[datetime.datetime],
        *,
        police: bool = False,
    ) -> CasePlan:
        primary = reports[0]
        rng = self.rng
        if police:
            opened = min(primary.submitted_at + rng.uniform(1, 8) * HOUR, self.latest)
        else:
            opened = self.first_look(primary, times)
        status = primary.status
        referral_at = None
        if len(times) >= 2 and (status == ReportStatus.PASSED_TO_SUPPORT or len(times) == 3):
            referral_at = times[1]
        close_at: datetime.datetime | None = None
        age = self.now - opened
        if police:
            if age > 45 * DAY and rng.random() < 0.85:
                close_at = opened + rng.uniform(20, 90) * DAY
        elif status == ReportStatus.CLOSED and times:
            close_at = times[-1]
        elif age > 60 * DAY and rng.random() < 0.85:
            close_at = opened + rng.uniform(14, 80) * DAY
        if close_at is not None and len(reports) > 1:
            close_at = max(close_at, reports[-1].submitted_at + rng.uniform(7, 40) * DAY)
        if close_at is not None and close_at > self.now - DAY:
            close_at = None
        return CasePlan(
            reports=reports,
            lead=self.lead_for(primary),
            opened_at=opened,
            close_at=close_at,
            police=police,
            referral_at=referral_at,
            police_received=primary.submitted_at if police else None,
        )


def _freshen(
    *, rng: random.Random, now: datetime.datetime, plans: list[CasePlan], count: int = 3
) -> None:
    """The newest open cases were triaged in the last day (their reports waited in the
    inbox): nobody has contacted the victim yet, so their clocks are running or at risk."""
    newest = sorted(
        (p for p in plans if p.close_at is None and len(p.reports) == 1),
        key=lambda p: p.reports[0].submitted_at,
    )[-count:]
    for plan in newest:
        submitted = plan.reports[0].submitted_at
        if plan.police_received is not None:  # the police record a crime within the hour
            plan.opened_at = min(submitted + HOUR, now - 40 * datetime.timedelta(minutes=1))
        else:
            plan.opened_at = max(submitted + HOUR, now - rng.uniform(2, 30) * HOUR)
        plan.fresh = plan.opened_at < now - 30 * datetime.timedelta(minutes=1)


def _choose(
    rng: random.Random, reports: list[Report], hub_id: int
) -> tuple[set[int], list[list[Report]], list[Report]]:
    """(untriaged ids, groups made into cases (primary first), reports closed at triage)."""
    n = len(reports)
    wanted = max(5, min(25, round(0.025 * n)))
    pool = reports[-round(1.6 * wanted) :] if n else []
    waiting = [r for r in reversed(pool) if r.status != ReportStatus.CLOSED]
    untriaged: set[int] = set()
    for report in waiting:
        if len(untriaged) < wanted and rng.random() < 0.72:
            untriaged.add(report.pk)
    for report in waiting:  # at least ``wanted`` in a small demo, the newest first
        if len(untriaged) >= wanted:
            break
        untriaged.add(report.pk)
    older = [r for r in reports if r.pk not in untriaged]
    # Repeat victims: the same contact details reported to the same organisation.
    by_person: dict[tuple[int, str], list[Report]] = {}
    for report in older:
        if report.email_index:
            key = (report.receiving_organisation_id or 0, report.email_index)
            by_person.setdefault(key, []).append(report)
    groups = [g for g in by_person.values() if len(g) > 1]
    grouped = {r.pk for g in groups for r in g}
    cases: list[list[Report]] = list(groups)
    closed: list[Report] = []
    recent_ids = {r.pk for r in pool}
    for report in older:
        if report.pk in grouped:
            continue
        roll = rng.random()
        if report.pk in recent_ids or report.status != ReportStatus.CLOSED:
            if roll < 0.1:
                closed.append(report)
            else:
                cases.append([report])
        elif roll < 0.125:
            closed.append(report)
        elif roll < 0.625:
            cases.append([report])
    return untriaged, cases, closed


def demo_cases_seed(
    *,
    seed: int = 42,
    now: datetime.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoCasesSummary:
    """Case work on the demo reports (see the module docstring). Needs the reports seed."""
    started = time.monotonic()
    now = now or timezone.now()
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    demo_reports = Report.objects.filter(receiving_organisation__is_demo=True)
    first = demo_reports.order_by("submitted_at").first()
    if first is None:
        raise ApplicationError("Load the demo reports first (manage.py seed_demo).")
    summary = DemoCasesSummary()
    say("Case work: caseworkers for the police and the councils, notices in a daily digest")
    cast = demo_cast_prepare()
    count = demo_reports.count()
    police = police_reports_create(
        rng=rng,
        count=max(2, round(count / 17)),
        start=timezone.localdate(first.submitted_at),
        now=now,
        police=cast.police,
        key_prefix=f"awaz-demo-police:{seed}",
    )
    # ... and one since yesterday, so a Victims' Code clock is running now.
    police += police_reports_create(
        rng=rng,
        count=1,
        start=timezone.localdate(now) - DAY,
        now=now,
        police=cast.police,
        key_prefix=f"awaz-demo-police-new:{seed}",
        named_only=True,
    )
    summary.police_reports = len(police)
    police_ids = {r.pk for r in police}
    reports = list(
        demo_reports.exclude(pk__in=police_ids)
        .exclude(receiving_organisation__kind=OrganisationKind.POLICE)
        .order_by("submitted_at", "id")
    )
    times = _seeded_status_times([r.pk for r in reports])
    untriaged, groups, closed = _choose(rng, reports, cast.hub.pk)
    planner = _Planner(rng=rng, now=now, cast=cast)
    plans = [planner.plan(group, times.get(group[0].pk, [])) for group in groups]
    police_plans = [planner.plan([report], [], police=True) for report in police]
    plans += police_plans
    _freshen(rng=rng, now=now, plans=[p for p in plans if p.reports[0].pk not in police_ids])
    _freshen(rng=rng, now=now, plans=police_plans, count=1)
    plans.sort(key=lambda p: (p.opened_at, p.reports[0].pk))
    ctx = StoryContext(
        rng=rng,
        now=now,
        cast=cast,
        classifications={
            c.code: c
            for c in classification_options(on=timezone.localdate(now)).order_by("version")
        },
        councils_by_area=_councils_by_area(cast),
    )
    say(f"Case work: {len(plans)} cases, {len(closed)} reports closed at triage")
    open_cases: list[tuple[Case, CasePlan]] = []
    for i, plan in enumerate(plans, start=1):
        case = case_story_run(ctx, plan)
        if plan.close_at is None:
            open_cases.append((case, plan))
        if i % 100 == 0:
            say(f"  {i} cases")
    for report in closed:
        triage_close(
            report_id=report.pk,
            reason=rng.choices(list(CLOSE_REASONS), weights=list(CLOSE_REASONS.values()))[0],
            actor=planner.lead_for(report),
            at=planner.first_look(report, times.get(report.pk, [])),
        )
    summary.closed_at_triage = len(closed)
    summary.case_reviews = _case_reviews(rng=rng, now=now, open_cases=open_cases)
    hub_waiting = [
        r for r in reports if r.pk in untriaged and r.receiving_organisation_id == cast.hub.pk
    ]
    for report in hub_waiting[:2]:
        triage_claim(report_id=report.pk, actor=cast.hub_staff[0])
    summary.untriaged = (
        demo_reports.exclude(status=ReportStatus.CLOSED).exclude(triage__decision__gt="").count()
    )
    summary.counts = ctx.stats
    summary.seconds = time.monotonic() - started
    return summary


def _case_reviews(
    *, rng: random.Random, now: datetime.datetime, open_cases: list[tuple[Case, CasePlan]]
) -> int:
    """An ASB case review on one or two open cases (repeat victims first): one that has
    run its course to the meeting, one requested a few days ago."""
    candidates = sorted(open_cases, key=lambda item: (-len(item[1].reports), item[1].opened_at))
    made = 0
    for case, plan in candidates[:2]:
        if made == 0:
            requested = max(plan.opened_at + 2 * DAY, now - 30 * DAY)
            steps = [(4, case_review_acknowledge), (10, "decide"), (18, case_review_meeting_held)]
        else:
            requested = max(plan.opened_at + HOUR, now - 3 * DAY)
            steps = []
        if requested >= now - HOUR:
            continue
        review = case_review_request(case=case, actor=plan.lead, requested_at=requested)
        made += 1
        for days, step in steps:
            at = requested + days * DAY + rng.uniform(1, 6) * HOUR
            if at >= now:
                break
            if step == "decide":
                case_review_decide(review_id=review.pk, threshold_met=True, actor=plan.lead, at=at)
            else:
                step(review_id=review.pk, actor=plan.lead, at=at)  # type: ignore[operator]
    return made


__all__ = ["DemoCasesSummary", "demo_cases_present", "demo_cases_seed"]
