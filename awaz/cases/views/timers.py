"""Victims' Code and local-standard clocks: a case's clocks (page and case-page panel), the
cases at risk of breaching by the end of the next working day, and breaches counted by lead
organisation and month (counts only, with a CSV download)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awaz.cases.access import access_case_by_id, require
from awaz.cases.clocks import (
    CLOCK_LABELS,
    Clock,
    ClockKind,
    at_risk_horizon,
    case_clocks,
    victims_code_applies,
)
from awaz.cases.models import Case
from awaz.cases.selectors_timers import (
    BREACH_KINDS,
    breach_counts,
    cases_at_risk,
    satisfaction_summary,
)


def _clock_groups(clocks: list[Clock]) -> dict[str, Any]:
    """The panel shows every clock except past update intervals that were met."""
    past_updates = [c for c in clocks if c.kind == ClockKind.UPDATE and not c.running]
    shown = [
        clock
        for clock in clocks
        if not (clock.kind == ClockKind.UPDATE and not clock.running and clock.state == "met")
    ]
    return {
        "clocks": shown,
        "updates_met": sum(1 for clock in past_updates if clock.state == "met"),
    }


def clocks_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """Context of the case page's "Clocks" panel (reads only)."""
    return {"victims_code": victims_code_applies(case), **_clock_groups(case_clocks(case))}


@login_required
@require_GET
def case_clocks_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.view")
    case = access_case_by_id(request.user, case_id)
    return render(
        request,
        "cases/timers/case_clocks.html",
        {"case": case, "panel": clocks_panel_context(case, request.user)},
    )


@login_required
@require_GET
def timers_at_risk(request: HttpRequest) -> HttpResponse:
    require(request.user, "case.view")
    now = timezone.now()
    return render(
        request,
        "cases/timers/at_risk.html",
        {"rows": cases_at_risk(user=request.user, now=now), "horizon": at_risk_horizon(now)},
    )


def _cell(value: Any) -> Any:
    """A spreadsheet never runs a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else value


def _breach_table() -> dict[str, Any]:
    rows = breach_counts()
    return {
        "rows": rows,
        "kinds": [(kind, CLOCK_LABELS[kind]) for kind in BREACH_KINDS],
        "cells": [[row.count(kind) for kind in BREACH_KINDS] for row in rows],
    }


@login_required
@require_GET
def timers_breaches(request: HttpRequest) -> HttpResponse:
    require(request.user, "timers.overview")
    table = _breach_table()
    return render(
        request,
        "cases/timers/breaches.html",
        {
            "table": list(zip(table["rows"], table["cells"], strict=True)),
            "kinds": table["kinds"],
            "satisfaction": satisfaction_summary(),
        },
    )


@login_required
@require_GET
def timers_breaches_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, "timers.overview")
    table = _breach_table()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="awaz-time-limit-breaches.csv"'
    writer = csv.writer(response)
    labels = [str(label) for _kind, label in table["kinds"]]
    writer.writerow([_("Lead organisation"), _("Month"), *labels, _("Total")])
    for row, cells in zip(table["rows"], table["cells"], strict=True):
        writer.writerow([_cell(row.organisation), row.month.strftime("%Y-%m"), *cells, row.total])
    return response


urlpatterns = [
    path("<int:case_id>/clocks/", case_clocks_view, name="case_clocks"),
    path("timers/at-risk/", timers_at_risk, name="timers_at_risk"),
    path("timers/breaches/", timers_breaches, name="timers_breaches"),
    path("timers/breaches.csv", timers_breaches_csv, name="timers_breaches_csv"),
]
