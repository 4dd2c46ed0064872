"""Repeat victims and places, and the ASB case review ("community trigger") threshold.

Matching never decrypts anything in bulk:

- **same victim**: the keyed blind indexes of the contact details (e-mail, phone; a name
  only together with the same postcode district or area), or a linked person: another
  report in the same case;
- **same place**: the generalised 50 m British National Grid square of each report, within
  ``repeat_place_metres`` (Euclidean distance in BNG metres), found through a bounding box
  on the indexed grid columns and then measured exactly.

Both look back ``repeat_window_months`` from the time-limit set in force. Lists show only
what the user may see (reports their organisation received, or reports in cases they may
see), so a repeat never reveals another organisation's work.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from awaz.cases.access import cases_visible_to
from awaz.cases.clocks import time_limits_on
from awaz.cases.models import Case, CaseReport, TimeLimitSet, TriageDecision
from awaz.core.exceptions import NotFound
from awaz.partners.selectors import membership_for_user
from awaz.reporting.access import reports_visible_to
from awaz.reporting.models import Report

REASON_EMAIL = _("Same e-mail address")
REASON_PHONE = _("Same phone number")
REASON_NAME = _("Same name in the same area")
REASON_CASE = _("In the same case")
REASON_SAME_SQUARE = _("Same 50 metre grid square")
REASON_NEARBY = _("Within %(metres)s metres")

MAX_LISTED = 50


def time_limits_in_force(*, on: datetime.date | None = None) -> TimeLimitSet:
    """The time-limit set in force on ``on`` (today): see ``clocks.time_limits_on``."""
    return time_limits_on(on or timezone.localdate())


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same time ``months`` calendar months earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


@dataclass
class RepeatMatch:
    """An earlier report, why it matched, and where to open it."""

    report: Report
    reasons: list[StrOrPromise] = field(default_factory=list)
    distance_m: int | None = None
    case_id: int | None = None
    in_own_inbox: bool = False  # received by the user's organisation (else: seen via a case)


@dataclass
class Repeats:
    same_victim: list[RepeatMatch]
    same_place: list[RepeatMatch]
    window_months: int
    place_metres: int

    def __bool__(self) -> bool:
        return bool(self.same_victim or self.same_place)


def _visible_reports(user: object) -> QuerySet[Report]:
    """Reports the user's organisation received, or that sit in a case it may see."""
    in_visible_cases = CaseReport.objects.filter(case__in=cases_visible_to(user)).values(
        "report_id"
    )
    return Report.objects.filter(
        Q(pk__in=reports_visible_to(user).values("pk")) | Q(pk__in=in_visible_cases)
    )


def victim_match_q(report: Report, *, case_id: int | None = None) -> Q | None:
    """Reports with the same victim as ``report``: by contact details (blind indexes), or
    by being in the same case (``case_id``, the report's case if any). None if the report
    gives nothing to match on."""
    q = Q()
    if report.email_index:
        q |= Q(email_index=report.email_index)
    if report.phone_index:
        q |= Q(phone_index=report.phone_index)
    if report.name_index:
        place = Q()
        if report.postcode_district:
            place |= Q(postcode_district=report.postcode_district)
        if report.area_id is not None:
            place |= Q(area_id=report.area_id)
        if place:
            q |= Q(name_index=report.name_index) & place
    if case_id is not None:
        q |= Q(case_link__case_id=case_id)
    return q or None


def case_id_of(report: Report) -> int | None:
    """The case a report belongs to, if any (one query)."""
    return CaseReport.objects.filter(report_id=report.pk).values_list("case_id", flat=True).first()


def _victim_reasons(report: Report, other: Report, case_id: int | None) -> list[StrOrPromise]:
    reasons: list[StrOrPromise] = []
    if report.email_index and other.email_index == report.email_index:
        reasons.append(REASON_EMAIL)
    if report.phone_index and other.phone_index == report.phone_index:
        reasons.append(REASON_PHONE)
    if report.name_index and other.name_index == report.name_index:
        same_district = bool(report.postcode_district) and (
            other.postcode_district == report.postcode_district
        )
        same_area = report.area_id is not None and other.area_id == report.area_id
        if same_district or same_area:
            reasons.append(REASON_NAME)
    if case_id is not None and getattr(other, "case_id", None) == case_id:
        reasons.append(REASON_CASE)
    return reasons


def _place_reason(distance: float) -> StrOrPromise:
    if distance == 0:
        return REASON_SAME_SQUARE
    return REASON_NEARBY % {"metres": math.ceil(distance)}


