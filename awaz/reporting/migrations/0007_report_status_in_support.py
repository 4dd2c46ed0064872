"""A reporter whose case is in active support is told "Being supported"."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_report_age_confirmed_contact_address"),
    ]

    operations = [
        migrations.AlterField(
            model_name="report",
            name="status",
            field=models.CharField(
                choices=[
                    ("received", "Received"),
                    ("in_review", "Being looked at"),
                    ("passed_to_support", "Passed to support"),
                    ("in_support", "Being supported"),
                    ("closed", "Closed"),
                ],
                db_comment="Status in plain words, as the reporter sees it",
                default="received",
                max_length=24,
            ),
        ),
    ]
