"""Where staff land after signing in (``LOGIN_REDIRECT_URL``): the work their role has.

allauth sends a person who signed in from a page that needed it back to that page (a safe
``?next=``, checked by allauth); everyone else comes here, and goes on to the first page of
their role's work: caseworkers to the triage inbox of their organisation, the analyst to the
patterns dashboard, the partnership chair and the PCC office to the action plan (which
leads to the quarterly reports), administrators to the staff list. A role whose page its
app's access table does not allow, or an account without an organisation, gets the account
page (``reporting:staff_home``), which says what the role can see; a Django superuser
without an organisation (technical administration) gets the Django admin.

It lives in ``config`` (above every app) because it sends people to several apps' pages and
asks each app's access table first.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from awaz.partners import access as partners_access
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user
from awaz.patterns import access as patterns_access
from awaz.reporting import access as reporting_access
from awaz.strategy import access as strategy_access

# Role: the page it starts on (URL name), and the app's access table and action that must
# allow it.
LANDINGS: dict[Role, tuple[str, ModuleType, str]] = {
    Role.PARTNER_CASEWORKER: ("reporting:triage_inbox", reporting_access, "report.view_org"),
    Role.CENTRE_CASEWORKER: ("reporting:triage_inbox", reporting_access, "report.view_org"),
    Role.ANALYST: ("patterns:dashboard", patterns_access, "patterns.view"),
    Role.CHAIR: ("strategy:plan", strategy_access, "plan.view"),
    Role.PCC_OFFICE: ("strategy:plan", strategy_access, "plan.view"),
    Role.ADMINISTRATOR: ("partners:staff_list", partners_access, "staff.view"),
}
ACCOUNT_PAGE = "reporting:staff_home"


def landing_for(user: Any) -> str:
    """The URL name of the page ``user`` starts on."""
    membership = membership_for_user(user)
    if membership is None:
        return "admin:index" if user.is_staff else ACCOUNT_PAGE
    landing = LANDINGS.get(Role(membership.role))
    if landing is None:
        return ACCOUNT_PAGE
    name, access, action = landing
    return name if access.user_can(user, action) else ACCOUNT_PAGE


@login_required
@require_GET
def staff_landing(request: HttpRequest) -> HttpResponse:
    return redirect(landing_for(request.user))
