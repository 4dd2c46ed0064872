"""Cases: triage of reports, case pages and the partnership's response (namespace "cases").

Each views module has its own ``urlpatterns`` list; add one line here per module.
"""

from awaz.cases.views import (
    case,
    case_actions,
    classification,
    consent,
    messages,
    notifications,
    outcome,
    referral,
    repeats,
    reporter,
    review,
    risk,
    search,
    tasks,
    timers,
    triage,
)

app_name = "cases"

urlpatterns = [
    *triage.urlpatterns,
    *case.urlpatterns,
    *case_actions.urlpatterns,
    *classification.urlpatterns,
    *search.urlpatterns,
    *risk.urlpatterns,
    *tasks.urlpatterns,
    *review.urlpatterns,
    *repeats.urlpatterns,
    *timers.urlpatterns,
    *notifications.urlpatterns,
    *outcome.urlpatterns,
    *consent.urlpatterns,
    *referral.urlpatterns,
    *messages.urlpatterns,
    *reporter.urlpatterns,
]
