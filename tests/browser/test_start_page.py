"""The start page at phone width: "Start now" is near the top, the detail below it, as in
the GOV.UK start-page pattern (issue 16 item 9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A small phone (iPhone SE / 13 mini class): the button must be in about the first screen.
SMALL_PHONE = {"width": 375, "height": 667}
MOST_PX_DOWN = 800


def test_start_now_is_near_the_top_at_375px(
    new_context: Callable[..., Any], national_strands: None
) -> None:
    page = new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto("/", timeout=30_000)  # the stylesheet must have loaded before measuring
    button = page.get_by_role("button", name="Start now")
    box = button.bounding_box()
    assert box is not None
    assert box["y"] < MOST_PX_DOWN, f"Start now is {box['y']:.0f} px down"
    detail = page.get_by_role("heading", name="What is a hate incident?").bounding_box()
    assert detail is not None and detail["y"] > box["y"]
