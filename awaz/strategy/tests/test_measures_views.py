"""The measures pages as the chair, partners and the PCC office use them: the list by strand
with figures in words, tags, a chart and a table; a measure's page with its history; the
CSV; the chair's forms; entering a value; the same 404 for anyone not allowed."""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.cases.tests.timers_support import london
from awaz.core.quarters import Quarter
from awaz.reporting.tests.factories import make_report
from awaz.strategy.models import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    MeasureValue,
    Unit,
)
from awaz.strategy.services.measures import MeasureDetails, measure_create, measure_value_enter
from awaz.strategy.tests.conftest import Plan, audit_names
from awaz.strategy.tests.factories import make_strand

pytestmark = pytest.mark.usefixtures("frozen")  # 15 June 2026

LAST_QUARTER = Quarter(datetime.date(2026, 1, 1))  # 2025-26 Q4


def sessions(plan: Plan, **overrides: Any) -> Measure:
    values: dict[str, Any] = {
        "name": "Fictional sessions <delivered>",
        "strand": plan.strand,
        "source": MeasureSource.ENTERED,
        "entered_by_organisation": plan.lead_org,
        "good_direction": GoodDirection.UP,
        "target": Decimal(10),
    }
    values.update(overrides)
    return measure_create(
        strategy=plan.strategy, details=MeasureDetails(**values), actor=plan.chair
    )


def reports_measure(plan: Plan, strand: Any) -> Measure:
    return measure_create(
        strategy=plan.strategy,
        details=MeasureDetails(
            name="Fictional reports received",
            strand=strand,
            source=MeasureSource.COMPUTED,
            computation=Computation.REPORTS_TOTAL,
            good_direction=GoodDirection.UP,
            target=Decimal(3),
        ),
        actor=plan.chair,
    )


@pytest.fixture
def measures(plan: Plan) -> dict[str, Measure]:
    entered = sessions(plan)
    for quarter, value in ((LAST_QUARTER.shift(-4), 5), (LAST_QUARTER.shift(-1), 8)):
        measure_value_enter(
            measure=entered, quarter=quarter, value=Decimal(value), actor=plan.chair
        )
    measure_value_enter(
        measure=entered, quarter=LAST_QUARTER, value=Decimal(12), actor=plan.lead_worker
    )
    strand = make_strand(strategy=plan.strategy, chair=plan.chair, number=2, title="Reporting")
    computed = reports_measure(plan, strand)
    for day in (10, 11):  # two reports in 2025-26 Q4: off the target of 3
        make_report(organisation=plan.lead_org, submitted_at=london(2026, 2, day, 12))
    return {"entered": entered, "computed": computed}


def page(client: Client, user: Any, url: str, **params: str) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_figures_in_words(plan: Plan, client: Client, measures: Any) -> None:
    html = page(client, plan.pcc, reverse("strategy:measures"))
    assert "Figures for 2025-26 Q4 (January to March 2026)" in html
    assert "2 measures: 1 on target, 1 off target." in html
    assert "Strand 1: Prevention" in html and "Strand 2: Reporting" in html
    assert "Fictional sessions &lt;delivered&gt;" in html  # escaped
    assert "Up 4 from last quarter; better" in html
    assert "Up 7 from a year before; better" in html
    assert '<strong class="govuk-tag govuk-tag--green">On target</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Off target</strong>' in html
    assert "Entered each quarter by Fictional Victim Hub A" in html
    assert "Computed by Awaz: Reports received" in html
    # A chart per measure, and its figures as a table.
    assert html.count('role="img"') == 2
    assert html.count("as a table</span>") == 2
    assert "Add a measure" not in html  # the PCC office only reads
    assert "Enter a quarter&#x27;s value" not in html


def test_the_charts_are_valid_svg(plan: Plan, client: Client, measures: Any) -> None:
    html = page(client, plan.chair, reverse("strategy:measures"))
    start = html.index("<svg")
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314 (our own markup)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Fictional sessions <delivered> by quarter"


