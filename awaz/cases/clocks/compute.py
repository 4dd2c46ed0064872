"""Deriving each case's clocks from its data, for one case or many in fixed queries."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from awaz.cases import workdays
from awaz.cases.clocks.limits import at_risk_horizon, holidays_from, limits_in, time_limit_sets
from awaz.cases.clocks.types import (
    CLOCK_LABELS,
    NO_INVESTIGATION,
    Clock,
    ClockKind,
    ClockState,
    StopReason,
)
from awaz.cases.models import (
    Case,
    CaseEvent,
    CaseReport,
    CaseStatus,
    EventKind,
    Referral,
    ReferralStatus,
    TimeLimitSet,
)
from awaz.partners.models import OrganisationKind
from awaz.reporting.models import ConsentPurpose, ConsentRecord, RecipientKind

# Fetching -----------------------------------------------------------------------------

UPDATE_KINDS = frozenset(
    {EventKind.CONTACT, EventKind.MESSAGE_TO_REPORTER, EventKind.VICTIM_INFORMED}
)
CONTACT_KINDS = frozenset({EventKind.CONTACT, EventKind.MESSAGE_TO_REPORTER})
CLOCK_EVENT_KINDS = UPDATE_KINDS | {EventKind.DECISION, EventKind.NOTE}


def with_clock_data(cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` with what the clocks need, in a fixed number of queries (no encrypted
    column is read): classification, referrals, clock events and the primary report."""
    return cases.select_related("classification", "lead_organisation").prefetch_related(
        Prefetch(
            "referrals",
            queryset=Referral.objects.exclude(status=ReferralStatus.WITHDRAWN)
            .annotate(to_kind=F("to_organisation__kind"))
            .only("id", "case", "status", "sent_at")
            .order_by("sent_at", "id"),
            to_attr="clock_referrals",
        ),
        Prefetch(
            "events",
            queryset=CaseEvent.objects.filter(kind__in=CLOCK_EVENT_KINDS)
            .only("id", "case", "kind", "occurred_at", "shared_with_reporter", "details")
            .order_by("occurred_at", "id"),
            to_attr="clock_events",
        ),
        Prefetch(
            "case_reports",
            queryset=CaseReport.objects.filter(is_primary=True).only("id", "case", "report"),
            to_attr="primary_links",
        ),
    )


def contact_allowed_report_ids(report_ids: Collection[int], *, now: datetime.datetime) -> set[int]:
    """Reports whose consent in force allows contact by the receiving organisation: the
    rule of ``awaz.reporting.selectors.consent_allows`` (newest decision per purpose and
    recipient; granted; not expired), for many reports in one query."""
    if not report_ids:
        return set()
    rows = (
        ConsentRecord.objects.filter(
            report_id__in=report_ids,
            purpose=ConsentPurpose.CONTACT,
            recipient_kind=RecipientKind.RECEIVING_ORGANISATION,
        )
        .order_by("recorded_at", "id")
        .values_list("report_id", "granted", "expires_at")
    )
    current: dict[int, tuple[bool, datetime.datetime | None]] = {}
    for report_id, granted, expires_at in rows:
        current[report_id] = (granted, expires_at)
    return {
        report_id
        for report_id, (granted, expires_at) in current.items()
        if granted and (expires_at is None or expires_at > now)
    }


# Computing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    now: datetime.datetime
    horizon: datetime.datetime
    sets: Sequence[TimeLimitSet]
    contact_allowed: set[int]  # report ids


