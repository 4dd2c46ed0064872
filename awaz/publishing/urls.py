"""Open statistics: the public page and one CSV file per named table."""

from django.urls import path

from awaz.publishing import views

app_name = "publishing"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("<slug:slug>.csv", views.table_csv, name="table_csv"),
]