def test_another_quarter(plan: Plan, client: Client, measures: Any) -> None:
    earlier = LAST_QUARTER.shift(-1).start.isoformat()
    html = page(client, plan.chair, reverse("strategy:measures"), quarter=earlier)
    assert "Figures for 2025-26 Q3 (October to December 2025)" in html
    assert "No figure to compare from last quarter" in html
    # A quarter not offered falls back to the latest that has ended.
    html = page(client, plan.chair, reverse("strategy:measures"), quarter="1999-01-01")
    assert "Figures for 2025-26 Q4" in html


def test_contributors_see_the_entry_link_for_their_measures(
    plan: Plan, client: Client, measures: Any
) -> None:
    enter_url = reverse("strategy:measure_enter", args=[measures["entered"].pk])
    assert enter_url in page(client, plan.lead_worker, reverse("strategy:measures"))
    assert enter_url not in page(client, plan.supporting_worker, reverse("strategy:measures"))


def test_the_measure_page_shows_history(plan: Plan, client: Client, measures: Any) -> None:
    measure = measures["entered"]
    measure_value_enter(
        measure=measure,
        quarter=LAST_QUARTER,
        value=Decimal(13),
        note="A late register.",
        actor=plan.chair,
    )
    html = page(client, plan.pcc, reverse("strategy:measure_detail", args=[measure.pk]))
    assert "Values entered" in html
    assert html.count("Corrected since") == 1 and html.count(">Counts<") == 3
    assert "A late register." in html
    assert "Fictional Chair, Fictional Chair&#x27;s Council" in html
    assert "Up 5 from last quarter; better" in html  # 13 now counts
    assert "Change the measure" not in html


def test_a_computed_measure_page_has_no_history(plan: Plan, client: Client, measures: Any) -> None:
    html = page(
        client, plan.chair, reverse("strategy:measure_detail", args=[measures["computed"].pk])
    )
    assert "Values entered" not in html
    assert "Change the measure, its target or its strand" in html


