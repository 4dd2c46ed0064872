from django.contrib import admin
from django.http import HttpRequest

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
    list_display = ("code", "name", "level", "parent", "is_demo")
    list_filter = ("level", "is_demo")
    search_fields = ("code", "name")
    exclude = ("geometry",)


@admin.register(PostcodeUnit)
class PostcodeUnitAdmin(_ReadOnlyAdmin):
    list_display = ("postcode", "lat", "lon", "is_demo")
    list_filter = ("is_demo",)
    search_fields = ("postcode",)
