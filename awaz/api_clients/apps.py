from django.apps import AppConfig


class ApiClientsConfig(AppConfig):
    name = "awaz.api_clients"
    label = "api_clients"
    verbose_name = "Partner systems' API clients"
