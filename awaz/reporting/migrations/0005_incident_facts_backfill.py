"""Derive the analysis facts of reports stored before the fact tables existed."""

from django.db import migrations


def backfill(apps, schema_editor):
    from awaz.reporting.services.facts import facts_rebuild_with

    facts_rebuild_with(
        report_model=apps.get_model("reporting", "Report"),
        fact_model=apps.get_model("reporting", "IncidentFact"),
        strand_model=apps.get_model("reporting", "IncidentStrand"),
        monthly_model=apps.get_model("reporting", "MonthlyCount"),
        area_model=apps.get_model("geo", "Area"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0002_area_population"),
        ("reporting", "0004_incident_facts"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
