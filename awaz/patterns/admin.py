"""Django admin for near-repeat runs, for superusers: read-only, to see what was asked for and
why a job failed. Runs are started only from the patterns pages (``near_repeat_request``),
so nothing can be added or changed here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from awaz.patterns.models import NearRepeatRun


@admin.register(NearRepeatRun)
class NearRepeatRunAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "organisation",
        "requested_by",
        "status",
        "progress_percent",
        "n_events",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "organisation")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in NearRepeatRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
