"""Referrals: sending one (consent checked at that moment), the list of referrals received,
answering one, withdrawing one, and a report as the receiver may see it.

A referral the reporter's consent does not cover is refused with the reason, and the page
offers the two ways on: record consent (given by phone or in person), or share anonymised.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.cases.access import access_case_by_id, is_lead, require, user_can
from awaz.cases.forms.referral import ANONYMISED, ReferralDeclineForm, ReferralForm
from awaz.cases.models import Case, CaseReport, ReferralStatus
from awaz.cases.services import (
    case_report_open,
    referral_accept,
    referral_decline,
    referral_open,
    referral_send,
    referral_withdraw,
)
from awaz.cases.sharing import (
    ORGANISATION_RECIPIENT,
    ReportView,
    access_referral_by_id,
    case_primary_report,
    case_referrals,
    consent_check,
    referrals_received_for,
)
from awaz.core.exceptions import ApplicationError, ConsentRequired, PermissionDenied
from awaz.partners.models import OrganisationKind
from awaz.partners.selectors import membership_for_user, organisation_list
from awaz.reporting.views.triage.detail import (
    COMMUNICATION_LABELS,
    OFFENDER_LABELS,
    VICTIM_LABELS,
    incident_when,
)
from awaz.reporting.views.triage.detail import _humanise as humanise
from awaz.reporting.views.triage.detail import _pairs as summary_pairs


def _case_url(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def _consent_by_kind(case: Case) -> list[dict[str, Any]]:
    """For each kind of organisation, whether the full report may go to it now and why."""
    report = case_primary_report(case)
    rows = []
    for kind in OrganisationKind:
        check = consent_check(report=report, recipient=ORGANISATION_RECIPIENT.get(kind))
        rows.append({"kind": kind.label, "allowed": check.allowed, "why": check.explanation})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.refer")
    case = access_case_by_id(request.user, case_id)
    membership = membership_for_user(request.user)
    if membership is None or not is_lead(request.user, case):
        raise PermissionDenied()
    organisations = organisation_list().exclude(pk=membership.organisation_id)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and data.get("anonymise_instead"):
        data["sharing"] = ANONYMISED
    form = ReferralForm(data, organisations=organisations)
    consent_refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_send(
                case=case,
                to_organisation=form.cleaned_data["to_organisation"],
                reason=form.cleaned_data["reason"],
                anonymised=form.anonymised,
                actor=request.user,
            )
        except ConsentRequired as error:
            consent_refused = str(error.message)
            form.add_error("sharing", consent_refused)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            if referral.is_anonymised:
                text = _("Referral sent to %(organisation)s, anonymised.")
            else:
                text = _("Referral sent to %(organisation)s.")
            messages.success(request, text % {"organisation": referral.to_organisation.name})
            return redirect(_case_url(case))
    return render(
        request,
        "cases/referral/new.html",
        {
            "case": case,
            "form": form,
            "consent_refused": consent_refused,
            "consent_by_kind": _consent_by_kind(case),
            "can_record_consent": user_can(request.user, "case.consent"),
        },
    )


@login_required
def referrals_received(request: HttpRequest) -> HttpResponse:
    require(request.user, "case.refer")
    return render(
        request,
        "cases/referral/received.html",
        {"referrals": list(referrals_received_for(user=request.user)[:200])},
    )


@login_required
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_open(referral_id=referral_id, user=request.user)
    membership = membership_for_user(request.user)
    is_receiver = membership is not None and membership.organisation_id == (
        referral.to_organisation_id
    )
    return render(
        request,
        "cases/referral/detail.html",
        {
            "referral": referral,
            "is_receiver": is_receiver,
            "can_answer": is_receiver and referral.status == ReferralStatus.PENDING,
            "can_withdraw": is_lead(request.user, referral.case)
            and referral.status in (ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
            "can_open_case": referral.status in (ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
            "decline_form": ReferralDeclineForm(),
        },
    )


@login_required
@require_POST
def referral_accept_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id)
    try:
        referral = referral_accept(referral=referral, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(reverse("cases:referral_detail", args=[referral.pk]))
    messages.success(request, _("Referral accepted. The case is now in active support."))
    return redirect(_case_url(referral.case))


@login_required
@require_http_methods(["GET", "POST"])
def referral_decline_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id)
    form = ReferralDeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_decline(
                referral=referral, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request, _("Referral declined. The referring organisation can see why.")
            )
            return redirect(reverse("cases:referrals_received"))
    return render(request, "cases/referral/decline.html", {"referral": referral, "form": form})


@login_required
@require_POST
def referral_withdraw_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral_by_id(request.user, referral_id)
    try:
        referral = referral_withdraw(referral=referral, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Referral to %(organisation)s withdrawn.")
            % {"organisation": referral.to_organisation.name},
        )
    return redirect(_case_url(referral.case))


def _report_display(view: ReportView) -> dict[str, Any]:
    """The view's fields in words, as the report page for the receiving organisation shows
    them (the same wording as the triage page)."""
    when = incident_when(incident_date=view.incident_date, is_ongoing=view.is_ongoing)
    strands = list(view.strands)
    if view.strand_not_sure:
        strands.append(_("Not sure"))
    point = view.location_point or {}
    return {
        "incident_types": ", ".join(view.incident_types),
        "when": when,
        "strands": ", ".join(strands),
        "support_wanted": humanise(view.support_wanted, "support_wanted"),
        "contact_methods": humanise(view.contact_methods, "contact_methods"),
        "exact_point": _("%(lat)s, %(lon)s (latitude, longitude)")
        % {"lat": f"{float(point['lat']):.5f}", "lon": f"{float(point['lon']):.5f}"}
        if "lat" in point and "lon" in point
        else "",
        "victim_rows": summary_pairs(view.victim_details, VICTIM_LABELS),
        "communication_rows": summary_pairs(view.communication_needs, COMMUNICATION_LABELS),
        "offender_rows": summary_pairs(view.offender_details, OFFENDER_LABELS),
    }


@login_required
def case_report(request: HttpRequest, case_id: int, report_id: int) -> HttpResponse:
    case, view = case_report_open(user=request.user, case_id=case_id, report_id=report_id)
    return render(
        request,
        "cases/referral/report.html",
        {"case": case, "view": view, **_report_display(view)},
    )


def referrals_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The case's referrals: all of them for the lead, one's own for a receiver (reads
    only); and which reports the user may open."""
    lead = is_lead(user, case)
    membership = membership_for_user(user)
    referrals = case_referrals(case=case)
    if not lead:
        own = membership.organisation_id if membership else None
        referrals = [r for r in referrals if r.to_organisation_id == own]
    return {
        "referrals": referrals,
        "can_refer": lead and user_can(user, "case.refer"),
        "report_links": list(
            CaseReport.objects.filter(case=case)
            .select_related("report")
            .only("id", "is_primary", "report__id", "report__reference")
            .order_by("-is_primary", "linked_at", "id")
        ),
    }


urlpatterns = [
    path("<int:case_id>/referrals/new/", referral_new, name="referral_new"),
    path("<int:case_id>/reports/<int:report_id>/", case_report, name="case_report"),
    path("referrals/", referrals_received, name="referrals_received"),
    path("referrals/<int:referral_id>/", referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/accept/", referral_accept_view, name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", referral_decline_view, name="referral_decline"),
    path("referrals/<int:referral_id>/withdraw/", referral_withdraw_view, name="referral_withdraw"),
]
