"""The register: each centre with its flags and the reports it recorded per quarter, the
chair's panel, and a centre's page.

Reports are counted by the organisation that recorded them
(``Report.recorded_by_organisation``), by the local date they were submitted, in financial
quarters, with one grouped query for every centre and quarter at once. The register is every
active organisation of kind "reporting centre"; one whose details nobody has recorded yet is
on it too, flagged, so none is forgotten.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.selectors import audit_events_for_target
from awaz.core.quarters import Quarter
from awaz.partners.models import Organisation, OrganisationKind
from awaz.partners.selectors import organisation_list
from awaz.reporting.models import Report
from awaz.strategy.models import CentreTraining, ReportingCentre
from awaz.strategy.selectors_centres.flags import (
    CentreFlag,
    centre_flags,
    is_verified,
    quiet_quarters,
    verified_cutoff,
    verify_months,
)

# How many complete quarters the register shows, and the centre's page.
REGISTER_QUARTERS = 4
PAGE_QUARTERS = 8
CENTRE_EVENTS = frozenset(
    {
        AuditEventType.CENTRE_DETAILS_RECORDED,
        AuditEventType.CENTRE_DETAILS_CHANGED,
        AuditEventType.CENTRE_VERIFIED,
        AuditEventType.CENTRE_TRAINING_ADDED,
    }
)


# Reports received per quarter --------------------------------------------------------------


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def reports_received(
    *, organisation_ids: Iterable[int], first: Quarter, last: Quarter
) -> dict[tuple[int, Quarter], int]:
    """Reports each organisation recorded, by the financial quarter (local time) they were
    submitted in, from ``first`` to ``last``: one grouped query. Missing keys are 0."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    rows = (
        Report.objects.filter(
            recorded_by_organisation_id__in=ids,
            submitted_at__gte=_local_midnight(first.start),
            submitted_at__lt=_local_midnight(last.shift(1).start),
        )
        .annotate(quarter=TruncQuarter("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values_list("recorded_by_organisation_id", "quarter")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[int, Quarter], int] = defaultdict(int)
    for organisation_id, quarter_start, n in rows:
        day = (
            quarter_start.date() if isinstance(quarter_start, datetime.datetime) else quarter_start
        )
        counts[(organisation_id, Quarter.of(day))] += n
    return dict(counts)


def last_quarters(today: datetime.date, count: int) -> list[Quarter]:
    """The last ``count`` complete quarters before today, oldest first."""
    latest = Quarter.latest_complete(today)
    return [latest.shift(-n) for n in reversed(range(count))]


# The register ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreRow:
    organisation: Organisation
    centre: ReportingCentre | None
    flags: tuple[CentreFlag, ...]
    received: tuple[int, ...]  # reports per quarter of the register, oldest first
    last_training_on: datetime.date | None
    is_public: bool  # on the public page now

    @property
    def needs_action(self) -> bool:
        return any(flag.needs_action for flag in self.flags)


@dataclass(frozen=True)
class CentreFilters:
    flagged_only: bool = False
    area_id: int | None = None

    @property
    def active(self) -> bool:
        return self.flagged_only or self.area_id is not None


@dataclass
class CentreRegister:
    rows: list[CentreRow]  # those matching the filters
    total: int  # every centre
    flagged: int  # centres with any flag
    quarters: list[Quarter]
    areas: list[tuple[int, str]]  # (id, name) of the centres' areas, for the filter
    months: int


def _centre_organisations() -> QuerySet[Organisation]:
    return (
        organisation_list(kind=OrganisationKind.REPORTING_CENTRE)
        .select_related("centre__area", "centre__last_verified_by")
        .annotate(last_training_on=Max("centre__trainings__trained_on"))
    )


def _centre_of(organisation: Organisation) -> ReportingCentre | None:
    # The reverse one-to-one raises a subclass of AttributeError when there is no row.
    return getattr(organisation, "centre", None)


def _rows(
    organisations: Sequence[Organisation], *, quarters: Sequence[Quarter], today: datetime.date
) -> list[CentreRow]:
    quiet = quiet_quarters(today)
    first = min(quarters[0], quiet[0])
    counts = reports_received(
        organisation_ids=[o.pk for o in organisations], first=first, last=quarters[-1]
    )
    months = verify_months()
    rows = []
    for organisation in organisations:
        centre = _centre_of(organisation)
        recent = sum(counts.get((organisation.pk, q), 0) for q in quiet)
        flags = centre_flags(
            recorded=centre is not None,
            last_verified_on=centre.last_verified_on if centre else None,
            trained_staff=centre.trained_staff if centre else 0,
            has_private_space=centre.has_private_space if centre else False,
            recent_reports=recent,
            today=today,
            months=months,
        )
        rows.append(
            CentreRow(
                organisation=organisation,
                centre=centre,
                flags=flags,
                received=tuple(counts.get((organisation.pk, q), 0) for q in quarters),
                last_training_on=getattr(organisation, "last_training_on", None),
                is_public=centre is not None
                and centre.is_listed
                and is_verified(centre.last_verified_on, today=today, months=months),
            )
        )
    return rows


def centre_register(*, filters: CentreFilters, today: datetime.date) -> CentreRegister:
    """Every centre with its flags and the reports it recorded in each of the last
    ``REGISTER_QUARTERS`` complete quarters (two queries, whatever the number of centres)."""
    quarters = last_quarters(today, REGISTER_QUARTERS)
    rows = _rows(list(_centre_organisations()), quarters=quarters, today=today)
    areas = sorted(
        {(r.centre.area.pk, r.centre.area.name) for r in rows if r.centre and r.centre.area},
        key=lambda a: (a[1], a[0]),
    )
    matching = [
        r
        for r in rows
        if (not filters.flagged_only or r.flags)
        and (
            filters.area_id is None
            or (r.centre is not None and r.centre.area_id == filters.area_id)
        )
    ]
    return CentreRegister(
        rows=matching,
        total=len(rows),
        flagged=sum(1 for r in rows if r.flags),
        quarters=quarters,
        areas=areas,
        months=verify_months(),
    )


def centres_flagged(*, today: datetime.date) -> list[CentreRow]:
    """Centres with a flag, for the chair's page: those needing action first, then by
    name (two queries)."""
    rows = _rows(list(_centre_organisations()), quarters=quiet_quarters(today), today=today)
    flagged = [r for r in rows if r.flags]
    flagged.sort(key=lambda r: (not r.needs_action, r.organisation.name))
    return flagged


@dataclass(frozen=True)
class CentrePanel:
    """The chair's page: centres needing action in full, and how many more need attention."""

    needing_action: list[CentreRow]
    attention_only: int


def centre_panel(*, today: datetime.date) -> CentrePanel:
    rows = centres_flagged(today=today)
    return CentrePanel(
        needing_action=[r for r in rows if r.needs_action],
        attention_only=sum(1 for r in rows if not r.needs_action),
    )


# A centre's page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterCount:
    quarter: Quarter
    count: int
    complete: bool


def centre_page(*, organisation: Organisation, today: datetime.date) -> dict[str, Any]:
    """The centre's details, flags, training sessions (newest first), the reports it
    recorded in each of the last ``PAGE_QUARTERS`` complete quarters and this one so far,
    and the history of its details from the audit log (newest first)."""
    complete = last_quarters(today, PAGE_QUARTERS)
    current = Quarter.of(today)
    row = _rows([organisation], quarters=[*complete, current], today=today)[0]
    counts = [
        QuarterCount(quarter=q, count=n, complete=q != current)
        for q, n in zip([*complete, current], row.received, strict=True)
    ]
    centre = row.centre
    trainings: list[CentreTraining] = []
    history: list[Any] = []
    if centre is not None:
        trainings = list(
            CentreTraining.objects.filter(centre=centre)
            .select_related("recorded_by")
            .order_by("-trained_on", "-id")
        )
        history = [
            event
            for event in audit_events_for_target(
                target_type=ReportingCentre._meta.label_lower, target_id=centre.pk
            )
            if event.event_type in CENTRE_EVENTS
        ]
        history.reverse()
    return {
        "organisation": organisation,
        "centre": centre,
        "row": row,
        "flags": row.flags,
        "counts": list(reversed(counts)),
        "trainings": trainings,
        "people_trained": sum(t.people_trained for t in trainings),
        "history": history,
        "months": verify_months(),
        "verified_cutoff": verified_cutoff(today=today, months=verify_months()),
    }
