"""Performance measures: the list by strand (value, target, changes in words, a chart and a
table of each), a measure's page with the history of entered values, the CSV of the series,
adding and changing a measure (the chair) and entering a quarter's value (the partner who
enters it, or the chair)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.core.quarters import Quarter
from awaz.partners.selectors import organisation_list
from awaz.patterns.csvsafe import csv_response
from awaz.strategy import access
from awaz.strategy.forms.measures import MeasureForm, MeasureValueForm
from awaz.strategy.measure_words import (
    SERIES_CSV_HEADER,
    change_words,
    measure_chart,
    series_csv_rows,
    value_text,
)
from awaz.strategy.models import Measure, MeasureSource, Strategy, Unit
from awaz.strategy.selectors import strategy_current
from awaz.strategy.selectors_measures import (
    MeasureRow,
    entry_quarters,
    measure_history,
    measure_list,
    measure_rows_for,
    measures_by_strand,
)
from awaz.strategy.services.measures import (
    MeasureDetails,
    measure_change,
    measure_create,
    measure_value_enter,
)
from awaz.strategy.views.pages import add_service_error, form_page

QUARTERS_SHOWN = 8
QUARTERS_TO_CHOOSE = 12


def measures_url(strategy: Strategy) -> str:
    return reverse("strategy:measure_list", args=[strategy.pk])


def measure_url(measure: Measure) -> str:
    return reverse("strategy:measure_detail", args=[measure.pk])


@dataclass(frozen=True)
class ShownPoint:
    label: str
    months: str
    value: str


@dataclass(frozen=True)
class ShownMeasure:
    """A measure's row as the pages show it: every figure in words as well as numbers."""

    row: MeasureRow
    current: str
    target: str
    quarter_change: str
    year_change: str
    chart: SafeString
    points: list[ShownPoint]
    can_enter: bool

    @property
    def measure(self) -> Measure:
        return self.row.measure


def _shown(row: MeasureRow, *, can_enter: bool) -> ShownMeasure:
    measure = row.measure
    return ShownMeasure(
        row=row,
        current=value_text(measure, row.current),
        target=value_text(measure, row.target) if row.target is not None else "",
        quarter_change=change_words(measure, row.qoq_change),
        year_change=change_words(measure, row.yoy_change, year=True),
        # Built from escaped text only (``awaz.strategy.charts``).
        chart=mark_safe(measure_chart(row)),  # noqa: S308
        points=[
            ShownPoint(
                label=point.quarter.label,
                months=point.quarter.months_label,
                value=value_text(measure, point.value),
            )
            for point in reversed(row.series)
        ],
        can_enter=can_enter,
    )


def _quarter_choice(request: HttpRequest, today: datetime.date) -> tuple[Quarter, list[Quarter]]:
    """The quarter asked for (``?quarter=2025-04-01``) if it is one of the completed ones
    offered, else the latest completed quarter."""
    offered = entry_quarters(today=today, count=QUARTERS_TO_CHOOSE)
    asked = request.GET.get("quarter", "")
    chosen = next((q for q in offered if q.start.isoformat() == asked), offered[0])
    return chosen, offered


def _strategy(user: Any, strategy_id: int, action: str) -> Strategy:
    """The strategy if the user may do ``action`` on its measures; ``NotFound`` otherwise."""
    access.require(user, action)
    strategy = Strategy.objects.filter(pk=strategy_id).first()
    if strategy is None:
        raise NotFound()
    return strategy


def _enterable_ids(user: Any, measures: list[Measure]) -> set[int]:
    return set(
        access.measures_enterable_by(user)
        .filter(pk__in=[m.pk for m in measures])
        .values_list("pk", flat=True)
    )


def _list(request: HttpRequest, strategy: Strategy) -> HttpResponse:
    today = timezone.localdate()
    quarter, offered = _quarter_choice(request, today)
    measures = measure_list(strategy)
    rows = measure_rows_for(measures, quarter=quarter, quarters=QUARTERS_SHOWN, today=today)
    enterable = _enterable_ids(request.user, measures)
    shown = {row.measure.pk: _shown(row, can_enter=row.measure.pk in enterable) for row in rows}
    groups = [
        (group.strand, [shown[row.measure.pk] for row in group.rows])
        for group in measures_by_strand(strategy, rows)
    ]
    return render(
        request,
        "strategy/measures.html",
        {
            "strategy": strategy,
            "quarter": quarter,
            "offered": offered,
            "groups": groups,
            "measure_count": len(measures),
            "on_target": sum(1 for row in rows if row.on_target is True),
            "off_target": sum(1 for row in rows if row.on_target is False),
            "can_edit": access.user_can(request.user, "measure.edit"),
        },
    )


@login_required
@require_GET
def measures_home(request: HttpRequest) -> HttpResponse:
    """The current strategy's measures."""
    access.require(request.user, "measure.view")
    strategy = strategy_current(today=timezone.localdate())
    if strategy is None:
        return render(
            request,
            "strategy/no_strategy.html",
            {"can_edit": access.user_can(request.user, "plan.edit")},
        )
    return _list(request, strategy)


@login_required
@require_GET
def measure_list_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = _strategy(request.user, strategy_id, "measure.view")
    return _list(request, strategy)


