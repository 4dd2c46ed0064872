"""When and where the demo reports happen: a pure function of a seeded ``random.Random``.

The shape follows shared/DOMAIN.md: a few hundred reports a year spread over the towns by
population, more in summer and at weekends, a slow rise in confidence to report, spikes
after two fictional trigger events (a national news event, a local disorder in one town),
a few repeat victims (the same person reporting several times, from home) and repeat places
(several people reporting the same street-level spot). ``demo_reports_generate`` returns
the reports as ``DemoReport`` values (answers plus metadata) ready for ``report_submit``.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import Point

from awaz.geo.demo import TOWNS, Town, demo_geometries
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.demo import vocabulary as v
from awaz.reporting.demo.people import Contacts, Person
from awaz.reporting.demo.reports import Slot, build_report


@dataclass(frozen=True)
class TriggerEvent:
    """A fictional event after which reports rose."""

    label: str
    day: datetime.date
    town: str  # town slug, or "" for a national event
    extra_reports: int


@dataclass
class DemoReport:
    key: str  # submission key (64 hex characters), derived from the seed and position
    answers: ReportAnswers
    submitted_at: datetime.datetime
    channel: str  # Channel value
    centre: str  # town slug of the recording reporting centre; "" when online
    town: str  # town slug where it happened
    statuses: list[tuple[str, datetime.datetime]]  # later status changes, oldest first


@dataclass(frozen=True)
class DemoPlan:
    reports: list[DemoReport]
    events: list[TriggerEvent]
    repeat_victims: int
    repeat_places: int


class _Points:
    """Points scattered round town centres (about 600 m), each inside its town's area."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cells = demo_geometries().neighbourhoods

    def near(self, town: Town, spread: float = 1.0) -> tuple[float, float]:
        cell = self.cells[town.slug]
        for _ in range(100):
            lat = town.lat + self.rng.gauss(0, 0.0055 * spread)
            lon = town.lon + self.rng.gauss(0, 0.0095 * spread)
            if cell.contains(Point(lon, lat)):
                return round(lat, 6), round(lon, 6)
        return town.lat, town.lon


def _day_weight(day: datetime.date, progress: float) -> float:
    """More in summer (peak mid-July), at weekends, and slowly more over the years."""
    season = 1 + 0.3 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365.25)
    weekday = (0.92, 0.92, 0.92, 0.95, 1.12, 1.25, 1.05)[day.weekday()]
    return season * weekday * (0.9 + 0.2 * progress)


def _after(rng: random.Random, mean_days: float, cap: int) -> int:
    return min(cap, int(rng.expovariate(1 / mean_days)))


def demo_reports_generate(
    *,
    rng: random.Random,
    count: int,
    start: datetime.date,
    now: datetime.datetime,
    centre_towns: Sequence[str],
    key_prefix: str,
) -> DemoPlan:
    """``count`` reports submitted between ``start`` and ``now``, oldest first."""
    last = now.date()
    span = max((last - start).days, 1)
    days = [start + datetime.timedelta(days=i) for i in range(span + 1)]
    day_weights = [_day_weight(d, i / span) for i, d in enumerate(days)]
    towns = list(TOWNS)
    town_weights = [t.population for t in towns]
    by_slug = {t.slug: t for t in towns}
    points = _Points(rng)

    def some_day() -> datetime.date:
        return rng.choices(days, weights=day_weights)[0]

    def some_town() -> Town:
        return rng.choices(towns, weights=town_weights)[0]

    def clamp(day: datetime.date) -> datetime.date:
        return min(day, last)

    slots: list[Slot] = []
    # Repeat victims: the same person (same contact details) reports 3-5 times from home.
    repeat_victims = max(2, count // 90) if count >= 20 else 0
    contacts = Contacts(rng)
    for _ in range(repeat_victims):
        town = some_town()
        person = contacts.new_person(mobile=True)
        home = points.near(town)
        strand = rng.choices(list(v.STRAND_WEIGHTS), weights=list(v.STRAND_WEIGHTS.values()))[0]
        day = some_day()
        for n in range(rng.randint(3, 5)):
            slots.append(
                Slot(
                    day=clamp(day),
                    town=town,
                    point=home,
                    place=v.HOME_PLACE.format(town=town.name),
                    person=person,
                    strands=(strand,),
                    incident=("harassment", "verbal_abuse", "criminal_damage", "threats")[n % 4],
                )
            )
            day += datetime.timedelta(days=rng.randint(7, 75))
    # Repeat places: several people report the same spot.
    repeat_places = max(1, count // 150) if count >= 20 else 0
    for i in range(repeat_places):
        town = some_town()
        spot = points.near(town, spread=0.5)
        place = v.REPEAT_PLACES[i % len(v.REPEAT_PLACES)].format(town=town.name)
        for _ in range(rng.randint(3, 5)):
            slots.append(Slot(day=some_day(), town=town, point=spot, place=place))
    # Two fictional trigger events, so any length of period has both: a national news event
    # about 40% of the way through, a local disorder in one town in the summer nearest 70%.
    local_town = by_slug[rng.choice(("carlisle", "barrow", "workington"))]
    summer = [d for d in days[span // 7 : span - span // 10] if d.month in (7, 8)]
    target = start + datetime.timedelta(days=round(0.7 * span))
    events = [
        TriggerEvent(
            "Fictional national news event",
            start + datetime.timedelta(days=round(0.4 * span)),
            "",
            max(2, round(0.04 * count)),
        ),
        TriggerEvent(
            f"Fictional local disorder in {local_town.name}",
            min(summer, key=lambda d: abs((d - target).days)) if summer else target,
            local_town.slug,
            max(2, round(0.035 * count)),
        ),
    ]
    for event in events:
        for _ in range(event.extra_reports):
            if event.town:
                offset = _after(rng, 2.5, 10)
                slot = Slot(day=event.day, town=by_slug[event.town], strands=("race",))
            else:
                offset = _after(rng, 4, 21)
                slot = Slot(day=event.day, town=some_town(), strands=("race", "religion"))
            slot.day = clamp(event.day + datetime.timedelta(days=offset))
            slots.append(slot)
    slots = slots[:count]
    slots.extend(Slot(day=some_day(), town=some_town()) for _ in range(count - len(slots)))

    centres = [by_slug[slug] for slug in centre_towns]
    built = [
        build_report(
            rng=rng, slot=slot, now=now, centres=centres, contacts=contacts, near=points.near
        )
        for slot in slots
    ]
    built.sort(key=lambda r: r.submitted_at)
    reports = [
        DemoReport(
            key=hashlib.sha256(f"{key_prefix}:{i}".encode()).hexdigest(),
            answers=b.answers,
            submitted_at=b.submitted_at,
            channel=b.channel,
            centre=b.centre,
            town=b.town,
            statuses=b.statuses,
        )
        for i, b in enumerate(built)
    ]
    return DemoPlan(reports, events, repeat_victims, repeat_places)


__all__ = ["DemoPlan", "DemoReport", "Person", "TriggerEvent", "demo_reports_generate"]
