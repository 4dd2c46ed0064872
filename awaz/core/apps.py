from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "awaz.core"
    label = "core"
    verbose_name = "Core"
