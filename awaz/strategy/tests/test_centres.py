"""The reporting-centre register: reports received per quarter (hand-counted, across the
clock change at the quarter's edge), the register and its filters, the chair's panel, the
public list (only listed, recently verified centres), and the services' checks and audit
rows.

``make_world(plan)`` builds two fictional reporting centres, each with a caseworker: the
plan's "Fictional Reporting Point" (details recorded, verified, with reports) and
"Fictional Drop-in Point" (nothing recorded yet). The view tests use it too."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.geo.services import postcode_units_create
from awaz.partners.models import Organisation
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.tests.factories import make_area, make_report
from awaz.strategy.models import CentreTraining, ReportingCentre
from awaz.strategy.selectors_centres import (
    CentreFilters,
    FlagCode,
    centre_page,
    centre_panel,
    centre_register,
    centres_by_area,
    centres_flagged,
    centres_map_points,
    centres_public,
    reports_received,
)
from awaz.strategy.services.centres import (
    MSG_POSITION_PAIR,
    MSG_TRAINING_FUTURE,
    MSG_VERIFIED_FUTURE,
    CentreDetails,
    centre_details_save,
    centre_training_add,
    centre_verify,
)
from awaz.strategy.tests.conftest import TODAY, Plan, audit_names, last_audit

DAY = datetime.timedelta(days=1)
LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.usefixtures("frozen")


@dataclass
class World:
    plan: Plan
    centre_org: Organisation  # details recorded, verified 10 days ago
    centre: ReportingCentre
    other_org: Organisation  # no details recorded
    own_worker: Any  # caseworker of centre_org
    other_worker: Any  # caseworker of other_org


def details(**overrides: Any) -> CentreDetails:
    values: dict[str, Any] = {
        "address": "1 Fictional Street\nExampletown",
        "opening_hours": "Monday to Friday, 9am to 5pm",
        "postcode": "ca1 9za",
        "lat": 54.89,
        "lon": -2.93,
        "phone": "01632 960001",
        "languages": "English,  Polish ,,Arabic",
        "has_private_space": True,
        "trained_staff": 2,
        "is_listed": True,
    }
    values.update(overrides)
    return CentreDetails(**values)


def make_world(plan: Plan) -> World:
    centre_org = plan.centre_worker.membership.organisation
    other_org = OrganisationFactory(name="Fictional Drop-in Point", kind="reporting_centre")
    centre = centre_details_save(organisation=centre_org, details=details(), actor=plan.chair)
    centre_verify(centre=centre, actor=plan.chair, verified_on=TODAY - 10 * DAY)
    return World(
        plan=plan,
        centre_org=centre_org,
        centre=ReportingCentre.objects.get(pk=centre.pk),
        other_org=other_org,
        own_worker=plan.centre_worker,
        other_worker=StaffFactory(organisation=other_org, role="centre_caseworker"),
    )


@pytest.fixture
def world(plan: Plan) -> World:
    return make_world(plan)


def _at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def _recorded(org: Organisation, hub: Organisation, when: datetime.datetime) -> None:
    make_report(
        organisation=hub, channel="in_person", recorded_by_organisation=org, submitted_at=when
    )


@pytest.fixture
def reports(world: World) -> None:
    """Hand-placed reports. The centre: 2 in 2025-26 Q1 (one at 11:30pm on 30 June), 1 in
    Q2 (half past midnight on 1 July, which is still 30 June in UTC), 3 in Q3, none in Q4,
    1 this quarter, and 1 just before the register's first quarter. The other centre: 1 in
    Q4. An online report counts for nobody."""
    hub = world.plan.lead_org
    for when in (
        _at(2025, 3, 31, 23, 30),
        _at(2025, 4, 10, 12),
        _at(2025, 6, 30, 23, 30),
        _at(2025, 7, 1, 0, 30),
        _at(2025, 11, 5, 9),
        _at(2025, 11, 5, 10),
        _at(2025, 12, 31, 23, 59),
        _at(2026, 5, 1, 9),
    ):
        _recorded(world.centre_org, hub, when)
    _recorded(world.other_org, hub, _at(2026, 2, 14, 9))
    make_report(organisation=hub, submitted_at=_at(2025, 11, 5, 9))


# Reports received per quarter ---------------------------------------------------------------


def test_reports_per_quarter_hand_counted(world: World, reports: None) -> None:
    register = centre_register(filters=CentreFilters(), today=TODAY)
    assert [q.label for q in register.quarters] == [
        "2025-26 Q1",
        "2025-26 Q2",
        "2025-26 Q3",
        "2025-26 Q4",
    ]
    received = {row.organisation.name: row.received for row in register.rows}
    assert received == {
        "Fictional Reporting Point": (2, 1, 3, 0),
        "Fictional Drop-in Point": (0, 0, 0, 1),
    }


def test_the_centre_page_counts_this_quarter_so_far(world: World, reports: None) -> None:
    page = centre_page(organisation=world.centre_org, today=TODAY)
    counts = [(c.quarter.label, c.count, c.complete) for c in page["counts"]]
    assert counts[:6] == [
        ("2026-27 Q1", 1, False),
        ("2025-26 Q4", 0, True),
        ("2025-26 Q3", 3, True),
        ("2025-26 Q2", 1, True),
        ("2025-26 Q1", 2, True),
        ("2024-25 Q4", 1, True),
    ]
    assert len(counts) == 9


def test_reports_are_counted_in_one_query(
    world: World, reports: None, django_assert_num_queries: Any
) -> None:
    from awaz.core.quarters import Quarter

    first = Quarter.of(datetime.date(2025, 4, 1))
    with django_assert_num_queries(1):
        counts = reports_received(
            organisation_ids=[world.centre_org.pk, world.other_org.pk],
            first=first,
            last=first.shift(3),
        )
    assert sum(counts.values()) == 7
    assert reports_received(organisation_ids=[], first=first, last=first) == {}


# The register and the chair's panel -----------------------------------------------------------


def test_the_register_flags_and_filters(world: World, reports: None) -> None:
    area = make_area("TEST-CENTRE-AREA", "Fictional Centreshire", lon=-2.95, lat=54.87)
    ReportingCentre.objects.filter(pk=world.centre.pk).update(area=area)
    register = centre_register(filters=CentreFilters(), today=TODAY)
    assert (register.total, register.flagged) == (2, 1)
    rows = {row.organisation.name: row for row in register.rows}
    assert rows["Fictional Reporting Point"].flags == ()
    assert rows["Fictional Reporting Point"].is_public
    assert [f.code for f in rows["Fictional Drop-in Point"].flags] == [FlagCode.NOT_RECORDED]
    assert register.areas == [(area.pk, "Fictional Centreshire")]

    flagged = centre_register(filters=CentreFilters(flagged_only=True), today=TODAY)
    assert [r.organisation.name for r in flagged.rows] == ["Fictional Drop-in Point"]
    in_area = centre_register(filters=CentreFilters(area_id=area.pk), today=TODAY)
    assert [r.organisation.name for r in in_area.rows] == ["Fictional Reporting Point"]


def test_the_register_leaves_out_organisations_that_left(world: World) -> None:
    Organisation.objects.filter(pk=world.other_org.pk).update(is_active=False)
    register = centre_register(filters=CentreFilters(), today=TODAY)
    assert [r.organisation.pk for r in register.rows] == [world.centre_org.pk]


def test_the_register_takes_two_queries(
    world: World, reports: None, django_assert_num_queries: Any
) -> None:
    for i in range(4):
        org = OrganisationFactory(kind="reporting_centre")
        centre = centre_details_save(organisation=org, details=details(), actor=world.plan.chair)
        centre_training_add(
            centre=centre,
            trained_on=TODAY - DAY,
            people_trained=i + 1,
            course="Fictional course",
            actor=world.plan.chair,
        )
    with django_assert_num_queries(2):
        register = centre_register(filters=CentreFilters(), today=TODAY)
        assert [r.last_training_on for r in register.rows].count(TODAY - DAY) == 4
    with django_assert_num_queries(2):
        centres_flagged(today=TODAY)


def test_the_chairs_panel_lists_flagged_centres_worst_first(world: World, reports: None) -> None:
    quiet = OrganisationFactory(name="Fictional Quiet Corner", kind="reporting_centre")
    centre_details_save(
        organisation=quiet, details=details(has_private_space=False), actor=world.plan.chair
    )
    centre_verify(centre=quiet.centre, actor=world.plan.chair)
    panel = centre_panel(today=TODAY)
    assert [r.organisation.name for r in panel.needing_action] == ["Fictional Drop-in Point"]
    assert panel.attention_only == 1
    rows = centres_flagged(today=TODAY)
    assert [(r.organisation.name, [f.code for f in r.flags]) for r in rows] == [
        ("Fictional Drop-in Point", [FlagCode.NOT_RECORDED]),
        (
            "Fictional Quiet Corner",
            [FlagCode.NO_PRIVATE_SPACE, FlagCode.NO_RECENT_REPORTS],
        ),
    ]


# The public list ------------------------------------------------------------------------------


def _centre(name: str, chair: Any, *, verified: datetime.date | None, **fields: Any) -> Any:
    org = OrganisationFactory(name=name, kind="reporting_centre")
    centre = centre_details_save(organisation=org, details=details(**fields), actor=chair)
    if verified is not None:
        centre_verify(centre=centre, actor=chair, verified_on=verified)
    return org


def test_only_listed_recently_verified_centres_are_public(world: World) -> None:
    chair = world.plan.chair
    north = make_area("TEST-NORTH", "Fictional North", lon=-3.0, lat=54.8)
    _centre("Fictional Checked Hall", chair, verified=TODAY - 180 * DAY, area=north)
    _centre("Fictional Stale Hall", chair, verified=datetime.date(2025, 12, 14))
    _centre("Fictional Unchecked Hall", chair, verified=None)
    _centre("Fictional Private Hall", chair, verified=TODAY, is_listed=False)
    gone = _centre("Fictional Closed Hall", chair, verified=TODAY)
    Organisation.objects.filter(pk=gone.pk).update(is_active=False)
    _centre("Fictional Unplaced Hall", chair, verified=TODAY, lat=None, lon=None, postcode="")

    public = centres_public(today=TODAY)
    assert [c.organisation.name for c in public] == [
        "Fictional Checked Hall",
        "Fictional Reporting Point",
        "Fictional Unplaced Hall",
    ]
    groups = centres_by_area(public)
    assert [(g.name, [c.organisation.name for c in g.centres]) for g in groups] == [
        ("Fictional North", ["Fictional Checked Hall"]),
        ("", ["Fictional Reporting Point", "Fictional Unplaced Hall"]),
    ]
    points = centres_map_points(public)
    assert {p["name"] for p in points} == {"Fictional Reporting Point", "Fictional Checked Hall"}
    assert points[0].keys() == {"name", "lat", "lon", "anchor"}


# Services: details --------------------------------------------------------------------------


def test_recording_and_changing_details_is_audited(world: World) -> None:
    chair = world.plan.chair
    centre = world.centre
    assert centre.languages == "English, Polish, Arabic"
    assert centre.postcode == "CA1 9ZA"
    first = audit_names(target_type="strategy.reportingcentre", target_id=str(centre.pk))
    assert first == ["CENTRE_DETAILS_RECORDED", "CENTRE_VERIFIED"]

    centre_details_save(
        organisation=world.centre_org,
        details=details(trained_staff=5, has_private_space=False, phone="01632 960002"),
        actor=chair,
    )
    event = last_audit()
    assert event.event_name == "CENTRE_DETAILS_CHANGED"
    assert event.details == {
        "fields": ["phone", "has_private_space", "trained_staff"],
        "figures": {
            "trained_staff": {"from": 2, "to": 5},
            "has_private_space": {"from": True, "to": False},
        },
    }
    centre.refresh_from_db()
    # Changing the details does not verify the centre again.
    assert centre.last_verified_on == TODAY - 10 * DAY
    count = len(audit_names())
    centre_details_save(
        organisation=world.centre_org,
        details=details(trained_staff=5, has_private_space=False, phone="01632 960002"),
        actor=chair,
    )
    assert len(audit_names()) == count  # nothing changed, nothing recorded


def test_the_position_comes_from_the_postcode_and_the_area_from_the_position(
    world: World,
) -> None:
    area = make_area("TEST-PLACE", "Fictional Placeham", lon=-3.0, lat=54.5, size=0.1)
    postcode_units_create(units=[("CA9 9ZZ", 54.55, -2.95)], is_demo=True)
    centre = centre_details_save(
        organisation=world.other_org,
        details=details(postcode="ca99zz", lat=None, lon=None),
        actor=world.plan.chair,
    )
    assert (centre.lat, centre.lon, centre.area_id) == (54.55, -2.95, area.pk)
    unknown = OrganisationFactory(kind="reporting_centre")
    centre = centre_details_save(
        organisation=unknown,
        details=details(postcode="LA99 9ZZ", lat=None, lon=None),
        actor=world.plan.chair,
    )
    assert (centre.lat, centre.lon, centre.area_id) == (None, None, None)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"lat": 54.5, "lon": None}, "lat", MSG_POSITION_PAIR),
        ({"lat": 95.0, "lon": -3.0}, "lat", "Enter a latitude between -90 and 90"),
        ({"address": "  \n "}, "address", "Enter the centre's address"),
        ({"opening_hours": " "}, "opening_hours", "Enter the centre's opening hours"),
        ({"trained_staff": -1}, "trained_staff", "Enter the number of trained staff, or 0"),
    ],
)
def test_details_are_checked(
    world: World, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        centre_details_save(
            organisation=world.other_org, details=details(**overrides), actor=world.plan.chair
        )
    assert (caught.value.extra["field"], str(caught.value.message)) == (field, str(message))
    assert not ReportingCentre.objects.filter(organisation=world.other_org).exists()


def test_who_may_record_details(world: World) -> None:
    # A centre's own caseworker: their own centre only.
    centre_details_save(organisation=world.other_org, details=details(), actor=world.other_worker)
    assert last_audit().actor_id == world.other_worker.pk
    for actor in (world.own_worker, world.plan.pcc, world.plan.lead_worker, world.plan.analyst):
        with pytest.raises(NotFound):
            centre_details_save(organisation=world.other_org, details=details(), actor=actor)
    with pytest.raises(ApplicationError):
        centre_details_save(
            organisation=world.plan.lead_org, details=details(), actor=world.plan.chair
        )


# Services: verifying ---------------------------------------------------------------------------


def test_verifying_records_who_and_when(world: World) -> None:
    centre_verify(centre=world.centre, actor=world.plan.chair)
    world.centre.refresh_from_db()
    assert (world.centre.last_verified_on, world.centre.last_verified_by) == (
        TODAY,
        world.plan.chair,
    )
    event = last_audit()
    assert (event.event_name, event.details) == (
        "CENTRE_VERIFIED",
        {"verified_on": "2026-06-15", "previously": "2026-06-05"},
    )
    with pytest.raises(ApplicationError) as caught:
        centre_verify(centre=world.centre, actor=world.plan.chair, verified_on=TODAY + DAY)
    assert caught.value.message == MSG_VERIFIED_FUTURE


def test_a_centre_cannot_verify_itself(world: World) -> None:
    for actor in (world.own_worker, world.plan.pcc, world.plan.administrator):
        with pytest.raises(NotFound):
            centre_verify(centre=world.centre, actor=actor)
    world.centre.refresh_from_db()
    assert world.centre.last_verified_on == TODAY - 10 * DAY


# Services: training ----------------------------------------------------------------------------


def test_training_adds_to_trained_staff_only_when_asked(world: World) -> None:
    training = centre_training_add(
        centre=world.centre,
        trained_on=TODAY - 3 * DAY,
        people_trained=3,
        course="  Fictional   reporting course ",
        actor=world.own_worker,
    )
    world.centre.refresh_from_db()
    assert (training.course, world.centre.trained_staff) == ("Fictional reporting course", 2)
    assert last_audit().details == {
        "training_id": training.pk,
        "trained_on": "2026-06-12",
        "people_trained": 3,
        "trained_staff": {"from": 2, "to": 2},
    }
    centre_training_add(
        centre=world.centre,
        trained_on=TODAY,
        people_trained=4,
        course="Fictional refresher",
        add_to_trained_staff=True,
        actor=world.plan.chair,
    )
    world.centre.refresh_from_db()
    assert world.centre.trained_staff == 6
    assert last_audit().details["trained_staff"] == {"from": 2, "to": 6}
    assert CentreTraining.objects.filter(centre=world.centre).count() == 2


def test_training_is_checked(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        centre_training_add(
            centre=world.centre,
            trained_on=TODAY + DAY,
            people_trained=1,
            course="Fictional",
            actor=world.plan.chair,
        )
    assert caught.value.message == MSG_TRAINING_FUTURE
    with pytest.raises(ApplicationError):
        centre_training_add(
            centre=world.centre,
            trained_on=TODAY,
            people_trained=0,
            course="Fictional",
            actor=world.plan.chair,
        )
    with pytest.raises(NotFound):
        centre_training_add(
            centre=world.centre,
            trained_on=TODAY,
            people_trained=1,
            course="Fictional",
            actor=world.other_worker,
        )
    assert not CentreTraining.objects.exists()
