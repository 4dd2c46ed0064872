"""Public information pages: the start page, urgent help, privacy, accessibility, and
"Exit this page"."""

from django.urls import path

from awaz.reporting.views import pages

app_name = "public"

urlpatterns = [
    path("", pages.start, name="start"),
    path("help-now/", pages.urgent_help, name="urgent_help"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("exit/", pages.exit_this_page, name="exit"),
]
