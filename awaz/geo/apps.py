from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "awaz.geo"
    label = "geo"
    verbose_name = "Geography"
