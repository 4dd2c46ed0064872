"""Who does the demo's case work: the caseworkers the reports seed made (the hub's two,
one per reporting centre) and four more this demo adds so referrals have someone to
answer them: a police caseworker, one caseworker per council and one at a community group
(the seed's subject-matter experts and community groups are partners too). All plainly fictional,
at ``demo.awaz.example``, with the shared demo password (``var/demo-password.txt``).

Demo caseworkers get their notices in a daily digest, so seeding a few years of case work
queues no e-mails (each can switch back on the notifications page).
"""

from __future__ import annotations

from dataclasses import dataclass

from awaz.cases.access import CASEWORKERS
from awaz.cases.models import NotificationMode, NotificationPreference
from awaz.cases.services import notification_preference_set
from awaz.core.models import User
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.partners.services import staff_create
from awaz.reporting.demo.partners import HUB_NAME, demo_email, demo_password_read

POLICE_NAME = "Cumbria Constabulary (demo)"
CUMBERLAND_COUNCIL = "Cumberland Council (demo)"
WESTMORLAND_COUNCIL = "Westmorland and Furness Council (demo)"
COMMUNITY_GROUP = "Fictional Multicultural Society (demo)"

# (e-mail local part, full name, organisation name): partner caseworkers the case demo adds.
CASE_STAFF: tuple[tuple[str, str, str], ...] = (
    ("police", "Rowan Pretendsworth", POLICE_NAME),
    ("council.cumberland", "Ayesha Sampleton", CUMBERLAND_COUNCIL),
    ("council.westmorland", "Callum Notreal", WESTMORLAND_COUNCIL),
    ("community", "Nadia Madeupson", COMMUNITY_GROUP),
)


@dataclass(frozen=True)
class Cast:
    hub: Organisation
    hub_staff: list[User]
    police: Organisation
    police_staff: User
    councils: dict[str, Organisation]  # by name
    council_staff: dict[int, User]  # by organisation id
    community: Organisation  # a community group giving specialist advice
    community_staff: User
    org_staff: dict[int, list[User]]  # every demo organisation's caseworkers, by id

    def staff_of(self, organisation_id: int) -> list[User]:
        return self.org_staff.get(organisation_id, [])


def _caseworkers() -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    rows = (
        Membership.objects.filter(
            organisation__is_demo=True, role__in=list(CASEWORKERS), user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    )
    for membership in rows:
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found


def demo_cast_prepare() -> Cast:
    """The demo's caseworkers, adding the police and council ones if missing, each set to
    a daily digest of notices."""
    organisations = {o.name: o for o in Organisation.objects.filter(is_demo=True)}
    password = demo_password_read()
    existing = set(User.objects.values_list("email", flat=True))
    for local_part, full_name, org_name in CASE_STAFF:
        if demo_email(local_part) in existing:
            continue
        staff_create(
            email=demo_email(local_part),
            full_name=full_name,
            organisation=organisations[org_name],
            role=Role.PARTNER_CASEWORKER,
            password=password,
            actor=None,
        )
    staff = _caseworkers()
    digest = set(
        NotificationPreference.objects.filter(mode=NotificationMode.DIGEST).values_list(
            "user_id", flat=True
        )
    )
    for users in staff.values():
        for user in users:
            if user.pk not in digest:
                notification_preference_set(user=user, mode=NotificationMode.DIGEST, actor=user)
    hub = organisations[HUB_NAME]
    police = organisations[POLICE_NAME]
    councils = {
        name: org
        for name, org in organisations.items()
        if org.kind == OrganisationKind.COUNCIL and staff.get(org.pk)
    }
    return Cast(
        hub=hub,
        hub_staff=staff[hub.pk],
        police=police,
        police_staff=staff[police.pk][0],
        councils=councils,
        council_staff={org.pk: staff[org.pk][0] for org in councils.values()},
        community=organisations[COMMUNITY_GROUP],
        community_staff=staff[organisations[COMMUNITY_GROUP].pk][0],
        org_staff=staff,
    )
