"""Imports of partners' records (administrators of the source's organisation)."""

from django.urls import path

from awaz.imports.views import records, runs, sources

app_name = "imports"

urlpatterns = [
    path("", sources.source_list_view, name="source_list"),
    path("sources/new/", sources.source_create_view, name="source_create"),
    path("sources/<int:source_id>/", sources.source_detail_view, name="source_detail"),
    path("sources/<int:source_id>/edit/", sources.source_edit_view, name="source_edit"),
    path("sources/<int:source_id>/upload/", runs.run_upload_view, name="run_upload"),
    path("sources/<int:source_id>/records/", records.record_list_view, name="record_list"),
    path("runs/<int:run_id>/", runs.run_detail_view, name="run_detail"),
    path("runs/<int:run_id>/confirm/", runs.run_confirm_view, name="run_confirm"),
    path("runs/<int:run_id>/cancel/", runs.run_cancel_view, name="run_cancel"),
    path("runs/<int:run_id>/errors.csv", runs.run_errors_csv_view, name="run_errors_csv"),
    path("records/<int:record_id>/", records.record_detail_view, name="record_detail"),
]
