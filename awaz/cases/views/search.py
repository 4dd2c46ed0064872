"""Search for people and reports by reference, name, phone or e-mail (exact matches only,
through the blind indexes; ``services.search.people_search`` audits each search)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from awaz.cases import access
from awaz.cases.forms.search import SearchForm
from awaz.cases.services.search import SearchResult, people_search


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """POST, not GET: a name, phone or e-mail typed in must never end up in a URL."""
    access.require(request.user, "case.view")
    form = SearchForm(request.POST if request.method == "POST" else None)
    results: list[SearchResult] | None = None
    if request.method == "POST" and form.is_valid():
        results = people_search(
            user=request.user, kind=form.cleaned_data["kind"], value=form.cleaned_data["value"]
        )
    return render(
        request,
        "cases/search/search.html",
        {"form": form, "results": results},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


urlpatterns = [path("search/", search, name="search")]
