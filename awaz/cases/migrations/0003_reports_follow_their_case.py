"""Reports already in a case take the status their case has reached (until now only
triage and closing moved them, so a report could say "being looked at" while its case was
in active support). The same mapping as ``services.status.REPORTER_STATUS``, frozen here."""

from django.db import migrations

FOLLOW = {
    "referred": "passed_to_support",
    "active_support": "in_support",
    "closed": "closed",
}


def follow(apps, schema_editor):
    CaseReport = apps.get_model("cases", "CaseReport")
    Report = apps.get_model("reporting", "Report")
    for case_status, report_status in FOLLOW.items():
        ids = CaseReport.objects.filter(case__status=case_status).values("report_id")
        Report.objects.filter(pk__in=ids).exclude(status=report_status).update(status=report_status)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_default_rules"),
        ("reporting", "0007_report_status_in_support"),
    ]

    operations = [migrations.RunPython(follow, migrations.RunPython.noop)]
