"""Records imported from partners' systems in the open statistics: a police force's crimes
and non-crime incidents are police-recorded; a partner's records never are."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from awaz.imports.services import import_confirm, import_upload
from awaz.imports.tests.support import csv_bytes, make_source, row
from awaz.partners.tests.factories import StaffFactory
from awaz.publishing.periods import Quarter
from awaz.publishing.selectors import quarter_counts

Q1 = Quarter(2025, 1)  # April to June 2025


def _row(**values):
    return row(outcome="", outcome_date="", **values)


def _import(organisation, rows, capture) -> None:
    admin = StaffFactory(organisation=organisation, role="administrator")
    run = import_upload(
        source=make_source(organisation),
        file_name="extract.csv",
        content=csv_bytes(rows),
        is_full_extract=False,
        actor=admin,
    )
    with capture(execute=True):
        import_confirm(run=run, actor=admin)
    run.refresh_from_db()
    assert run.status == "done", list(run.errors.values_list("code", flat=True))


def _strands(counts, recorded_by):
    return {c.code: n for c, n in counts[("strand", recorded_by)] if n}


@pytest.mark.django_db
def test_imported_police_records_are_police_recorded_and_a_partners_are_not(
    reports, org_a, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC), tick=False):
        _import(
            reports.police_org,
            [
                _row(
                    reference="FIC/1",
                    recorded_date="02/05/2025",
                    offence_from="01/05/2025",
                    strands="R",
                ),
                _row(
                    reference="FIC/2",
                    recorded_date="03/05/2025",
                    offence_from="02/05/2025",
                    strands="D",
                    classification="NC",
                ),
            ],
            django_capture_on_commit_callbacks,
        )
        _import(
            org_a,
            [
                _row(
                    reference="P/1",
                    recorded_date="04/05/2025",
                    offence_from="03/05/2025",
                    strands="Rel",
                    how_reported="In person",
                )
            ],
            django_capture_on_commit_callbacks,
        )

    counts = quarter_counts(Q1)

    assert _strands(counts, "police") == {"race": 1, "disability": 1}
    assert _strands(counts, "partner") == {"religion": 1}
