"""Near-repeat analyses: the organisation's runs, the form that starts one, a run's progress
and result (the Near Repeat Calculator table), and that table as CSV.

Every page needs ``patterns.near_repeat``; without it, and for a run of another
organisation, the answer is the same 404. While a run is queued or running its page
refreshes itself every few seconds (a ``<meta>`` refresh: no JavaScript needed).
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awaz.core.exceptions import NotFound
from awaz.patterns.access import user_can
from awaz.patterns.csvsafe import csv_response
from awaz.patterns.forms import DashboardFilterForm, filters_query, filters_summary
from awaz.patterns.forms_near_repeat import NearRepeatForm
from awaz.patterns.models import NearRepeatRun, RunStatus
from awaz.patterns.selectors.dashboard import area_rows
from awaz.patterns.services.near_repeat import (
    SIGNIFICANCE,
    NearRepeatParams,
    access_near_repeat_run_by_id,
    near_repeat_request,
    near_repeat_runs_for,
)

REFRESH_SECONDS = 3
NONE_SHOWN = "\u2013"  # an en dash where a figure is undefined
LIST_LIMIT = 50


RUN = "patterns.nearrepeatrun"


def _require(request: HttpRequest, *, run_id: int | None = None) -> None:
    """A role without ``patterns.near_repeat`` gets ``NotFound``, so the refusal is audited
    (naming the run asked for, if any) and looks exactly like a missing run."""
    if not user_can(request.user, "patterns.near_repeat"):
        if run_id is None:
            raise NotFound()  # the audit names the page (``url:patterns:near_repeat_list``)
        raise NotFound(target_type=RUN, target_id=run_id)


def _whole(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else number_format(value)


def band_labels(edges: list[float], unit: str) -> list[str]:
    """``0-100 m``, ``101-200 m``... with an en dash (whole-number edges; a band includes its
    upper edge)."""
    labels = []
    for index, (low, high) in enumerate(itertools.pairwise(edges)):
        shown_low = low if index == 0 else low + 1
        values = {"low": _whole(shown_low), "high": _whole(high)}
        if unit == "m":
            labels.append(_("%(low)s\u2013%(high)s m") % values)
        else:
            labels.append(_("%(low)s\u2013%(high)s days") % values)
    return labels


def p_text(p: float | None) -> str:
    if p is None:
        return NONE_SHOWN
    return _("less than 0.001") if p < 0.0005 else f"{p:.3f}"


def ratio_text(ratio: float | None) -> str:
    return NONE_SHOWN if ratio is None else number_format(round(ratio, 2), 2)


@dataclass(frozen=True)
class Cell:
    observed: int
    expected: float | None
    ratio: float | None
    p_value: float | None

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value <= SIGNIFICANCE

    @property
    def ratio_text(self) -> str:
        return ratio_text(self.ratio)

    @property
    def expected_text(self) -> str:
        return NONE_SHOWN if self.expected is None else number_format(round(self.expected, 1), 1)

    @property
    def p_text(self) -> str:
        return p_text(self.p_value)


@dataclass(frozen=True)
class BandTableView:
    space_labels: list[str]
    time_labels: list[str]
    rows: list[tuple[str, list[Cell]]]
    summary: str
    knox: dict[str, Any]


def band_table_view(result: dict[str, Any]) -> BandTableView:
    space = band_labels(result["space_edges"], "m")
    time = band_labels(result["time_edges"], "days")
    rows = []
    for a, label in enumerate(space):
        cells = [
            Cell(
                observed=int(result["observed"][a][b]),
                expected=result["expected"][a][b],
                ratio=result["knox_ratio"][a][b],
                p_value=result["p_value"][a][b],
            )
            for b in range(len(time))
        ]
        rows.append((label, cells))
    return BandTableView(
        space_labels=space,
        time_labels=time,
        rows=rows,
        summary=summary_sentence(result, rows[0][1][0]),
        knox={
            **result["knox"],
            "p_sim_text": p_text(result["knox"]["p_sim"]),
            "p_poisson_text": p_text(result["knox"]["p_poisson"]),
            "no_pairs": result["knox"]["nst"] == 0,
        },
    )


def summary_sentence(result: dict[str, Any], first: Cell) -> str:
    """The first cell in plain words."""
    values = {
        "metres": _whole(result["space_edges"][1]),
        "days": _whole(result["time_edges"][1]),
        "ratio": first.ratio_text,
        "p": first.p_text,
    }
    if first.observed == 0:
        # No pair at all: say so, rather than a ratio of 0 or "nothing to compare".
        return (
            _(
                "No two incidents were within %(metres)s m and %(days)s days of each other, so "
                "there is no sign of near repeats at that distance and time."
            )
            % values
        )
    if first.ratio is None:
        return (
            _(
                "No two incidents would be expected within %(metres)s m and %(days)s days of each "
                "other if place and time were unrelated, so there is nothing to compare."
            )
            % values
        )
    sentence = (
        _(
            "Incidents within %(metres)s m and %(days)s days of another happened %(ratio)s times "
            "as often as expected if place and time were unrelated (p = %(p)s)."
        )
        % values
    )
    if first.significant:
        return sentence + " " + _("This is unlikely to be chance.")
    return sentence + " " + _("A difference like this could be chance.")


def _filters_context(run: NearRepeatRun, today: Any) -> dict[str, Any]:
    params = NearRepeatParams.from_json(run.parameters)
    areas = area_rows()
    form = DashboardFilterForm(today=today, areas=areas)
    # An area or strand removed since the run was asked for is left out of the summary.
    strand_ids = {sid for sid, _code, _name in form.strands}
    filters = replace(
        params.filters,
        area=params.filters.area if params.filters.area in areas else None,
        strands=tuple(s for s in params.filters.strands if s in strand_ids),
    )
    return {
        "params": params,
        "filters_summary": filters_summary(filters, form),
        "filters_query": filters_query(filters, form),
    }


@login_required
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    runs = near_repeat_runs_for(request.user).select_related("requested_by")[:LIST_LIMIT]
    rows = [
        (
            run,
            datetime.date.fromisoformat(run.parameters["start"]),
            datetime.date.fromisoformat(run.parameters["end"]),
        )
        for run in runs
    ]
    return render(
        request,
        "patterns/near_repeat_list.html",
        {"rows": rows, "query": request.GET.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def run_start(request: HttpRequest) -> HttpResponse:
    _require(request)
    today = timezone.localdate()
    areas = area_rows()
    if request.method == "POST":
        form = NearRepeatForm(request.POST, today=today, areas=areas)
        if form.is_valid():
            run = near_repeat_request(user=request.user, params=form.params())
            return redirect("patterns:near_repeat_detail", run_id=run.pk)
    else:
        form = NearRepeatForm.from_dashboard(request.GET, today=today, areas=areas)
    return render(request, "patterns/near_repeat_start.html", {"form": form})


@login_required
@require_GET
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    _require(request, run_id=run_id)
    run = access_near_repeat_run_by_id(request.user, run_id)
    context: dict[str, Any] = {
        "run": run,
        "refresh_seconds": REFRESH_SECONDS if run.in_progress else None,
        **_filters_context(run, timezone.localdate()),
    }
    if run.status == RunStatus.DONE and run.result:
        context["table"] = band_table_view(run.result)
    return render(request, "patterns/near_repeat_detail.html", context)


@login_required
@require_GET
def run_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    _require(request, run_id=run_id)
    run = access_near_repeat_run_by_id(request.user, run_id)
    if run.status != RunStatus.DONE or not run.result:
        raise NotFound(target_type=RUN, target_id=run_id)
    table = band_table_view(run.result)
    header = [
        _("Distance band"),
        _("Time band"),
        _("Observed pairs"),
        _("Expected pairs"),
        _("Knox ratio"),
        _("p-value"),
        _("Significant (p <= 0.05)"),
    ]
    rows = [
        [
            space,
            time,
            cell.observed,
            cell.expected,
            cell.ratio,
            cell.p_value,
            _("yes") if cell.significant else _("no"),
        ]
        for space, cells in table.rows
        for time, cell in zip(table.time_labels, cells, strict=True)
    ]
    return csv_response(f"awaz-near-repeat-{run.pk}.csv", header, rows)
