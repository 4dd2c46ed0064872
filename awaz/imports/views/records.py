"""Imported records of a source (those missing from the latest full extract flagged), and
one record's history: each version's outcome, strands and classification, and the file
that said so."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from awaz.imports import access
from awaz.imports import vocabulary as v
from awaz.imports.selectors import record_history_rows, record_list

PAGE_SIZE = 50


@login_required
@require_GET
def record_list_view(request: HttpRequest, source_id: int) -> HttpResponse:
    source = access.access_source_by_id(request.user, source_id)
    missing_only = request.GET.get("missing") == "1"
    paginator = Paginator(record_list(source=source, missing_only=missing_only), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "imports/record_list.html",
        {"source": source, "page": page, "missing_only": missing_only},
    )


@login_required
@require_GET
def record_detail_view(request: HttpRequest, record_id: int) -> HttpResponse:
    record = access.access_record_by_id(request.user, record_id)
    return render(
        request,
        "imports/record_detail.html",
        {
            "record": record,
            "source": record.source,
            "versions": record_history_rows(record),
            "outcome": v.outcome_label(record.outcome) if record.outcome else "",
        },
    )