@login_required
@require_GET
def measures_csv(request: HttpRequest, strategy_id: int) -> HttpResponse:
    """Every measure's series (eight quarters to the quarter chosen), one row per quarter."""
    strategy = _strategy(request.user, strategy_id, "measure.view")
    today = timezone.localdate()
    quarter, _offered = _quarter_choice(request, today)
    rows = measure_rows_for(
        measure_list(strategy), quarter=quarter, quarters=QUARTERS_SHOWN, today=today
    )
    return csv_response(
        f"measures-{strategy.pk}-{quarter.start:%Y-%m}.csv",
        SERIES_CSV_HEADER,
        series_csv_rows(rows),
    )


def _measure_row(measure: Measure, quarter: Quarter, today: datetime.date) -> MeasureRow:
    return measure_rows_for([measure], quarter=quarter, quarters=QUARTERS_SHOWN, today=today)[0]


@login_required
@require_GET
def measure_detail_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = access.access_measure_by_id(request.user, measure_id)
    today = timezone.localdate()
    quarter, offered = _quarter_choice(request, today)
    row = _measure_row(measure, quarter, today)
    entered = measure.source == MeasureSource.ENTERED
    return render(
        request,
        "strategy/measure.html",
        {
            "measure": measure,
            "strategy": measure.strategy,
            "quarter": quarter,
            "offered": offered,
            "shown": _shown(row, can_enter=access.is_measure_enterable(request.user, measure)),
            "history": measure_history(measure) if entered else [],
            "entered": entered,
            "can_edit": access.user_can(request.user, "measure.edit"),
        },
    )


@login_required
@require_GET
def measure_csv(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = access.access_measure_by_id(request.user, measure_id)
    today = timezone.localdate()
    quarter, _offered = _quarter_choice(request, today)
    row = _measure_row(measure, quarter, today)
    return csv_response(
        f"measure-{measure.code}-{quarter.start:%Y-%m}.csv",
        SERIES_CSV_HEADER,
        series_csv_rows([row]),
    )


# The chair's forms -------------------------------------------------------------------------


def _form(request: HttpRequest, strategy: Strategy, **kwargs: Any) -> MeasureForm:
    return MeasureForm(
        request.POST or None,
        strands=strategy.strands.order_by("number"),
        organisations=organisation_list(),
        **kwargs,
    )


def _details(form: MeasureForm) -> MeasureDetails:
    data = form.cleaned_data
    return MeasureDetails(
        name=data["name"],
        description=data["description"],
        strand=data["strand"],
        source=data["source"],
        computation=data["computation"] if data["source"] == MeasureSource.COMPUTED else "",
        entered_by_organisation=data["entered_by_organisation"],
        unit=data["unit"],
        good_direction=data["good_direction"],
        target=data["target"],
        sort_order=data["sort_order"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = _strategy(request.user, strategy_id, "measure.edit")
    initial: dict[str, Any] = {"unit": Unit.COUNT, "sort_order": 100}
    strand_id = request.GET.get("strand", "")
    if strand_id.isdigit():
        initial["strand"] = int(strand_id)
    form = _form(request, strategy, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            measure = measure_create(strategy=strategy, details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Measure added."))
            return redirect(measure_url(measure))
    return form_page(
        request,
        form,
        title=_("Add a performance measure"),
        caption=strategy.name,
        back_url=measures_url(strategy),
        button=_("Add the measure"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = access.access_measure_by_id(request.user, measure_id, edit=True)
    initial = {
        "name": measure.name,
        "description": measure.description,
        "strand": measure.strand_id,
        "source": measure.source,
        "computation": measure.computation,
        "entered_by_organisation": measure.entered_by_organisation_id,
        "unit": measure.unit,
        "good_direction": measure.good_direction,
        "target": measure.target,
        "sort_order": measure.sort_order,
    }
    form = _form(request, measure.strategy, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            measure_change(measure=measure, details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Measure changed."))
            return redirect(measure_url(measure))
    return form_page(
        request,
        form,
        title=_("Change the measure"),
        caption=measure.name,
        back_url=measure_url(measure),
        button=_("Save changes"),
    )


# Entering a value --------------------------------------------------------------------------

UNIT_HINTS = {
    Unit.COUNT: _("A whole number or a number with up to 2 decimal places, such as 12"),
    Unit.PERCENT: _("In per cent, from 0 to 100, such as 75 or 75.5"),
    Unit.DAYS: _("In days, such as 3 or 2.5"),
}


@login_required
@require_http_methods(["GET", "POST"])
def measure_enter_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = access.access_measure_for_entry_by_id(request.user, measure_id)
    today = timezone.localdate()
    quarters = entry_quarters(today=today, count=QUARTERS_TO_CHOOSE)
    asked = request.GET.get("quarter", "")
    initial = {"quarter": asked if asked else quarters[0].start.isoformat()}
    form = MeasureValueForm(
        request.POST or None,
        quarters=quarters,
        unit_hint=str(UNIT_HINTS.get(Unit(measure.unit), "")),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        quarter = form.cleaned_quarter()
        try:
            measure_value_enter(
                measure=measure,
                quarter=quarter,
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                actor=request.user,
                today=today,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Value for %(quarter)s saved.") % {"quarter": quarter.label},
            )
            return redirect(measure_url(measure))
    latest = {entry.quarter: entry for entry in measure_history(measure) if entry.is_current}
    return render(
        request,
        "strategy/measure_enter.html",
        {
            "form": form,
            "measure": measure,
            "recent": [
                (q, entry, value_text(measure, entry.item.value) if entry else "")
                for q, entry in ((q, latest.get(q)) for q in quarters[:4])
            ],
            "back_url": measure_url(measure),
        },
    )
