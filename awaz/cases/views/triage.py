"""Triage pages: one report (claim, then new case, link to a case, or close) and bulk
triage of the untriaged reports (assign to a colleague, close as duplicates).

The report's own page lives in reporting (``reporting:triage_report_detail``) and links
here by URL name only. This page shows no personal data: the reference, when it came in,
its status and the reporter's strands, with a link to read the report (which audits).
Everything works without JavaScript: each decision is its own small form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases import access
from awaz.cases.forms.triage import BulkAction, BulkTriageForm, CloseReportForm, LinkCaseForm
from awaz.cases.repeats import repeats_for_report
from awaz.cases.selectors import (
    case_link_options,
    colleagues_for,
    triage_record_for,
    triage_untriaged_reports,
)
from awaz.cases.services import triage as services
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.core.models import User
from awaz.reporting.access import access_report_by_id
from awaz.reporting.models import Report
from awaz.reporting.views.triage.inbox import pagination_items

PAGE_SIZE = 50
LINK_OPTIONS = 20


def _add_error(form: forms.Form, error: ApplicationError) -> None:
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, str(error.message))


def _claim_state(report: Report, user: Any) -> dict[str, Any]:
    record = triage_record_for(report=report)
    if record is None:
        return {"record": None, "mine": False, "other": None, "since": None}
    return {
        "record": record,
        "mine": record.claimed_by_id == user.pk,
        "other": record.claimed_by
        if record.claimed_by_id not in (None, user.pk) and not record.decision
        else None,
        "since": timezone.localtime(record.claimed_at) if record.claimed_at else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def triage_report(request: HttpRequest, report_id: int) -> HttpResponse:
    access.require(request.user, "case.triage")
    report = access_report_by_id(request.user, report_id)
    q = request.GET.get("q", "").strip()[:20]
    cases = case_link_options(user=request.user, reference=q)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    link_form = LinkCaseForm(request.POST if action == "link" else None, cases=cases)
    close_form = CloseReportForm(request.POST if action == "close" else None)
    general = forms.Form(request.POST if action else None)
    status = 200
    try:
        if action == "claim":
            services.triage_claim(report_id=report.pk, actor=request.user)
            messages.success(request, _("You are triaging this report."))
            return redirect("cases:triage_report", report.pk)
        if action == "release":
            services.triage_release(report_id=report.pk, actor=request.user)
            messages.success(request, _("You have given the report back."))
            return redirect("cases:triage_report", report.pk)
        if action == "new_case":
            case = services.triage_make_case(report_id=report.pk, actor=request.user)
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case})
            return redirect("cases:case_detail", case.pk)
        if action == "link" and link_form.is_valid():
            case = services.triage_link_case(
                report_id=report.pk, case_id=link_form.cleaned_data["case"].pk, actor=request.user
            )
            messages.success(
                request, _("Report added to case %(reference)s.") % {"reference": case}
            )
            return redirect("cases:case_detail", case.pk)
        if action == "close" and close_form.is_valid():
            services.triage_close(
                report_id=report.pk, reason=close_form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("Report closed without a case."))
            return redirect("reporting:triage_inbox")
    except ApplicationError as error:
        target = {"link": link_form, "close": close_form}.get(action, general)
        general.is_valid()
        _add_error(target, error)
        status = 409 if isinstance(error, ConflictError) else 400
    if action and status == 200:
        status = 400
    return render(
        request,
        "cases/triage/report.html",
        {
            "report": report,
            "strands": [s.name for s in report.strands.order_by("sort_order", "name")],
            "claim": _claim_state(report, request.user),
            "link_form": link_form,
            "close_form": close_form,
            "general_form": general,
            "q": q,
            "more_cases": cases.count() > LINK_OPTIONS,
            "case_options": list(cases[:LINK_OPTIONS]),
            "repeats": repeats_for_report(report=report, user=request.user),
        },
        status=status,
    )


def _bulk_context(request: HttpRequest, form: BulkTriageForm) -> dict[str, Any]:
    reports = triage_untriaged_reports(user=request.user)
    paginator = Paginator(reports, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    selected = {str(v) for v in (form["reports"].value() or [])}
    return {
        "form": form,
        "page": page,
        "reports": list(page.object_list),
        "selected": selected,
        "pagination": pagination_items(page, query) if paginator.num_pages > 1 else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def triage_bulk(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "case.triage")
    colleagues = User.objects.filter(
        pk__in=colleagues_for(user=request.user).values("user_id")
    ).order_by("full_name", "pk")
    report_ids = list(triage_untriaged_reports(user=request.user).values_list("pk", flat=True))
    data = request.POST if request.method == "POST" else None
    form = BulkTriageForm(data, report_ids=report_ids, colleagues=colleagues)
    status = 200
    if data is not None:
        if form.is_valid():
            ids = form.cleaned_data["reports"]
            try:
                if form.cleaned_data["action"] == BulkAction.ASSIGN:
                    assignee = form.cleaned_data["assignee"]
                    count = services.triage_bulk_assign(
                        report_ids=ids, assignee=assignee, actor=request.user
                    )
                    messages.success(
                        request,
                        _("%(count)s reports assigned to %(name)s.")
                        % {"count": count, "name": assignee.full_name},
                    )
                else:
                    count = services.triage_bulk_close_duplicates(
                        report_ids=ids, actor=request.user
                    )
                    messages.success(
                        request, _("%(count)s reports closed as duplicates.") % {"count": count}
                    )
                return redirect("cases:triage_bulk")
            except ApplicationError as error:
                _add_error(form, error)
                status = 409
        else:
            status = 400
    return render(request, "cases/triage/bulk.html", _bulk_context(request, form), status=status)


urlpatterns = [
    path("triage/", triage_bulk, name="triage_bulk"),
    path("triage/<int:report_id>/", triage_report, name="triage_report"),
]
