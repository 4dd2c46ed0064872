"""The default rule set: five classifications and the Victims' Code 2020 time limits, in
force from 1 April 2021. Administrators add new versions with later effective dates."""

import datetime

from django.db import migrations

START = datetime.date(2021, 4, 1)

CLASSIFICATIONS = [
    # code, name, police record, crime, Victims' Code, threshold, retention months
    ("police_crime", "Police-recorded crime", True, True, True, False, 72),
    ("police_nchi", "Police non-crime hate incident", True, False, False, True, 12),
    ("asb", "Anti-social behaviour", False, False, False, False, 24),
    ("intelligence", "Intelligence", True, False, False, True, 12),
    ("partner_incident", "Partner-recorded incident", False, False, False, False, 24),
]


def create(apps, schema_editor):
    Classification = apps.get_model("cases", "Classification")
    TimeLimitSet = apps.get_model("cases", "TimeLimitSet")
    for code, name, police, crime, code_applies, threshold, months in CLASSIFICATIONS:
        Classification.objects.get_or_create(
            code=code,
            version=1,
            defaults={
                "name": name,
                "effective_from": START,
                "is_police_record": police,
                "is_crime": crime,
                "victims_code_applies": code_applies,
                "requires_threshold_decision": threshold,
                "retention_months": months,
            },
        )
    TimeLimitSet.objects.get_or_create(
        effective_from=START, defaults={"name": "Victims' Code 2020 and local standard"}
    )


def remove(apps, schema_editor):
    apps.get_model("cases", "Classification").objects.filter(version=1).delete()
    apps.get_model("cases", "TimeLimitSet").objects.filter(effective_from=START).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
