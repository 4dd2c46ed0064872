"""A member of staff's notifications: the newest notices, and how to receive them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awaz.cases.forms.notifications import NotificationSettingsForm
from awaz.cases.services.notifications import (
    notification_list_for_user,
    notification_mode,
    notification_preference_set,
)
from awaz.core.exceptions import NotFound
from awaz.partners.selectors import membership_for_user


def _require_staff(request: HttpRequest) -> None:
    """Notifications are for members of a partner organisation."""
    if membership_for_user(request.user) is None:
        raise NotFound()


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    return render(
        request,
        "cases/notifications/list.html",
        {
            "notifications": notification_list_for_user(user=request.user),
            "mode": notification_mode(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"mode": notification_mode(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_set(
            user=request.user, mode=form.cleaned_data["mode"], actor=request.user
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("cases:notification_list")
    return render(request, "cases/notifications/settings.html", {"form": form})


urlpatterns = [
    path("notifications/", notification_list, name="notification_list"),
    path("notifications/settings/", notification_settings, name="notification_settings"),
]
