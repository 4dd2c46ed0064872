"""The reporting-centre register: recording a centre's details, marking it verified, and
adding its staff training. Each write checks who may make it and writes its audit row.

- The chair records and changes any centre's details and training, and verifies centres.
- A centre's own caseworkers may record their centre's details and training (they know
  them best), but not verify it: verification is the partnership's independent check.
- ``trained_staff`` is what the centre has *now*: staff leave, so a training session never
  changes it on its own. Whoever records a session may say "add these people to the trained
  staff"; otherwise the number is changed on the details form.
- The map position, when not typed, comes from the postcode (if the postcode lookup knows
  it); the area, when not chosen, from the position. Both are only for the list and map.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.geo.models import Area
from awaz.geo.selectors import area_for_point, normalise_postcode, postcode_point
from awaz.partners.models import Organisation, OrganisationKind
from awaz.strategy.access import centres_editable_by, require
from awaz.strategy.models import CentreTraining, ReportingCentre
from awaz.strategy.selectors_centres import languages_list
from awaz.strategy.services.auditing import changed_fields, plan_audit

MSG_ADDRESS = _("Enter the centre's address")
MSG_HOURS = _("Enter the centre's opening hours")
MSG_TRAINED = _("Enter the number of trained staff, or 0")
MSG_POSITION_PAIR = _("Enter both the latitude and the longitude, or neither")
MSG_LATITUDE = _("Enter a latitude between -90 and 90")
MSG_LONGITUDE = _("Enter a longitude between -180 and 180")
MSG_VERIFIED_FUTURE = _("The date it was verified must be today or in the past")
MSG_TRAINING_FUTURE = _("The date of the training must be today or in the past")
MSG_PEOPLE = _("Enter how many people were trained, 1 or more")
MSG_COURSE = _("Enter the name of the course")
MSG_NOT_A_CENTRE = _("This organisation is not a reporting centre")

# The largest number of staff a centre may record (a sanity limit, not a policy).
MAX_STAFF = 500


@dataclass(frozen=True)
class CentreDetails:
    """What the chair or the centre says about it (the form's cleaned data)."""

    address: str
    opening_hours: str
    postcode: str = ""
    area: Area | None = None
    lat: float | None = None
    lon: float | None = None
    phone: str = ""
    email: str = ""
    website: str = ""
    languages: str = ""
    accessibility: str = ""
    has_private_space: bool = False
    trained_staff: int = 0
    is_listed: bool = True


def _position(details: CentreDetails, postcode: str) -> tuple[float | None, float | None]:
    if (details.lat is None) != (details.lon is None):
        raise ApplicationError(MSG_POSITION_PAIR, extra={"field": "lat"})
    if details.lat is not None and details.lon is not None:
        if not -90 <= details.lat <= 90:
            raise ApplicationError(MSG_LATITUDE, extra={"field": "lat"})
        if not -180 <= details.lon <= 180:
            raise ApplicationError(MSG_LONGITUDE, extra={"field": "lon"})
        return details.lat, details.lon
    point = postcode_point(postcode) if postcode else None
    return point if point is not None else (None, None)


def _values(details: CentreDetails) -> dict[str, Any]:
    address = "\n".join(line.strip() for line in details.address.strip().splitlines())
    if not address.strip():
        raise ApplicationError(MSG_ADDRESS, extra={"field": "address"})
    hours = details.opening_hours.strip()
    if not hours:
        raise ApplicationError(MSG_HOURS, extra={"field": "opening_hours"})
    if not 0 <= details.trained_staff <= MAX_STAFF:
        raise ApplicationError(MSG_TRAINED, extra={"field": "trained_staff"})
    postcode = normalise_postcode(details.postcode) if details.postcode.strip() else ""
    lat, lon = _position(details, postcode)
    area = details.area
    if area is None and lat is not None and lon is not None:
        area = area_for_point(lat=lat, lon=lon)
    return {
        "address": address,
        "postcode": postcode,
        "area_id": area.pk if area is not None else None,
        "lat": lat,
        "lon": lon,
        "phone": details.phone.strip(),
        "email": details.email.strip(),
        "website": details.website.strip(),
        "opening_hours": hours,
        "languages": ", ".join(languages_list(details.languages)),
        "accessibility": details.accessibility.strip(),
        "has_private_space": details.has_private_space,
        "trained_staff": details.trained_staff,
        "is_listed": details.is_listed,
    }


def _editable(actor: Any, organisation: Organisation) -> None:
    require(actor, "centre.edit")
    if organisation.kind != OrganisationKind.REPORTING_CENTRE:
        raise ApplicationError(MSG_NOT_A_CENTRE)
    if not centres_editable_by(actor).filter(pk=organisation.pk).exists():
        raise NotFound()


# Audited figures: their old and new values are kept, so the register's history reads.
_FIGURES = ("trained_staff", "has_private_space", "is_listed")


@transaction.atomic(durable=True)
def centre_details_save(
    *, organisation: Organisation, details: CentreDetails, actor: Any
) -> ReportingCentre:
    """Record a centre's details the first time, or change them. Changing them does not
    verify the centre (``centre_verify`` does)."""
    _editable(actor, organisation)
    values = _values(details)
    centre = ReportingCentre.objects.select_for_update().filter(organisation=organisation).first()
    if centre is None:
        centre = ReportingCentre.objects.create(
            organisation=organisation, created_by=actor, modified_by=actor, **values
        )
        plan_audit(
            event_type=AuditEventType.CENTRE_DETAILS_RECORDED,
            actor=actor,
            target=centre,
            details={
                "organisation_id": organisation.pk,
                **{key: values[key] for key in _FIGURES},
            },
        )
        return centre
    before = {key: getattr(centre, key) for key in _FIGURES}
    changed = changed_fields(centre, values)
    if changed:
        centre.modified_by = actor
        centre.save()
        plan_audit(
            event_type=AuditEventType.CENTRE_DETAILS_CHANGED,
            actor=actor,
            target=centre,
            details={
                "fields": [name.removesuffix("_id") for name in changed],
                "figures": {
                    key: {"from": old, "to": getattr(centre, key)}
                    for key, old in before.items()
                    if key in changed
                },
            },
        )
    return centre


@transaction.atomic(durable=True)
def centre_verify(
    *, centre: ReportingCentre, actor: Any, verified_on: datetime.date | None = None
) -> ReportingCentre:
    """Record that the partnership checked the centre's details with it, today or on
    ``verified_on`` (never in the future), and who did."""
    require(actor, "centre.verify")
    today = timezone.localdate()
    verified_on = verified_on or today
    if verified_on > today:
        raise ApplicationError(MSG_VERIFIED_FUTURE, extra={"field": "verified_on"})
    centre = ReportingCentre.objects.select_for_update().get(pk=centre.pk)
    previous = centre.last_verified_on
    centre.last_verified_on = verified_on
    centre.last_verified_by = actor
    centre.modified_by = actor
    centre.save(
        update_fields=["last_verified_on", "last_verified_by", "modified_by", "modified_at"]
    )
    plan_audit(
        event_type=AuditEventType.CENTRE_VERIFIED,
        actor=actor,
        target=centre,
        details={
            "verified_on": verified_on.isoformat(),
            "previously": previous.isoformat() if previous else None,
        },
    )
    return centre


@transaction.atomic(durable=True)
def centre_training_add(
    *,
    centre: ReportingCentre,
    trained_on: datetime.date,
    people_trained: int,
    course: str,
    add_to_trained_staff: bool = False,
    actor: Any,
) -> CentreTraining:
    """Record a training session for the centre's staff. With ``add_to_trained_staff`` the
    people trained are added to the centre's trained staff; otherwise that number stays."""
    centre = (
        ReportingCentre.objects.select_for_update().select_related("organisation").get(pk=centre.pk)
    )
    _editable(actor, centre.organisation)
    if trained_on > timezone.localdate():
        raise ApplicationError(MSG_TRAINING_FUTURE, extra={"field": "trained_on"})
    if not 1 <= people_trained <= MAX_STAFF:
        raise ApplicationError(MSG_PEOPLE, extra={"field": "people_trained"})
    course = " ".join(course.split())
    if not course:
        raise ApplicationError(MSG_COURSE, extra={"field": "course"})
    training = CentreTraining.objects.create(
        centre=centre,
        trained_on=trained_on,
        people_trained=people_trained,
        course=course,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    before = centre.trained_staff
    if add_to_trained_staff:
        centre.trained_staff = min(before + people_trained, MAX_STAFF)
        centre.modified_by = actor
        centre.save(update_fields=["trained_staff", "modified_by", "modified_at"])
    plan_audit(
        event_type=AuditEventType.CENTRE_TRAINING_ADDED,
        actor=actor,
        target=centre,
        details={
            "training_id": training.pk,
            "trained_on": trained_on.isoformat(),
            "people_trained": people_trained,
            "trained_staff": {"from": before, "to": centre.trained_staff},
        },
    )
    return training
