from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "awaz.partners"
    label = "partners"
    verbose_name = "Partners and staff"
