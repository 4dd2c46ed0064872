"""Placing reports again in new boundaries (``reports_place_again``)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import Actor
from awaz.geo.models import AreaLevel
from awaz.geo.selectors import area_index_clear
from awaz.reporting.models import IncidentFact, MonthlyCount, Report
from awaz.reporting.models.facts import ALL_STRANDS
from awaz.reporting.services.placing import reports_place_again
from awaz.reporting.tests.factories import make_area, make_report

pytestmark = pytest.mark.django_db

# make_area's default square: 54.87..54.92 N, 2.95..2.90 W (a fictional borough).
INSIDE_WEST = {"lat": 54.88, "lon": -2.94}
INSIDE_EAST = {"lat": 54.88, "lon": -2.91}
NOWHERE = {"lat": 53.0, "lon": -1.0}


@pytest.fixture
def borough():
    return make_area("TEST-LA", "Fictional Borough")


def test_reports_move_into_newly_imported_wards(org_a, borough):
    west, _ = make_report(organisation=org_a, area=borough, location_point=INSIDE_WEST)
    east, _ = make_report(organisation=org_a, area=borough, location_point=INSIDE_EAST)
    no_point, _ = make_report(organisation=org_a, area=borough)
    # New ward boundaries arrive: the west half of the borough.
    ward = make_area(
        "TEST-W1", "Fictional West Ward", level=AreaLevel.WARD, parent=borough,
        lon=-2.95, lat=54.87, size=0.025,
    )  # fmt: skip
    area_index_clear()

    summary = reports_place_again(actor=Actor())

    assert (summary.checked, summary.changed, summary.without_point) == (2, 1, 1)
    assert Report.objects.get(pk=west.pk).area_id == ward.pk
    assert Report.objects.get(pk=east.pk).area_id == borough.pk
    assert Report.objects.get(pk=no_point.pk).area_id == borough.pk  # nothing to place it by
    # The facts follow: the ward's fact, and the borough as its local authority.
    fact = IncidentFact.objects.get(report_id=west.pk)
    assert (fact.area_id, fact.local_authority_id) == (ward.pk, borough.pk)
    monthly = MonthlyCount.objects.filter(strand_key=ALL_STRANDS)
    assert sum(monthly.filter(area_key=ward.pk).values_list("count", flat=True)) == 1
    assert sum(monthly.filter(area_key=borough.pk).values_list("count", flat=True)) == 2


def test_a_report_outside_every_area_loses_its_area(org_a, borough):
    lost, _ = make_report(organisation=org_a, area=borough, location_point=NOWHERE)
    area_index_clear()
    assert reports_place_again(actor=Actor()).changed == 1
    assert Report.objects.get(pk=lost.pk).area_id is None
    assert IncidentFact.objects.get(report_id=lost.pk).area_id is None


def test_one_audit_event_with_counts_only(org_a, borough):
    make_report(organisation=org_a, area=None, location_point=INSIDE_WEST)
    make_report(organisation=org_a, area=borough, location_point=INSIDE_EAST)
    area_index_clear()
    reports_place_again(actor=Actor())
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.REPORTS_PLACED_AGAIN)
    assert event.target_type == "reporting.report"
    assert event.details == {"checked": 2, "changed": 1, "without_point": 0}


def test_nothing_to_move_still_rebuilds_the_facts(org_a, borough):
    report, _ = make_report(organisation=org_a, area=borough, location_point=INSIDE_WEST)
    IncidentFact.objects.all().delete()
    area_index_clear()
    assert reports_place_again(actor=Actor()).changed == 0
    assert IncidentFact.objects.get(report_id=report.pk).area_id == borough.pk


def test_command(org_a, borough, capsys):
    make_report(organisation=org_a, area=None, location_point=INSIDE_WEST)
    make_report(organisation=org_a, area=borough)
    area_index_clear()
    call_command("reports_place_again")
    assert capsys.readouterr().out.strip() == (
        "Checked 1 reports with a point: 1 moved to another area. 1 without a point kept "
        "their area. Facts re-derived."
    )
