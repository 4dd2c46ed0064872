from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from awaz.geo.admin_import import boundary_import_view, can_import
from awaz.geo.models import Area, PostcodeUnit


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Areas and postcodes change only through ``awaz.geo.services`` (which check boundaries
    and refresh the point-in-area index), so the admin only shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(_ReadOnlyAdmin):
    """Shows areas; "Import boundaries" adds or updates them from a file through
    ``awaz.geo.services.boundaries_import`` (see ``admin_import``)."""

    list_display = ("code", "name", "level", "parent", "population", "is_demo")
    list_filter = ("level", "is_demo")
    search_fields = ("code", "name")
    exclude = ("geometry",)
    change_list_template = "admin/geo/area/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="geo_area_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return boundary_import_view(self, request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "can_import_boundaries": can_import(request.user)}
        return super().changelist_view(request, extra)


@admin.register(PostcodeUnit)
class PostcodeUnitAdmin(_ReadOnlyAdmin):
    list_display = ("postcode", "lat", "lon", "is_demo")
    list_filter = ("is_demo",)
    search_fields = ("postcode",)
