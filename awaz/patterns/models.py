"""Near-repeat analyses run on demand as background jobs.

A run holds what was asked (the filters, the band edges, the number of permutations and the
seed, so any result can be reproduced), how far the job has got, and the Near Repeat
Calculator table it produced. It stores counts only: no report, no person, no place finer
than the bands. The statistics are ``awaz.patterns.stats.knox``; the job is
``awaz.patterns.tasks.near_repeat_run``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class RunStage(models.TextChoices):
    """What the job is doing now, shown beside the progress figure."""

    QUEUED = "queued", _("Waiting for a free worker")
    LOADING = "loading", _("Loading incidents")
    COMPUTING = "computing", _("Comparing incidents with random shuffles of their dates")
    SAVING = "saving", _("Saving the results")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Stopped")


class RunError(models.TextChoices):
    """Why a run failed, in words safe to show (the exception itself goes to the log)."""

    NONE = "", _("No error")
    TOO_FEW_EVENTS = (
        "too_few_events",
        _(
            "Too few incidents with a known date and place match these filters. "
            "Choose a longer period or fewer filters."
        ),
    )
    INTERNAL = "internal", _("The analysis could not be completed. Try again later.")


class NearRepeatRun(BaseModel):
    """One near-repeat analysis asked for by a member of staff."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Staff user who asked for the analysis",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Organisation of the requester; only its members see the run",
    )
    status = models.CharField(
        max_length=8,
        choices=RunStatus.choices,
        default=RunStatus.QUEUED,
        db_comment="queued, running, done or failed",
    )
    progress_percent = models.PositiveSmallIntegerField(
        default=0, db_comment="How far the job has got, 0-100"
    )
    progress_message = models.CharField(
        max_length=12,
        choices=RunStage.choices,
        default=RunStage.QUEUED,
        db_comment="What the job is doing now (a stage code)",
    )
    parameters = models.JSONField(
        db_comment="Filters (period, strands, area, incident types, channels, sources), "
        "space and time band edges, permutations and seed"
    )
    n_events = models.PositiveIntegerField(
        null=True, blank=True, db_comment="Incidents with a known date and place analysed"
    )
    result = models.JSONField(
        null=True,
        blank=True,
        db_comment="Band table (observed, expected, Knox ratio, p-value per cell) and the "
        "overall Knox test at the first bands",
    )
    started_at = models.DateTimeField(null=True, blank=True, db_comment="When the job started")
    finished_at = models.DateTimeField(
        null=True, blank=True, db_comment="When the job finished or failed"
    )
    error_message = models.CharField(
        max_length=16,
        choices=RunError.choices,
        blank=True,
        default=RunError.NONE,
        db_comment="Why it failed, as a code with a safe message (details only in the log)",
    )

    class Meta:
        db_table_comment = "Near-repeat analyses (Knox band tables) run as background jobs"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="nearrepeat_org")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="nearrepeat_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="nearrepeat_progress_le_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.DONE) | Q(result__isnull=False),
                name="nearrepeat_done_has_result",
            ),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.FAILED) | ~Q(error_message=""),
                name="nearrepeat_failed_has_error",
            ),
        ]

    def __str__(self) -> str:
        return f"near-repeat run {self.pk} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
