"""The demo register of reporting centres: twelve centres in varied states, through the
strategy services.

The six reporting-centre organisations of ``seed_demo`` are used, and six more are added
(through the partners service) so the register has twelve. Addresses, phone numbers (from
Ofcom's range for drama, 01632 960xxx), e-mail addresses and web pages are plainly
fictional; positions are a few hundred metres from the demo towns' centres. Dates are
relative to today, so the flags read the same whenever the demo is loaded:

- clean: recently verified, trained staff, a private space (Workington, Carlisle, Appleby,
  the last verified 170 days ago, just inside six months);
- verification overdue (Barrow), or overdue and with nobody trained (Cockermouth): hidden
  from the public page until checked;
- never verified (Maryport, recorded by the chair but not yet checked): hidden;
- no trained staff (Kendal: its trained staff have left);
- no private space (Whitehaven, Keswick);
- not listed publicly (Penrith, at the centre's request);
- new centres with no reports yet (Ulverston, Windermere, and the other new ones).

Details of the six centres with demo staff are recorded by their own caseworker (as the
register allows), the others and every verification by the chair.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from awaz.core.models import User
from awaz.geo.demo import TOWNS
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.partners.selectors import organisation_list, staff_list_all
from awaz.partners.services import organisation_create
from awaz.reporting.demo.partners import CENTRES
from awaz.strategy.models import ReportingCentre
from awaz.strategy.services.centres import (
    CentreDetails,
    centre_details_save,
    centre_training_add,
    centre_verify,
)

DAY = datetime.timedelta(days=1)

# Reporting centres the demo adds to seed_demo's six: (town slug, name).
MORE_CENTRES: tuple[tuple[str, str], ...] = (
    ("maryport", "Fictional Harbour Community Hub, Maryport (demo)"),
    ("ulverston", "Fictional Advice Shop, Ulverston (demo)"),
    ("keswick", "Fictional Visitor Centre Reporting Point, Keswick (demo)"),
    ("cockermouth", "Fictional College Student Services, Cockermouth (demo)"),
    ("windermere", "Fictional Village Hall, Windermere (demo)"),
    ("appleby", "Fictional Market Hall, Appleby-in-Westmorland (demo)"),
)

WEEKDAYS = "Monday to Friday, 9am to 5pm"


@dataclass(frozen=True)
class CentreSpec:
    town: str  # slug in awaz.geo.demo.TOWNS
    street: str
    inward: str  # a made-up inward code, like the demo postcodes'
    offset: tuple[float, float]  # (lat, lon) from the town centre, in degrees
    phone: str
    hours: str
    languages: str
    accessibility: str
    private_space: bool
    trained_staff: int
    listed: bool
    verified_days_ago: int | None  # None: never verified
    trainings: tuple[tuple[int, int, str], ...]  # (days ago, people trained, course)


COURSE = "Taking third-party hate crime reports"
REFRESHER = "Hate crime reporting refresher"

SPECS: tuple[CentreSpec, ...] = (
    CentreSpec(
        "workington", "1 Fictional Street", "9ZA", (0.002, -0.003), "01632 960101", WEEKDAYS,
        "English, Polish", "Step-free entrance. Hearing loop at reception.", True, 4, True, 20,
        ((200, 4, COURSE), (25, 3, REFRESHER)),
    ),
    CentreSpec(
        "carlisle", "12 Example Road", "9ZB", (-0.003, 0.002), "01632 960102",
        "Monday to Saturday, 9am to 6pm", "English, Arabic, Kurdish, British Sign Language",
        "Step-free entrance, lift to all floors, accessible toilet.", True, 6, True, 45,
        ((300, 6, COURSE),),
    ),
    CentreSpec(
        "barrow", "Unit 3, Pretend Parade", "9ZD", (0.002, 0.002), "01632 960103",
        "Tuesday to Thursday, 10am to 4pm", "English",
        "Two steps at the entrance; a ramp on request.", True, 3, True, 250,
        ((400, 3, COURSE),),
    ),
    CentreSpec(
        "kendal", "7 Sample Lane", "9ZE", (-0.002, -0.002), "01632 960104",
        "Monday, Wednesday and Friday, 3pm to 9pm", "English",
        "Step-free entrance.", True, 0, True, 70, ((420, 2, COURSE),),
    ),
    CentreSpec(
        "whitehaven", "The Old Bank, 4 Placeholder Place", "9ZF", (0.001, 0.003), "01632 960105",
        WEEKDAYS, "English, Romanian", "Step-free entrance. Accessible toilet.", False, 2, True,
        30, ((150, 2, COURSE),),
    ),
    CentreSpec(
        "penrith", "21 Madeup Mews", "9ZG", (-0.002, 0.003), "01632 960106",
        "Monday to Thursday, 9am to 3pm", "English", "Step-free entrance.", True, 3, False, 100,
        ((220, 3, COURSE),),
    ),
    CentreSpec(
        "maryport", "2 Harbour Fictional Walk", "9ZH", (0.002, 0.002), "01632 960107",
        "Saturday, 10am to 2pm", "English", "", True, 2, True, None, ((40, 2, COURSE),),
    ),
    CentreSpec(
        "ulverston", "9 Example Street", "9ZJ", (-0.002, 0.002), "01632 960108", WEEKDAYS,
        "English, Urdu", "Step-free entrance. Hearing loop.", True, 2, True, 15,
        ((60, 2, COURSE),),
    ),
    CentreSpec(
        "keswick", "5 Pretend Square", "9ZL", (0.002, -0.002), "01632 960109",
        "Every day, 9:30am to 5pm", "English, German, French", "Step-free entrance.", False, 1,
        True, 120, ((130, 1, COURSE),),
    ),
    CentreSpec(
        "cockermouth", "Block C, 1 Sample Campus Way", "9ZN", (-0.003, -0.002), "01632 960110",
        "During term, Monday to Friday, 8:30am to 4:30pm", "English", "Lift to the first floor.",
        False, 0, True, 430, (),
    ),
    CentreSpec(
        "windermere", "3 Placeholder Road", "9ZP", (0.002, 0.001), "01632 960111",
        "Tuesday and Thursday, 6pm to 9pm", "English", "Step-free entrance. Accessible toilet.",
        True, 3, True, 50, ((80, 3, COURSE),),
    ),
    CentreSpec(
        "appleby", "8 Fictional Boroughgate", "9ZQ", (-0.001, 0.002), "01632 960112",
        "Wednesday, 10am to 4pm", "English", "Step-free entrance.", True, 1, True, 170,
        ((190, 1, COURSE),),
    ),
)  # fmt: skip


def _organisations() -> dict[str, Organisation]:
    """The demo's reporting-centre organisations by town slug, adding the six more."""
    existing = {o.name: o for o in organisation_list(kind=OrganisationKind.REPORTING_CENTRE)}
    found: dict[str, Organisation] = {}
    for slug, name in (*CENTRES, *MORE_CENTRES):
        organisation = existing.get(name)
        if organisation is None:
            organisation = organisation_create(
                name=name, kind=OrganisationKind.REPORTING_CENTRE, is_demo=True, actor=None
            )
        found[slug] = organisation
    return found


