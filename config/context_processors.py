"""Template context for every page: the service's name, and the navigation for this user.

It lives in ``config`` (above every app) because the navigation links to several apps.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from awaz.api_clients import access as api_clients_access
from awaz.cases import access as cases_access
from awaz.imports import access as imports_access
from awaz.partners import access as partners_access
from awaz.patterns import access as patterns_access
from awaz.reporting import access as reporting_access
from awaz.strategy import access as strategy_access


def _navigation(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Each link only for those its app's access table allows, so an administrator
        # (no personal data) never sees the triage inbox.
        items = []
        if reporting_access.user_can(user, "report.view_org"):
            items.append((reverse("reporting:triage_inbox"), _("Triage inbox")))
        if cases_access.user_can(user, "case.view"):
            items.append((reverse("cases:case_list"), _("Cases")))
        if cases_access.user_can(user, "task.view"):
            items.append((reverse("cases:my_tasks"), _("My tasks")))
        if cases_access.user_can(user, "case.refer"):
            items.append((reverse("cases:referrals_received"), _("Referrals")))
        if cases_access.user_can(user, "timers.overview"):
            timers = (
                "timers_at_risk" if cases_access.user_can(user, "case.view") else "timers_breaches"
            )
            items.append((reverse(f"cases:{timers}"), _("Time limits")))
        if cases_access.user_can(user, "case.view"):
            items.append((reverse("cases:notification_list"), _("Notifications")))
        if patterns_access.user_can(user, "patterns.view"):
            items.append((reverse("patterns:dashboard"), _("Patterns")))
        elif patterns_access.user_can(user, "patterns.export"):
            items.append((reverse("patterns:export"), _("Download incidents")))
        if strategy_access.user_can(user, "plan.view"):
            items.append((reverse("strategy:plan"), _("Action plan")))
        if reporting_access.user_can(user, "report.record_assisted"):
            items.append((reverse("reporting:assisted_start"), _("Record a report")))
        if cases_access.user_can(user, "rules.manage"):
            items.append((reverse("cases:rules"), _("Rules")))
        if partners_access.user_can(user, "staff.view"):
            items.append((reverse("partners:staff_list"), _("Staff")))
        if imports_access.user_can(user, "import.manage"):
            items.append((reverse("imports:source_list"), _("Imports")))
        if api_clients_access.user_can(user, "api_client.manage"):
            items.append((reverse("api_clients:client_list"), _("API clients")))
        items.append((reverse("mfa_index"), _("Security")))
        items.append((reverse("account_logout"), _("Sign out")))
    else:
        items = [
            (reverse("public:start"), _("Report hate")),
            (reverse("strategy_public:where_to_report"), _("Where to report")),
            (reverse("reporting:followup_start"), _("Follow up a report")),
            (reverse("public:urgent_help"), _("Get help now")),
            (reverse("publishing:statistics"), _("Statistics")),
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
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        "awaz_navigation": _navigation(request),
    }