def repeats_for_report(*, report: Report, user: object) -> Repeats:
    """Earlier reports with the same victim or at the same place as ``report``, within the
    repeat window before it, among those ``user`` may see, newest first. A fixed number of
    queries (limits, the report's case, one per list) whatever the number of reports."""
    limits = time_limits_in_force(on=timezone.localdate(report.submitted_at))
    months, metres = limits.repeat_window_months, limits.repeat_place_metres
    case_id = case_id_of(report)
    membership = membership_for_user(user)
    own_org = membership.organisation_id if membership is not None else None
    base = (
        _visible_reports(user)
        .filter(
            submitted_at__gte=months_before(report.submitted_at, months),
            submitted_at__lte=report.submitted_at,
        )
        .exclude(pk=report.pk)
        .select_related("area")
        .annotate(case_id=F("case_link__case_id"))
        .order_by("-submitted_at", "-pk")
    )

    same_victim: list[RepeatMatch] = []
    victim_q = victim_match_q(report, case_id=case_id)
    if victim_q is not None:
        for other in base.filter(victim_q)[:MAX_LISTED]:
            same_victim.append(
                RepeatMatch(
                    report=other,
                    reasons=_victim_reasons(report, other, case_id),
                    case_id=getattr(other, "case_id", None),
                    in_own_inbox=other.receiving_organisation_id == own_org,
                )
            )

    same_place: list[RepeatMatch] = []
    e, n = report.grid_easting, report.grid_northing
    if e is not None and n is not None:
        # The indexed bounding box first, then the exact distance between square centres.
        box = base.filter(
            grid_easting__range=(e - metres, e + metres),
            grid_northing__range=(n - metres, n + metres),
        )
        for other in box:
            distance = math.hypot((other.grid_easting or 0) - e, (other.grid_northing or 0) - n)
            if distance > metres:
                continue
            same_place.append(
                RepeatMatch(
                    report=other,
                    reasons=[_place_reason(distance)],
                    distance_m=round(distance),
                    case_id=getattr(other, "case_id", None),
                    in_own_inbox=other.receiving_organisation_id == own_org,
                )
            )
            if len(same_place) >= MAX_LISTED:
                break
    return Repeats(
        same_victim=same_victim, same_place=same_place, window_months=months, place_metres=metres
    )


def victim_reports_for_case(case: Case) -> QuerySet[Report]:
    """Every report of the case's victim: the case's own reports, and any report matching
    one of them by contact details (blind indexes). Unscoped: for counts, not for lists."""
    q = Q(case_link__case_id=case.pk)
    for report in Report.objects.filter(case_link__case_id=case.pk).only(
        "pk", "email_index", "phone_index", "name_index", "postcode_district", "area_id"
    ):
        match = victim_match_q(report)
        if match is not None:
            q |= match
    return Report.objects.filter(q)


def case_review_count(case: Case, *, now: datetime.datetime | None = None) -> tuple[int, int, int]:
    """(incidents in the window, threshold, window in months) for the victim of ``case``.

    An incident counts by its date (the day it happened, or the day it was reported when no
    date was given) within ``trigger_months`` before ``now``; reports triage closed
    (duplicate, not hate-related, test) do not count."""
    moment = now or timezone.now()
    limits = time_limits_in_force(on=timezone.localdate(moment))
    start = months_before(moment, limits.trigger_months)
    first_day, last_day = timezone.localdate(start), timezone.localdate(moment)
    in_window = Q(incident_date__range=(first_day, last_day)) | Q(
        incident_date__isnull=True, submitted_at__range=(start, moment)
    )
    count = (
        victim_reports_for_case(case)
        .filter(in_window)
        .exclude(triage__decision=TriageDecision.CLOSED)
        .distinct()
        .count()
    )
    return count, limits.trigger_incidents, limits.trigger_months


def case_review_eligible(case: Case, *, now: datetime.datetime | None = None) -> bool:
    """Whether the case's victim meets the ASB case review ("community trigger") threshold
    in force: ``trigger_incidents`` hate incidents within ``trigger_months`` (default 1 in
    6). Counted over every organisation's reports (the review is multi-agency); only the
    yes/no is shown."""
    count, threshold, _months = case_review_count(case, now=now)
    return count >= threshold


def access_visible_report(user: object, report_id: int) -> Report:
    """A report the user may see (their organisation's, or in a case they may see);
    ``NotFound`` otherwise, missing or not."""
    report = _visible_reports(user).filter(pk=report_id).first()
    if report is None:
        raise NotFound()
    return report
