"""The form that starts a near-repeat analysis: the dashboard's filters (so "Run near-repeat
analysis" from the dashboard carries them over) plus the band edges and the number of
permutations."""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from awaz.patterns.forms import DashboardFilterForm
from awaz.patterns.selectors.dashboard import AreaRow
from awaz.patterns.services.near_repeat import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SPACE_BANDS,
    DEFAULT_TIME_BANDS,
    MAX_PERMUTATIONS,
    MIN_PERMUTATIONS,
    NearRepeatParams,
)

MAX_BANDS = 10
MAX_METRES = 2000
MAX_DAYS = 365
_SEPARATOR = re.compile(r"[,\s]+")


def edges_text(edges: tuple[int, ...]) -> str:
    return ", ".join(str(e) for e in edges)


class BandEdgesField(forms.CharField):
    """Whole numbers separated by commas, from 0 upwards, each larger than the last."""

    def __init__(self, *, maximum: int, messages: dict[str, Any], **kwargs: Any) -> None:
        self.maximum = maximum
        self.messages = messages
        super().__init__(**kwargs)

    def clean(self, value: Any) -> tuple[int, ...]:
        text = super().clean(value)
        parts = [p for p in _SEPARATOR.split(text.strip()) if p]
        if not parts or not all(p.isdigit() for p in parts):
            raise ValidationError(self.messages["format"], code="format")
        edges = tuple(int(p) for p in parts)
        if edges[0] != 0:
            raise ValidationError(self.messages["start"], code="start")
        if len(edges) < 2 or len(edges) > MAX_BANDS + 1:
            raise ValidationError(
                self.messages["count"], code="count", params={"most": MAX_BANDS + 1}
            )
        if any(b <= a for a, b in itertools.pairwise(edges)):
            raise ValidationError(self.messages["order"], code="order")
        if edges[-1] > self.maximum:
            raise ValidationError(
                self.messages["maximum"], code="maximum", params={"maximum": self.maximum}
            )
        return edges


class NearRepeatForm(DashboardFilterForm):
    space_bands = BandEdgesField(
        label=_("Distance bands (metres)"),
        help_text=_(
            "Band edges in metres, separated by commas and starting at 0. "
            "For example, 0, 100, 200 gives the bands 0 to 100 m and 101 to 200 m. "
            "Distances are between the centres of 50 metre grid squares."
        ),
        maximum=MAX_METRES,
        messages={
            "format": _("Enter the distance band edges as whole numbers separated by commas"),
            "start": _("The distance bands must start at 0"),
            "count": _("Enter between 2 and %(most)s distance band edges"),
            "order": _("Each distance band edge must be larger than the one before"),
            "maximum": _("The last distance band edge must be %(maximum)s metres or less"),
        },
        error_messages={"required": _("Enter the distance band edges")},
    )
    time_bands = BandEdgesField(
        label=_("Time bands (days)"),
        help_text=_(
            "Band edges in days, separated by commas and starting at 0. "
            "For example, 0, 7, 14 gives the bands 0 to 7 days and 8 to 14 days."
        ),
        maximum=MAX_DAYS,
        messages={
            "format": _("Enter the time band edges as whole numbers separated by commas"),
            "start": _("The time bands must start at 0"),
            "count": _("Enter between 2 and %(most)s time band edges"),
            "order": _("Each time band edge must be larger than the one before"),
            "maximum": _("The last time band edge must be %(maximum)s days or less"),
        },
        error_messages={"required": _("Enter the time band edges")},
    )
    permutations = forms.IntegerField(
        label=_("Number of random shuffles"),
        help_text=_(
            "Between 99 and 999. More shuffles give more precise p-values but take longer."
        ),
        min_value=MIN_PERMUTATIONS,
        max_value=MAX_PERMUTATIONS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the number of random shuffles"),
            "invalid": _("Enter the number of random shuffles as a whole number"),
            "min_value": _("The number of random shuffles must be 99 or more"),
            "max_value": _("The number of random shuffles must be 999 or fewer"),
        },
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        today: datetime.date,
        areas: dict[int, AreaRow],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, today=today, areas=areas)
        self.initial = {
            "space_bands": edges_text(DEFAULT_SPACE_BANDS),
            "time_bands": edges_text(DEFAULT_TIME_BANDS),
            "permutations": DEFAULT_PERMUTATIONS,
            **(initial or {}),
        }

    @classmethod
    def from_dashboard(
        cls, query: QueryDict, *, today: datetime.date, areas: dict[int, AreaRow]
    ) -> NearRepeatForm:
        """An unbound form showing the dashboard filters in ``query`` (or the defaults)."""
        dashboard = DashboardFilterForm(
            query if DashboardFilterForm.is_sent(query) else None, today=today, areas=areas
        )
        if dashboard.is_bound:
            dashboard.is_valid()
        filters = dashboard.filters()
        codes = {sid: code for sid, code, _name in dashboard.strands}
        initial: dict[str, Any] = {
            "start": filters.start,
            "end": filters.end,
            "strand": [codes[s] for s in filters.strands if s in codes],
            "area": areas[filters.area].code if filters.area in areas else "",
            "type": list(filters.incident_types),
            "channel": list(filters.channels),
            "source": list(filters.sources),
        }
        return cls(today=today, areas=areas, initial=initial)

    def params(self) -> NearRepeatParams:
        """The run to ask for (call after ``is_valid()``)."""
        return NearRepeatParams(
            filters=self.filters(),
            space_bands=self.cleaned_data["space_bands"],
            time_bands=self.cleaned_data["time_bands"],
            permutations=self.cleaned_data["permutations"],
        )
