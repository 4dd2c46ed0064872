"""Messages with the reporter, on the staff side, and the case page's panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases.access import access_case_by_id, require
from awaz.cases.forms.messages import MessageToReporterForm
from awaz.cases.models import Case, Message, MessageDirection
from awaz.cases.selectors_messages import messages_unread
from awaz.cases.services import message_to_reporter_send, messages_open_for_staff
from awaz.cases.services.messages import messages_allowed, reporter_can_be_emailed
from awaz.cases.sharing import case_primary_report
from awaz.core.exceptions import ApplicationError, PermissionDenied


@login_required
def message_list(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.message")
    case = access_case_by_id(request.user, case_id)
    thread = messages_open_for_staff(case=case, user=request.user)
    return render(
        request,
        "cases/messages/list.html",
        {"case": case, "thread": thread, "from_reporter": MessageDirection.FROM_REPORTER},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.message")
    case = access_case_by_id(request.user, case_id)
    if not messages_allowed(user=request.user, case=case):
        raise PermissionDenied()
    form = MessageToReporterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            message_to_reporter_send(
                case=case,
                body=form.cleaned_data["body"],
                followup_url=request.build_absolute_uri(reverse("reporting:followup_start")),
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error("body", str(error.message))
        else:
            flash.success(request, _("Message sent. The reporter reads it with their code."))
            return redirect(reverse("cases:messages", args=[case.pk]))
    report = case_primary_report(case)
    return render(
        request,
        "cases/messages/new.html",
        {
            "case": case,
            "form": form,
            "will_email": report is not None and reporter_can_be_emailed(report),
        },
    )


def messages_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """How many messages there are and how many from the reporter are unread (no text:
    the text is read on the messages page, which audits it)."""
    if not messages_allowed(user=user, case=case):
        return {"allowed": False}
    counts = Message.objects.filter(case=case).aggregate(total=Count("id"), latest=Max("sent_at"))
    from_reporter = Message.objects.filter(case=case, direction=MessageDirection.FROM_REPORTER)
    return {"allowed": True, **counts, "unread": len(messages_unread(messages=from_reporter))}


urlpatterns = [
    path("<int:case_id>/messages/", message_list, name="messages"),
    path("<int:case_id>/messages/new/", message_new, name="message_new"),
]
