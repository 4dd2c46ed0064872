"""The dashboard's filters: a GET form, so it works without JavaScript and a filtered view
is a link that can be shared (and the CSV downloads repeat it exactly)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.patterns.selectors.filters import DEFAULT_DAYS, AreaRow, Filters, area_scope
from awaz.reporting.models import Channel, IncidentType, ReporterRole, Strand

ANY = ""
# Who reported, in words for an analyst (the form's own labels speak to the reporter).
SOURCE_LABELS = {
    ReporterRole.VICTIM.value: _("The victim"),
    ReporterRole.WITNESS.value: _("A witness"),
    ReporterRole.ON_BEHALF.value: _("Someone reporting for the victim"),
}
DATE_PARTS = ("day", "month", "year")
# An em space per level of depth: the area list reads as a tree in any browser.
INDENT = "\u2003"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the last day of a shorter month if need be)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def financial_year_start(today: datetime.date) -> datetime.date:
    """1 April of the UK financial year containing ``today``."""
    return datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def area_tree(rows: dict[int, AreaRow]) -> list[tuple[AreaRow, int]]:
    """Areas in tree order (county, then each of its areas by name, each followed by its
    own), with their depth."""
    children: dict[int | None, list[AreaRow]] = defaultdict(list)
    for row in rows.values():
        parent = row.parent_id if row.parent_id in rows else None
        children[parent].append(row)
    ordered: list[tuple[AreaRow, int]] = []

    def visit(parent: int | None, depth: int) -> None:
        for row in sorted(children.get(parent, []), key=lambda r: (str(r.name), r.code)):
            ordered.append((row, depth))
            visit(row.id, depth + 1)

    visit(None, 0)
    return ordered


class DashboardFilterForm(forms.Form):
    start = GovukDateField(
        label=_("From"),
        help_text=_("For example, 1 4 2026"),
        required=False,
        subject=_("The start date"),
    )
    end = GovukDateField(
        label=_("To"),
        help_text=_("For example, 31 3 2027"),
        required=False,
        subject=_("The end date"),
    )
    strand = forms.MultipleChoiceField(
        label=_("Strands"),
        help_text=_("Incidents naming any of the strands you select"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    type = forms.MultipleChoiceField(
        label=_("What happened"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=IncidentType.choices,
    )
    channel = forms.MultipleChoiceField(
        label=_("How it was reported"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Channel.choices,
    )
    source = forms.MultipleChoiceField(
        label=_("Who reported it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(SOURCE_LABELS.items()),
    )

    # Query keys that mean the form was sent (the date boxes are ``start-day`` and so on).
    KEYS = frozenset(
        {"strand", "area", "type", "channel", "source"}
        | {f"{name}-{part}" for name in ("start", "end") for part in DATE_PARTS}
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        today: datetime.date,
        areas: dict[int, AreaRow],
    ) -> None:
        super().__init__(data)
        self.today = today
        self.areas = areas
        self.strands = list(
            Strand.objects.order_by("sort_order", "name").values_list("id", "code", "name")
        )
        strand_field = self.fields["strand"]
        area_field = self.fields["area"]
        assert isinstance(strand_field, forms.MultipleChoiceField)
        assert isinstance(area_field, forms.ChoiceField)
        strand_field.choices = [(code, name) for _id, code, name in self.strands]
        area_field.choices = [
            (ANY, _("All areas")),
            *((row.code, INDENT * depth + str(row.name)) for row, depth in area_tree(areas)),
        ]

    @classmethod
    def is_sent(cls, query: QueryDict) -> bool:
        return any(key in query for key in cls.KEYS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error(
                "end", ValidationError(_("The end date must be on or after the start date"))
            )
        return cleaned

    def filters(self) -> Filters:
        """The filters to apply: the defaults for any that did not validate, so a page with
        an error still shows figures (and says which)."""
        data = self.cleaned_data if self.is_bound else {}
        errors = self.errors if self.is_bound else {}

        def value(name: str) -> Any:
            return data.get(name) if name not in errors else None

        # A period with a wrong date falls back to the default period as a whole.
        dated = "start" not in errors and "end" not in errors
        end: datetime.date = (value("end") if dated else None) or self.today
        start: datetime.date = (value("start") if dated else None) or end - datetime.timedelta(
            days=DEFAULT_DAYS - 1
        )
        by_code = {code: sid for sid, code, _name in self.strands}
        area_ids = {row.code: row.id for row in self.areas.values()}
        area = area_ids.get(value("area") or "")

        def picked(name: str, order: list[str]) -> tuple[str, ...]:
            chosen = set(value(name) or ())
            return tuple(code for code in order if code in chosen)

        return Filters(
            start=start,
            end=end,
            strands=tuple(sorted(by_code[c] for c in (value("strand") or []))),
            area=area,
            incident_types=picked("type", list(IncidentType.values)),
            channels=picked("channel", list(Channel.values)),
            sources=picked("source", list(SOURCE_LABELS)),
            area_ids=tuple(area_scope(area, self.areas)) if area is not None else (),
        )


def filters_query(filters: Filters, form: DashboardFilterForm, **period: datetime.date) -> str:
    """The query string that selects ``filters`` (with ``start``/``end`` replaced if given),
    for the CSV links and the quick period links."""
    query = QueryDict(mutable=True)
    for name in ("start", "end"):
        day: datetime.date = period.get(name) or getattr(filters, name)
        query[f"{name}-day"] = str(day.day)
        query[f"{name}-month"] = str(day.month)
        query[f"{name}-year"] = str(day.year)
    codes = {sid: code for sid, code, _name in form.strands}
    query.setlist("strand", [codes[s] for s in filters.strands if s in codes])
    if filters.area is not None and filters.area in form.areas:
        query["area"] = form.areas[filters.area].code
    query.setlist("type", list(filters.incident_types))
    query.setlist("channel", list(filters.channels))
    query.setlist("source", list(filters.sources))
    return query.urlencode()


def filters_summary(filters: Filters, form: DashboardFilterForm) -> list[tuple[str, str]]:
    """What is selected, in words: (what, which) pairs for a summary list."""
    period = _("%(start)s to %(end)s") % {
        "start": date_format(filters.start, "j F Y"),
        "end": date_format(filters.end, "j F Y"),
    }
    rows: list[tuple[str, str]] = [(str(_("Period")), str(period))]
    names = {sid: str(name) for sid, _code, name in form.strands}
    if filters.strands:
        rows.append((str(_("Strands")), ", ".join(names[s] for s in filters.strands)))
    if filters.area is not None:
        rows.append((str(_("Area")), str(form.areas[filters.area].name)))
    choices: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [
        (str(_("What happened")), filters.incident_types, dict(IncidentType.choices)),
        (str(_("How it was reported")), filters.channels, dict(Channel.choices)),
        (str(_("Who reported it")), filters.sources, SOURCE_LABELS),
    ]
    for label, picked, labels in choices:
        if picked:
            rows.append((label, ", ".join(str(labels[c]) for c in picked)))
    return rows
