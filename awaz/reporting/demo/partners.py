"""The demo partnership: organisations, staff, hubs and the local strands.

Organisations follow the partner list of the partnership's seed, each plainly labelled
"(demo)"; reporting centres have plainly fictional names. Staff have fictional names, e-mail
addresses at ``demo.awaz.example`` and one shared random password, kept only in
``var/demo-password.txt`` (never in the repository), which ``manage.py demo_logins`` prints.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from awaz.core.models import User
from awaz.geo.demo import CUMBERLAND_CODE, WESTMORLAND_FURNESS_CODE
from awaz.geo.models import Area
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.partners.services import organisation_create, staff_create
from awaz.reporting.models import ReportingHub, Strand

HUB_NAME = "Victim Support Cumbria Hub (demo)"
DEMO_EMAIL_DOMAIN = "demo.awaz.example"
PASSWORD_FILE_NAME = "demo-password.txt"  # noqa: S105 (a file name, not a password)

# (name, kind) from the seed's partner list.
ORGANISATIONS: tuple[tuple[str, OrganisationKind], ...] = (
    ("Cumbria Constabulary (demo)", OrganisationKind.POLICE),
    ("Probation Service (demo)", OrganisationKind.PROBATION),
    ("Community Safety Partnership Managers (demo)", OrganisationKind.CSP),
    (HUB_NAME, OrganisationKind.VICTIM_SUPPORT),
    ("Office of the Police and Crime Commissioner (demo)", OrganisationKind.PCC_OFFICE),
    ("Cumberland Council (demo)", OrganisationKind.COUNCIL),
    ("Westmorland and Furness Council (demo)", OrganisationKind.COUNCIL),
    ("Health (demo)", OrganisationKind.HEALTH),
    ("CVS Safer Communities (demo)", OrganisationKind.THIRD_SECTOR),
    ("Youth Service (demo)", OrganisationKind.YOUTH),
    ("Fictional Disability Forum (demo)", OrganisationKind.SUBJECT_EXPERT),
    ("Fictional LGBT+ Network (demo)", OrganisationKind.SUBJECT_EXPERT),
    ("Fictional Multicultural Society (demo)", OrganisationKind.SUBJECT_EXPERT),
)

# Third-party reporting centres: (town slug, name).
CENTRES: tuple[tuple[str, str], ...] = (
    ("workington", "Fictional Community Centre, Workington (demo)"),
    ("carlisle", "Fictional Library Reporting Point, Carlisle (demo)"),
    ("barrow", "Fictional Advice Centre, Barrow-in-Furness (demo)"),
    ("kendal", "Fictional Youth Club, Kendal (demo)"),
    ("whitehaven", "Fictional Housing Office, Whitehaven (demo)"),
    ("penrith", "Fictional Family Centre, Penrith (demo)"),
)


@dataclass(frozen=True)
class StaffSpec:
    local_part: str  # before @demo.awaz.example
    full_name: str
    role: Role
    organisation: str  # organisation name


STAFF: tuple[StaffSpec, ...] = (
    StaffSpec("caseworker", "Hana Example", Role.PARTNER_CASEWORKER, HUB_NAME),
    StaffSpec("caseworker2", "Owen Sample", Role.PARTNER_CASEWORKER, HUB_NAME),
    StaffSpec("centre", "Priya Placeholder", Role.CENTRE_CASEWORKER, CENTRES[0][1]),
    StaffSpec("centre.carlisle", "Marek Specimen", Role.CENTRE_CASEWORKER, CENTRES[1][1]),
    StaffSpec("centre.barrow", "Femi Pretend", Role.CENTRE_CASEWORKER, CENTRES[2][1]),
    StaffSpec("centre.kendal", "Eilidh Madeup", Role.CENTRE_CASEWORKER, CENTRES[3][1]),
    StaffSpec("centre.whitehaven", "Tariq Testwell", Role.CENTRE_CASEWORKER, CENTRES[4][1]),
    StaffSpec("centre.penrith", "Una Demoford", Role.CENTRE_CASEWORKER, CENTRES[5][1]),
    StaffSpec(
        "analyst", "Dev Mockley", Role.ANALYST, "Community Safety Partnership Managers (demo)"
    ),
    StaffSpec("chair", "Sofia Fictional", Role.CHAIR, "Cumberland Council (demo)"),
    StaffSpec(
        "pcc",
        "George Example",
        Role.PCC_OFFICE,
        "Office of the Police and Crime Commissioner (demo)",
    ),
    StaffSpec(
        "admin",
        "Wen Sample",
        Role.ADMINISTRATOR,
        "Office of the Police and Crime Commissioner (demo)",
    ),
)

# (code, name, description, sort order): the partnership's own strands for the demo.
LOCAL_STRANDS = (
    (
        "sex-gender",
        "Sex or gender (misogyny)",
        "Hostility because someone is a woman or a man, or seen as one.",
        60,
    ),
    (
        "alternative-subculture",
        "Alternative subculture",
        "Hostility because of the way someone dresses or lives, such as goths or emos.",
        70,
    ),
)


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_EMAIL_DOMAIN}"


def password_file() -> Path:
    return Path(settings.VAR_DIR) / PASSWORD_FILE_NAME


def demo_password_new() -> str:
    """A fresh random password, written (owner-only) to var/demo-password.txt."""
    password = f"demo-{secrets.token_urlsafe(12)}"
    path = password_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    return password


def demo_password_read() -> str | None:
    path = password_file()
    return path.read_text().strip() if path.exists() else None


@dataclass(frozen=True)
class DemoPartners:
    organisations: dict[str, Organisation]  # by name
    hub: Organisation
    centres: dict[str, Organisation]  # by town slug
    staff: dict[str, User]  # by e-mail local part
    centre_staff: dict[str, User]  # by town slug: the centre's caseworker


def demo_partners_create(*, password: str) -> DemoPartners:
    """Organisations, reporting centres, staff (through the partners services, which audit
    each one) and the hubs receiving online reports."""
    organisations: dict[str, Organisation] = {}
    for name, kind in (
        *ORGANISATIONS,
        *((n, OrganisationKind.REPORTING_CENTRE) for _, n in CENTRES),
    ):
        organisations[name] = organisation_create(name=name, kind=kind, is_demo=True, actor=None)
    staff: dict[str, User] = {}
    for spec in STAFF:
        staff[spec.local_part] = staff_create(
            email=demo_email(spec.local_part),
            full_name=spec.full_name,
            organisation=organisations[spec.organisation],
            role=spec.role,
            password=password,
            actor=None,
        )
    hub = organisations[HUB_NAME]
    demo_hubs_create(hub=hub)
    centres = {slug: organisations[name] for slug, name in CENTRES}
    by_org = {
        s.organisation: staff[s.local_part] for s in STAFF if s.role == Role.CENTRE_CASEWORKER
    }
    return DemoPartners(
        organisations=organisations,
        hub=hub,
        centres=centres,
        staff=staff,
        centre_staff={slug: by_org[org.name] for slug, org in centres.items()},
    )


@transaction.atomic
def demo_hubs_create(*, hub: Organisation) -> None:
    """The hub receives online and anonymous reports: the default row (places outside every
    area) and one row per demo authority, so the routing by area is visible in the admin."""
    ReportingHub.objects.update_or_create(is_default=True, defaults={"organisation": hub})
    for area in Area.objects.filter(code__in=[CUMBERLAND_CODE, WESTMORLAND_FURNESS_CODE]):
        ReportingHub.objects.update_or_create(
            area=area, defaults={"organisation": hub, "is_default": False}
        )


@transaction.atomic
def demo_strands_create() -> list[Strand]:
    """The demo partnership's locally monitored strands (configuration, not code)."""
    strands = []
    for code, name, description, order in LOCAL_STRANDS:
        strand, _ = Strand.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "is_national": False,
                "sort_order": order,
            },
        )
        strands.append(strand)
    return strands


def demo_logins_rows() -> list[tuple[str, str, str]]:
    """(e-mail, role, organisation) of every demo staff member, in the seed's order."""
    order = {demo_email(s.local_part): i for i, s in enumerate(STAFF)}
    rows = [
        (m.user.email, str(m.get_role_display()), m.organisation.name)
        for m in Membership.objects.filter(organisation__is_demo=True, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__email")
    ]
    return sorted(rows, key=lambda r: (order.get(r[0], len(order)), r[0]))
