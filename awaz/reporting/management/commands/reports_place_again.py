"""``manage.py reports_place_again``: place every report in the current boundaries (after
``import_boundaries``) and re-derive the analysis facts."""

from typing import Any

from django.core.management.base import BaseCommand

from awaz.audit.services import Actor
from awaz.reporting.services.placing import reports_place_again


class Command(BaseCommand):
    help = (
        "Recompute each report's area from its (encrypted) point in the current boundaries, "
        "then re-derive the analysis facts. Reports without a point keep their area."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = reports_place_again(actor=Actor())
        self.stdout.write(
            f"Checked {summary.checked} reports with a point: {summary.changed} moved to "
            f"another area. {summary.without_point} without a point kept their area. "
            "Facts re-derived."
        )
