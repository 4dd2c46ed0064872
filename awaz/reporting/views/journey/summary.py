"""The answers in words, by section: "Check your answers" (with Change links) and the
printable summary on the confirmation page (without)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from awaz.reporting.forms import applicable_steps, journey_context
from awaz.reporting.forms.journey import Steps
from awaz.reporting.models import Evidence


@dataclass
class Row:
    key: Any
    value: Any  # text, or a list of texts
    href: str = ""

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass
class Section:
    title: Any
    rows: list[Row] = field(default_factory=list)


def answer_sections(
    steps: Steps,
    *,
    assisted: bool,
    evidence: list[Evidence],
    change_url: Any = None,
) -> list[Section]:
    """Every applicable question with its answer, grouped as on the journey.

    ``change_url(slug)`` gives a step's Change link (None: no links)."""
    journey = journey_context(steps, assisted=assisted)
    sections: list[Section] = []
    for step in applicable_steps(steps, assisted=assisted):
        if step.kind == "info":
            continue
        href = change_url(step.slug) if change_url is not None else ""
        form = step.form_class(journey=journey)
        rows = [
            Row(key=row.key, value=row.value, href=href)
            for row in form.summary_rows(steps.get(step.slug) or {})
        ]
        if step.kind == "evidence":
            rows = [
                Row(
                    key=_("Files"),
                    value=[e.original_name for e in evidence] or "",
                    href=href,
                )
            ]
        if not rows:
            continue
        if sections and sections[-1].title == step.section:
            sections[-1].rows.extend(rows)
        else:
            sections.append(Section(title=step.section, rows=rows))
    return sections
