from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "awaz.cases"
    label = "cases"
    verbose_name = "Cases and partnership response"
