"""Returning reporters: reference plus follow-up code, no account.

Access is held in the server-side session (the report id, never in a URL) and ends after
``AWAZ_FOLLOWUP_IDLE`` without a request, or with "Sign out of this report". The reporter
sees the status in plain words and can add information or change consent; nothing else of
the report is shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from awaz.reporting.models import Report, ReportStatus
from awaz.reporting.selectors import consent_current
from awaz.reporting.services.evidence import EvidenceRejected
from awaz.reporting.services.followup import (
    CHECK,
    REISSUE,
    AttemptKeys,
    consent_choices_for,
    followup_code_check,
    followup_throttle_exceeded,
    followup_throttle_hit,
    report_consent_change_by_reporter,
    report_followup_code_reissue,
    report_followup_open,
    report_information_add,
)
from awaz.reporting.views.followup.forms import (
    WRONG_DETAILS,
    AddInformationForm,
    ConsentForm,
    FollowupStartForm,
    LostCodeForm,
)

SESSION_KEY = "awaz_followup"

# What each status means, in the reporter's words.
STATUS_EXPLAINED: dict[str, Any] = {
    ReportStatus.RECEIVED: gettext_lazy(
        "We have received your report. Nobody has looked at it yet. "
        "Someone from the partnership will look at it soon."
    ),
    ReportStatus.IN_REVIEW: gettext_lazy(
        "Someone from the partnership is looking at your report and deciding what to do next."
    ),
    ReportStatus.PASSED_TO_SUPPORT: gettext_lazy(
        "Your report has been passed to a service that offers support. If you said we can "
        "contact you, they will contact you in the way you said is safe."
    ),
    ReportStatus.IN_SUPPORT: gettext_lazy(
        "Someone is supporting you. If you said we can contact you, they will contact you "
        "in the way you said is safe. You can send them a message here."
    ),
    ReportStatus.CLOSED: gettext_lazy(
        "We have finished dealing with your report. You can still add information, "
        "and someone will read it."
    ),
}


def _attempt(request: HttpRequest) -> AttemptKeys:
    """This address trying the reference in the form (counted before the form is checked,
    so a malformed reference is counted too)."""
    return AttemptKeys.build(
        ip_address=request.META.get("REMOTE_ADDR", ""),
        reference=str(request.POST.get("reference", "")),
    )


def _throttled(request: HttpRequest) -> HttpResponse:
    minutes = settings.AWAZ_FOLLOWUP_WINDOW // 60
    return render(request, "reporting/followup/throttled.html", {"minutes": minutes}, status=429)


def _grant(request: HttpRequest, report: Report) -> None:
    request.session.cycle_key()  # a new session id once the code is proved
    request.session[SESSION_KEY] = {"report_id": report.pk, "seen": time.time()}


def _report_in_session(request: HttpRequest) -> tuple[Report | None, bool]:
    """The report this browser may follow up, and whether an earlier access just expired."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None, False
    idle = settings.AWAZ_FOLLOWUP_IDLE.total_seconds()
    if time.time() - float(data.get("seen", 0)) > idle:
        del request.session[SESSION_KEY]
        return None, True
    report = Report.objects.filter(pk=data.get("report_id")).first()
    if report is None:
        del request.session[SESSION_KEY]
        return None, False
    data["seen"] = time.time()
    request.session[SESSION_KEY] = data
    return report, False


def followup_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Pages that need a proved code: otherwise back to the start, saying why if it expired."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report, expired = _report_in_session(request)
        if report is None:
            if expired:
                messages.info(
                    request,
                    _(
                        "For your safety, you were signed out of your report because you had "
                        "not used it for a while. Enter your reference and code again."
                    ),
                )
            return redirect("reporting:followup_start")
        return view(request, report, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
def followup_start(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and request.session.get(SESSION_KEY):
        report, _expired = _report_in_session(request)
        if report is not None:
            return redirect("reporting:followup_report")
    form = FollowupStartForm(request.POST or None)
    if request.method == "POST":
        attempt = _attempt(request)
        if followup_throttle_exceeded(attempt=attempt, bucket=CHECK):
            return _throttled(request)
        if form.is_valid():
            report = followup_code_check(
                reference=form.cleaned_data["reference"], code=form.cleaned_data["code"]
            )
            if report is not None:
                report_followup_open(report=report)
                _grant(request, report)
                return redirect("reporting:followup_report")
            followup_throttle_hit(attempt=attempt, bucket=CHECK)
            form.add_error("code", WRONG_DETAILS)
        # The code is never shown back, right or wrong.
        cleared = request.POST.copy()
        cleared["code"] = ""
        form.data = cleared
    return render(request, "reporting/followup/start.html", {"form": form})


@followup_required
def followup_report(request: HttpRequest, report: Report) -> HttpResponse:
    return render(
        request,
        "reporting/followup/report.html",
        {
            "reference": report.reference,
            "status_label": ReportStatus(report.status).label,
            "status": report.status,
            "status_explained": STATUS_EXPLAINED[report.status],
            "idle_minutes": int(settings.AWAZ_FOLLOWUP_IDLE.total_seconds() // 60),
        },
    )


@require_http_methods(["GET", "POST"])
@followup_required
def followup_add_information(request: HttpRequest, report: Report) -> HttpResponse:
    form = AddInformationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        refused = False
        if form.is_valid():
            try:
                report_information_add(
                    report=report,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["attachments"],
                )
            except EvidenceRejected as exc:
                form.add_error("attachments", str(exc.message))
                refused = True
            else:
                messages.success(
                    request, _("Thank you. We have added your information to your report.")
                )
                return redirect("reporting:followup_report")
        form.say_files_not_kept(one_was_refused=refused)
    return render(request, "reporting/followup/add_information.html", {"form": form})


@require_http_methods(["GET", "POST"])
@followup_required
def followup_consent(request: HttpRequest, report: Report) -> HttpResponse:
    current = consent_current(report=report)
    in_force = {pair: row.granted for pair, row in current.items()}
    form = ConsentForm(
        request.POST or None, pairs=consent_choices_for(report=report), current=in_force
    )
    if request.method == "POST" and form.is_valid():
        rows = report_consent_change_by_reporter(report=report, decisions=form.decisions())
        if rows:
            messages.success(request, _("We have saved your choices. They apply from now on."))
        else:
            messages.info(request, _("You did not change any of your choices."))
        return redirect("reporting:followup_report")
    return render(request, "reporting/followup/consent.html", {"form": form})


@require_POST
def followup_sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    messages.info(request, _("You have signed out of your report."))
    return redirect("reporting:followup_start")


@require_http_methods(["GET", "POST"])
def followup_lost_code(request: HttpRequest) -> HttpResponse:
    form = LostCodeForm(request.POST or None)
    if request.method == "POST":
        attempt = _attempt(request)
        if followup_throttle_exceeded(attempt=attempt, bucket=REISSUE):
            return _throttled(request)
        if form.is_valid():
            followup_throttle_hit(attempt=attempt, bucket=REISSUE)
            report_followup_code_reissue(
                reference=form.cleaned_data["reference"],
                email=form.cleaned_data["email"],
                followup_url=request.build_absolute_uri(reverse("reporting:followup_start")),
            )
            return HttpResponseRedirect(reverse("reporting:followup_lost_code_sent"))
    return render(request, "reporting/followup/lost_code.html", {"form": form})


def followup_lost_code_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/followup/lost_code_sent.html")
