"""One row as a record, or every reason it cannot be (no database: the mapper is given
the strands and areas)."""

from __future__ import annotations

import datetime

from awaz.imports.mapping import RowMapper
from awaz.imports.reading import Row
from awaz.imports.tests.support import COLUMN_MAP, HEADINGS, VALUE_MAPS, row

TODAY = datetime.date(2025, 6, 30)
STRANDS = {
    "race": "race",
    "race or ethnicity": "race",
    "religion": "religion",
    "sexual-orientation": "sexual-orientation",
    "disability": "disability",
    "transgender": "transgender",
}


def mapper(*, police: bool = True, **overrides) -> RowMapper:
    values = {
        "column_map": dict(COLUMN_MAP),
        "strand_columns": {},
        "strand_separator": ";",
        "value_maps": {k: dict(m) for k, m in VALUE_MAPS.items()},
        "date_formats": ["%d/%m/%Y", "%Y-%m-%d"],
        "police_source": police,
        "headings": list(HEADINGS),
        "strands": STRANDS,
        "areas": {"e05000001": 7},
        "today": TODAY,
    }
    values.update(overrides)
    return RowMapper(**values)


def _codes(problems):
    return [(p.field, p.code, p.value) for p in problems]


def test_a_good_police_row():
    record, problems = mapper().map(
        Row(
            number=5,
            cells=row(strands="R; Rel", victim_age="34", victim_sex="F", postcode="ca11aa"),
        )
    )

    assert problems == []
    assert record is not None
    assert record.reference == "FIC/0001/25"
    assert record.recorded_on == datetime.date(2025, 2, 3)
    assert record.offence_from == datetime.date(2025, 2, 1)
    assert record.offence_group == "public_order"
    assert record.strand_codes == ["race", "religion"]
    assert (record.classification, record.recorded_as) == ("crime", "police_crime")
    assert (record.how_reported, record.who_reported) == ("101", "victim")
    assert (record.outcome, record.outcome_date) == ("18", datetime.date(2025, 3, 20))
    assert (record.victim_age_band, record.victim_sex, record.postcode) == (
        "25_34",
        "woman",
        "CA1 1AA",
    )


def test_codes_and_labels_need_no_mapping_and_outcomes_are_read_the_usual_ways():
    m = mapper(value_maps={})
    for written, code in [("OC1", "1"), ("Outcome 15", "15"), ("3a", "3A"), ("pending", "pending")]:
        record, problems = m.map(
            Row(
                number=2,
                cells=row(
                    reference=f"FIC/{written}",
                    outcome=written,
                    strands="Race or ethnicity",
                    offence_group="Public order offences",
                    how_reported="999",
                    who_reported="witness",
                    classification="Non-crime incident",
                ),
            )
        )
        assert problems == [], written
        assert record.outcome == code
        assert record.strand_codes == ["race"]
        assert record.recorded_as == "police_nchi"


def test_a_partners_record_is_never_a_police_record_and_cannot_come_by_police_channels():
    m = mapper(police=False)
    record, problems = m.map(Row(number=2, cells=row(how_reported="Phone")))
    assert problems == [] and record.recorded_as == "partner_incident"

    record, problems = m.map(Row(number=3, cells=row(reference="FIC/2", how_reported="Tel 999")))
    assert record is None
    assert _codes(problems) == [("how_reported", "police_only_channel", "Tel 999")]


def test_every_problem_of_a_row_is_reported_with_its_value():
    record, problems = mapper().map(
        Row(
            number=9,
            cells=row(
                recorded_date="31/02/2025",
                strands="R;Goth",
                outcome="OC99",
                offence_group="Burglary",
                outcome_date="01/01/2026",
            ),
        )
    )

    assert record is None
    assert _codes(problems) == [
        ("recorded_date", "bad_date", "31/02/2025"),
        ("outcome_date", "future_date", "01/01/2026"),
        ("offence_group", "unknown_code", "Burglary"),
        ("strands", "unknown_code", "Goth"),
        ("outcome", "unknown_code", "OC99"),
    ]
    assert problems[3].message() == "Unknown value: add it to the source's mapping of strands"
    assert problems[3].column == "Hate Strands"
    assert "31/12/2025, 2025-12-31" in problems[0].message()


