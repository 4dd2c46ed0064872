"""Template context for every page: the service's name, and the navigation for this user.

It lives in ``config`` (above every app) because the navigation links to several apps.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def _navigation(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items = [
            (reverse("reporting:triage_inbox"), _("Triage inbox")),
        ]
        membership = getattr(user, "membership", None)
        if membership is not None and membership.role == "centre_caseworker":
            items.append((reverse("reporting:assisted_start"), _("Record a report")))
        if membership is not None and membership.role == "administrator":
            items.append((reverse("partners:staff_list"), _("Staff")))
        items.append((reverse("mfa_index"), _("Security")))
        items.append((reverse("account_logout"), _("Sign out")))
    else:
        items = [
            (reverse("public:start"), _("Report hate")),
            (reverse("reporting:followup_start"), _("Follow up a report")),
            (reverse("public:urgent_help"), _("Get help now")),
            (reverse("account_login"), _("Staff sign in")),
        ]
    path = request.path
    return [
        {
            "href": href,
            "text": text,
            "active": path == href or (href != "/" and path.startswith(href)),
        }
        for href, text in items
    ]


def awaz(request: HttpRequest) -> dict[str, Any]:
    return {
        "awaz": {
            "service_name": settings.AWAZ_SERVICE_NAME,
            "partnership_name": settings.AWAZ_PARTNERSHIP_NAME,
            "is_demo": settings.AWAZ_IS_DEMO,
            "exit_url": settings.AWAZ_EXIT_URL,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        "awaz_navigation": _navigation(request),
    }
