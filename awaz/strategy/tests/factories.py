"""Building a plan the way the chair does, through the services (plainly fictional)."""

from __future__ import annotations

import datetime
from typing import Any

from awaz.partners.models import Organisation
from awaz.strategy.models import Action, Milestone, Objective, Strand, Strategy
from awaz.strategy.services import (
    ActionDetails,
    action_create,
    milestone_add,
    objective_add,
    strand_add,
    strategy_create,
)

STARTS = datetime.date(2025, 4, 1)
ENDS = datetime.date(2028, 3, 31)


def make_strategy(*, chair: Any, name: str = "Fictional strategy 2025-2028") -> Strategy:
    return strategy_create(name=name, starts_on=STARTS, ends_on=ENDS, actor=chair)


def make_strand(*, strategy: Strategy, chair: Any, number: int = 1, title: str = "") -> Strand:
    return strand_add(
        strategy=strategy, number=number, title=title or f"Fictional strand {number}", actor=chair
    )


def make_objective(*, strategy: Strategy, chair: Any, number: int = 1) -> Objective:
    return objective_add(
        strategy=strategy, number=number, text=f"Fictional objective {number}", actor=chair
    )


def make_action(
    *,
    strand: Strand,
    chair: Any,
    lead: Organisation,
    supporting: tuple[Organisation, ...] = (),
    title: str = "Fictional action",
    **details: Any,
) -> Action:
    return action_create(
        details=ActionDetails(
            strand=strand,
            title=title,
            lead_organisation=lead,
            supporting_organisations=supporting,
            **details,
        ),
        actor=chair,
    )


def make_milestone(
    *, action: Action, chair: Any, target_on: datetime.date, title: str = "Fictional milestone"
) -> Milestone:
    return milestone_add(action=action, title=title, target_on=target_on, actor=chair)


def small_png(name: str = "photo.png") -> Any:
    """A 4 x 4 PNG upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def small_pdf(name: str = "minutes.pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from awaz.strategy.demo.pdf import demo_pdf

    return SimpleUploadedFile(name, demo_pdf(["Fictional minutes"]), content_type="application/pdf")
