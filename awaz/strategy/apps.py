from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "awaz.strategy"
    label = "strategy"
    verbose_name = "Strategy and action plan"
