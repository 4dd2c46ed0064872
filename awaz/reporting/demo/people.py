"""Fictional people reporting: names, e-mail addresses at example.org and phone numbers
from Ofcom's drama ranges, never repeated by chance."""

from __future__ import annotations

import random
from dataclasses import dataclass

from awaz.reporting.demo import vocabulary as v


@dataclass(frozen=True)
class Person:
    """A fictional reporter's contact details."""

    name: str
    email: str
    phone: str


class Contacts:
    """Hands out fictional people whose e-mail addresses and phone numbers never repeat by
    chance, so only the planned repeat victims share contact details."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0
        prefix, size = v.MOBILE_RANGE
        self.mobiles = [f"{prefix}{n:03d}" for n in range(size)]
        prefix, size = v.LANDLINE_RANGE
        self.landlines = [f"{prefix}{n:03d}" for n in range(size)]
        rng.shuffle(self.mobiles)
        rng.shuffle(self.landlines)

    def new_person(self, *, mobile: bool) -> Person:
        self.serial += 1
        first, last = self.rng.choice(v.FIRST_NAMES), self.rng.choice(v.SURNAMES)
        email = f"{first}.{last}{self.serial}@example.org".lower()
        pool = self.mobiles if (mobile and self.mobiles) or not self.landlines else self.landlines
        phone = pool.pop() if pool else ""
        return Person(f"{first} {last}", email, phone)
