"""Sources: the list, defining one (its column and value mappings), changing it, and its
page (settings, upload form, files imported)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awaz.core.exceptions import ApplicationError
from awaz.imports import access
from awaz.imports import vocabulary as v
from awaz.imports.columns import COLUMNS, DATE_FORMATS
from awaz.imports.forms import SourceForm, UploadForm
from awaz.imports.selectors import run_list, source_is_police, source_list
from awaz.imports.services import import_source_change, import_source_create

RUNS_SHOWN = 20


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    name = error.extra.get("field")
    form.add_error(name if name in form.fields else None, str(error.message))


@login_required
@require_GET
def source_list_view(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "import.manage")
    sources = source_list(sources=access.sources_visible_to(request.user))
    return render(request, "imports/source_list.html", {"sources": sources})


def _form_page(request: HttpRequest, form: SourceForm, **extra: Any) -> HttpResponse:
    return render(
        request,
        "imports/source_form.html",
        {"form": form, "value_kinds": v.VALUE_KINDS, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def source_create_view(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "import.manage")
    form = SourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            source = import_source_create(settings=form.settings(), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Source saved. You can now upload a file for it."))
            return redirect("imports:source_detail", source_id=source.pk)
    return _form_page(request, form, title=_("Define a source"), source=None)


@login_required
@require_http_methods(["GET", "POST"])
def source_edit_view(request: HttpRequest, source_id: int) -> HttpResponse:
    source = access.access_source_by_id(request.user, source_id)
    form = SourceForm(request.POST if request.method == "POST" else None, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            import_source_change(source=source, settings=form.settings(), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Source changed. The next file is read this way."))
            return redirect("imports:source_detail", source_id=source.pk)
    return _form_page(request, form, title=_("Change the source"), source=source)


def source_page(
    request: HttpRequest, source_id: int, *, upload: UploadForm | None = None, status: int = 200
) -> HttpResponse:
    source = access.access_source_by_id(request.user, source_id)
    columns = [(c.label, source.column_map[c.key]) for c in COLUMNS if source.column_map.get(c.key)]
    value_maps = [
        (label, sorted(source.value_maps.get(kind, {}).items()))
        for kind, label in v.VALUE_KINDS.items()
        if source.value_maps.get(kind)
    ]
    return render(
        request,
        "imports/source_detail.html",
        {
            "source": source,
            "police": source_is_police(source),
            "columns": columns,
            "strand_columns": sorted(source.strand_columns.items()),
            "value_maps": value_maps,
            "date_examples": [DATE_FORMATS.get(f, f) for f in source.date_formats],
            "runs": list(run_list(source=source)[:RUNS_SHOWN]),
            "upload": upload or UploadForm(initial={"is_full_extract": source.full_extract}),
        },
        status=status,
    )


@login_required
@require_GET
def source_detail_view(request: HttpRequest, source_id: int) -> HttpResponse:
    return source_page(request, source_id)
