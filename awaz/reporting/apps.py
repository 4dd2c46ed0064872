from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "awaz.reporting"
    label = "reporting"
    verbose_name = "Reporting"
