"""Sections higher apps add to a report's page: asked in the order registered, ``None``
left out, one per name."""

from __future__ import annotations

import pytest

from awaz.reporting import panels


@pytest.fixture
def no_providers(monkeypatch):
    monkeypatch.setattr(panels, "_providers", {})


@pytest.mark.usefixtures("no_providers")
def test_panels_come_in_the_order_registered_and_none_is_left_out():
    seen = []

    def first(*, user, report):
        seen.append(("first", user, report))
        return panels.ReportPanel(template="first.html", context={"n": 1})

    def nothing(*, user, report):
        seen.append(("nothing", user, report))
        return None

    def last(*, user, report):
        return panels.ReportPanel(template="last.html")

    panels.report_panel_register(name="a", provider=first)
    panels.report_panel_register(name="b", provider=nothing)
    panels.report_panel_register(name="c", provider=last)

    found = panels.report_panels(user="u", report="r")

    assert [p.template for p in found] == ["first.html", "last.html"]
    assert found[0].context == {"n": 1}
    assert seen == [("first", "u", "r"), ("nothing", "u", "r")]


@pytest.mark.usefixtures("no_providers")
def test_registering_a_name_again_replaces_its_provider():
    panels.report_panel_register(name="a", provider=lambda **_: panels.ReportPanel("old.html"))
    panels.report_panel_register(name="a", provider=lambda **_: panels.ReportPanel("new.html"))

    assert [p.template for p in panels.report_panels(user=None, report=None)] == ["new.html"]
