"""Reporting: the public journey, follow-up by reporters, assisted reports and triage."""

from awaz.reporting.views import assisted, followup, home, journey, triage

app_name = "reporting"

urlpatterns = [
    *journey.urlpatterns,
    *followup.urlpatterns,
    *assisted.urlpatterns,
    *triage.urlpatterns,
    *home.urlpatterns,
]
