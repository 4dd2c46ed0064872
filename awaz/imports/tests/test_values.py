"""Cell values the ways extracts write them: dates in a source's formats, Excel serials
(both date systems), times, numbers and yes/no."""

from __future__ import annotations

import datetime

import pytest

from awaz.imports.values import BadValue, parse_flag, parse_moment, parse_number, parse_time

FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03/02/2025", (datetime.date(2025, 2, 3), None)),
        ("2025-02-03", (datetime.date(2025, 2, 3), None)),
        ("03/02/2025 14:30", (datetime.date(2025, 2, 3), datetime.time(14, 30))),
        ("2025-02-03T14:30:15", (datetime.date(2025, 2, 3), datetime.time(14, 30, 15))),
        (datetime.datetime(2025, 2, 3, 9, 5), (datetime.date(2025, 2, 3), datetime.time(9, 5))),
        (datetime.datetime(2025, 2, 3), (datetime.date(2025, 2, 3), None)),
        # Excel serials: 45691 is 3 February 2025; a fraction carries the time.
        (45691, (datetime.date(2025, 2, 3), None)),
        ("45691", (datetime.date(2025, 2, 3), None)),
        (45691.6041666667, (datetime.date(2025, 2, 3), datetime.time(14, 30))),
        # Before Excel's phantom 29 February 1900.
        (1, (datetime.date(1900, 1, 1), None)),
        (61, (datetime.date(1900, 3, 1), None)),
    ],
)
def test_dates(value, expected):
    assert parse_moment(value, formats=FORMATS) == expected


def test_the_1904_date_system():
    assert parse_moment(44229, formats=FORMATS, epoch_1904=True) == (
        datetime.date(2025, 2, 3),
        None,
    )


@pytest.mark.parametrize(
    "value", ["3rd Feb", "31/02/2025", "02/31/2025", "0", -4, True, "2025/13/01"]
)
def test_not_dates(value):
    with pytest.raises(BadValue) as caught:
        parse_moment(value, formats=FORMATS)
    assert caught.value.code == "bad_date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14:30", datetime.time(14, 30)),
        ("1430", datetime.time(14, 30)),
        ("9.05", datetime.time(9, 5)),
        ("2:30 pm", datetime.time(14, 30)),
        ("12:10am", datetime.time(0, 10)),
        (0.5, datetime.time(12, 0)),
        (datetime.time(8, 15), datetime.time(8, 15)),
    ],
)
def test_times(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize("value", ["25:00", "noon", "13:00 pm", 1.5])
def test_not_times(value):
    with pytest.raises(BadValue):
        parse_time(value)


def test_numbers_and_flags():
    assert parse_number("351,234") == 351234.0
    assert parse_number(12) == 12.0
    with pytest.raises(BadValue):
        parse_number("about 3")
    assert [parse_flag(x) for x in ("Y", "yes", "1", 1, "x", "", None, "N", "0")] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    with pytest.raises(BadValue):
        parse_flag("maybe")
