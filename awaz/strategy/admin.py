"""The action plan in the Django admin, read-only: every change goes through the plan's
pages and services, which check who may make it and write the audit log."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from awaz.strategy.models import (
    Action,
    CentreTraining,
    Issue,
    Measure,
    MeasureValue,
    Meeting,
    ProgressUpdate,
    Project,
    ReportingCentre,
    Strategy,
)


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Strategy)
class StrategyAdmin(_ReadOnlyAdmin):
    list_display = ("name", "starts_on", "ends_on", "is_demo")


@admin.register(Action)
class ActionAdmin(_ReadOnlyAdmin):
    list_display = ("__str__", "lead_organisation", "rag_status", "due_on")
    list_filter = ("strand__strategy", "rag_status")
    search_fields = ("title",)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(_ReadOnlyAdmin):
    list_display = ("action", "update_on", "recorded_by", "organisation")
    date_hierarchy = "update_on"


@admin.register(Project)
class ProjectAdmin(_ReadOnlyAdmin):
    list_display = ("name", "strategy", "lead_organisation", "status", "budget")
    list_filter = ("strategy", "status")


# Performance measures (strand 4).


@admin.register(Measure)
class MeasureAdmin(_ReadOnlyAdmin):
    list_display = ("name", "strategy", "strand", "source", "unit", "target", "good_direction")
    list_filter = ("strategy", "source")
    search_fields = ("name", "code")


@admin.register(MeasureValue)
class MeasureValueAdmin(_ReadOnlyAdmin):
    list_display = ("measure", "quarter_start", "value", "entered_by", "organisation", "entered_at")
    list_filter = ("measure__strategy",)
    date_hierarchy = "quarter_start"


# Reporting-centre register (strand 2).


@admin.register(ReportingCentre)
class ReportingCentreAdmin(_ReadOnlyAdmin):
    list_display = (
        "organisation",
        "area",
        "last_verified_on",
        "last_verified_by",
        "trained_staff",
        "has_private_space",
        "is_listed",
    )
    list_filter = ("is_listed", "has_private_space")
    list_select_related = ("organisation", "area", "last_verified_by")
    search_fields = ("organisation__name",)


@admin.register(CentreTraining)
class CentreTrainingAdmin(_ReadOnlyAdmin):
    list_display = ("centre", "trained_on", "people_trained", "course", "recorded_by")
    list_select_related = ("centre__organisation", "recorded_by")
    date_hierarchy = "trained_on"


# Meetings and the issue log.


@admin.register(Meeting)
class MeetingAdmin(_ReadOnlyAdmin):
    list_display = ("title", "held_on", "strategy", "agenda_built_at", "minutes_recorded_at")
    list_filter = ("strategy",)
    date_hierarchy = "held_on"


@admin.register(Issue)
class IssueAdmin(_ReadOnlyAdmin):
    list_display = ("reference", "title", "raised_by_organisation", "raised_on", "status")
    list_filter = ("strategy", "status")
    list_select_related = ("raised_by_organisation",)
    search_fields = ("reference", "title")
