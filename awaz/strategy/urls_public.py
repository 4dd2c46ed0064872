"""The public "Where to report" page (namespace "strategy_public", mounted at
/where-to-report/)."""

from django.urls import path

from awaz.strategy.views import public_centres

app_name = "strategy_public"

urlpatterns = [
    path("", public_centres.where_to_report, name="where_to_report"),
]
