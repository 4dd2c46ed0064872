"""One fictional report from a slot (a day and a town, sometimes a fixed place, person,
strand or kind of incident): who reports, through which channel, what happened, where,
about whom, consent and contact, and the statuses it later went through."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from awaz.geo.demo import Town, demo_postcodes
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.demo import vocabulary as v
from awaz.reporting.demo.people import Contacts, Person
from awaz.reporting.models import (
    Channel,
    ConsentPurpose,
    IncidentType,
    PerceptionBy,
    PoliceTold,
    RecipientKind,
    ReporterRole,
    ReportStatus,
)

NOT_SAY = "prefer_not_to_say"


@dataclass
class Slot:
    day: datetime.date  # the day the report is submitted
    town: Town
    point: tuple[float, float] | None = None  # a fixed place: home or a repeat place
    place: str = ""
    person: Person | None = None  # a repeat victim
    strands: tuple[str, ...] = ()  # strands forced by a trigger event or a repeat victim
    incident: str = ""  # main incident type, when forced


@dataclass
class Built:
    answers: ReportAnswers
    submitted_at: datetime.datetime
    channel: str
    centre: str
    town: str
    statuses: list[tuple[str, datetime.datetime]] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _distance(a: Town, b: Town) -> float:
    return math.hypot((a.lat - b.lat), (a.lon - b.lon) * math.cos(math.radians(a.lat)))


def _channel(rng: random.Random, town: Town, centres: Sequence[Town]) -> tuple[str, Town | None]:
    """Mostly online; a phone call or a visit to a reporting centre, more often where the
    town has one (the nearest centre records it)."""
    if not centres:
        return Channel.ONLINE, None
    nearest = min(centres, key=lambda c: _distance(town, c))
    p_assisted = 0.32 if nearest.slug == town.slug else 0.08
    if rng.random() >= p_assisted:
        return Channel.ONLINE, None
    return (Channel.PHONE if rng.random() < 0.4 else Channel.IN_PERSON), nearest


def _strands(rng: random.Random, slot: Slot) -> tuple[list[str], bool, str]:
    """(strand codes, not sure, another motivation in words)."""
    if slot.strands:
        return [rng.choice(slot.strands)], False, ""
    if rng.random() < 0.06:
        codes = [] if rng.random() < 0.5 else [_weighted(rng, v.STRAND_WEIGHTS)]
        return codes, True, ""
    codes = [_weighted(rng, v.STRAND_WEIGHTS)]
    if rng.random() < 0.08:
        second = rng.choice(v.STRAND_PAIRS[codes[0]])
        if second not in codes:
            codes.append(second)
    other = rng.choice(v.STRAND_OTHER) if rng.random() < 0.01 else ""
    return codes, False, other


def _incidents(rng: random.Random, main: str) -> list[str]:
    types = [main or _weighted(rng, v.INCIDENT_WEIGHTS)]
    for companion, p in v.INCIDENT_COMPANIONS.get(types[0], ()):
        if rng.random() < p and companion not in types:
            types.append(companion)
    return types


def _account(
    rng: random.Random, incident: str, codes: list[str], not_sure: bool, victim: tuple
) -> str:
    obj, poss, subj, be, look = victim[:5]
    words = {"obj": obj, "poss": poss, "subj": subj, "be": be, "look": look}
    if codes:
        why = rng.choice(v.STRAND_PHRASES[codes[0]]).format(**words)
    else:
        why = v.NOT_SURE_PHRASE.format(**words)
    text = v.TEMPLATES[incident].format(
        who=rng.choice(v.OFFENDERS), where=rng.choice(v.PLACES), why=why, **words
    )
    return text[0].upper() + text[1:] + v.FICTIONAL_NOTE


def _victim_details(rng: random.Random, codes: list[str], under_18: bool) -> dict[str, Any]:
    def pick(options: Sequence[str], weights: Sequence[float]) -> str:
        return NOT_SAY if rng.random() < 0.1 else rng.choices(list(options), weights=weights)[0]

    details: dict[str, Any] = {
        "age_band": "under_18" if under_18 else pick(v.AGE_BANDS, v.AGE_WEIGHTS),
        "gender": pick(
            v.GENDERS,
            (1, 0, 0, 0)
            if "sex-gender" in codes
            else (3, 3, 4, 1)
            if "transgender" in codes
            else (50, 47, 2, 1),
        ),
        "ethnicity": pick(
            v.ETHNICITIES, (15, 15, 35, 25, 10) if "race" in codes else (85, 4, 6, 3, 2)
        ),
        "religion": pick(
            v.RELIGIONS,
            (0, 5, 55, 15, 5, 15, 0, 5) if "religion" in codes else (45, 42, 5, 1, 2, 2, 1, 2),
        ),
        "sexual_orientation": pick(
            v.ORIENTATIONS, (10, 60, 25, 5) if "sexual-orientation" in codes else (90, 5, 4, 1)
        ),
        "disability": "yes" if "disability" in codes else pick(("yes", "no"), (15, 85)),
    }
    # Not everyone answers every question.
    return {k: val for k, val in details.items() if rng.random() < 0.85 or k == "age_band"}


def _when(
    rng: random.Random, day: datetime.date, now: datetime.datetime, ongoing_possible: bool
) -> tuple[datetime.datetime, datetime.date, datetime.time | None, bool]:
    """(submitted at, incident date, incident time, ongoing)."""
    tz = now.tzinfo
    moment = datetime.datetime.combine(
        day, datetime.time(rng.randint(8, 22), rng.randint(0, 59)), tzinfo=tz
    )
    if moment >= now:
        moment = now - datetime.timedelta(minutes=rng.randint(5, 300))
    lag = rng.choices((0, 1, rng.randint(2, 7), rng.randint(8, 30)), weights=(55, 20, 20, 5))[0]
    incident_date = moment.date() - datetime.timedelta(days=lag)
    incident_time = None
    if rng.random() < 0.65:
        latest = moment.hour if lag == 0 else 24
        hour = rng.choices(
            range(24), weights=[1 if h < 8 else 3 if h < 15 else 5 for h in range(24)]
        )[0]
        if hour < latest:
            incident_time = datetime.time(hour, rng.choice((0, 15, 30, 45)))
    ongoing = ongoing_possible and rng.random() < 0.3
    return moment, incident_date, incident_time, ongoing


def _statuses(
    rng: random.Random, submitted: datetime.datetime, now: datetime.datetime
) -> list[tuple[str, datetime.datetime]]:
    """Older reports are mostly closed; recent ones still being looked at or new."""
    age = (now - submitted).days
    if age >= 90:
        weights = (0, 5, 10, 85)
    elif age >= 30:
        weights = (5, 20, 30, 45)
    elif age >= 7:
        weights = (15, 40, 30, 15)
    else:
        weights = (70, 30, 0, 0)
    final = rng.choices(range(4), weights=weights)[0]
    path = [ReportStatus.IN_REVIEW, ReportStatus.PASSED_TO_SUPPORT, ReportStatus.CLOSED][:final]
    if final == 3 and rng.random() < 0.4:
        path.remove(ReportStatus.PASSED_TO_SUPPORT)  # closed without a referral to support
    steps = {
        ReportStatus.IN_REVIEW: datetime.timedelta(hours=rng.randint(2, 72)),
        ReportStatus.PASSED_TO_SUPPORT: datetime.timedelta(days=rng.randint(3, 10)),
        ReportStatus.CLOSED: datetime.timedelta(days=rng.randint(14, 80)),
    }
    out: list[tuple[str, datetime.datetime]] = []
    moment = submitted
    for i, status in enumerate(path):
        latest = now - datetime.timedelta(minutes=len(path) - i)
        moment = max(min(submitted + steps[status], latest), moment + datetime.timedelta(seconds=1))
        out.append((str(status), moment))
    return out


_POSTCODES: dict[str, list[str]] = {}


def _postcodes_of(town: Town) -> list[str]:
    if not _POSTCODES:
        for postcode, _lat, _lon in demo_postcodes():
            _POSTCODES.setdefault(postcode.split()[0], []).append(postcode)
    return [p for d in town.postcode_districts for p in _POSTCODES.get(d, [])]


def build_report(
    *,
    rng: random.Random,
    slot: Slot,
    now: datetime.datetime,
    centres: Sequence[Town],
    contacts: Contacts,
    near: Callable[[Town], tuple[float, float]],
) -> Built:
    town = slot.town
    channel, centre = _channel(rng, town, centres)
    if slot.person is not None:
        role = ReporterRole.VICTIM
    else:
        role = rng.choices(list(ReporterRole), weights=(68, 16, 16))[0]
    under_18 = role == ReporterRole.VICTIM and rng.random() < 0.04
    if role == ReporterRole.VICTIM:
        victim: tuple = v.VICTIM_SELF
        perception = PerceptionBy.VICTIM
    elif role == ReporterRole.WITNESS:
        victim = rng.choice(v.VICTIM_SEEN)
        perception = rng.choice((PerceptionBy.REPORTER, PerceptionBy.BOTH))
    else:
        victim = rng.choice(v.VICTIM_KNOWN)
        perception = rng.choice((PerceptionBy.VICTIM, PerceptionBy.BOTH, PerceptionBy.REPORTER))
    codes, not_sure, strand_other = _strands(rng, slot)
    incidents = _incidents(rng, slot.incident)
    main = incidents[0]
    submitted, incident_date, incident_time, ongoing = _when(
        rng, slot.day, now, main in {IncidentType.HARASSMENT, IncidentType.ONLINE_ABUSE}
    )

    # Where: a fixed place, a point ("use my location", or placed by staff), a postcode,
    # or only words.
    point: tuple[float, float] | None = slot.point
    postcode = ""
    description = slot.place or rng.choice(v.LOCATION_TEMPLATES).format(town=town.name)
    if point is None:
        r = rng.random()
        if main == IncidentType.ONLINE_ABUSE:
            description = "Online (social media)"
            postcode = rng.choice(_postcodes_of(town)) if r < 0.6 else ""
        elif r < 0.45:
            point = near(town)
            postcode = rng.choice(_postcodes_of(town)) if rng.random() < 0.2 else ""
        elif r < 0.82:
            postcode = rng.choice(_postcodes_of(town))

    anonymous_p = 0.05 if channel != Channel.ONLINE else 0.35 if role == "witness" else 0.2
    anonymous = slot.person is None and rng.random() < anonymous_p
    answers = ReportAnswers(
        reporter_role=str(role),
        incident_types=[str(t) for t in incidents],
        what_happened=_account(rng, main, codes, not_sure, victim),
        reporter_relationship=victim[5] if role == ReporterRole.ON_BEHALF else "",
        reporter_is_under_18=under_18,
        incident_type_other=rng.choice(v.OTHER_INCIDENTS) if main == IncidentType.OTHER else "",
        incident_date=incident_date,
        incident_time=incident_time,
        is_ongoing=ongoing,
        location_description=description,
        postcode=postcode,
        location_point=point,
        strand_codes=codes,
        strand_not_sure=not_sure,
        strand_other=strand_other,
        perception_by=str(perception),
        victim_details=(
            {}
            if role == ReporterRole.WITNESS and rng.random() < 0.7
            else _victim_details(rng, codes, under_18)
        ),
        offender_details=_offenders(rng, main),
        witnesses="A shopkeeper saw it (fictional)." if rng.random() < 0.15 else "",
        police_told=_police_told(rng, main),
        communication_needs=_communication(rng),
    )
    if answers.police_told == PoliceTold.YES and rng.random() < 0.5:
        answers.police_reference = f"DEMO-{submitted:%y}-{rng.randint(1, 99999):05d}"
    _consent_and_contact(rng, answers, anonymous=anonymous, person=slot.person, contacts=contacts)
    return Built(
        answers=answers,
        submitted_at=submitted,
        channel=str(channel),
        centre=centre.slug if centre is not None else "",
        town=town.slug,
        statuses=_statuses(rng, submitted, now),
    )


def _offenders(rng: random.Random, main: str) -> dict[str, Any]:
    if rng.random() < 0.15:
        return {}
    known = (35, 50, 15) if main in {"harassment", "criminal_damage"} else (15, 70, 15)
    return {
        "count": rng.choices(("1", "2", "3_or_more", "not_sure"), weights=(50, 20, 20, 10))[0],
        "known_to_victim": rng.choices(("yes", "no", "not_sure"), weights=known)[0],
        "description": rng.choice(v.OFFENDER_DESCRIPTIONS),
    }


def _police_told(rng: random.Random, main: str) -> str:
    weights = (55, 35, 10) if main == IncidentType.PHYSICAL_ASSAULT else (30, 55, 15)
    return str(rng.choices(list(PoliceTold), weights=weights)[0])


def _communication(rng: random.Random) -> dict[str, Any]:
    needs: dict[str, Any] = {"language": "", "interpreter": False, "bsl": False, "easy_read": False}
    r = rng.random()
    if r < 0.06:
        needs.update(language=rng.choice(v.LANGUAGES), interpreter=True)
    elif r < 0.07:
        needs.update(language="British Sign Language", bsl=True)
    elif r < 0.09:
        needs.update(easy_read=True)
    return needs


def _consent_and_contact(
    rng: random.Random,
    answers: ReportAnswers,
    *,
    anonymous: bool,
    person: Person | None,
    contacts: Contacts,
) -> None:
    share = ConsentPurpose.SHARE.value
    police_p = 0.7 if answers.police_told == PoliceTold.YES else 0.4
    contact = (ConsentPurpose.CONTACT.value, RecipientKind.RECEIVING_ORGANISATION.value)
    if anonymous:
        # Nobody can contact them; some still let the report go to the police as intelligence.
        answers.is_anonymous = True
        answers.consents = {
            (share, RecipientKind.POLICE.value): rng.random() < 0.3,
            (share, RecipientKind.VICTIM_SUPPORT.value): False,
            (share, RecipientKind.COUNCIL.value): rng.random() < 0.2,
            contact: False,
        }
        return
    answers.consents = {
        (share, RecipientKind.POLICE.value): rng.random() < police_p,
        (share, RecipientKind.VICTIM_SUPPORT.value): rng.random() < 0.65,
        (share, RecipientKind.COUNCIL.value): rng.random() < 0.3,
        contact: True,
    }
    if answers.reporter_role == ReporterRole.VICTIM and rng.random() < 0.6:
        answers.support_wanted = rng.sample(v.SUPPORT_KINDS, rng.randint(1, 2))
    who = person or contacts.new_person(mobile=rng.random() < 0.8)
    answers.contact_name = who.name if person is not None or rng.random() < 0.85 else ""
    gives_email = person is not None or rng.random() < 0.7
    gives_phone = person is not None or not gives_email or rng.random() < 0.5
    answers.contact_email = who.email if gives_email else ""
    answers.contact_phone = who.phone if gives_phone else ""
    methods = (["email"] if answers.contact_email else []) + (
        ["phone", "text"] if answers.contact_phone else []
    )
    answers.contact_methods = rng.sample(methods, rng.randint(1, len(methods))) if methods else []
    if rng.random() < 0.3:
        answers.contact_safe_times = rng.choice(v.SAFE_TIMES)
