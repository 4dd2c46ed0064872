from django.contrib import admin
from django.http import HttpRequest

from awaz.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, even for superusers."""

    list_display = (
        "occurred_at",
        "event_name",
        "actor_label",
        "organisation_label",
        "target_type",
        "target_id",
    )
    list_filter = ("event_type",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
