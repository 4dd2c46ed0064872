"""Performance measures: the chair adds and changes them (strand, target, the direction that
is good); the partner who enters a measure records its value for each completed quarter.

Entered values are append-only: a correction is a newer row for the same quarter, the
newest counts, and the older ones stay as history with who entered them and when. A
correction must say why (the note).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError
from awaz.core.quarters import Quarter
from awaz.partners.models import Organisation
from awaz.partners.selectors import membership_for_user
from awaz.strategy.access import access_measure_for_entry_by_id, require
from awaz.strategy.models import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    MeasureValue,
    Strand,
    Strategy,
    Unit,
)
from awaz.strategy.selectors_measures import COMPUTATION_UNITS
from awaz.strategy.services.auditing import changed_fields, plan_audit

MAX_VALUE = Decimal("9999999999.99")  # MeasureValue.value and Measure.target: 12 digits, 2 places
MSG_NAME = _("Enter the name of the measure")
MSG_NAME_TAKEN = _("There is already a measure with this name in this strategy")
MSG_STRAND = _("Choose a strand of this strategy")
MSG_COMPUTATION = _("Choose what Awaz computes")
MSG_ORGANISATION = _("Choose the organisation that enters the measure each quarter")
MSG_TARGET = _("The target must be 0 or more")
MSG_TARGET_PERCENT = _("A target in per cent must be between 0 and 100")
MSG_TARGET_LARGE = _("Enter a smaller target")
MSG_SOURCE_LOCKED = _(
    "This measure has values entered by a partner, so it cannot become a computed measure"
)
MSG_QUARTER = _("Choose a quarter that has ended")
MSG_VALUE = _("The value must be 0 or more")
MSG_VALUE_PERCENT = _("A value in per cent must be between 0 and 100")
MSG_VALUE_LARGE = _("Enter a smaller value")
MSG_NOTE_FOR_CORRECTION = _(
    "There is already a value for this quarter: say why it is being corrected"
)


@dataclass(frozen=True)
class MeasureDetails:
    """What the chair says about a measure (the form's cleaned data). For a computed
    measure the unit is the computation's own; an entered one needs the organisation
    that enters it."""

    name: str
    strand: Strand
    source: MeasureSource
    good_direction: GoodDirection
    computation: str = ""
    entered_by_organisation: Organisation | None = None
    unit: Unit = Unit.COUNT
    target: Decimal | None = None
    description: str = ""
    sort_order: int = 100


def _check_amount(value: Decimal, unit: str, *, field: str) -> None:
    target = field == "target"
    if value < 0:
        raise ApplicationError(MSG_TARGET if target else MSG_VALUE, extra={"field": field})
    if unit == Unit.PERCENT and value > 100:
        raise ApplicationError(
            MSG_TARGET_PERCENT if target else MSG_VALUE_PERCENT, extra={"field": field}
        )
    if value > MAX_VALUE:
        raise ApplicationError(
            MSG_TARGET_LARGE if target else MSG_VALUE_LARGE, extra={"field": field}
        )


def _values(
    details: MeasureDetails, *, strategy: Strategy, exclude_pk: int | None
) -> dict[str, Any]:
    name = details.name.strip()
    if not name:
        raise ApplicationError(MSG_NAME, extra={"field": "name"})
    taken = Measure.objects.filter(strategy=strategy, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    if details.strand.strategy_id != strategy.pk:
        raise ApplicationError(MSG_STRAND, extra={"field": "strand"})
    source = MeasureSource(details.source)
    if source == MeasureSource.COMPUTED:
        if details.computation not in Computation.values:
            raise ApplicationError(MSG_COMPUTATION, extra={"field": "computation"})
        computation = Computation(details.computation)
        unit = COMPUTATION_UNITS[computation]
        organisation_id = None
    else:
        if details.entered_by_organisation is None:
            raise ApplicationError(MSG_ORGANISATION, extra={"field": "entered_by_organisation"})
        computation = None
        unit = Unit(details.unit)
        organisation_id = details.entered_by_organisation.pk
    if details.target is not None:
        _check_amount(details.target, unit, field="target")
    return {
        "name": name,
        "strand_id": details.strand.pk,
        "source": str(source),
        "computation": str(computation) if computation else "",
        "entered_by_organisation_id": organisation_id,
        "unit": str(unit),
        "good_direction": str(GoodDirection(details.good_direction)),
        "target": details.target,
        "description": details.description.strip(),
        "sort_order": details.sort_order,
    }


def _free_code(strategy: Strategy, name: str) -> str:
    base = slugify(name)[:50].strip("-") or "measure"
    taken = set(
        Measure.objects.filter(strategy=strategy, code__startswith=base).values_list(
            "code", flat=True
        )
    )
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _audit_details(measure: Measure) -> dict[str, Any]:
    return {
        "strategy_id": measure.strategy_id,
        "strand_id": measure.strand_id,
        "source": measure.source,
        "computation": measure.computation,
        "entered_by_organisation_id": measure.entered_by_organisation_id,
        "target": None if measure.target is None else str(measure.target),
        "good_direction": measure.good_direction,
    }


@transaction.atomic(durable=True)
def measure_create(*, strategy: Strategy, details: MeasureDetails, actor: Any) -> Measure:
    """Add a measure to the strategy (the chair). Its code, a stable short name used in
    downloads, comes from the name. Audited ``MEASURE_CREATED``."""
    require(actor, "measure.edit")
    values = _values(details, strategy=strategy, exclude_pk=None)
    measure = Measure.objects.create(
        strategy=strategy,
        code=_free_code(strategy, values["name"]),
        created_by=actor,
        modified_by=actor,
        **values,
    )
    plan_audit(
        event_type=AuditEventType.MEASURE_CREATED,
        actor=actor,
        target=measure,
        details=_audit_details(measure),
    )
    return measure


@transaction.atomic(durable=True)
def measure_change(*, measure: Measure, details: MeasureDetails, actor: Any) -> Measure:
    """Change a measure (the chair): name, strand, target, direction and source. A measure
    with entered values stays an entered one. Audited ``MEASURE_CHANGED`` with the fields
    changed, and the old and new target when it changed."""
    require(actor, "measure.edit")
    measure = Measure.objects.select_for_update().select_related("strategy").get(pk=measure.pk)
    values = _values(details, strategy=measure.strategy, exclude_pk=measure.pk)
    if (
        values["source"] == MeasureSource.COMPUTED
        and measure.source == MeasureSource.ENTERED
        and MeasureValue.objects.filter(measure=measure).exists()
    ):
        raise ApplicationError(MSG_SOURCE_LOCKED, extra={"field": "source"})
    old_target = measure.target
    changed = changed_fields(measure, values)
    if changed:
        measure.modified_by = actor
        measure.save()
        audit: dict[str, Any] = {"fields": [n.removesuffix("_id") for n in changed]}
        if "target" in changed:
            audit["target"] = {
                "from": None if old_target is None else str(old_target),
                "to": None if measure.target is None else str(measure.target),
            }
        plan_audit(
            event_type=AuditEventType.MEASURE_CHANGED, actor=actor, target=measure, details=audit
        )
    return measure


@transaction.atomic(durable=True)
def measure_value_enter(
    *,
    measure: Measure,
    quarter: Quarter,
    value: Decimal,
    actor: Any,
    note: str = "",
    today: datetime.date | None = None,
) -> MeasureValue:
    """Record an entered measure's value for a quarter that has ended: the chair, or a
    contributor of the organisation that enters the measure (anyone else: ``NotFound``). A
    value for a quarter that already has one is a correction and needs a note. Audited
    ``MEASURE_VALUE_ENTERED`` with the quarter, the value and whether it corrects one."""
    # Only entered measures can be reached: a computed one is NotFound, as for a stranger.
    measure = access_measure_for_entry_by_id(actor, measure.pk)
    today = today or timezone.localdate()
    quarter = Quarter.of(quarter.start)
    if quarter.end >= today:
        raise ApplicationError(MSG_QUARTER, extra={"field": "quarter"})
    _check_amount(value, measure.unit, field="value")
    note = note.strip()
    previous = (
        MeasureValue.objects.filter(measure=measure, quarter_start=quarter.start)
        .order_by("-entered_at", "-id")
        .first()
    )
    if previous is not None and not note:
        raise ApplicationError(MSG_NOTE_FOR_CORRECTION, extra={"field": "note"})
    membership = membership_for_user(actor)
    entry = MeasureValue.objects.create(
        measure=measure,
        quarter_start=quarter.start,
        value=value,
        note=note,
        entered_at=timezone.now(),
        entered_by=actor,
        organisation=membership.organisation if membership else None,
    )
    plan_audit(
        event_type=AuditEventType.MEASURE_VALUE_ENTERED,
        actor=actor,
        target=measure,
        details={
            "measure_value_id": entry.pk,
            "quarter": quarter.label,
            "value": str(value),
            "corrects": None if previous is None else str(previous.value),
        },
    )
    return entry
