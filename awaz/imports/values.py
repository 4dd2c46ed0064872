"""Cell values as dates, times, numbers and yes/no, the ways real extracts write them.

Each parser takes what a cell holds (text from a CSV; text, a number, a date or a time
from a workbook) and returns the value or raises ``BadValue`` with a code the error list
words (``mapping.MESSAGES``).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

# Excel's serial day 0 in its 1900 system (which counts 29 February 1900, so serials from
# 61 on are one day ahead of the real count from 31 December 1899), and in the 1904 system.
_EXCEL_1900 = datetime.datetime(1899, 12, 30)
_EXCEL_1904 = datetime.datetime(1904, 1, 1)
# Serial numbers of 1 January 1900 and 31 December 9999.
_SERIAL_RANGE = (1.0, 2958465.0)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?m\.?)?$", re.I)
_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})$")
# What Excel shows for a formula that failed.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

YES = frozenset({"y", "yes", "true", "1", "x", "✓", "✔"})
NO = frozenset({"n", "no", "false", "0", "-"})


class BadValue(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def text_of(value: Any) -> str:
    """A cell as text, for codes and references: whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _from_serial(serial: float, *, epoch_1904: bool) -> datetime.datetime:
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise BadValue("bad_date")
    if epoch_1904:
        return _EXCEL_1904 + datetime.timedelta(days=serial)
    # Serials 1-59 are January and February 1900, before Excel's phantom 29 February.
    start = _EXCEL_1900 + datetime.timedelta(days=1) if serial < 61 else _EXCEL_1900
    return start + datetime.timedelta(days=serial)


def _round_to_minute(moment: datetime.datetime) -> datetime.datetime:
    # Serial fractions are binary: 14:30 comes back as 14:29:59.99999.
    return (moment + datetime.timedelta(seconds=30)).replace(second=0, microsecond=0)


def parse_time(value: Any) -> datetime.time:
    if isinstance(value, datetime.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 <= value < 1:
            moment = _round_to_minute(_EXCEL_1900 + datetime.timedelta(days=float(value)))
            return moment.time()
        raise BadValue("bad_time")
    text = str(value).strip()
    if _NUMBER.match(text) and "." in text and float(text) < 1:
        return parse_time(float(text))
    found = _TIME.match(text) or _COMPACT_TIME.match(text)
    if found is None:
        raise BadValue("bad_time")
    hour, minute = int(found.group(1)), int(found.group(2))
    second = int(found.group(3)) if found.re is _TIME and found.group(3) else 0
    meridiem = found.group(4).lower() if found.re is _TIME and found.group(4) else ""
    if meridiem:
        if not 1 <= hour <= 12:
            raise BadValue("bad_time")
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    try:
        return datetime.time(hour, minute, second)
    except ValueError as exc:
        raise BadValue("bad_time") from exc


def parse_moment(
    value: Any, *, formats: list[str], epoch_1904: bool = False
) -> tuple[datetime.date, datetime.time | None]:
    """A date, and the time if the cell gives one, from a date cell, an Excel serial
    number (a whole number: a date; a fraction: with its time) or text in one of
    ``formats`` optionally followed by a time."""
    if isinstance(value, datetime.datetime):
        time = value.time().replace(microsecond=0)
        return value.date(), (time if time != datetime.time(0) else None)
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, bool):
        raise BadValue("bad_date")
    if isinstance(value, int | float):
        return _from_serial_moment(float(value), epoch_1904=epoch_1904)
    text = " ".join(str(value).split())
    if _NUMBER.match(text):
        return _from_serial_moment(float(text), epoch_1904=epoch_1904)
    for pattern in formats:
        day_text, _sep, rest = _split_time(text, pattern)
        try:
            day = datetime.datetime.strptime(day_text, pattern).date()
        except ValueError:
            continue
        if not rest:
            return day, None
        return day, parse_time(rest)
    raise BadValue("bad_date")


def _from_serial_moment(
    serial: float, *, epoch_1904: bool
) -> tuple[datetime.date, datetime.time | None]:
    moment = _from_serial(serial, epoch_1904=epoch_1904)
    if serial.is_integer():
        return moment.date(), None
    moment = _round_to_minute(moment)
    return moment.date(), moment.time()


def _split_time(text: str, pattern: str) -> tuple[str, str, str]:
    """``"31/12/2025 14:30"`` -> (``"31/12/2025"``, " ", ``"14:30"``), for a pattern with as
    many spaces as the date part has; also ``"2025-12-31T14:30:00"``."""
    if "T" in text and pattern == "%Y-%m-%d":
        return text.partition("T")
    words = text.split(" ")
    date_words = pattern.count(" ") + 1
    return " ".join(words[:date_words]), " ", " ".join(words[date_words:])


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise BadValue("bad_number")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    if not _NUMBER.match(text):
        raise BadValue("bad_number")
    return float(text)


def parse_flag(value: Any) -> bool:
    """A yes/no cell: empty is no."""
    if is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    text = text_of(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise BadValue("bad_flag")