def _finish(
    ctx: _Context,
    case: Case,
    *,
    kind: ClockKind,
    started_at: datetime.datetime,
    due_at: datetime.datetime,
    stopped_at: datetime.datetime | None = None,
    stop_reason: StopReason = StopReason.NONE,
    detail: str = "",
    source_id: int | None = None,
) -> Clock:
    if stop_reason == StopReason.NONE and case.status == CaseStatus.CLOSED and case.closed_at:
        stopped_at, stop_reason = case.closed_at, StopReason.CASE_CLOSED
    breached_by: datetime.timedelta | None = None
    if stop_reason == StopReason.NONE:
        if ctx.now > due_at:
            state, breached_by = ClockState.BREACHED, ctx.now - due_at
        elif due_at <= ctx.horizon:
            state = ClockState.AT_RISK
        else:
            state = ClockState.RUNNING
    elif stopped_at is None:  # not needed (opted out)
        state = ClockState.ENDED
    elif stopped_at > due_at:
        state, breached_by = ClockState.BREACHED, stopped_at - due_at
    elif stop_reason == StopReason.CASE_CLOSED:
        state = ClockState.ENDED
    else:
        state = ClockState.MET
    return Clock(
        kind=kind,
        label=CLOCK_LABELS[kind],
        started_at=started_at,
        due_at=due_at,
        stopped_at=stopped_at,
        state=state,
        breached_by=breached_by,
        stop_reason=stop_reason,
        detail=detail,
        source_id=source_id,
    )


def _deadline(ctx: _Context, start: datetime.datetime, working_days: int) -> datetime.datetime:
    holidays = holidays_from(workdays.local_date(start), now=ctx.now)
    return workdays.add_working_days(start, working_days, holidays=holidays)


def _support_referral(ctx: _Context, case: Case, start: datetime.datetime) -> Clock:
    limits = limits_in(ctx.sets, workdays.local_date(start))
    due = _deadline(ctx, start, limits.support_referral_working_days)
    common: dict[str, Any] = {"kind": ClockKind.SUPPORT_REFERRAL, "started_at": start}
    if case.lead_organisation.kind == OrganisationKind.VICTIM_SUPPORT:
        return _finish(
            ctx,
            case,
            due_at=due,
            stopped_at=start,
            stop_reason=StopReason.LEAD_IS_SUPPORT,
            **common,
        )
    for referral in getattr(case, "clock_referrals", []):
        if referral.to_kind == OrganisationKind.VICTIM_SUPPORT:
            return _finish(
                ctx,
                case,
                due_at=due,
                stopped_at=max(referral.sent_at, start),
                stop_reason=StopReason.REFERRAL,
                **common,
            )
    if case.support_opt_out:
        return _finish(ctx, case, due_at=due, stop_reason=StopReason.OPT_OUT, **common)
    return _finish(ctx, case, due_at=due, **common)


def _decision_clocks(ctx: _Context, case: Case, events: list[CaseEvent]) -> list[Clock]:
    informed: dict[int, datetime.datetime] = {}
    for event in events:
        if event.kind == EventKind.VICTIM_INFORMED:
            try:
                decision_id = int(event.details.get("decision_event_id"))
            except (TypeError, ValueError):
                continue
            informed.setdefault(decision_id, event.occurred_at)
    clocks = []
    for event in events:
        if event.kind != EventKind.DECISION:
            continue
        decision = str(event.details.get("decision", ""))
        limits = limits_in(ctx.sets, workdays.local_date(event.occurred_at))
        if decision == NO_INVESTIGATION:
            days = limits.no_investigation_working_days
        elif case.is_enhanced_rights:
            days = limits.key_decision_working_days_enhanced
        else:
            days = limits.key_decision_working_days_other
        told = informed.get(event.pk)
        clocks.append(
            _finish(
                ctx,
                case,
                kind=ClockKind.KEY_DECISION,
                started_at=event.occurred_at,
                due_at=_deadline(ctx, event.occurred_at, days),
                stopped_at=told,
                stop_reason=StopReason.INFORMED if told else StopReason.NONE,
                detail=decision,
                source_id=event.pk,
            )
        )
    return clocks


