"""What a partner's record may say, in Awaz's own codes, and how each code becomes part of a
report.

A source's value mappings (``ImportSource.value_maps``) turn the values of its extract
(``"R"``, ``"Racial"``, ``"OC1"``) into these codes. A value that is already a code, or an
English label below, needs no mapping.

Police extracts (DOMAIN.md, "What police record"): offence group, strands, how and by whom
reported, the Home Office outcome and its date, the crime reference. A partner's record is
never a police record: the source's organisation decides whether a record is
police-recorded (crime or non-crime hate incident) or partner-recorded, and the police
channels (999, 101, front counter, an officer) are refused on a partner's record.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.reporting.models import IncidentType, ReporterRole


class Classification(models.TextChoices):
    """What the record is, in the source's own terms."""

    CRIME = "crime", _("Crime")
    NON_CRIME = "non_crime", _("Non-crime incident")


class RecordedAs(models.TextChoices):
    """What kind of record it is in the partnership's figures. The codes are those of the
    default classifications (``awaz.cases``): a partner's record is never a police one."""

    POLICE_CRIME = "police_crime", _("Police-recorded crime")
    POLICE_NCHI = "police_nchi", _("Police non-crime hate incident")
    PARTNER_INCIDENT = "partner_incident", _("Partner-recorded incident")


class HowReported(models.TextChoices):
    EMERGENCY_999 = "999", _("999 call")
    NON_EMERGENCY_101 = "101", _("101 call")
    FRONT_COUNTER = "front_counter", _("At a police front counter")
    POLICE_OFFICER = "police_officer", _("To a police officer")
    THIRD_PARTY = "third_party", _("Through a third-party reporting centre")
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    REFERRAL = "referral", _("Referred by another organisation")
    OTHER = "other", _("Another way")


# Ways of reporting only the police have: never on a partner's record.
POLICE_ONLY_CHANNELS = frozenset(
    {
        HowReported.EMERGENCY_999,
        HowReported.NON_EMERGENCY_101,
        HowReported.FRONT_COUNTER,
        HowReported.POLICE_OFFICER,
    }
)


class WhoReported(models.TextChoices):
    VICTIM = "victim", _("The victim")
    WITNESS = "witness", _("A witness")
    POLICE_OFFICER = "police_officer", _("A police officer")
    REPORTING_CENTRE = "reporting_centre", _("A reporting centre")
    OTHER = "other", _("Someone else (for example a relative)")


# Who reported, as a report's reporter role (the facts' "source").
REPORTER_ROLE: dict[str, str] = {
    WhoReported.VICTIM: ReporterRole.VICTIM,
    WhoReported.WITNESS: ReporterRole.WITNESS,
    WhoReported.POLICE_OFFICER: ReporterRole.ON_BEHALF,
    WhoReported.REPORTING_CENTRE: ReporterRole.ON_BEHALF,
    WhoReported.OTHER: ReporterRole.ON_BEHALF,
}


class OffenceGroup(models.TextChoices):
    """Home Office offence groups that hate crimes fall in (public order about 60 %,
    violence against the person about 30 %, criminal damage and arson about 5 %)."""

    PUBLIC_ORDER = "public_order", _("Public order offences")
    VIOLENCE = "violence", _("Violence against the person")
    STALKING_HARASSMENT = "stalking_harassment", _("Stalking and harassment")
    CRIMINAL_DAMAGE = "criminal_damage", _("Criminal damage and arson")
    SEXUAL = "sexual", _("Sexual offences")
    THEFT = "theft", _("Theft and other acquisitive crime")
    OTHER = "other", _("Other offences")


# An offence group as the report's incident type (what analysis counts).
INCIDENT_TYPE: dict[str, str] = {
    OffenceGroup.PUBLIC_ORDER: IncidentType.HARASSMENT,
    OffenceGroup.VIOLENCE: IncidentType.PHYSICAL_ASSAULT,
    OffenceGroup.STALKING_HARASSMENT: IncidentType.HARASSMENT,
    OffenceGroup.CRIMINAL_DAMAGE: IncidentType.CRIMINAL_DAMAGE,
    OffenceGroup.SEXUAL: IncidentType.PHYSICAL_ASSAULT,
    OffenceGroup.THEFT: IncidentType.OTHER,
    OffenceGroup.OTHER: IncidentType.OTHER,
}

