"""Financial-year quarters, the periods Awaz publishes: pure functions, no Django.

Hate crime statistics in England and Wales are published for financial years (April to
March: "679 hate crimes in the 12 months to March 2021"), so Awaz's quarters are the
financial year's: Q1 April to June, Q2 July to September, Q3 October to December, Q4
January to March.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

_MONTHS = (4, 7, 10, 1)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The financial year starting on 1 April of ``start_year``."""

    start_year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def code(self) -> str:
        """``2025-26``: how the CSV files name it."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def quarters(self) -> list[Quarter]:
        return [Quarter(self.start_year, number) for number in (1, 2, 3, 4)]

    @classmethod
    def of(cls, day: datetime.date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter ``number`` (1 to 4) of the financial year starting in ``start_year``."""

    start_year: int
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise ValueError("a quarter is numbered 1 to 4")

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def start(self) -> datetime.date:
        month = _MONTHS[self.number - 1]
        return datetime.date(self.start_year + (self.number == 4), month, 1)

    @property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    @property
    def code(self) -> str:
        """``2025-26 Q1``: how the CSV files name it."""
        return f"{self.year.code} Q{self.number}"

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1)
        return Quarter(self.start_year, self.number + 1)

    def is_complete_by(self, day: datetime.date, *, lag_days: int) -> bool:
        """Whether the quarter may be published on ``day``: it ended more than ``lag_days``
        days before (so never the current quarter), leaving time for late reports."""
        return day > self.end + datetime.timedelta(days=lag_days)

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        year = FinancialYear.of(day)
        return cls(year.start_year, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def starting(cls, day: datetime.date) -> Quarter:
        quarter = cls.of(day)
        if quarter.start != day:
            raise ValueError(f"{day} is not the first day of a quarter")
        return quarter
