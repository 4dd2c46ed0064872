"""The triage inbox and report detail for staff of the receiving organisation."""

from django.urls import path

from awaz.reporting.views.triage.detail import (
    triage_evidence_download,
    triage_report_detail,
    triage_report_review_start,
)
from awaz.reporting.views.triage.inbox import triage_inbox

urlpatterns = [
    path("inbox/", triage_inbox, name="triage_inbox"),
    path("inbox/reports/<int:report_id>/", triage_report_detail, name="triage_report_detail"),
    path(
        "inbox/reports/<int:report_id>/start/",
        triage_report_review_start,
        name="triage_report_review_start",
    ),
    path(
        "inbox/reports/<int:report_id>/evidence/<int:evidence_id>/",
        triage_evidence_download,
        name="triage_evidence_download",
    ),
]
