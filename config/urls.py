"""Top-level URLs. Each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from config import landing
from config.api import api

urlpatterns = [
    path("", include("awaz.reporting.urls_public")),
    path("report/", include("awaz.reporting.urls")),
    path("staff/", landing.staff_landing, name="staff_landing"),
    path("staff/", include("awaz.partners.urls")),
    path("imports/", include("awaz.imports.urls")),
    path("staff/api-clients/", include("awaz.api_clients.urls")),
    path("cases/", include("awaz.cases.urls")),
    path("patterns/", include("awaz.patterns.urls")),
    path("plan/", include("awaz.strategy.urls")),
    path("where-to-report/", include("awaz.strategy.urls_public")),
    path("statistics/", include("awaz.publishing.urls")),
    # Awaz's wrappers of a few allauth pages first, so they take allauth's URLs and names.
    path("accounts/", include("awaz.partners.urls_accounts")),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]
