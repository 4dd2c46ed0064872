"""The register's pages and the public "Where to report" page: who may open what (the whole
matrix, and the same 404 for "not yours" and "missing"), the forms as the chair and a
centre's caseworker use them, the chair's panel, the public page (only listed, recently
verified centres; no sign-in; no-store), and query counts that do not grow."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.tests.factories import make_report
from awaz.strategy.models import CentreTraining, ReportingCentre
from awaz.strategy.services.centres import centre_details_save, centre_verify
from awaz.strategy.tests.conftest import TODAY, Plan, last_audit
from awaz.strategy.tests.test_centres import World, details, make_world

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")

ROLES = (
    "chair",
    "lead_worker",
    "analyst",
    "supporting_worker",
    "other_worker",
    "own_worker",  # a caseworker of the centre
    "other_centre_worker",  # a caseworker of another centre
    "pcc",
    "administrator",
)
READERS = set(ROLES) - {"administrator"}
EDITORS = {"chair", "own_worker"}
CHAIR = {"chair"}


@pytest.fixture
def world(plan: Plan) -> World:
    return make_world(plan)


def _a_recent_report(world: World) -> None:
    """A report the centre recorded in 2025-26 Q4, so it has no "no reports" flag."""
    make_report(
        organisation=world.plan.lead_org,
        channel="phone",
        recorded_by_organisation=world.centre_org,
        submitted_at=datetime.datetime(2026, 2, 14, 9, tzinfo=datetime.UTC),
    )


def _user(world: World, role: str) -> Any:
    if role == "own_worker":
        return world.own_worker
    if role == "other_centre_worker":
        return world.other_worker
    return getattr(world.plan, role)


def _urls(world: World) -> dict[str, tuple[str, set[str]]]:
    org = world.centre_org.pk
    return {
        "register": (reverse("strategy:centre_list"), READERS),
        "centre": (reverse("strategy:centre_detail", args=[org]), READERS),
        "centre not recorded": (
            reverse("strategy:centre_detail", args=[world.other_org.pk]),
            READERS,
        ),
        "edit": (reverse("strategy:centre_edit", args=[org]), EDITORS),
        "training": (reverse("strategy:centre_training_add", args=[org]), EDITORS),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_access_matrix(world: World, client: Client, role: str) -> None:
    urls = _urls(world)
    client.force_login(_user(world, role))
    statuses = {name: client.get(url).status_code for name, (url, _allowed) in urls.items()}
    assert statuses == {
        name: 200 if role in allowed else 404 for name, (_url, allowed) in urls.items()
    }
    verify = client.post(reverse("strategy:centre_verify", args=[world.centre_org.pk]))
    assert verify.status_code == (302 if role in CHAIR else 404)


def test_not_yours_looks_exactly_like_missing(world: World, client: Client) -> None:
    client.force_login(world.other_worker)
    theirs = client.get(reverse("strategy:centre_edit", args=[world.centre_org.pk]))
    missing = client.get(reverse("strategy:centre_edit", args=[999_999]))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    client.force_login(world.plan.chair)
    # An organisation that is not a reporting centre is not on the register.
    not_a_centre = client.get(reverse("strategy:centre_detail", args=[world.plan.lead_org.pk]))
    assert (not_a_centre.status_code, not_a_centre.content) == (404, missing.content)


def test_verify_only_by_post(world: World, client: Client) -> None:
    client.force_login(world.plan.chair)
    response = client.get(reverse("strategy:centre_verify", args=[world.centre_org.pk]))
    assert response.status_code == 405


# The register ------------------------------------------------------------------------------


def test_the_register_page(world: World, client: Client) -> None:
    _a_recent_report(world)
    client.force_login(world.plan.pcc)
    page = client.get(reverse("strategy:centre_list")).content.decode()
    assert "2 third-party reporting centres are partners." in page
    assert "1 has a flag." in page
    assert "Details not recorded yet" in page
    assert "2025-26 Q1" in page and "2025-26 Q4" in page
    assert reverse("strategy:centre_detail", args=[world.other_org.pk]) in page
    flagged = client.get(reverse("strategy:centre_list"), {"flagged": "on"}).content.decode()
    assert "1 centre matches the filters." in flagged
    assert "Fictional Drop-in Point" in flagged and "Fictional Reporting Point" not in flagged
    edited = client.get(reverse("strategy:centre_list"), {"area": "not-a-number"})
    assert edited.status_code == 200  # an edited address is ignored


def test_the_register_page_queries_do_not_grow(world: World, client: Client) -> None:
    client.force_login(world.plan.chair)
    url = reverse("strategy:centre_list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(5):
        org = OrganisationFactory(kind="reporting_centre")
        centre_details_save(organisation=org, details=details(), actor=world.plan.chair)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small) <= 12


def test_the_centre_page(world: World, client: Client) -> None:
    client.force_login(world.plan.chair)
    page = client.get(reverse("strategy:centre_detail", args=[world.centre_org.pk]))
    text = page.content.decode()
    assert "1 Fictional Street<br>Exampletown<br>CA1 9ZA" in text
    assert "English, Polish, Arabic" in text
    assert "Mark as verified today" in text
    assert "5 June 2026, by Fictional Chair" in text
    assert "verified, by Fictional Chair (Fictional Chair&#x27;s Council)" in text
    client.force_login(world.own_worker)
    own = client.get(reverse("strategy:centre_detail", args=[world.centre_org.pk]))
    assert "Mark as verified today" not in own.content.decode()
    assert "Change the details" in own.content.decode()
    client.force_login(world.plan.pcc)
    pcc = client.get(reverse("strategy:centre_detail", args=[world.centre_org.pk]))
    assert "Change the details" not in pcc.content.decode()


# The forms ---------------------------------------------------------------------------------


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "address": "2 Fictional Road\nSampleton",
        "postcode": "",
        "area": "",
        "lat": "54.6431",
        "lon": "-3.5482",
        "phone": "01632 960003",
        "email": "",
        "website": "",
        "opening_hours": "Tuesdays, 10am to 2pm",
        "languages": "English",
        "accessibility": "",
        "has_private_space": "yes",
        "trained_staff": "3",
        "is_listed": "no",
    }
    data.update(overrides)
    return data


def test_a_centres_caseworker_records_its_details(world: World, client: Client) -> None:
    client.force_login(world.other_worker)
    url = reverse("strategy:centre_edit", args=[world.other_org.pk])
    assert "Record the centre&#x27;s details" in client.get(url).content.decode()
    bad = client.post(url, _form(lat="54.6", lon="", opening_hours="", website="not a url"))
    text = bad.content.decode()
    assert bad.status_code == 200 and text.count("govuk-error-message") == 3
    assert "Enter both the latitude and the longitude, or neither" in text
    assert "Enter the centre&#x27;s opening hours" in text
    assert "Enter a web address, such as https://example.org" in text
    assert "2 Fictional Road" in text  # what was typed is kept
    response = client.post(url, _form())
    assert response.status_code == 302
    centre = ReportingCentre.objects.get(organisation=world.other_org)
    assert (centre.lat, centre.has_private_space, centre.is_listed, centre.trained_staff) == (
        54.6431,
        True,
        False,
        3,
    )
    assert last_audit().event_name == "CENTRE_DETAILS_RECORDED"
    # Changing: the form starts from what is recorded.
    page = client.get(url).content.decode()
    assert "Change the centre&#x27;s details" in page
    assert page.count('value="yes" checked') == page.count('value="no" checked') == 1


def test_adding_training(world: World, client: Client) -> None:
    client.force_login(world.own_worker)
    url = reverse("strategy:centre_training_add", args=[world.centre_org.pk])
    assert "The centre has 2 now." in client.get(url).content.decode()
    data = {
        "trained_on-day": "10",
        "trained_on-month": "6",
        "trained_on-year": "2026",
        "people_trained": "0",
        "course": "",
    }
    bad = client.post(url, data).content.decode()
    assert "Enter how many people were trained, 1 or more" in bad
    assert "Enter the name of the course" in bad
    data |= {"people_trained": "2", "course": "Fictional course", "add_to_trained_staff": "on"}
    assert client.post(url, data).status_code == 302
    world.centre.refresh_from_db()
    assert world.centre.trained_staff == 4
    training = CentreTraining.objects.get()
    assert (training.trained_on, training.recorded_by) == (
        datetime.date(2026, 6, 10),
        world.own_worker,
    )
    client.force_login(world.other_worker)
    missing = client.get(reverse("strategy:centre_training_add", args=[world.other_org.pk]))
    assert missing.status_code == 302  # no details yet: back to the centre's page


def test_marking_as_verified_today(world: World, client: Client) -> None:
    client.force_login(world.plan.chair)
    response = client.post(reverse("strategy:centre_verify", args=[world.centre_org.pk]))
    assert response["Location"] == reverse("strategy:centre_detail", args=[world.centre_org.pk])
    world.centre.refresh_from_db()
    assert (world.centre.last_verified_on, world.centre.last_verified_by) == (
        TODAY,
        world.plan.chair,
    )
    unrecorded = client.post(reverse("strategy:centre_verify", args=[world.other_org.pk]))
    assert unrecorded.status_code == 302
    assert not ReportingCentre.objects.filter(organisation=world.other_org).exists()


# The chair's page ----------------------------------------------------------------------------


def test_the_chairs_page_shows_centres_needing_action(world: World, client: Client) -> None:
    _a_recent_report(world)
    quiet = OrganisationFactory(name="Fictional Quiet Corner", kind="reporting_centre")
    centre = centre_details_save(
        organisation=quiet, details=details(has_private_space=False), actor=world.plan.chair
    )
    centre_verify(centre=centre, actor=world.plan.chair)
    client.force_login(world.plan.chair)
    page = client.get(reverse("strategy:plan")).content.decode()
    panel = page[page.index('id="centre-flags-title"') :]
    panel = panel[: panel.index("</section>")]
    assert "Reporting centres needing action" in panel
    assert reverse("strategy:centre_detail", args=[world.other_org.pk]) in panel
    assert "Details not recorded yet" in panel
    assert reverse("strategy:centre_detail", args=[world.centre_org.pk]) not in panel
    # Attention only: counted, not listed.
    assert "Fictional Quiet Corner" not in panel
    assert "1 more centre needs attention" in panel
    assert f"{reverse('strategy:centre_list')}?flagged=on" in panel


def test_the_chairs_page_queries_do_not_grow_with_centres(world: World, client: Client) -> None:
    client.force_login(world.plan.chair)
    url = reverse("strategy:plan")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        OrganisationFactory(kind="reporting_centre")
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert len(large) == len(small)
    assert page.count("Details not recorded yet") == 5


# The public page -----------------------------------------------------------------------------


def test_the_public_page_lists_only_verified_listed_centres(world: World, client: Client) -> None:
    stale = OrganisationFactory(name="Fictional Stale Hall", kind="reporting_centre")
    centre = centre_details_save(organisation=stale, details=details(), actor=world.plan.chair)
    centre_verify(centre=centre, actor=world.plan.chair, verified_on=TODAY - 200 * DAY)
    hidden = OrganisationFactory(name="Fictional Unlisted Hall", kind="reporting_centre")
    centre = centre_details_save(
        organisation=hidden, details=details(is_listed=False), actor=world.plan.chair
    )
    centre_verify(centre=centre, actor=world.plan.chair)

    response = client.get(reverse("strategy_public:where_to_report"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Where to report hate" in page
    assert "Fictional Reporting Point" in page
    for name in ("Fictional Stale Hall", "Fictional Unlisted Hall", "Fictional Drop-in Point"):
        assert name not in page
    assert "There is 1 reporting centre." in page
    assert 'href="tel:01632960001"' in page
    assert "call 999" in page and "call 101" in page
    assert f'href="{reverse("public:start")}"' in page
    data = re.search(r'<script id="centres-map-data" type="application/json">(.*?)</script>', page)
    assert data is not None
    points = json.loads(data.group(1))["centres"]
    assert points == [
        {
            "name": "Fictional Reporting Point",
            "lat": 54.89,
            "lon": -2.93,
            "anchor": f"centre-{world.centre.pk}",
        }
    ]
    assert 'src="/static/awaz/strategy/centres-map.js"' in page
    assert "govuk-exit-this-page" in page


def test_the_public_page_with_no_centres(db: None, client: Client) -> None:
    page = client.get(reverse("strategy_public:where_to_report")).content.decode()
    assert "No reporting centres are listed at the moment." in page
    assert "centres-map" not in page and "leaflet" not in page


def test_the_public_navigation_link(world: World, client: Client) -> None:
    href = f'href="{reverse("strategy_public:where_to_report")}"'
    assert href in client.get(reverse("public:start")).content.decode()
    staff = StaffFactory(organisation=world.plan.lead_org, role="partner_caseworker", mfa=False)
    client.force_login(staff)
    page = client.get(reverse("strategy:centre_list")).content.decode()
    assert href not in page.split("<main")[0]  # not in the staff navigation
