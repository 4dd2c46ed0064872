"""A whole report given at once, as one flat set of answers (a partner system's API call),
checked by the journey's own step forms, so it meets exactly the rules of the journey.

``fields`` uses the step forms' field names (``reporter_role``, ``incident_types``,
``incident_date`` as a ``datetime.date``, ``share_police`` ...). Every step that applies
(``journey.applicable_steps``, the assisted journey: the partner says how the person
reported) is bound to those answers and validated; the errors are collected per field.
A postcode missing from the lookup is kept, as the journey keeps it when Continue is
selected again. Files and the device's location are not part of it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.datastructures import MultiValueDict

from awaz.reporting.answers import ReportAnswers
from awaz.reporting.forms.journey import (
    STEPS,
    Steps,
    answers_from_steps,
    journey_context,
    journey_steps,
)

# Fields of the journey a flat submission never gives (a file, the device's location).
NOT_GIVEN = frozenset({"evidence_file", "lat", "lon", "remove_location", "postcode_not_found"})


def _form_data(fields: dict[str, Any], *, keep_postcode: bool) -> MultiValueDict[str, Any]:
    data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in fields.items():
        if name in NOT_GIVEN or value is None or value is False:
            continue
        if isinstance(value, datetime.date):
            data[f"{name}-day"] = str(value.day)
            data[f"{name}-month"] = str(value.month)
            data[f"{name}-year"] = str(value.year)
        elif isinstance(value, list):
            data.setlist(name, [str(v) for v in value])
        elif value is True:
            data[name] = "on"
        else:
            data[name] = str(value)
    if keep_postcode and fields.get("postcode"):
        data["postcode_not_found"] = str(fields["postcode"])
    return data


def flat_field_names() -> set[str]:
    """Every answer a flat submission may give."""
    from awaz.reporting.forms.base import JourneyContext

    names: set[str] = set()
    for step in STEPS:
        form = step.form_class(journey=JourneyContext(role="victim", is_assisted=True))
        names.update(form.fields)
    return names - NOT_GIVEN | {"age_check"}


def answers_from_flat(
    fields: dict[str, Any],
) -> tuple[ReportAnswers | None, str, dict[str, list[str]]]:
    """The answers, the channel (``phone`` or ``in_person``), and the errors by field (the
    answers are None when there is any error)."""
    steps: Steps = {}
    errors: dict[str, list[str]] = {}
    for step in journey_steps(assisted=True):
        if not step.applies(steps):
            continue
        if step.kind != "form":
            continue
        journey = journey_context(steps, assisted=True)
        keep = "postcode" in step.form_class(journey=journey).fields
        form = step.form_class(data=_form_data(fields, keep_postcode=keep), journey=journey)
        if form.is_valid():
            steps[step.slug] = form.to_storage()
        else:
            for name, messages in form.errors.items():
                key = name if name != "__all__" else step.slug
                errors.setdefault(key, []).extend(str(m) for m in messages)
            steps[step.slug] = {
                name: value for name, value in form.cleaned_data.items() if value not in ("", None)
            }
    if errors:
        return None, "", errors
    answers = answers_from_steps(steps, assisted=True)
    return answers, str(steps.get("how-reporting", {}).get("channel", "")), errors
