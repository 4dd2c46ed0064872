"""The public "Where to report" page: the ways to report (online, by phone or in person at
a reporting centre, the police), then the reporting centres that are listed and verified
recently, by area, with a map of them.

No sign-in and no personal data (centres' public details only), so nothing is audited.
It keeps the site's ``Cache-Control: no-store`` on purpose: every page carries a fresh CSP
nonce, and a victim on a shared device should find nothing in the browser's cache after
"Exit this page".
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from awaz.strategy.selectors_centres import (
    centres_by_area,
    centres_map_outlines,
    centres_map_points,
    centres_public,
    verify_months,
)


def where_to_report(request: HttpRequest) -> HttpResponse:
    centres = centres_public(today=timezone.localdate())
    points = centres_map_points(centres)
    return render(
        request,
        "strategy/where_to_report.html",
        {
            "groups": centres_by_area(centres),
            "count": len(centres),
            "map_data": {"centres": points, "outlines": centres_map_outlines()} if points else None,
            "months": verify_months(),
        },
    )
