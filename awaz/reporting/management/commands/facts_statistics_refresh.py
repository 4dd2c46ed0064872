"""Refresh the query planner's statistics for the analysis facts (``make run`` runs it after
loading the demo; ``services.facts.facts_statistics_refresh`` says why)."""

from typing import Any

from django.core.management.base import BaseCommand

from awaz.reporting.services.facts import facts_statistics_refresh


class Command(BaseCommand):
    help = "Refresh the database statistics the dashboard's query plans depend on."

    def handle(self, *args: Any, **options: Any) -> None:
        facts_statistics_refresh()
        self.stdout.write("Database statistics refreshed.")