def _own_caseworkers() -> dict[int, User]:
    """A demo caseworker of each reporting centre that has one, by organisation id."""
    workers: dict[int, User] = {}
    memberships: list[Membership] = list(
        staff_list_all().filter(
            role=Role.CENTRE_CASEWORKER, organisation__is_demo=True, user__is_active=True
        )
    )
    for membership in memberships:
        workers.setdefault(membership.organisation_id, membership.user)
    return workers


def demo_centres_seed(
    *,
    chair: User | None = None,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Record the demo register (see the module docstring); returns the number of centres
    recorded. Centres whose details are already recorded are left alone."""
    today = today or timezone.localdate()
    if chair is None:
        membership = (
            staff_list_all()
            .filter(role=Role.CHAIR, organisation__is_demo=True, user__is_active=True)
            .first()
        )
        if membership is None:
            return 0
        chair = membership.user
    if progress:
        progress(f"Reporting centres: {len(SPECS)}, in varied states")
    towns = {town.slug: town for town in TOWNS}
    organisations = _organisations()
    workers = _own_caseworkers()
    recorded = 0
    for spec in SPECS:
        organisation = organisations[spec.town]
        if ReportingCentre.objects.filter(organisation=organisation).exists():
            continue
        town = towns[spec.town]
        editor = workers.get(organisation.pk, chair)
        slug = spec.town
        centre = centre_details_save(
            organisation=organisation,
            details=CentreDetails(
                address=f"{spec.street}\n{town.name}",
                postcode=f"{town.postcode_districts[0]} {spec.inward}",
                lat=round(town.lat + spec.offset[0], 5),
                lon=round(town.lon + spec.offset[1], 5),
                phone=spec.phone,
                email=f"report.{slug}@demo.awaz.example",
                website=f"https://{slug}-centre.demo.awaz.example/",
                opening_hours=spec.hours,
                languages=spec.languages,
                accessibility=spec.accessibility,
                has_private_space=spec.private_space,
                trained_staff=spec.trained_staff,
                is_listed=spec.listed,
            ),
            actor=editor,
        )
        for days_ago, people, course in sorted(spec.trainings, reverse=True):
            centre_training_add(
                centre=centre,
                trained_on=today - days_ago * DAY,
                people_trained=people,
                course=course,
                actor=editor,
            )
        if spec.verified_days_ago is not None:
            centre_verify(
                centre=centre, actor=chair, verified_on=today - spec.verified_days_ago * DAY
            )
        recorded += 1
    return recorded
