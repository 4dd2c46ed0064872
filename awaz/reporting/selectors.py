"""Reading reports. Lists for staff go through ``access.reports_visible_to``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from awaz.geo.models import Area
from awaz.reporting.forms.choices import UNDER_18
from awaz.reporting.models import (
    AgeConfirmed,
    Channel,
    ConsentPurpose,
    ConsentRecord,
    Evidence,
    RecipientKind,
    Report,
    ReportEntry,
    ReporterRole,
    Strand,
)


def consent_current(*, report: Report) -> dict[tuple[str, str], ConsentRecord]:
    """The decision in force per (purpose, recipient kind): the newest row of each."""
    current: dict[tuple[str, str], ConsentRecord] = {}
    for row in ConsentRecord.objects.filter(report=report).order_by("recorded_at", "id"):
        current[(row.purpose, row.recipient_kind)] = row
    return current


def consent_allows(*, report: Report, purpose: ConsentPurpose, recipient: RecipientKind) -> bool:
    """Whether consent covers this purpose and recipient now (given, not withdrawn, not
    expired). Every share, referral, export and API read asks this at that moment."""
    row = consent_current(report=report).get((purpose, recipient))
    if row is None or not row.granted:
        return False
    return row.expires_at is None or row.expires_at > timezone.now()


# Staff: the triage inbox ----------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilters:
    """What the inbox is narrowed to; every field optional (empty: no filter)."""

    status: str = ""
    strand_code: str = ""
    area_code: str = ""
    channel: str = ""
    police_consent: bool | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None


def consent_allows_exists(*, purpose: ConsentPurpose, recipient: RecipientKind) -> Exists:
    """SQL twin of ``consent_allows`` for annotating a list of reports: the newest row for
    (purpose, recipient) is a grant that has not expired. One subquery per list, not per
    row."""
    newest = (
        ConsentRecord.objects.filter(
            report=OuterRef(OuterRef("pk")),
            purpose=purpose,
            recipient_kind=recipient,
        )
        .order_by("-recorded_at", "-id")
        .values("id")[:1]
    )
    return Exists(
        ConsentRecord.objects.filter(id=Subquery(newest), granted=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )
    )


def _police_share_allowed() -> Exists:
    return consent_allows_exists(purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE)


def _area_and_descendant_ids(code: str) -> list[int]:
    """The area with this code and every area inside it (areas are few: one query)."""
    rows = list(Area.objects.values_list("id", "parent_id", "code"))
    start = [area_id for area_id, _parent, area_code in rows if area_code == code]
    children: dict[int | None, list[int]] = {}
    for area_id, parent_id, _code in rows:
        children.setdefault(parent_id, []).append(area_id)
    found: list[int] = []
    stack = list(start)
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


INBOX_FIELDS = (
    "id",
    "reference",
    "submitted_at",
    "status",
    "channel",
    "strand_not_sure",
    "receiving_organisation_id",
    "area__code",
    "area__name",
)


def report_inbox_list(*, reports: QuerySet[Report], filters: InboxFilters) -> QuerySet[Report]:
    """Reports for the triage inbox, newest first, narrowed by ``filters``.

    ``reports`` is what the user may see (``access.reports_visible_to``). Each row carries
    ``police_consent`` (bool), its area and its strands, in a fixed number of queries.
    Records imported from a partner's own system are not work to triage (the partner
    handles them there): they are listed only when that channel is chosen.
    """
    qs = reports.annotate(police_consent=_police_share_allowed())
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.strand_code:
        tagged = Report.strands.through.objects.filter(strand__code=filters.strand_code)
        qs = qs.filter(pk__in=tagged.values("report_id"))
    if filters.area_code:
        qs = qs.filter(area_id__in=_area_and_descendant_ids(filters.area_code))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    else:
        qs = qs.exclude(channel=Channel.IMPORTED)
    if filters.police_consent is not None:
        qs = qs.filter(police_consent=filters.police_consent)
    tz = timezone.get_current_timezone()
    if filters.received_from is not None:
        start = datetime.datetime.combine(filters.received_from, datetime.time.min, tzinfo=tz)
        qs = qs.filter(submitted_at__gte=start)
    if filters.received_to is not None:
        end = datetime.datetime.combine(
            filters.received_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        qs = qs.filter(submitted_at__lt=end)
    return (
        # Only what the list shows: no encrypted column is read (or decrypted) for a list.
        qs.only(*INBOX_FIELDS)
        .select_related("area")
        .prefetch_related(Prefetch("strands", queryset=Strand.objects.order_by("sort_order")))
        .order_by("-submitted_at", "-id")
    )


def report_timeline(*, report: Report) -> list[ReportEntry]:
    """The report's timeline, oldest first, with who made each entry and its evidence."""
    return list(
        ReportEntry.objects.filter(report=report)
        .select_related("created_by")
        .prefetch_related("evidence")
        .order_by("created_at", "id")
    )


def evidence_list(*, report: Report) -> list[Evidence]:
    return list(Evidence.objects.filter(report=report).order_by("created_at", "id"))


def report_child_safeguarding(*, report: Report) -> list[str]:
    """Why this report may involve a child (the person reporting, or the person it
    happened to), in words for staff; empty when no answer says so. Any one answer is
    enough: staff follow their safeguarding procedure."""
    details: Any = report.victim_details
    age_band = details.get("age_band") if isinstance(details, dict) else None
    reasons: list[str] = []
    if report.age_confirmed == AgeConfirmed.ADULT:
        reasons.append(
            _(
                "The person reporting said they are under 18, then, when asked which is "
                "right, that they are 18 or over. Check their age."
            )
        )
    elif report.reporter_is_under_18:
        reasons.append(_("The person reporting said they are under 18."))
    if report.age_confirmed == AgeConfirmed.UNDER_18:
        reasons.append(
            _(
                "The person reporting first said they are not under 18, then, when asked "
                "which is right, that they are under 18."
            )
        )
    if age_band == UNDER_18:
        if report.reporter_role == ReporterRole.VICTIM:
            reasons.append(
                _("The person it happened to (the person reporting) gave their age as under 18.")
            )
        else:
            reasons.append(_("The person reporting said the person it happened to is under 18."))
    return [str(reason) for reason in reasons]
