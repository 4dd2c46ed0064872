"""Which organisation receives online reports from an area."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from awaz.core.models import BaseModel


class ReportingHub(BaseModel):
    """Which organisation receives online and anonymous reports from an area.

    The row with no area is the default for places outside every configured area."""

    area = models.OneToOneField(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="Area served (empty: the default hub)",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+", db_comment="Hub"
    )
    is_default = models.BooleanField(
        default=False, db_comment="Receives reports from places outside every configured area"
    )

    class Meta:
        db_table_comment = "Routing of online reports to a hub organisation by area"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_hub"
            ),
            models.CheckConstraint(
                condition=Q(is_default=True, area__isnull=True)
                | Q(is_default=False, area__isnull=False),
                name="hub_default_xor_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.area or 'default'})"
