"""Top-level URLs. Each app owns its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("awaz.reporting.urls_public")),
    path("report/", include("awaz.reporting.urls")),
    path("staff/", include("awaz.partners.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]
