"""What the dashboard shows, as tables: each chart's data once, for its HTML table, its
Chart.js data and its CSV download, so the three can never disagree.

``DashboardData`` runs each selector at most once (``cached_property``): the page reads every
table, a CSV download only its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awaz.geo.selectors import area_geojson, area_list
from awaz.patterns.forms import SOURCE_LABELS
from awaz.patterns.selectors.concern import (
    ConcernSummary,
    HotSpot,
    area_hot_spots,
    areas_of_concern,
    latest_complete_month,
)
from awaz.patterns.selectors.dashboard import (
    AreaCount,
    DayHour,
    Filters,
    Headline,
    Tally,
    Trend,
    area_counts,
    channel_source_counts,
    day_hour,
    headline,
    incident_type_counts,
    strand_mentions,
    trend,
)
from awaz.patterns.selectors.repeats import (
    RepeatPlace,
    RepeatSummary,
    repeat_places,
    repeat_victims,
)
from awaz.patterns.views.dashboard_table import (
    Shading,
    Table,
    baseline_words,
    concern_rows,
    headline_words,
    number_text,
    significant,
    spot_words,
    trigger_words,
    weekday_names,
)
from awaz.reporting.models import Channel

TOP_PLACES = 10


# Each chart's CSV slug and the method building its table.
TABLES = {
    "headline": "headline_table",
    "trend": "trend_table",
    "strands": "strands_table",
    "incident-types": "incident_types_table",
    "channels": "channels_table",
    "sources": "sources_table",
    "areas": "areas_table",
    "day-hour": "day_hour_table",
    "areas-of-concern": "concern_table",
    "hot-spots": "hot_spots_table",
    "repeat-rates": "repeat_rates_table",
}


@dataclass
class DashboardData:
    filters: Filters
    today: datetime.date
    can_list_places: bool = False

    def table(self, slug: str) -> Table:
        """The table behind the chart ``slug`` (a key of ``TABLES``)."""
        build: Callable[[], Table] = getattr(self, TABLES[slug])
        return build()

    # --- the selectors, each run once ---------------------------------------------------------

    @cached_property
    def headline(self) -> Headline:
        return headline(self.filters)

    @cached_property
    def trend(self) -> Trend:
        return trend(self.filters)

    @cached_property
    def strands(self) -> list[Tally]:
        return strand_mentions(self.filters)

    @cached_property
    def incident_types(self) -> list[Tally]:
        return incident_type_counts(self.filters)

    @cached_property
    def channel_source(self) -> dict[str, dict[str, int]]:
        return channel_source_counts(self.filters)

    @cached_property
    def area_counts(self) -> list[AreaCount]:
        return area_counts(self.filters)

    @cached_property
    def hot_spots(self) -> tuple[str, list[HotSpot]]:
        return area_hot_spots(self.area_counts, filters=self.filters)

    @cached_property
    def day_hour(self) -> DayHour:
        return day_hour(self.filters)

    @cached_property
    def concern_month(self) -> datetime.date:
        """The latest complete month of the period (never the month not yet over)."""
        return latest_complete_month(min(self.filters.end, self.today) + datetime.timedelta(days=1))

    @cached_property
    def concern(self) -> ConcernSummary:
        return areas_of_concern(
            month=self.concern_month, strands=self.filters.strands, area=self.filters.area
        )

    @cached_property
    def repeat_victims(self) -> RepeatSummary:
        return repeat_victims(self.filters)

    @cached_property
    def repeat_places(self) -> tuple[RepeatSummary, list[RepeatPlace]]:
        return repeat_places(self.filters, top=TOP_PLACES if self.can_list_places else 0)

    @property
    def map_measure(self) -> str:
        """ "rate" (per 1,000 residents) when every area has a population, else "count"."""
        counts = self.area_counts
        return "rate" if counts and all(c.rate_per_1000 is not None for c in counts) else "count"

    # --- tables -------------------------------------------------------------------------------

    def headline_table(self) -> Table:
        h = self.headline
        return Table(
            "headline",
            _("Headline numbers"),
            [_("Measure"), _("Value")],
            [
                [_("Incidents in the period"), h.total],
                [_("Incidents in the same period last year"), h.last_year],
                [_("Change"), h.change],
                [_("Change (%)"), h.pct_change],
                [_("Monthly average over the previous 12 months"), h.monthly_average],
                [_("Counted on the day reported because no date was given"), h.date_unknown],
            ],
        )

    def trend_table(self) -> Table:
        t = self.trend
        weekly = t.unit == "week"
        return Table(
            "trend",
            _("Incidents by week") if weekly else _("Incidents by month"),
            [
                _("Week beginning") if weekly else _("Month"),
                _("Incidents"),
                _("Same week a year earlier") if weekly else _("Same month a year earlier"),
            ],
            [[s, n, m] for s, n, m in zip(t.starts, t.counts, t.last_year, strict=True)],
            chart="line",
            series=(1, 2),
            date_style="j M Y" if weekly else "M Y",
        )

    def _tally_table(self, slug: str, caption: str, what: str, tallies: list[Tally]) -> Table:
        return Table(
            slug, caption, [what, _("Incidents")], [[t.label, t.count] for t in tallies], "bar"
        )

    def strands_table(self) -> Table:
        table = Table(
            "strands",
            _("Strands named"),
            [_("Strand"), _("Mentions")],
            [[t.label, t.count] for t in self.strands],
            chart="bar",
        )
        table.note = _(
            "Strands are counted as mentions: one incident can name several, so the mentions "
            "can add up to more than the incidents."
        )
        return table

    def incident_types_table(self) -> Table:
        table = self._tally_table(
            "incident-types", _("What happened"), _("What happened"), self.incident_types
        )
        table.note = _("One incident can be of several types.")
        return table

    def channels_table(self) -> Table:
        counts = self.channel_source["channel"]
        tallies = [Tally(code, str(label), counts.get(code, 0)) for code, label in Channel.choices]
        return self._tally_table(
            "channels", _("How incidents were reported"), _("How it was reported"), tallies
        )

    def sources_table(self) -> Table:
        counts = self.channel_source["source"]
        tallies = [Tally(c, str(label), counts.get(c, 0)) for c, label in SOURCE_LABELS.items()]
        return self._tally_table("sources", _("Who reported"), _("Who reported it"), tallies)

    def areas_table(self) -> Table:
        return Table(
            "areas",
            _("Incidents by area"),
            [_("Area"), _("Code"), _("Incidents"), _("Residents"), _("Per 1,000 residents")],
            [
                [c.area.name, c.area.code, c.count, c.area.population, c.rate_per_1000]
                for c in self.area_counts
            ],
        )

    def day_hour_table(self) -> Table:
        grid = self.day_hour.table
        return Table(
            "day-hour",
            _("Incidents by day of the week and hour"),
            [_("Day"), *(f"{h:02d}:00" for h in range(24)), _("Total")],
            [
                [day, *(int(n) for n in grid[i]), int(grid[i].sum())]
                for i, day in enumerate(weekday_names())
            ],
        )

    def concern_table(self) -> Table:
        c = self.concern
        return Table(
            "areas-of-concern",
            _("Areas of concern"),
            [
                _("Month"),
                _("Area"),
                _("Strand"),
                _("Incidents"),
                _("Expected"),
                _("Statistic"),
                "p",
                "q",
                _("Baseline"),
            ],
            [
                [
                    x.month,
                    x.area.name,
                    x.strand_name,
                    x.count,
                    x.expected,
                    x.statistic,
                    significant(x.pvalue),
                    significant(x.qvalue),
                    baseline_words(x.method),
                ]
                for x in c.concerns
            ],
            date_style="F Y",
        )

    def hot_spots_table(self) -> Table:
        measure, spots = self.hot_spots
        value_label = _("Per 1,000 residents") if measure == "rate" else _("Incidents")
        return Table(
            "hot-spots",
            _("Hot spot test for each area"),
            [_("Area"), _("Code"), value_label, "z", "p", "q", _("Result")],
            [
                [
                    s.area.name,
                    s.area.code,
                    s.value if measure == "rate" else int(s.value),
                    s.z,
                    significant(s.p_sim),
                    significant(s.q),
                    spot_words(s.kind),
                ]
                for s in spots
            ],
        )

    def repeat_rates_table(self) -> Table:
        places, _list = self.repeat_places
        rows = []
        for what, s in ((_("Victims"), self.repeat_victims), (_("Places"), places)):
            rate = None if s.rate is None else round(100 * s.rate, 1)
            rows.append([what, s.start, s.end, s.known, s.repeats, rate, s.incidents_unknown])
        return Table(
            "repeat-rates",
            _("Repeat victimisation and repeat places"),
            [
                _("Who or where"),
                _("From"),
                _("To"),
                _("Known"),
                _("With 2 or more incidents"),
                _("Repeat rate (%)"),
                _("Incidents that could not be matched"),
            ],
            rows,
        )

    # --- the rest of the page -----------------------------------------------------------------

    def headline_words(self) -> str:
        return headline_words(self.headline)

    def concern_rows(self) -> list[dict[str, Any]]:
        return concern_rows(self.concern)

    def trigger_words(self) -> str:
        return trigger_words(self.concern)

    def day_hour_rows(self) -> list[dict[str, Any]]:
        """The heat map: each day's cells with their shading class (0..SHADES)."""
        grid = self.day_hour.table
        shading = Shading(top=float(grid.max()) if grid.size else 0.0, decimals=0)
        return [
            {
                "day": day,
                "cells": [(int(n), shading.level(float(n))) for n in grid[i]],
                "total": int(grid[i].sum()),
            }
            for i, day in enumerate(weekday_names())
        ]

    def day_hour_legend(self) -> list[tuple[int, str]]:
        grid = self.day_hour.table
        return Shading(top=float(grid.max()) if grid.size else 0.0, decimals=0).legend()

    def map_context(self) -> dict[str, Any]:
        """Boundaries (GeoJSON) and, by area code, each area's shading, hot-spot result and
        words for its tooltip; the legend for both."""
        counts = self.area_counts
        rate = self.map_measure == "rate"
        values = [(c.rate_per_1000 if rate else c.count) or 0 for c in counts]
        shading = Shading(top=float(max(values, default=0)), decimals=2 if rate else 0)
        _measure, spots = self.hot_spots
        kind = {s.area.id: s.kind for s in spots}
        areas: dict[str, dict[str, Any]] = {}
        for c, value in zip(counts, values, strict=True):
            words = ngettext(
                "%(area)s: %(count)s incident", "%(area)s: %(count)s incidents", c.count
            ) % {"area": c.area.name, "count": number_text(c.count)}
            if c.rate_per_1000 is not None:
                words += _(", %(rate)s per 1,000 residents") % {
                    "rate": number_text(c.rate_per_1000)
                }
            spot = kind.get(c.area.id, "")
            if spot:
                words += ". " + spot_words(spot)
            areas[c.area.code] = {"shade": shading.level(value), "spot": spot, "label": words}
        boundaries = area_geojson(
            area_list()
            .filter(id__in=[c.area.id for c in counts])
            .only("code", "name", "level", "geometry")
        )
        return {
            "measure": self.map_measure,
            "geojson": {"boundaries": boundaries, "areas": areas},
            "legend": shading.legend(),
            "has_boundaries": bool(boundaries["features"]),
            "hot": sum(1 for s in spots if s.kind == "hot"),
            "cold": sum(1 for s in spots if s.kind == "cold"),
        }
