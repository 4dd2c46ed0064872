"""Fixtures for the open statistics tests: plainly fictional reports, made the way Awaz makes
them (``make_report`` writes the analysis facts; cases are made and classified through the
triage and classification services)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from awaz.cases.models import Classification, CloseReason
from awaz.cases.services.classification import case_classify
from awaz.cases.services.triage import triage_close, triage_make_case
from awaz.geo.models import Area, AreaLevel
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.models import Report, Strand
from awaz.reporting.tests.factories import make_area, make_report


@dataclass
class Reports:
    """Makes reports of incidents on given days in two fictional local authorities."""

    partner_org: Any
    caseworker: Any
    police_org: Any
    officer: Any
    north: Area  # a local authority
    south: Area  # another
    south_ward: Area  # a neighbourhood inside ``south``

    def strands(self, *codes: str) -> list[Strand]:
        return list(Strand.objects.filter(code__in=codes))

    def partner(
        self,
        day: datetime.date | None,
        *,
        strands: Sequence[str] = ("race",),
        types: Sequence[str] = ("verbal_abuse",),
        area: Area | None = None,
        **fields: Any,
    ) -> Report:
        report, _code = make_report(
            organisation=self.partner_org,
            incident_date=day,
            strands=self.strands(*strands),
            incident_types=list(types),
            area=area,
            **fields,
        )
        return report

    def police(self, day: datetime.date, **options: Any) -> Report:
        """Reported to the police, who make it a case and record it as a crime."""
        report, _code = make_report(
            organisation=self.police_org,
            incident_date=day,
            strands=self.strands(*options.pop("strands", ("race",))),
            incident_types=list(options.pop("types", ("verbal_abuse",))),
            area=options.pop("area", None),
            **options,
        )
        case = triage_make_case(report_id=report.pk, actor=self.officer)
        case_classify(case=case, classification=self.version("police_crime"), actor=self.officer)
        return report

    def partner_case(self, day: datetime.date, code: str, **options: Any) -> Report:
        """A partner's case with a partner classification (ASB, partner-recorded incident)."""
        report = self.partner(day, **options)
        case = triage_make_case(report_id=report.pk, actor=self.caseworker)
        case_classify(case=case, classification=self.version(code), actor=self.caseworker)
        return report

    def closed(self, day: datetime.date, reason: str = CloseReason.TEST, **options: Any) -> Report:
        report = self.partner(day, **options)
        triage_close(report_id=report.pk, reason=CloseReason(reason), actor=self.caseworker)
        return report

    @staticmethod
    def version(code: str) -> Classification:
        return Classification.objects.get(code=code, version=1)


@pytest.fixture
def reports(org_a: Any, caseworker_a: Any) -> Reports:
    police_org = OrganisationFactory(name="Fictional Constabulary", kind="police")
    officer = StaffFactory(organisation=police_org, role="partner_caseworker")
    north = make_area("TEST-NORTH", "Fictional Northshire", lon=-3.0, lat=54.8)
    south = make_area("TEST-SOUTH", "Fictional Southdale", lon=-2.8, lat=54.3)
    ward = make_area(
        "TEST-SOUTH-W1", "Fictional Mill Ward", level=AreaLevel.NEIGHBOURHOOD, parent=south
    )
    return Reports(org_a, caseworker_a, police_org, officer, north, south, ward)
