"""The case list for the user's organisation, and the case page built from panels
(``views.panels``). Opening a case writes ``CASE_VIEWED`` (``services.case.case_view``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from awaz.cases import access
from awaz.cases.models import Case, CaseStatus
from awaz.cases.selectors import (
    case_list_for_user,
    case_reports,
    case_staff_strands,
    case_timeline,
    decisions_not_yet_told,
    subject_data_allowed,
)
from awaz.cases.services.case import case_view
from awaz.cases.sharing import ViewLevel, view_level_for
from awaz.cases.views.panels import panels_for
from awaz.cases.views.timeline import timeline_rows
from awaz.reporting.access import reports_visible_to
from awaz.reporting.views.triage.inbox import pagination_items

PAGE_SIZE = 25


def summary_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case's reports (linked to the report page where the user may open it), each
    with the reporter's own strands, beside the staff's assessment."""
    links = case_reports(case=case)
    openable = set(
        reports_visible_to(user)
        .filter(pk__in=[link.report_id for link in links])
        .values_list("pk", flat=True)
    )
    return {
        "reports": [
            {
                "link": link,
                "report": link.report,
                "strands": [strand.name for strand in link.report.strands.all()],
                "openable": link.report_id in openable,
            }
            for link in links
        ],
        "staff_strands": [strand.name for strand in case_staff_strands(case=case)],
        "subject_data_allowed": subject_data_allowed(case),
        "decisions_to_tell": len(decisions_not_yet_told(case=case)),
    }


def timeline_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The timeline; its free text (notes, reasons, summaries) only for viewers who may see
    the case in full: a receiver of an anonymised referral, or one whose consent has lapsed,
    sees what happened and when, not what was written."""
    rows = timeline_rows(case_timeline(case=case))
    level, why = view_level_for(user=user, case=case)
    if level != ViewLevel.FULL:
        for row in rows:
            row["text"] = ""
    return {"rows": rows, "text_hidden_reason": why if level != ViewLevel.FULL else ""}


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_view(case_id=case_id, user=request.user)
    can_edit = access.user_can(request.user, "case.edit")
    return render(
        request,
        "cases/case/detail.html",
        {
            "case": case,
            "user": request.user,
            "can_edit": can_edit,
            "is_lead": can_edit and access.is_lead(request.user, case),
            "panels": panels_for(case, request.user),
        },
    )


STATUS_FILTER = [("", _("Any status")), *CaseStatus.choices]


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "case.view")
    status = request.GET.get("status", "")
    if status not in CaseStatus.values:
        status = ""
    mine = request.GET.get("owner") == "me"
    cases = case_list_for_user(user=request.user, status=status, owner_is_me=mine)
    paginator = Paginator(cases, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case/list.html",
        {
            "page": page,
            "cases": list(page.object_list),
            "pagination": pagination_items(page, query) if paginator.num_pages > 1 else None,
            "status": status,
            "status_choices": STATUS_FILTER,
            "mine": mine,
            "filtered": bool(status or mine),
            "can_triage": access.user_can(request.user, "case.triage"),
        },
    )


urlpatterns = [
    path("", case_list, name="case_list"),
    path("<int:case_id>/", case_detail, name="case_detail"),
]
