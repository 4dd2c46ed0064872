"""Administrators already in the database get the Django admin access their role now
carries (``roles.ADMIN_SITE_PERMISSIONS``, frozen here): ``is_staff`` and the permissions
to see areas and import boundaries. On a new database there are none yet; accounts made
from now on get it from ``services.accounts.admin_site_access_sync``."""

from django.db import migrations

PERMISSIONS = (("geo", "view_area"), ("geo", "add_area"), ("geo", "view_postcodeunit"))


def grant(apps, schema_editor):
    Membership = apps.get_model("partners", "Membership")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        permission
        for app_label, codename in PERMISSIONS
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    for membership in Membership.objects.filter(role="administrator").select_related("user"):
        user = membership.user
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.user_permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("geo", "0003_demo_populations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
