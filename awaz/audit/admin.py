from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent

DENIALS = "denials"
DENIAL_TYPES = (AuditEventType.ACCESS_DENIED, AuditEventType.ACCESS_DENIALS_SUPPRESSED)


class EventTypeFilter(admin.SimpleListFilter):
    """Event types by name, with "refused access" first: its events (one per refusal, and
    the running counts past the per-minute limit) together, to spot someone probing ids."""

    title = _("event")
    parameter_name = "event_type"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [(DENIALS, _("Refused access (all)"))] + [
            (str(int(kind)), kind.name) for kind in AuditEventType
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == DENIALS:
            return queryset.filter(event_type__in=[int(kind) for kind in DENIAL_TYPES])
        if value and value.isdigit():
            return queryset.filter(event_type=int(value))
        return queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, even for superusers. Readable by superusers
    and by staff given the "Can view audit event" permission."""

    list_display = (
        "occurred_at",
        "event_name",
        "actor_id",
        "actor_label",
        "organisation_label",
        "target_type",
        "target_id",
    )
    list_filter = (EventTypeFilter, "occurred_at")
    search_fields = ("actor_label", "organisation_label", "target_type", "target_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