def test_missing_reference_and_date_and_the_same_reference_twice():
    m = mapper()
    _r, first = m.map(Row(number=2, cells=row()))
    _r, empty = m.map(Row(number=3, cells=row(reference="", recorded_date="")))
    _r, again = m.map(Row(number=4, cells=row(reference=" fic/0001/25 ")))

    assert first == []
    assert _codes(empty) == [("reference", "required", ""), ("recorded_date", "required", "")]
    assert _codes(again) == [("reference", "duplicate_reference", "fic/0001/25")]
    assert again[0].message() == "The same reference is on row 2 of this file"


def test_future_and_inconsistent_dates():
    _r, future = mapper().map(Row(number=2, cells=row(recorded_date="01/07/2025")))
    _r, order = mapper().map(
        Row(number=2, cells=row(offence_from="05/02/2025", outcome_date="01/01/2025"))
    )

    assert _codes(future) == [("recorded_date", "future_date", "01/07/2025")]
    assert [p.code for p in order] == ["offence_after_recorded", "outcome_before_offence"]


def test_personal_data_values_are_never_kept_in_a_problem():
    _r, problems = mapper().map(Row(number=2, cells=row(postcode="Fictional Street 12")))

    assert _codes(problems) == [("postcode", "too_long", "")]


def test_one_yes_no_column_per_strand():
    headings = ["Crime Ref", "Recorded Date", "Race", "Religion", "Disability"]
    m = mapper(
        column_map={"reference": "Crime Ref", "recorded_date": "Recorded Date"},
        strand_columns={"race": "Race", "religion": "Religion", "disability": "Disability"},
        headings=headings,
    )

    record, problems = m.map(Row(number=2, cells=["FIC/1", "01/02/2025", "Y", "", "1"]))
    assert problems == [] and record.strand_codes == ["disability", "race"]
    assert record.recorded_as == "police_crime"  # a police extract without a class column

    _r, bad = m.map(Row(number=3, cells=["FIC/2", "01/02/2025", "perhaps", "", ""]))
    assert _codes(bad) == [("strands", "bad_flag", "perhaps")]


def test_places_by_grid_reference_lat_lon_and_area_code():
    headings = ["Crime Ref", "Recorded Date", "E", "N", "Lat", "Lon", "Ward"]
    m = mapper(
        column_map={
            "reference": "Crime Ref",
            "recorded_date": "Recorded Date",
            "easting": "E",
            "northing": "N",
            "latitude": "Lat",
            "longitude": "Lon",
            "area_code": "Ward",
        },
        headings=headings,
    )
    record, problems = m.map(
        Row(number=2, cells=["FIC/1", "01/02/2025", "340000", "556000", "", "", "E05000001"])
    )
    assert problems == []
    assert record.area_id == 7
    lat, lon = record.point
    assert 54.8 < lat < 54.95 and -3.0 < lon < -2.85  # Carlisle

    record, problems = m.map(
        Row(number=3, cells=["FIC/2", "01/02/2025", "", "", "54.33", "-2.75", ""])
    )
    assert problems == [] and record.point == (54.33, -2.75)

    _r, problems = m.map(Row(number=4, cells=["FIC/3", "01/02/2025", "340000", "", "", "", "X99"]))
    assert _codes(problems) == [("northing", "half_pair", ""), ("area_code", "unknown_area", "X99")]


def test_formulas_without_a_saved_value_and_failed_formulas():
    cells = row()
    cells[HEADINGS.index("Outcome")] = "#N/A"
    _r, problems = mapper().map(
        Row(number=2, cells=cells, unsaved_formulas={HEADINGS.index("Hate Strands")})
    )

    assert sorted(p.code for p in problems) == ["formula_error", "unsaved_formula"]


def test_a_mapped_heading_missing_from_the_file():
    m = mapper(headings=[h for h in HEADINGS if h != "Outcome"])

    assert [(p.field, p.code, p.column) for p in m.missing] == [
        ("outcome", "missing_column", "Outcome")
    ]


def test_a_date_seen_before_is_read_and_refused_the_same_way_again():
    # Date cells are parsed once per text and remembered; later rows get the same answer.
    m = mapper()
    answers = [
        m.map(Row(number=n, cells=row(reference=f"FIC/{n}", recorded_date=text)))
        for n, text in enumerate(["03/02/2025", "31/02/2025", "03/02/2025", "31/02/2025"])
    ]

    assert [r.recorded_on if r else None for r, _p in answers][::2] == [
        datetime.date(2025, 2, 3)
    ] * 2
    assert [_codes(p) for _r, p in answers[1::2]] == [
        [("recorded_date", "bad_date", "31/02/2025")]
    ] * 2
