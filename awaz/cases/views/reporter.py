"""The reporter's messages page: signed in to their report with the follow-up code
(``reporting``'s session helper), they read the caseworkers' messages and the notes shared
with them, and answer. Only their own report's messages, never another report's in the
same case. No staff names are shown: only the organisation that wrote.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases.forms.messages import ReporterReplyForm
from awaz.cases.models import MessageDirection
from awaz.cases.services import message_from_reporter_receive, messages_read_by_reporter
from awaz.cases.services.messages import case_for_report, reporter_messages, reporter_shared_notes
from awaz.core.exceptions import ApplicationError
from awaz.reporting.models import Report
from awaz.reporting.views.followup.views import followup_required


@require_http_methods(["GET", "POST"])
@followup_required
def reporter_messages_view(request: HttpRequest, report: Report) -> HttpResponse:
    has_case = case_for_report(report) is not None
    form = ReporterReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and has_case and form.is_valid():
        try:
            message_from_reporter_receive(report=report, body=form.cleaned_data["body"])
        except ApplicationError as error:
            form.add_error("body", str(error.message))
        else:
            flash.success(request, _("Your reply has been sent."))
            return redirect("cases:reporter_messages")
    thread = reporter_messages(report=report)
    if request.method == "GET":
        messages_read_by_reporter(report=report)
    return render(
        request,
        "cases/reporter/messages.html",
        {
            "thread": thread,
            "notes": reporter_shared_notes(report=report),
            "form": form if has_case else None,
            "from_reporter": MessageDirection.FROM_REPORTER,
        },
    )


urlpatterns = [
    path("follow-up/messages/", reporter_messages_view, name="reporter_messages"),
]