def _update_due(ctx: _Context, start: datetime.datetime) -> datetime.datetime:
    limits = limits_in(ctx.sets, workdays.local_date(start))
    day = workdays.local_date(start) + datetime.timedelta(days=limits.update_interval_days)
    holidays = holidays_from(day, now=ctx.now)
    return workdays.end_of_day(workdays.working_day_on_or_after(day, holidays))


def _update_clocks(
    ctx: _Context, case: Case, start: datetime.datetime, events: list[CaseEvent]
) -> list[Clock]:
    updates = [
        event.occurred_at
        for event in events
        if event.occurred_at > start
        and (
            event.kind in UPDATE_KINDS
            or (event.kind == EventKind.NOTE and event.shared_with_reporter)
        )
    ]
    if case.closed_at is not None:
        updates = [moment for moment in updates if moment <= case.closed_at]
    clocks = []
    for moment in updates:
        if moment <= start:  # two updates at the same moment make one
            continue
        clocks.append(
            _finish(
                ctx,
                case,
                kind=ClockKind.UPDATE,
                started_at=start,
                due_at=_update_due(ctx, start),
                stopped_at=moment,
                stop_reason=StopReason.UPDATE,
            )
        )
        start = moment
    clocks.append(
        _finish(ctx, case, kind=ClockKind.UPDATE, started_at=start, due_at=_update_due(ctx, start))
    )
    return clocks


def _first_contact(ctx: _Context, case: Case, events: list[CaseEvent]) -> Clock | None:
    contact = next((event for event in events if event.kind in CONTACT_KINDS), None)
    links = getattr(case, "primary_links", [])
    allowed = bool(links) and links[0].report_id in ctx.contact_allowed
    if contact is None and not allowed:
        return None
    limits = limits_in(ctx.sets, workdays.local_date(case.opened_at))
    due = _deadline(ctx, case.opened_at, limits.local_first_contact_working_days)
    if contact is not None:
        return _finish(
            ctx,
            case,
            kind=ClockKind.FIRST_CONTACT,
            started_at=case.opened_at,
            due_at=due,
            stopped_at=max(contact.occurred_at, case.opened_at),
            stop_reason=StopReason.CONTACT,
        )
    return _finish(ctx, case, kind=ClockKind.FIRST_CONTACT, started_at=case.opened_at, due_at=due)


def victims_code_applies(case: Case) -> bool:
    return case.classification is not None and case.classification.victims_code_applies


def _clocks_for(ctx: _Context, case: Case) -> list[Clock]:
    events: list[CaseEvent] = list(getattr(case, "clock_events", []))
    if victims_code_applies(case):
        start = case.police_received_at or case.opened_at
        return [
            _support_referral(ctx, case, start),
            *_decision_clocks(ctx, case, events),
            *_update_clocks(ctx, case, start, events),
        ]
    first = _first_contact(ctx, case, events)
    return [first] if first is not None else []


def clocks_for_cases(
    cases: Sequence[Case], *, now: datetime.datetime | None = None
) -> dict[int, list[Clock]]:
    """Each case's clocks (by case id). ``cases`` come from ``with_clock_data``; this adds
    two queries (the time limits, and consent for the local standard), whatever their number."""
    now = now or timezone.now()
    report_ids = [
        case.primary_links[0].report_id  # type: ignore[attr-defined]
        for case in cases
        if not victims_code_applies(case) and getattr(case, "primary_links", None)
    ]
    ctx = _Context(
        now=now,
        horizon=at_risk_horizon(now),
        sets=time_limit_sets() if cases else [],
        contact_allowed=contact_allowed_report_ids(report_ids, now=now),
    )
    return {case.pk: _clocks_for(ctx, case) for case in cases}


def case_clocks(case: Case, *, now: datetime.datetime | None = None) -> list[Clock]:
    """One case's clocks, read fresh (six queries)."""
    fetched = with_clock_data(Case.objects.filter(pk=case.pk)).first()
    if fetched is None:
        return []
    return clocks_for_cases([fetched], now=now)[fetched.pk]
