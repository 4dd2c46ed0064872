"""Staff management pages, for administrators (and Django superusers) only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.core.models import User
from awaz.partners.access import require
from awaz.partners.forms import StaffDeactivateForm, StaffInviteForm
from awaz.partners.selectors import (
    invitation_list_pending,
    staff_list_with_status,
    staff_member_by_user_id,
)
from awaz.partners.services import staff_deactivate, staff_invite


def _add_service_error(
    form: StaffInviteForm | StaffDeactivateForm, error: ApplicationError
) -> None:
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, str(error.message))


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "staff.view")
    return render(
        request,
        "partners/staff_list.html",
        {
            "memberships": list(staff_list_with_status()),
            "invitations": list(invitation_list_pending()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "staff.invite")
    assert isinstance(request.user, User)  # nosec: login_required
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_invite(
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                actor=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent. The link in it works once, for 7 days."))
            return redirect("partners:staff_list")
    return render(request, "partners/staff_invite.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_deactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "staff.deactivate")
    assert isinstance(request.user, User)  # nosec: login_required
    membership = staff_member_by_user_id(user_id)
    if not membership.user.is_active or membership.user.pk == request.user.pk:
        raise NotFound()
    form = StaffDeactivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_deactivate(
                user=membership.user, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request, _("Account deactivated. Every session it had has been signed out.")
            )
            return redirect("partners:staff_list")
    return render(
        request, "partners/staff_deactivate.html", {"form": form, "membership": membership}
    )
