"""Patterns pages: the dashboard (views/dashboard.py), its CSV downloads, near-repeat runs
(views/near_repeat.py) and the incident export (views/export.py)."""

from django.urls import path

from awaz.patterns.views import dashboard, export, near_repeat

app_name = "patterns"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("data/<slug:chart>.csv", dashboard.chart_csv, name="chart_csv"),
    path("near-repeat/", near_repeat.run_list, name="near_repeat_list"),
    path("near-repeat/new/", near_repeat.run_start, name="near_repeat_start"),
    path("near-repeat/<int:run_id>/", near_repeat.run_detail, name="near_repeat_detail"),
    path("near-repeat/<int:run_id>.csv", near_repeat.run_csv, name="near_repeat_csv"),
    path("export/", export.export_start, name="export"),
    path("export/incidents.<str:fmt>", export.export_download, name="export_download"),
]