OUTCOME_PENDING = "pending"

# Home Office crime outcome types (Home Office Counting Rules; 19 is not used).
OUTCOMES: dict[str, object] = {
    OUTCOME_PENDING: _("Under investigation (no outcome yet)"),
    "1": _("Charged or summonsed"),
    "1A": _("Charged or summonsed with an alternative offence"),
    "2": _("Youth caution"),
    "2A": _("Youth conditional caution"),
    "3": _("Adult caution"),
    "3A": _("Adult conditional caution"),
    "4": _("Taken into consideration"),
    "5": _("The offender has died"),
    "6": _("Penalty notice for disorder"),
    "7": _("Cannabis or khat warning"),
    "8": _("Community resolution"),
    "9": _("Prosecution not in the public interest (CPS)"),
    "10": _("Police action not in the public interest"),
    "11": _("Prosecution prevented: suspect under the age of criminal responsibility"),
    "12": _("Prosecution prevented: suspect too ill"),
    "13": _("Prosecution prevented: victim or key witness dead or too ill"),
    "14": _("Evidential difficulties: suspect not identified, victim does not support action"),
    "15": _("Evidential difficulties: suspect identified, victim supports action"),
    "16": _("Evidential difficulties: suspect identified, victim does not support action"),
    "17": _("Prosecution time limit expired"),
    "18": _("Investigation complete: no suspect identified"),
    "20": _("Another body or agency has investigation primacy"),
    "21": _("Further investigation not in the public interest"),
    "22": _("Diversionary, educational or intervention activity"),
}

# "Outcome 1", "OC 15", "O18", "3a": the number alone, in capitals.
_OUTCOME_NUMBER = re.compile(r"^(?:outcome|oc|o)?\s*(?:type)?\s*(\d{1,2}[a-z]?)$")


def outcome_code_from(value: str) -> str | None:
    """A Home Office outcome code written the usual ways, or None."""
    found = _OUTCOME_NUMBER.match(normalise(value))
    if found is None:
        return None
    code = found.group(1).upper()
    return code if code in OUTCOMES else None


def outcome_label(code: str) -> str:
    return str(OUTCOMES.get(code, code))


def normalise(value: str) -> str:
    """How values are compared with a mapping: case and spacing do not matter."""
    return " ".join(str(value).split()).casefold()


# The kinds of value a source maps, with the codes each may map to (strands come from the
# Strand table).
KIND_STRANDS = "strands"
KIND_OFFENCE_GROUP = "offence_group"
KIND_OUTCOME = "outcome"
KIND_HOW_REPORTED = "how_reported"
KIND_WHO_REPORTED = "who_reported"
KIND_CLASSIFICATION = "classification"

VALUE_KINDS: dict[str, Any] = {
    KIND_STRANDS: _("Strands"),
    KIND_OFFENCE_GROUP: _("Offence groups"),
    KIND_OUTCOME: _("Home Office outcomes"),
    KIND_HOW_REPORTED: _("How reported"),
    KIND_WHO_REPORTED: _("Who reported"),
    KIND_CLASSIFICATION: _("Crime or non-crime"),
}

FIXED_CODES: dict[str, list[tuple[str, object]]] = {
    KIND_OFFENCE_GROUP: list(OffenceGroup.choices),
    KIND_OUTCOME: list(OUTCOMES.items()),
    KIND_HOW_REPORTED: list(HowReported.choices),
    KIND_WHO_REPORTED: list(WhoReported.choices),
    KIND_CLASSIFICATION: list(Classification.choices),
}


def recorded_as(*, police_source: bool, classification: str) -> str:
    """A police source's crime is police-recorded crime, its non-crime a police NCHI;
    anything from another partner is partner-recorded, whatever its own classification."""
    if not police_source:
        return RecordedAs.PARTNER_INCIDENT
    if classification == Classification.NON_CRIME:
        return RecordedAs.POLICE_NCHI
    return RecordedAs.POLICE_CRIME
