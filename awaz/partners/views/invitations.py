"""Accepting an invitation: a public page opened from the link in the invitation e-mail.

The token is in the URL path: it is a one-time secret, not personal data. The page sends
``Referrer-Policy: no-referrer`` so the link never leaks in a Referer header.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.core.exceptions import ApplicationError
from awaz.partners.forms import InvitationAcceptForm
from awaz.partners.selectors import invitation_pending_by_token
from awaz.partners.services import InvitationInvalid, PasswordRejected, invitation_accept


def _no_referrer(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_pending_by_token(token)
    if invitation is None or request.user.is_authenticated:
        return _no_referrer(
            render(
                request,
                "partners/invitation_invalid.html",
                {"signed_in": request.user.is_authenticated},
                status=404 if invitation is None else 200,
            )
        )
    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationInvalid:
            return _no_referrer(render(request, "partners/invitation_invalid.html", {}, status=404))
        except PasswordRejected as error:
            for message in error.extra.get("messages", [error.message]):
                form.add_error("password1", message)
        except ApplicationError as error:
            field = error.extra.get("field")
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(
                request,
                _("Your account is ready. Sign in, then set up your authenticator app."),
            )
            return _no_referrer(redirect("account_login"))
    return _no_referrer(
        render(
            request,
            "partners/invitation_accept.html",
            {"form": form, "invitation": invitation},
        )
    )
