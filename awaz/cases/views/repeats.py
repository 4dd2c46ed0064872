"""Earlier reports of the same victim or place: a page for one report, the partial the
triage screen includes (``cases/repeats/_for_report.html`` with ``repeats``), and the case
page's "Earlier reports (repeats)" panel."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from awaz.cases.models import Case
from awaz.cases.repeats import Repeats, access_visible_report, repeats_for_report
from awaz.reporting.models import Report


@login_required
def report_repeats(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access_visible_report(request.user, report_id)
    return render(
        request,
        "cases/repeats/report.html",
        {"report": report, "repeats": repeats_for_report(report=report, user=request.user)},
    )


def repeats_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """Repeats of the case's newest report, leaving out the reports already in the case."""
    latest = Report.objects.filter(case_link__case=case).order_by("-submitted_at", "-pk").first()
    if latest is None:
        return {"repeats": None}
    found = repeats_for_report(report=latest, user=user)
    repeats = Repeats(
        same_victim=[m for m in found.same_victim if m.case_id != case.pk],
        same_place=[m for m in found.same_place if m.case_id != case.pk],
        window_months=found.window_months,
        place_metres=found.place_metres,
    )
    return {"repeats": repeats, "report": latest}


urlpatterns = [
    path("reports/<int:report_id>/repeats/", report_repeats, name="report_repeats"),
]
