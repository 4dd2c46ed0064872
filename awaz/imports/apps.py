from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "awaz.imports"
    label = "imports"
    verbose_name = "Imports of partners' records"
