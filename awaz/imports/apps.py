from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "awaz.imports"
    label = "imports"
    verbose_name = "Imports of partners' records"

    def ready(self) -> None:
        # The report's staff page shows an imported record's source and history; reporting
        # sits below imports, so imports adds its section rather than reporting asking.
        from awaz.imports.panels import imported_record_panel
        from awaz.reporting.panels import report_panel_register

        report_panel_register(name="imports.record", provider=imported_record_panel)
