"""What imports of partners' records need from reporting: ``report_create`` inside the
caller's transaction, facts written again when strands change, and imported records kept
out of the triage inbox."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import Actor
from awaz.geo.models import AreaLevel
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.models import (
    Channel,
    ConsentRecord,
    IncidentFact,
    IncidentStrand,
    MonthlyCount,
    Report,
)
from awaz.reporting.selectors import InboxFilters, report_inbox_list
from awaz.reporting.services import report_create, report_strands_replace
from awaz.reporting.services.facts import STRAND_COPIES, incident_facts_rebuild
from awaz.reporting.tests.factories import make_area, make_report, make_strand

pytestmark = pytest.mark.django_db


def _answers(**overrides) -> ReportAnswers:
    values = {
        "reporter_role": "victim",
        "incident_types": ["harassment"],
        "what_happened": "",
        "incident_date": datetime.date(2026, 2, 3),
        "strand_codes": ["race"],
        "is_anonymous": True,
    }
    values.update(overrides)
    return ReportAnswers(**values)


def _snapshot() -> tuple[list, list, list]:
    return (
        sorted(
            IncidentFact.objects.values_list("report_id", "occurred_on", "area_id", "strand_count")
        ),
        sorted(IncidentStrand.objects.values_list("fact_id", "strand_id", *STRAND_COPIES)),
        sorted(MonthlyCount.objects.values_list("month", "area_key", "strand_key", "count")),
    )


def test_report_create_runs_inside_the_callers_transaction_and_rolls_back_with_it(org_a):
    make_strand("race")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        report, _code = report_create(
            answers=_answers(),
            submission_key="a" * 64,
            channel=Channel.IMPORTED,
            actor=Actor(),
            consent_method=None,
            recorded_by_organisation=org_a,
            receiving_organisation=org_a,
        )
        assert IncidentFact.objects.filter(report=report).exists()
        raise Boom

    assert not Report.objects.exists()
    assert not IncidentFact.objects.exists()
    assert not MonthlyCount.objects.exists()


def test_report_create_without_consent_method_records_no_decision_and_places_by_area(org_a):
    make_strand("race")
    ward = make_area("TEST-W9", "Fictional Ward", level=AreaLevel.WARD)
    with transaction.atomic():
        report, _code = report_create(
            answers=_answers(),
            submission_key="b" * 64,
            channel=Channel.IMPORTED,
            actor=Actor(),
            consent_method=None,
            recorded_by_organisation=org_a,
            receiving_organisation=org_a,
            area=ward,
        )

    assert not ConsentRecord.objects.filter(report=report).exists()
    assert report.area == ward
    assert IncidentFact.objects.get(report=report).area_id == ward.pk
    assert report.recorded_by_organisation == org_a
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.REPORT_SUBMITTED, target_id=str(report.pk)
    ).exists()


def test_changing_strands_writes_facts_equal_to_a_rebuild(org_a):
    race, religion, disability = (
        make_strand("race"),
        make_strand("religion"),
        make_strand("disability"),
    )
    ward = make_area("TEST-W8", "Fictional Ward", level=AreaLevel.WARD)
    changed, _ = make_report(
        organisation=org_a, strands=[race], area=ward, incident_date=datetime.date(2026, 1, 9)
    )
    make_report(
        organisation=org_a, strands=[race, religion], area=ward, submitted_at=timezone.now()
    )

    assert report_strands_replace(
        report=changed, strand_codes=["religion", "disability"], actor=Actor()
    )

    written = _snapshot()
    mentions = {row[1] for row in written[1] if row[0] == changed.pk}
    assert mentions == {religion.pk, disability.pk}
    month = datetime.date(2026, 1, 1)
    counts = {(m, a, s): n for m, a, s, n in written[2]}
    assert (month, ward.pk, race.pk) not in counts  # its only incident no longer names race
    assert counts[(month, ward.pk, disability.pk)] == 1
    assert incident_facts_rebuild() == 2
    assert _snapshot() == written
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.REPORT_STRANDS_CHANGED, target_id=str(changed.pk)
    ).exists()


def test_the_same_strands_change_nothing(org_a):
    race = make_strand("race")
    report, _ = make_report(organisation=org_a, strands=[race])
    before = _snapshot()

    assert not report_strands_replace(report=report, strand_codes=["race"], actor=Actor())

    assert _snapshot() == before
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_STRANDS_CHANGED).exists()


def test_the_inbox_leaves_out_imported_records_unless_that_channel_is_chosen(org_a):
    own, _ = make_report(organisation=org_a)
    imported, _ = make_report(organisation=org_a, channel=Channel.IMPORTED)
    everything = Report.objects.all()

    listed = report_inbox_list(reports=everything, filters=InboxFilters())
    chosen = report_inbox_list(reports=everything, filters=InboxFilters(channel="imported"))

    assert [r.pk for r in listed] == [own.pk]
    assert [r.pk for r in chosen] == [imported.pk]
