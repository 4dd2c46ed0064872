"""Delivery projects: a plan, a budget, partners, outputs and outcomes, linked to actions."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


class Project(BaseModel):
    """A delivery project (schools sessions, an awareness week, training ...)."""

    strategy = models.ForeignKey(
        "strategy.Strategy",
        on_delete=models.PROTECT,
        related_name="projects",
        db_comment="The strategy it delivers",
    )
    name = models.CharField(_("name"), max_length=200, db_comment="Its name")
    plan = models.TextField(_("plan"), blank=True, db_comment="What will happen, where, for whom")
    status = models.CharField(
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_comment="Planned, running or finished",
    )
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="plan_projects_led",
        db_comment="The organisation running it",
    )
    partners = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="plan_projects_partnered"
    )
    actions = models.ManyToManyField("strategy.Action", blank=True, related_name="projects")
    starts_on = models.DateField(null=True, blank=True, db_comment="When it starts")
    ends_on = models.DateField(null=True, blank=True, db_comment="When it ends")
    budget = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        db_comment="Budget in pounds (empty: none set)",
    )
    sessions_held = models.PositiveIntegerField(
        default=0, db_comment="Output: sessions, events or courses held so far"
    )
    people_reached = models.PositiveIntegerField(
        default=0, db_comment="Output: people who took part or were reached so far"
    )
    outcomes = models.TextField(
        blank=True, db_comment="What changed because of it (evaluation, feedback)"
    )

    class Meta:
        db_table_comment = "Delivery projects of a strategy, with budgets, outputs and outcomes"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"], name="project_name_once"),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="project_budget_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name
