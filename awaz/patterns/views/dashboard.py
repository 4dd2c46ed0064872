"""The patterns dashboard and its CSV downloads.

The page is server-rendered and complete without JavaScript: every chart's data is a table
with a CSV link; the day x hour heat map is an HTML table with shading classes. With
JavaScript, ``dashboard-charts.js`` draws Chart.js charts and ``dashboard-map.js`` a Leaflet
choropleth from the same data, passed in ``json_script`` blocks (no inline script).

It shows counts, rates and 50 m grid squares, never a person, so viewing it is not audited.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awaz.patterns.access import require, user_can
from awaz.patterns.csvsafe import csv_response
from awaz.patterns.forms import (
    DashboardFilterForm,
    filters_query,
    filters_summary,
    financial_year_start,
    months_before,
)
from awaz.patterns.selectors.dashboard import area_rows
from awaz.patterns.views.dashboard_data import TABLES, DashboardData

# The charts drawn with Chart.js, in page order (the others are tables, the heat map and
# the map).
CHARTS = ("trend", "strands", "incident-types", "channels", "sources")


def _form(request: HttpRequest, today: datetime.date) -> DashboardFilterForm:
    sent = DashboardFilterForm.is_sent(request.GET)
    form = DashboardFilterForm(request.GET if sent else None, today=today, areas=area_rows())
    if sent:
        form.is_valid()
    return form


def _period_links(form: DashboardFilterForm, data: DashboardData) -> list[dict[str, Any]]:
    """Quick links that change the period and keep every other filter."""
    today = data.today
    periods = [
        (_("Last 3 months"), months_before(today, 3) + datetime.timedelta(days=1)),
        (_("Last 12 months"), months_before(today, 12) + datetime.timedelta(days=1)),
        (_("This financial year"), financial_year_start(today)),
    ]
    base = reverse("patterns:dashboard")
    return [
        {
            "text": text,
            "href": f"{base}?{filters_query(data.filters, form, start=start, end=today)}",
            "current": data.filters.start == start and data.filters.end == today,
        }
        for text, start in periods
    ]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require(request.user, "patterns.view")
    today = timezone.localdate()
    form = _form(request, today)
    data = DashboardData(
        filters=form.filters(),
        today=today,
        can_list_places=user_can(request.user, "patterns.repeat_places"),
    )
    query = filters_query(data.filters, form)
    csv_base = {slug: reverse("patterns:chart_csv", args=[slug]) + "?" + query for slug in TABLES}
    tables = {slug: data.table(slug) for slug in TABLES}
    # Templates cannot look up keys with hyphens.
    by_name = {slug.replace("-", "_"): slug for slug in TABLES}
    charts = [
        {
            "table": tables[slug],
            "csv": csv_base[slug],
            "data_id": f"chart-data-{slug}",
            "data": tables[slug].chart_data(),
        }
        for slug in CHARTS
    ]
    places_summary, places = data.repeat_places
    return render(
        request,
        "patterns/dashboard.html",
        {
            "form": form,
            "filters": data.filters,
            "filtered": form.is_bound,
            "filters_query": query,
            "summary": filters_summary(data.filters, form),
            "period_links": _period_links(form, data),
            "headline": data.headline,
            "headline_words": data.headline_words(),
            "charts": charts,
            "tables": {name: tables[slug] for name, slug in by_name.items()},
            "csv": {name: csv_base[slug] for name, slug in by_name.items()},
            "day_hour_rows": data.day_hour_rows(),
            "day_hour_legend": data.day_hour_legend(),
            "time_unknown": data.day_hour.time_unknown,
            "map": data.map_context(),
            "concern": data.concern,
            "concern_rows": data.concern_rows(),
            "trigger_words": data.trigger_words(),
            "victims": data.repeat_victims,
            "places_summary": places_summary,
            "places": places,
            "can_list_places": data.can_list_places,
            "can_near_repeat": user_can(request.user, "patterns.near_repeat"),
            "can_export": user_can(request.user, "patterns.export"),
        },
    )


@login_required
@require_GET
def chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    """One chart's data as CSV, for the same filters as the page it was linked from."""
    require(request.user, "patterns.view")
    if chart not in TABLES:
        raise Http404
    today = timezone.localdate()
    form = _form(request, today)
    data = DashboardData(filters=form.filters(), today=today)
    table = data.table(chart)
    return csv_response(table.filename(data.filters), table.header, table.csv_rows())
