"""The triage inbox: reports received by the user's organisation, newest first."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from awaz.reporting.access import reports_visible_to, user_can
from awaz.reporting.selectors import report_inbox_list
from awaz.reporting.views.triage.forms import InboxFilterForm

PAGE_SIZE = 25
_FILTER_KEYS = {name for name in InboxFilterForm.base_fields} | {
    f"{name}-{part}"
    for name in ("received_from", "received_to")
    for part in ("day", "month", "year")
}


def _page_href(query: QueryDict, number: int) -> str:
    params = query.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()


def pagination_items(page: Page, query: QueryDict) -> dict[str, Any]:
    """What the GOV.UK pagination component needs: numbered links with ellipses."""
    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": _page_href(query, int(number)),
                    "current": number == page.number,
                }
            )
    return {
        "items": items,
        "previous": _page_href(query, page.previous_page_number()) if page.has_previous() else "",
        "next": _page_href(query, page.next_page_number()) if page.has_next() else "",
    }


@login_required
def triage_inbox(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, "report.view_org"):
        # Roles without an inbox (administrator, PCC office, analyst) land here after
        # signing in: say so plainly, with the status code that means it.
        return render(request, "reporting/triage/no_inbox.html", status=403)
    bound = any(key in request.GET for key in _FILTER_KEYS)
    form = InboxFilterForm(request.GET if bound else None)
    if bound:
        form.is_valid()
    reports = report_inbox_list(reports=reports_visible_to(request.user), filters=form.filters())
    paginator = Paginator(reports, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reporting/triage/inbox.html",
        {
            "form": form,
            "page": page,
            "reports": list(page.object_list),
            "pagination": pagination_items(page, query) if paginator.num_pages > 1 else None,
            "filtered": bound,
        },
    )
