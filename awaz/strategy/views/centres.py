"""The reporting-centre register (strand 2): the list with flags and reports received per
quarter, a centre's page, recording its details and staff training, and marking it
verified. Centres' details are public information, not personal data, so reading them is
not audited; every change is (``services.centres``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.core.exceptions import ApplicationError
from awaz.partners.models import Organisation
from awaz.strategy import access
from awaz.strategy.forms.centres import (
    CentreDetailsForm,
    CentreFilterForm,
    CentreTrainingForm,
    yes_no_initial,
)
from awaz.strategy.selectors_centres import centre_page, centre_register
from awaz.strategy.services.centres import (
    centre_details_save,
    centre_training_add,
    centre_verify,
)
from awaz.strategy.views.pages import add_service_error, form_page


def centre_url(organisation: Organisation) -> str:
    return reverse("strategy:centre_detail", args=[organisation.pk])


@login_required
def centre_list_view(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "centre.view")
    form = CentreFilterForm(request.GET or None)
    filters = form.filters()
    register = centre_register(filters=filters, today=timezone.localdate())
    return render(
        request,
        "strategy/centres.html",
        {
            "register": register,
            "filters": filters,
            "selected_area": form.selected_area,
        },
    )


@login_required
def centre_detail_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_centre_by_id(request.user, organisation_id)
    return render(
        request,
        "strategy/centre.html",
        {
            **centre_page(organisation=organisation, today=timezone.localdate()),
            "can_edit": access.is_centre_editable(request.user, organisation),
            "can_verify": access.user_can(request.user, "centre.verify"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_centre_by_id(request.user, organisation_id, action="centre.edit")
    centre = getattr(organisation, "centre", None)
    initial = {"has_private_space": None, "is_listed": yes_no_initial(True), "trained_staff": 0}
    if centre is not None:
        initial = {
            "address": centre.address,
            "postcode": centre.postcode,
            "area": str(centre.area_id) if centre.area_id else "",
            "lat": centre.lat,
            "lon": centre.lon,
            "phone": centre.phone,
            "email": centre.email,
            "website": centre.website,
            "opening_hours": centre.opening_hours,
            "languages": centre.languages,
            "accessibility": centre.accessibility,
            "has_private_space": yes_no_initial(centre.has_private_space),
            "trained_staff": centre.trained_staff,
            "is_listed": yes_no_initial(centre.is_listed),
        }
    form = CentreDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            centre_details_save(
                organisation=organisation, details=form.details(), actor=request.user
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Centre details saved."))
            return redirect(centre_url(organisation))
    return form_page(
        request,
        form,
        title=_("Change the centre's details") if centre else _("Record the centre's details"),
        caption=organisation.name,
        back_url=centre_url(organisation),
        button=_("Save the details"),
    )


@login_required
@require_POST
def centre_verify_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_centre_by_id(request.user, organisation_id, action="centre.verify")
    centre = getattr(organisation, "centre", None)
    if centre is None:
        messages.error(request, _("Record the centre's details before verifying them."))
    else:
        centre_verify(centre=centre, actor=request.user)
        messages.success(request, _("Centre marked as verified today."))
    return redirect(centre_url(organisation))


@login_required
@require_http_methods(["GET", "POST"])
def centre_training_add_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.access_centre_by_id(request.user, organisation_id, action="centre.edit")
    centre = getattr(organisation, "centre", None)
    if centre is None:
        messages.error(request, _("Record the centre's details before adding training."))
        return redirect(centre_url(organisation))
    form = CentreTrainingForm(request.POST or None, trained_staff=centre.trained_staff)
    if request.method == "POST" and form.is_valid():
        try:
            centre_training_add(centre=centre, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Training added."))
            return redirect(centre_url(organisation))
    return form_page(
        request,
        form,
        title=_("Add a training session"),
        caption=organisation.name,
        back_url=centre_url(organisation),
        button=_("Add the training"),
    )
