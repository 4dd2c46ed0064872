"""Re-derive the analysis facts of every report (after an import, or to repair drift)."""

from typing import Any

from django.core.management.base import BaseCommand

from awaz.reporting.services.facts import incident_facts_rebuild


class Command(BaseCommand):
    help = "Re-derive the analysis facts (IncidentFact, IncidentStrand, MonthlyCount)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = incident_facts_rebuild()
        self.stdout.write(f"Facts re-derived for {total} reports.")
