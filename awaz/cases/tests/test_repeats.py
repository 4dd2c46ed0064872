"""Repeat victims and places: matching by contact indexes, by case and by distance, within
the window, scoped to what the user may see, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awaz.cases.models import TimeLimitSet
from awaz.cases.repeats import months_before, repeats_for_report
from awaz.cases.services import triage_link_case, triage_make_case
from awaz.core.crypto import blind_index, normalise_name, normalise_phone
from awaz.reporting.tests.factories import make_report

EMAIL = "fictional.victim@example.org"
PHONE = "07700 900456"
E, N = 340025, 555975  # a 50 m square centre near Carlisle


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def phone_fields(phone: str = PHONE) -> dict[str, str]:
    return {"contact_phone": phone, "phone_index": blind_index("phone", normalise_phone(phone))}


def name_fields(name: str, district: str) -> dict[str, str]:
    return {
        "contact_name": name,
        "name_index": blind_index("name", normalise_name(name)),
        "postcode_district": district,
    }


def refs(matches) -> set[str]:
    return {m.report.reference for m in matches}


def test_months_before_handles_short_months():
    moment = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 12, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 12).year == 2025


def test_same_email_within_the_window_before_the_report(org_a, caseworker_a):
    earlier, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(100))
    too_old, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(400))
    other, _ = make_report(
        organisation=org_a, email="someone.else@example.org", submitted_at=days_ago(50)
    )
    report, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(10))
    later, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(1))
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_victim) == {earlier.reference}
    assert [str(r) for r in found.same_victim[0].reasons] == ["Same e-mail address"]
    assert found.same_victim[0].in_own_inbox
    assert found.window_months == 12
    assert not {too_old.reference, other.reference, later.reference} & refs(found.same_victim)


def test_same_phone(org_a, caseworker_a):
    earlier, _ = make_report(organisation=org_a, submitted_at=days_ago(30), **phone_fields())
    report, _ = make_report(
        organisation=org_a, **phone_fields("+44 7700 900456"), submitted_at=days_ago(1)
    )
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_victim) == {earlier.reference}
    assert [str(r) for r in found.same_victim[0].reasons] == ["Same phone number"]


def test_a_name_matches_only_in_the_same_district(org_a, caseworker_a):
    same, _ = make_report(
        organisation=org_a, submitted_at=days_ago(30), **name_fields("Fictional Name", "CA2")
    )
    elsewhere, _ = make_report(
        organisation=org_a, submitted_at=days_ago(30), **name_fields("Fictional Name", "LA9")
    )
    report, _ = make_report(
        organisation=org_a, submitted_at=days_ago(1), **name_fields("fictional  name", "CA2")
    )
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_victim) == {same.reference}
    assert elsewhere.reference not in refs(found.same_victim)


def test_a_linked_person_reports_in_the_same_case(org_a, caseworker_a):
    first, _ = make_report(organisation=org_a, submitted_at=days_ago(60))
    report, _ = make_report(organisation=org_a, submitted_at=days_ago(2))
    case = triage_make_case(report_id=first.pk, actor=caseworker_a)
    triage_link_case(report_id=report.pk, case_id=case.pk, actor=caseworker_a)
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_victim) == {first.reference}
    assert [str(r) for r in found.same_victim[0].reasons] == ["In the same case"]
    assert found.same_victim[0].case_id == case.pk


def test_same_place_by_grid_distance(org_a, caseworker_a):
    same_square, _ = make_report(
        organisation=org_a, grid_easting=E, grid_northing=N, submitted_at=days_ago(20)
    )
    near, _ = make_report(
        organisation=org_a, grid_easting=E + 50, grid_northing=N + 50, submitted_at=days_ago(20)
    )
    corner, _ = make_report(  # inside the 100 m box, but 141 m away
        organisation=org_a, grid_easting=E + 100, grid_northing=N + 100, submitted_at=days_ago(20)
    )
    far, _ = make_report(
        organisation=org_a, grid_easting=E + 150, grid_northing=N, submitted_at=days_ago(20)
    )
    report, _ = make_report(organisation=org_a, grid_easting=E, grid_northing=N)
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_place) == {same_square.reference, near.reference}
    by_ref = {m.report.reference: m for m in found.same_place}
    assert [str(r) for r in by_ref[same_square.reference].reasons] == ["Same 50 metre grid square"]
    assert by_ref[near.reference].distance_m == 71
    assert [str(r) for r in by_ref[near.reference].reasons] == ["Within 71 metres"]
    assert not {corner.reference, far.reference} & refs(found.same_place)
    assert found.same_victim == []


def test_the_distance_comes_from_the_time_limits_in_force(org_a, caseworker_a):
    TimeLimitSet.objects.create(
        name="Fictional wider rule",
        effective_from=timezone.localdate() - datetime.timedelta(days=365),
        repeat_place_metres=200,
    )
    far, _ = make_report(
        organisation=org_a, grid_easting=E + 150, grid_northing=N, submitted_at=days_ago(20)
    )
    report, _ = make_report(organisation=org_a, grid_easting=E, grid_northing=N)
    found = repeats_for_report(report=report, user=caseworker_a)
    assert refs(found.same_place) == {far.reference}
    assert found.place_metres == 200


def test_another_organisations_reports_are_not_shown(org_a, org_b, caseworker_a, caseworker_b):
    theirs, _ = make_report(
        organisation=org_b, email=EMAIL, grid_easting=E, grid_northing=N, submitted_at=days_ago(5)
    )
    report, _ = make_report(organisation=org_a, email=EMAIL, grid_easting=E, grid_northing=N)
    found = repeats_for_report(report=report, user=caseworker_a)
    assert theirs.reference not in refs(found.same_victim) | refs(found.same_place)
    assert not found
    # ... and the other way round.
    ours_found = repeats_for_report(report=theirs, user=caseworker_b)
    assert not ours_found


def test_a_fixed_number_of_queries(org_a, caseworker_a):
    report, _ = make_report(organisation=org_a, email=EMAIL, grid_easting=E, grid_northing=N)

    def count() -> int:
        fresh = type(report).objects.get(pk=report.pk)
        with CaptureQueriesContext(connection) as ctx:
            found = repeats_for_report(report=fresh, user=caseworker_a)
            [m.report.area for m in found.same_victim + found.same_place]
        return len(ctx.captured_queries)

    make_report(
        organisation=org_a, email=EMAIL, grid_easting=E, grid_northing=N, submitted_at=days_ago(3)
    )
    one = count()
    for days in range(4, 12):
        make_report(
            organisation=org_a,
            email=EMAIL,
            grid_easting=E,
            grid_northing=N,
            submitted_at=days_ago(days),
        )
    assert count() == one


@pytest.fixture
def logged_in(client, caseworker_a):
    client.force_login(caseworker_a)
    return client


def test_page_lists_both_with_links(logged_in, org_a):
    earlier, _ = make_report(
        organisation=org_a, email=EMAIL, grid_easting=E, grid_northing=N, submitted_at=days_ago(9)
    )
    report, _ = make_report(organisation=org_a, email=EMAIL, grid_easting=E, grid_northing=N)
    body = logged_in.get(reverse("cases:report_repeats", args=[report.pk])).content.decode()
    assert body.count(earlier.reference) == 2
    assert reverse("reporting:triage_report_detail", args=[earlier.pk]) in body
    assert "Same e-mail address" in body and "Same 50 metre grid square" in body


def test_page_is_404_for_a_report_one_may_not_see(logged_in, org_b):
    theirs, _ = make_report(organisation=org_b)
    assert logged_in.get(reverse("cases:report_repeats", args=[theirs.pk])).status_code == 404


def test_the_triage_screen_shows_repeats(logged_in, org_a):
    earlier, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(9))
    report, _ = make_report(organisation=org_a, email=EMAIL)
    body = logged_in.get(reverse("cases:triage_report", args=[report.pk])).content.decode()
    assert "Earlier reports: repeats" in body
    assert earlier.reference in body and "Same e-mail address" in body


def test_the_case_page_lists_repeats_outside_the_case(logged_in, org_a, caseworker_a):
    earlier, _ = make_report(
        organisation=org_a, grid_easting=E, grid_northing=N, submitted_at=days_ago(9)
    )
    report, _ = make_report(organisation=org_a, grid_easting=E, grid_northing=N)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    body = logged_in.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert earlier.reference in body and "Same 50 metre grid square" in body
