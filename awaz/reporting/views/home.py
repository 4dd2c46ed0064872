"""Where staff land after signing in: the work their role has, and nothing else.

Caseworkers go straight to their triage inbox and administrators to the staff list. Roles
with no work on individual reports (analyst, chair, PCC office) see what their role may and
may not see, so nobody meets a refusal as their first page.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from awaz.partners import access as partners_access
from awaz.partners.selectors import membership_for_user
from awaz.reporting import access


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    if access.user_can(request.user, "report.view_org"):
        return redirect("reporting:triage_inbox")
    if partners_access.user_can(request.user, "staff.view"):
        return redirect("partners:staff_list")
    membership = membership_for_user(request.user)
    return render(
        request,
        "reporting/home.html",
        {"membership": membership},
    )


urlpatterns = [path("home/", staff_home, name="staff_home")]
