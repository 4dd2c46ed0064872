"""Administrators' pages: their organisation's API clients (with when each was last used),
making one (its token is shown on the next page only, once), and revoking one."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awaz.api_clients.access import organisation_for
from awaz.api_clients.forms import ApiClientForm
from awaz.api_clients.selectors import (
    access_client_by_id,
    api_client_list,
    api_clients_last_used,
)
from awaz.api_clients.services import api_client_create, api_client_revoke
from awaz.core.exceptions import ApplicationError
from awaz.partners.models import Organisation


def _organisation(request: HttpRequest) -> Organisation:
    return organisation_for(request.user, "api_client.manage")


@login_required
@require_GET
def client_list_view(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    clients = list(api_client_list(organisation=organisation))
    last_used = api_clients_last_used(clients)
    rows = [(client, last_used.get(client.pk)) for client in clients]
    return render(request, "api_clients/client_list.html", {"rows": rows, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def client_create_view(request: HttpRequest) -> HttpResponse:
    _organisation(request)
    form = ApiClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = api_client_create(
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=timezone.now()
                + datetime.timedelta(days=int(form.cleaned_data["lifetime"])),
                actor=request.user,
            )
        except ApplicationError as error:
            name = error.extra.get("field")
            form.add_error(name if name in form.fields else None, str(error.message))
        else:
            # Shown on this response only: the token is never stored, so it cannot be shown
            # again. The page is not cached (NoStoreMiddleware).
            return render(
                request, "api_clients/client_created.html", {"client": client, "token": token}
            )
    return render(
        request,
        "api_clients/client_form.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def client_revoke_view(request: HttpRequest, client_id: int) -> HttpResponse:
    organisation = _organisation(request)
    client = access_client_by_id(organisation=organisation, client_id=client_id)
    try:
        api_client_revoke(client=client, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The client is revoked: its token no longer works."))
    return redirect("api_clients:client_list")
