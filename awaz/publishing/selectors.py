"""Reads for open statistics: a quarter's counts from the analysis facts, and the frozen
releases the public pages show.

What is counted (the page's "how we count" says the same in plain words):

- every report whose incident happened in the quarter (``IncidentFact.occurred_on``: the
  incident's date, or the day it was reported when the reporter gave none), except reports
  closed at triage as a duplicate, a test or not hate-related;
- **police-recorded** when the report's case has, at the time of publication, a
  classification that is a police record (``Classification.is_police_record``: crime,
  NCHI, intelligence in the default rules), or when it was imported from a police force's
  own records as a crime or a non-crime hate incident (``awaz.imports``); every other
  report is **partner-recorded** (a partner's or reporting centre's record, never labelled
  as a police one, imported or not);
- strands and incident types are **mentions**: a report naming two strands counts once
  under each, and one naming none counts once under "none named"; local authorities count
  each report once (under "not known" when it has no place).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import CaseReport, Classification, TriageDecision, TriageRecord
from awaz.geo.models import Area, AreaLevel
from awaz.imports.selectors import imported_police_record
from awaz.publishing.models import RecordedBy, Release, ReleaseCell, StatTable
from awaz.publishing.periods import FinancialYear, Quarter
from awaz.publishing.tables import Category, Counts
from awaz.reporting.models import IncidentFact, IncidentStrand, IncidentType, Strand
from awaz.reporting.services.facts import INCIDENT_TYPE_BITS

NOT_KNOWN = "not-known"  # local authority: the report has no place
NONE_NAMED = "none-named"  # strand: the reporter named none ("not sure")
NOT_GIVEN = "not-given"  # incident type: none chosen

# Stored (in English) with each release; the pages show them translated, by code.
SPECIAL_LABELS = {
    NOT_KNOWN: _("Place not known"),
    NONE_NAMED: _("No strand named"),
    NOT_GIVEN: _("Type not given"),
}


def _is_police(report_field: str) -> ExpressionWrapper:
    classified = Exists(
        CaseReport.objects.filter(
            report_id=OuterRef(report_field), case__classification__is_police_record=True
        )
    )
    return ExpressionWrapper(
        Q(classified) | Q(imported_police_record(report_field)), output_field=BooleanField()
    )


def counted_facts(start: datetime.date, end: datetime.date) -> QuerySet[IncidentFact]:
    """Facts counted for ``start``..``end``."""
    closed = TriageRecord.objects.filter(
        report_id=OuterRef("report_id"), decision=TriageDecision.CLOSED
    )
    return IncidentFact.objects.filter(occurred_on__gte=start, occurred_on__lte=end).exclude(
        Exists(closed)
    )


def first_counted_day() -> datetime.date | None:
    """The earliest incident date counted, where publishing starts."""
    closed = TriageRecord.objects.filter(
        report_id=OuterRef("report_id"), decision=TriageDecision.CLOSED
    )
    return (
        IncidentFact.objects.exclude(Exists(closed))
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )


def police_record_names() -> list[str]:
    """The classifications that make a report police-recorded (every version's name)."""
    names = Classification.objects.filter(is_police_record=True).values_list("name", flat=True)
    return sorted(set(names))


def _recorder(police: bool) -> str:
    return RecordedBy.POLICE if police else RecordedBy.PARTNER


def _per_recorder(rows: Iterable[Mapping[str, Any]], field: str) -> dict[str, Counter]:
    found: dict[str, Counter] = {RecordedBy.POLICE: Counter(), RecordedBy.PARTNER: Counter()}
    for row in rows:
        found[_recorder(row["police"])][row[field]] += row["n"]
    return found


def quarter_counts(quarter: Quarter) -> Counts:
    """Every named table's counts for ``quarter``, per recorder, categories in order (the
    same categories for both recorders, zeros included)."""
    facts = counted_facts(quarter.start, quarter.end).annotate(police=_is_police("report_id"))
    with translation.override("en-gb"):
        by_area = _per_recorder(
            facts.values("police", "local_authority_id").annotate(n=Count("pk")),
            "local_authority_id",
        )
        masks = _per_recorder(
            facts.values("police", "type_mask").annotate(n=Count("pk")), "type_mask"
        )
        mentions = _per_recorder(
            IncidentStrand.objects.filter(fact__in=facts.values("pk"))
            .annotate(police=_is_police("fact_id"))
            .values("police", "strand_id")
            .annotate(n=Count("pk")),
            "strand_id",
        )
        none_named = _per_recorder(
            facts.filter(strand_count=0).values("police", "strand_count").annotate(n=Count("pk")),
            "strand_count",
        )
        counts: dict[tuple[str, str], list[tuple[Category, int]]] = {}
        strands = [
            s
            for s in Strand.objects.order_by("sort_order", "name")
            if s.is_active or any(mentions[r][s.pk] for r in mentions)
        ]
        areas = list(Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY).order_by("name"))
        for recorder in (RecordedBy.POLICE, RecordedBy.PARTNER):
            types: Counter = Counter()
            for mask, n in masks[recorder].items():
                codes = [c for i, c in enumerate(INCIDENT_TYPE_BITS) if mask & (1 << i)]
                for code in codes or [NOT_GIVEN]:
                    types[code] += n
            counts[(StatTable.STRAND, recorder)] = [
                (Category(s.code, s.name), mentions[recorder][s.pk]) for s in strands
            ] + [(Category(NONE_NAMED, str(SPECIAL_LABELS[NONE_NAMED])), none_named[recorder][0])]
            counts[(StatTable.LOCAL_AUTHORITY, recorder)] = [
                (Category(a.code, a.name), by_area[recorder][a.pk]) for a in areas
            ] + [(Category(NOT_KNOWN, str(SPECIAL_LABELS[NOT_KNOWN])), by_area[recorder][None])]
            counts[(StatTable.INCIDENT_TYPE, recorder)] = [
                (Category(code, str(IncidentType(code).label)), types[code])
                for code in INCIDENT_TYPE_BITS
            ] + [(Category(NOT_GIVEN, str(SPECIAL_LABELS[NOT_GIVEN])), types[NOT_GIVEN])]
    return counts


# --- releases ---------------------------------------------------------------------------------


def latest_release() -> Release | None:
    return Release.objects.order_by("-quarter_start").first()


def published_years() -> list[FinancialYear]:
    """Financial years with at least one published quarter, latest first."""
    starts = Release.objects.values_list("quarter_start", flat=True)
    return sorted({FinancialYear.of(day) for day in starts}, reverse=True)


def releases_in(year: FinancialYear) -> list[Release]:
    return list(Release.objects.filter(quarter_start__gte=year.start, quarter_start__lte=year.end))


def cells_in(year: FinancialYear) -> list[ReleaseCell]:
    """Every cell published for ``year``'s quarters and for the year itself."""
    return list(
        ReleaseCell.objects.filter(period_start__gte=year.start, period_start__lte=year.end)
    )


def cells_of_table(table: str) -> QuerySet[ReleaseCell]:
    """Every cell ever published in one named table, in the CSV's order."""
    return (
        ReleaseCell.objects.filter(table=table)
        .select_related("release")
        .order_by("period_end", "-period_type", "-recorded_by", "position")
    )
