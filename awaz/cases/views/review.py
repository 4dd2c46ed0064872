"""ASB case reviews ("community trigger"): record a request, its steps, and the case page's
"Case review" panel (the threshold flag, the review in progress and its clocks)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.cases.access import access_case_by_id, require, user_can
from awaz.cases.forms.review import CaseReviewDecisionForm, CaseReviewRequestForm
from awaz.cases.models import Case, CaseReview
from awaz.cases.reviews import case_review_summary
from awaz.cases.services import (
    case_review_acknowledge,
    case_review_decide,
    case_review_meeting_held,
    case_review_request,
)
from awaz.cases.views.risk import add_service_error, case_url
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound


def _review_for(request: HttpRequest, review_id: int) -> CaseReview:
    """The review, if its case is one the user may see (else the same 404)."""
    require(request.user, "case.risk")
    review = CaseReview.objects.filter(pk=review_id).only("pk", "case_id").first()
    if review is None:
        raise NotFound()
    access_case_by_id(request.user, review.case_id)
    return review


@login_required
@require_http_methods(["GET", "POST"])
def case_review_request_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.risk")
    case = access_case_by_id(request.user, case_id)
    form = CaseReviewRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        requested_on = form.cleaned_data["requested_on"]
        requested_at = None
        if requested_on is not None and requested_on != timezone.localdate():
            # A request recorded late counts from the start of the day it was made.
            requested_at = timezone.make_aware(
                datetime.datetime.combine(requested_on, datetime.time.min)
            )
        try:
            case_review_request(case=case, requested_at=requested_at, actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Case review request recorded. Its clocks have started."))
            return redirect(case_url(case))
    return render(
        request,
        "cases/review/request.html",
        {"case": case, "form": form, "summary": case_review_summary(case=case)},
    )


@login_required
@require_POST
def case_review_acknowledge_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review_for(request, review_id)
    try:
        case_review_acknowledge(review_id=review.pk, actor=request.user)
    except ConflictError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Case review request acknowledged."))
    return redirect("cases:case_detail", review.case_id)


@login_required
@require_http_methods(["GET", "POST"])
def case_review_decide_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review_for(request, review_id)
    case = access_case_by_id(request.user, review.case_id)
    form = CaseReviewDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case_review_decide(
                review_id=review.pk,
                threshold_met=form.cleaned_data["threshold_met"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Threshold decision recorded."))
            return redirect(case_url(case))
    return render(request, "cases/review/decide.html", {"case": case, "form": form})


@login_required
@require_POST
def case_review_meeting_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review_for(request, review_id)
    try:
        case_review_meeting_held(review_id=review.pk, actor=request.user)
    except ConflictError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Case review meeting recorded."))
    return redirect("cases:case_detail", review.case_id)


def case_review_panel_context(case: Case, user: Any) -> dict[str, Any]:
    return {"summary": case_review_summary(case=case), "can_edit": user_can(user, "case.risk")}


urlpatterns = [
    path("<int:case_id>/case-review/", case_review_request_view, name="case_review_request"),
    path(
        "case-reviews/<int:review_id>/acknowledge/",
        case_review_acknowledge_view,
        name="case_review_acknowledge",
    ),
    path(
        "case-reviews/<int:review_id>/decide/", case_review_decide_view, name="case_review_decide"
    ),
    path(
        "case-reviews/<int:review_id>/meeting/",
        case_review_meeting_view,
        name="case_review_meeting",
    ),
]
