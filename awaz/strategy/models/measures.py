"""Performance measures of the plan (strand 4): computed from Awaz's own data or entered by
a partner each quarter, with a target and the direction that is good."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class MeasureSource(models.TextChoices):
    COMPUTED = "computed", _("Computed by Awaz")
    ENTERED = "entered", _("Entered by a partner each quarter")


class Computation(models.TextChoices):
    """The measures Awaz can work out from its own records (``selectors_measures.py``)."""

    REPORTS_TOTAL = "reports_total", _("Reports received")
    REPORTS_ONLINE = "reports_online", _("Reports made online")
    REPORTS_PHONE = "reports_phone", _("Reports made by phone through a reporting centre")
    REPORTS_IN_PERSON = "reports_in_person", _("Reports made in person at a reporting centre")
    THIRD_PARTY_SHARE = "third_party_share", _("Share of reports through reporting centres (%)")
    SUPPORT_REFERRAL_IN_LIMIT = (
        "support_referral_in_limit",
        _("Share of victims referred to support within the Victims' Code limit (%)"),
    )
    SUPPORT_REFERRAL_MEDIAN_DAYS = (
        "support_referral_median_days",
        _("Median working days to a support referral"),
    )
    REPEAT_VICTIM_RATE = "repeat_victim_rate", _("Repeat-victim rate (%)")
    SATISFACTION = "satisfaction", _("Satisfied with the service (%)")


class GoodDirection(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Unit(models.TextChoices):
    COUNT = "count", _("Number")
    PERCENT = "percent", _("Per cent")
    DAYS = "days", _("Days")


class Measure(BaseModel):
    """One measure of the plan, linked to a strand."""

    strategy = models.ForeignKey(
        "strategy.Strategy",
        on_delete=models.PROTECT,
        related_name="measures",
        db_comment="The strategy",
    )
    strand = models.ForeignKey(
        "strategy.Strand",
        on_delete=models.PROTECT,
        related_name="measures",
        db_comment="The strand it shows progress on",
    )
    code = models.SlugField(_("code"), max_length=60, db_comment="Stable short name")
    name = models.CharField(_("name"), max_length=200, db_comment="What is measured")
    description = models.TextField(
        _("description"), blank=True, db_comment="How it is counted, and why it matters"
    )
    source = models.CharField(
        _("source"), max_length=10, choices=MeasureSource.choices, db_comment="Computed or entered"
    )
    computation = models.CharField(
        _("computed as"),
        max_length=40,
        choices=Computation.choices,
        blank=True,
        db_comment="For computed measures: which computation",
    )
    entered_by_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="For entered measures: the partner who enters it",
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, db_comment="Unit")
    good_direction = models.CharField(
        _("direction that is good"),
        max_length=4,
        choices=GoodDirection.choices,
        db_comment="Whether higher or lower values are better",
    )
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        db_comment="Target value per quarter, if one is set",
    )
    sort_order = models.PositiveSmallIntegerField(default=100, db_comment="Order in lists")

    class Meta:
        db_table_comment = "Performance measures of a strategy, computed or entered quarterly"
        ordering = ["strategy", "strand__number", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "code"], name="measure_code_once"),
            models.CheckConstraint(
                condition=(Q(source="computed") & ~Q(computation=""))
                | (Q(source="entered") & Q(computation="")),
                name="measure_computed_has_computation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MeasureValue(models.Model):
    """A value entered for a quarter. Append-only: a correction is a newer row, and the
    newest row for a quarter is the value (the older ones stay as history)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="values", db_comment="The measure"
    )
    quarter_start = models.DateField(db_comment="First day of the financial-year quarter")
    value = models.DecimalField(max_digits=12, decimal_places=2, db_comment="The value")
    note = models.TextField(blank=True, db_comment="Where the figure comes from, caveats")
    entered_at = models.DateTimeField(db_comment="When it was entered")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who entered it",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="For which organisation",
    )

    class Meta:
        db_table_comment = "Quarterly values entered for measures (append-only; newest counts)"
        ordering = ["measure", "quarter_start", "-entered_at", "-id"]
        indexes = [models.Index(fields=["measure", "quarter_start", "entered_at"])]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.quarter_start}: {self.value}"
