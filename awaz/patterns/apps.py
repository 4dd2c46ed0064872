from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "awaz.patterns"
    label = "patterns"
    verbose_name = "Patterns of behaviour and areas of concern"
