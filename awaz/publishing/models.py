"""Published statistics, frozen: one release per financial-year quarter.

Once a quarter is published its numbers never change (``services.py``): a late report or
a later classification would otherwise change a published count by one, and comparing the
two versions would show where and when that one incident happened. A release keeps every
cell it published, with the true count of the hidden ones (needed so later releases, such as
the financial year's totals, stay consistent with what was hidden); the public pages and
files show a hidden cell only as ``[c]``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StatTable(models.TextChoices):
    STRAND = "strand", _("Strands of hostility")
    LOCAL_AUTHORITY = "local_authority", _("Local authorities")
    INCIDENT_TYPE = "incident_type", _("Types of incident")


class RecordedBy(models.TextChoices):
    POLICE = "police", _("Police-recorded")
    PARTNER = "partner", _("Partner-recorded")


class PeriodType(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    FINANCIAL_YEAR = "financial_year", _("Financial year")


class Suppression(models.TextChoices):
    SHOWN = "", _("Shown")
    PRIMARY = "primary", _("Hidden: a small count")
    SECONDARY = "secondary", _("Hidden: protects a small count")


class Release(models.Model):
    """The publication of one quarter's tables (and, for a fourth quarter, its year's)."""

    quarter_start = models.DateField(unique=True, db_comment="First day of the quarter published")
    quarter_end = models.DateField(db_comment="Last day of the quarter published")
    published_at = models.DateTimeField(db_comment="When the numbers were frozen and published")
    suppress_below = models.PositiveSmallIntegerField(
        db_comment="Counts from 1 to this minus 1 were hidden (rules in force when published)"
    )
    lag_days = models.PositiveSmallIntegerField(
        db_comment="Days after the quarter's end before it could be published (rules then)"
    )
    includes_year = models.BooleanField(
        default=False, db_comment="Also published the financial year's totals (fourth quarter)"
    )

    class Meta:
        db_table_comment = "Releases of open statistics, one per quarter, never changed"
        ordering = ["quarter_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter_end__gt=models.F("quarter_start")),
                name="release_quarter_ordered",
            ),
            models.CheckConstraint(
                condition=Q(suppress_below__gte=2), name="release_threshold_at_least_two"
            ),
        ]

    def __str__(self) -> str:
        return f"release of {self.quarter_start}"


class ReleaseCell(models.Model):
    """One number of a published table: a category's count for a period and recorder."""

    release = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="cells", db_comment="Release it is in"
    )
    table = models.CharField(
        max_length=20, choices=StatTable.choices, db_comment="Named table: strand, local ..."
    )
    recorded_by = models.CharField(
        max_length=10,
        choices=RecordedBy.choices,
        db_comment="Police-recorded or partner-recorded (never added together)",
    )
    period_type = models.CharField(
        max_length=16, choices=PeriodType.choices, db_comment="A quarter or a financial year"
    )
    period_start = models.DateField(db_comment="First day of the period")
    period_end = models.DateField(db_comment="Last day of the period")
    category = models.CharField(
        max_length=64, db_comment="Stable code: strand code, area code, type code or 'total'"
    )
    label = models.CharField(max_length=200, db_comment="Category's name when published")
    position = models.PositiveSmallIntegerField(db_comment="Order in the table (total last)")
    count = models.PositiveIntegerField(
        db_comment="True count; never shown when the cell is hidden (then only as [c])"
    )
    suppression = models.CharField(
        max_length=10,
        choices=Suppression.choices,
        blank=True,
        db_comment="Empty: shown; primary: a small count; secondary: hidden to protect one",
    )

    class Meta:
        db_table_comment = "Every number of every released table, hidden ones included"
        ordering = ["table", "period_start", "period_type", "recorded_by", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "recorded_by", "period_type", "period_start", "category"],
                name="release_cell_once",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="release_cell_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.recorded_by} {self.period_start} {self.category}"

    @property
    def hidden(self) -> bool:
        return bool(self.suppression)
