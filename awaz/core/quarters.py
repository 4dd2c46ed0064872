"""Quarters of the UK financial year (April to June is quarter 1), which partnerships, the
Home Office and Police and Crime Commissioners report in. Pure functions, no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial-year quarter, identified by its first day."""

    start: datetime.date

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        # Financial quarters start in April, July, October and January, as calendar ones do.
        return cls(datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))

    @classmethod
    def latest_complete(cls, today: datetime.date) -> Quarter:
        return cls.of(today).shift(-1)

    def shift(self, n: int) -> Quarter:
        index = self.start.year * 12 + self.start.month - 1 + 3 * n
        return Quarter(datetime.date(index // 12, index % 12 + 1, 1))

    @property
    def end(self) -> datetime.date:
        return self.shift(1).start - datetime.timedelta(days=1)

    @property
    def financial_year(self) -> int:
        """The year the financial year starts in (2025 for 2025-26)."""
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def number(self) -> int:
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def label(self) -> str:
        """``2025-26 Q1``."""
        fy = self.financial_year
        return f"{fy}-{(fy + 1) % 100:02d} Q{self.number}"

    @property
    def months_label(self) -> str:
        """``April to June 2025``."""
        return f"{self.start:%B} to {self.end:%B %Y}"

    def __str__(self) -> str:
        return self.label
