"""The account page: who the member of staff is, their organisation and role, and what the
role may and may not see.

Signing in lands on ``config/landing.py``, which sends each role to its work (caseworkers to
the triage inbox, the analyst to the patterns dashboard, the chair and the PCC office to the
action plan, administrators to the staff list) and only those with no such page here. Here,
too, caseworkers go on to their triage inbox and administrators to the staff list, so
nobody meets a refusal.
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
