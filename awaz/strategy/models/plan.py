"""The strategy: a period (such as 2025-2028) with its numbered strands and strategic
objectives. Actions (``action.py``) belong to a strand; projects (``project.py``) to the
strategy."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class Strategy(BaseModel):
    """The partnership's strategy for a period, and the action plan that delivers it."""

    name = models.CharField(_("name"), max_length=200, unique=True, db_comment="Its title")
    starts_on = models.DateField(_("start date"), db_comment="First day of the period")
    ends_on = models.DateField(_("end date"), db_comment="Last day of the period")
    summary = models.TextField(
        _("summary"), blank=True, db_comment="What the strategy is for, in a few sentences"
    )
    is_demo = models.BooleanField(
        default=False, db_comment="True for the fictional demonstration strategy"
    )

    class Meta:
        db_table_comment = "Strategies of the partnership, each for a period with an action plan"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="strategy_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Strand(BaseModel):
    """A numbered strand of the strategy (1 Prevention, 2 Increased reporting ...)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="strands", db_comment="The strategy"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), db_comment="Its number in the strategy (1, 2 ...)"
    )
    title = models.CharField(_("title"), max_length=200, db_comment="Its title (Prevention)")
    focus = models.TextField(
        _("focus"), blank=True, db_comment="What it covers (challenging attitudes ...)"
    )

    class Meta:
        db_table_comment = "Numbered strands of a strategy; every action belongs to one"
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="strand_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="strand_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Objective(BaseModel):
    """A numbered strategic objective; actions say which objectives they serve."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="objectives", db_comment="The strategy"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), db_comment="Its number in the strategy (1, 2 ...)"
    )
    text = models.TextField(_("objective"), db_comment="The objective, as the strategy words it")

    class Meta:
        db_table_comment = "Numbered strategic objectives of a strategy"
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="objective_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="objective_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"
