from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "awaz.publishing"
    label = "publishing"
    verbose_name = "Open statistics"