def test_csv(plan: Plan, client: Client, measures: Any) -> None:
    client.force_login(plan.analyst)
    response = client.get(reverse("strategy:measures_csv", args=[plan.strategy.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="measures-{plan.strategy.pk}-2026-01.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["measure_code", "measure", "strand"]
    assert len(rows) == 1 + 2 * 8
    last = [row for row in rows if row[3] == "2025-26 Q4"]
    assert [(row[1], row[6], row[8]) for row in last] == [
        ("Fictional sessions <delivered>", "12", "10"),
        ("Fictional reports received", "2", "3"),
    ]
    one = client.get(reverse("strategy:measure_csv", args=[measures["entered"].pk]))
    assert len(list(csv.reader(io.StringIO(one.content.decode())))) == 1 + 8


def test_csv_cells_cannot_be_formulas(plan: Plan, client: Client) -> None:
    sessions(plan, name="=HYPERLINK(1)")
    client.force_login(plan.chair)
    body = client.get(reverse("strategy:measures_csv", args=[plan.strategy.pk])).content.decode()
    assert "'=HYPERLINK(1)" in body


ROLES_VIEW = ["chair", "lead_worker", "supporting_worker", "analyst", "pcc", "centre_worker"]


@pytest.mark.parametrize("who", [*ROLES_VIEW, "administrator"])
def test_who_sees_which_page(plan: Plan, client: Client, measures: Any, who: str) -> None:
    user = getattr(plan, who)
    entered = measures["entered"]
    urls = {
        reverse("strategy:measures"): who in ROLES_VIEW,
        reverse("strategy:measure_list", args=[plan.strategy.pk]): who in ROLES_VIEW,
        reverse("strategy:measures_csv", args=[plan.strategy.pk]): who in ROLES_VIEW,
        reverse("strategy:measure_detail", args=[entered.pk]): who in ROLES_VIEW,
        reverse("strategy:measure_csv", args=[entered.pk]): who in ROLES_VIEW,
        reverse("strategy:measure_create", args=[plan.strategy.pk]): who == "chair",
        reverse("strategy:measure_edit", args=[entered.pk]): who == "chair",
        reverse("strategy:measure_enter", args=[entered.pk]): who
        in ("chair", "lead_worker", "analyst"),
        reverse("strategy:measure_enter", args=[measures["computed"].pk]): False,
    }
    client.force_login(user)
    assert {url: client.get(url).status_code for url in urls} == {
        url: 200 if allowed else 404 for url, allowed in urls.items()
    }


def test_missing_and_not_yours_look_the_same(plan: Plan, client: Client, measures: Any) -> None:
    client.force_login(plan.other_worker)
    theirs = client.get(reverse("strategy:measure_enter", args=[measures["entered"].pk]))
    missing = client.get(reverse("strategy:measure_enter", args=[999999]))
    assert (theirs.status_code, theirs.content) == (404, missing.content)


def test_enter_a_value(plan: Plan, client: Client, measures: Any) -> None:
    measure = measures["entered"]
    url = reverse("strategy:measure_enter", args=[measure.pk])
    html = page(client, plan.lead_worker, url)
    assert "2025-26 Q4 (January to March 2026)" in html
    assert "2026-27 Q1" not in html  # the quarter still running is not offered
    # A correction without a reason comes back with the error, keeping what was typed.
    data = {"quarter": LAST_QUARTER.start.isoformat(), "value": "14", "note": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "say why it is being corrected" in body and 'value="14"' in body
    data["note"] = "Fictional: two sessions were missed."
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:measure_detail", args=[measure.pk])
    newest = MeasureValue.objects.filter(measure=measure).order_by("-id").first()
    assert newest is not None
    assert (newest.value, newest.entered_by) == (14, plan.lead_worker)
    assert audit_names()[-1] == "MEASURE_VALUE_ENTERED"


def test_enter_form_errors(plan: Plan, client: Client, measures: Any) -> None:
    url = reverse("strategy:measure_enter", args=[measures["entered"].pk])
    client.force_login(plan.chair)
    future = LAST_QUARTER.shift(1).start.isoformat()
    body = client.post(url, {"quarter": future, "value": "3"}).content.decode()
    assert "Choose a quarter that has ended" in body
    body = client.post(url, {"quarter": LAST_QUARTER.start.isoformat(), "value": "lots"}).content
    assert "Enter the value as a number" in body.decode()
    body = client.post(url, {"quarter": LAST_QUARTER.start.isoformat(), "value": "-2"}).content
    assert "The value must be 0 or more" in body.decode()


def test_the_chair_adds_a_measure(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:measure_create", args=[plan.strategy.pk])
    form = client.get(url, {"strand": plan.strand.pk}).content.decode()
    assert "Add a performance measure" in form
    data = {
        "name": "Fictional share through centres",
        "strand": str(plan.strand.pk),
        "source": "computed",
        "computation": "",
        "unit": "count",
        "good_direction": "up",
        "target": "30%",
        "sort_order": "10",
    }
    body = client.post(url, data).content.decode()
    assert "Choose what Awaz computes" in body  # and nothing was saved
    assert not Measure.objects.exists()
    data["computation"] = Computation.THIRD_PARTY_SHARE
    response = client.post(url, data)
    measure = Measure.objects.get()
    assert response["Location"] == reverse("strategy:measure_detail", args=[measure.pk])
    assert (measure.unit, measure.target, measure.sort_order) == (Unit.PERCENT, 30, 10)
    data.update(source="entered", name="Fictional staff trained", target="")
    body = client.post(url, data).content.decode()
    assert "Choose the organisation that enters the measure each quarter" in body


def test_the_chair_changes_a_target(plan: Plan, client: Client, measures: Any) -> None:
    measure = measures["entered"]
    client.force_login(plan.chair)
    url = reverse("strategy:measure_edit", args=[measure.pk])
    assert 'value="10.00"' in client.get(url).content.decode()
    data = {
        "name": measure.name,
        "strand": str(measure.strand_id),
        "source": "entered",
        "entered_by_organisation": str(plan.lead_org.pk),
        "unit": "count",
        "good_direction": "down",
        "target": "11",
        "sort_order": "100",
    }
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert (measure.target, measure.good_direction) == (11, "down")
    assert audit_names()[-1] == "MEASURE_CHANGED"


def test_the_list_query_count_does_not_grow(plan: Plan, client: Client, measures: Any) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:measures")
    client.get(url)  # the first page after signing in also records the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for k in range(3):
        extra = sessions(plan, name=f"Fictional extra {k}")
        measure_value_enter(measure=extra, quarter=LAST_QUARTER, value=Decimal(k), actor=plan.chair)
        make_report(organisation=plan.lead_org, submitted_at=london(2026, 3, 1 + k, 12))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 25
