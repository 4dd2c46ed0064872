"""Server-side SVG charts: valid XML, accessible (role, title, description listing every
value), text escaped, gaps for missing values, a labelled target line, and no style
attributes (the content security policy forbids them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from awaz.strategy.charts import bar_chart_svg, format_value, line_chart_svg, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = ["2024-25 Q3", "2024-25 Q4", "2025-26 Q1", "2025-26 Q2"]


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(markup)  # noqa: S314 (our own markup)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def assert_accessible(root: ET.Element, title: str) -> str:
    assert root.get("role") == "img"
    title_el = root.find(f"{SVG}title")
    desc_el = root.find(f"{SVG}desc")
    assert title_el is not None and title_el.text == title
    assert desc_el is not None and desc_el.text
    assert root.get("aria-labelledby") == f"{title_el.get('id')} {desc_el.get('id')}"
    for el in root.iter():
        assert el.get("style") is None, el.tag
        if el.tag == f"{SVG}text":
            assert el.get("font-family") == "sans-serif"
    assert root.find(f"{SVG}style") is None
    return desc_el.text


def test_line_chart_lists_every_value_in_words_and_marks() -> None:
    points = list(zip(QUARTERS, [4.0, 6.5, 9.0, 12.0], strict=True))
    markup = line_chart_svg(points, title="Schools sessions delivered", target=10, unit="")
    root = parse(markup)
    desc = assert_accessible(root, "Schools sessions delivered")
    assert desc == ("2024-25 Q3: 4; 2024-25 Q4: 6.5; 2025-26 Q1: 9; 2025-26 Q2: 12. Target: 10.")
    shown = texts(root)
    for value in ("4", "6.5", "9", "12"):
        assert value in shown  # each point's value is printed beside it
    assert "Target 10" in shown
    # Labels of two words go on two lines: "2025-26" above "Q2".
    assert shown.count("Q2") == 1 and "2025-26" in shown
    assert len(root.findall(f".//{SVG}circle")) == 4
    assert len(root.findall(f".//{SVG}polyline")) == 1
    dashed = [el for el in root.iter(f"{SVG}line") if el.get("stroke-dasharray")]
    assert len(dashed) == 1  # the target, told apart by its dashes and label, not colour


def test_missing_values_leave_a_gap() -> None:
    points = [("A", 1.0), ("B", 2.0), ("C", None), ("D", 3.0), ("E", 4.0), ("F", None)]
    root = parse(line_chart_svg(points, title="Gaps"))
    lines = root.findall(f".//{SVG}polyline")
    assert [len(el.get("points", "").split()) for el in lines] == [2, 2]
    assert len(root.findall(f".//{SVG}circle")) == 4
    assert "C: no data" in assert_accessible(root, "Gaps")


def test_a_lone_value_between_gaps_is_a_point_without_a_line() -> None:
    root = parse(line_chart_svg([("A", None), ("B", 5.0), ("C", None)], title="Lone"))
    assert root.findall(f".//{SVG}polyline") == []
    assert len(root.findall(f".//{SVG}circle")) == 1


def test_all_missing_says_so() -> None:
    root = parse(line_chart_svg([(q, None) for q in QUARTERS], title="Nothing yet", unit="%"))
    desc = assert_accessible(root, "Nothing yet")
    assert desc.startswith("No data for any quarter shown.")
    assert "No data yet" in texts(root)
    assert root.findall(f".//{SVG}circle") == []
    assert root.findall(f".//{SVG}polyline") == []


def test_no_points_at_all() -> None:
    root = parse(line_chart_svg([], title="Empty"))
    assert assert_accessible(root, "Empty") == "No quarters to show."


def test_text_is_escaped() -> None:
    title = 'Reports <script>alert("x")</script> & "more"'
    markup = line_chart_svg([("Q1 <b>", 1.0), ("Q2 & co", 2.0)], title=title, unit="%")
    assert "<script>" not in markup and "<b>" not in markup
    root = parse(markup)
    assert_accessible(root, title)
    assert "&amp;" in markup


def test_percent_values_and_target() -> None:
    root = parse(line_chart_svg([("Q1", 45.25), ("Q2", 50.0)], title="Share", target=60, unit="%"))
    shown = texts(root)
    assert "45.3%" in shown and "50%" in shown and "Target 60%" in shown


def test_the_target_is_within_the_scale() -> None:
    # Values far below the target: the axis still reaches it.
    root = parse(line_chart_svg([("Q1", 1.0), ("Q2", 2.0)], title="Low", target=120))
    ticks = [float(t) for t in texts(root) if t.replace(".", "").isdigit()]
    assert max(ticks) >= 120


def test_ids_are_stable_and_differ_between_charts() -> None:
    one = line_chart_svg([("Q1", 1.0)], title="One")
    assert one == line_chart_svg([("Q1", 1.0)], title="One")
    assert parse(one).get("id") != parse(line_chart_svg([("Q1", 1.0)], title="Two")).get("id")


def test_bar_chart() -> None:
    items = [("Online", 30.0), ("Phone, through a centre", 12.0), ("In person", 0.0)]
    root = parse(bar_chart_svg(items, title="Reports by channel", unit="reports"))
    desc = assert_accessible(root, "Reports by channel")
    assert desc == "Online: 30 reports; Phone, through a centre: 12 reports; In person: 0 reports"
    shown = texts(root)
    for label in ("Online", "Phone, through a centre", "In person", "30 reports", "0 reports"):
        assert label in shown
    widths = [float(el.get("width", "0")) for el in root.iter(f"{SVG}rect")]
    assert len(widths) == 3 and widths[0] > widths[1] > widths[2] == 0
    assert int(root.get("height", "0")) == 12 + 12 + 3 * 28  # grows with the bars


def test_bar_chart_negative_and_empty() -> None:
    root = parse(bar_chart_svg([("Up", 3.0), ("Down", -2.0)], title="Change"))
    assert "-2" in texts(root)
    empty = parse(bar_chart_svg([], title="None", height=80))
    assert assert_accessible(empty, "None") == "No data to show."
    assert "No data yet" in texts(empty)


def test_format_value() -> None:
    assert format_value(None) == "no data"
    assert format_value(12) == "12"
    assert format_value(1234.56, "%") == "1,234.6%"
    assert format_value(-0.04) == "0"
    assert format_value(2.5, "days") == "2.5 days"


def test_nice_ticks() -> None:
    assert nice_ticks(0, 7) == [0, 2, 4, 6, 8]
    assert nice_ticks(0, 100) == [0, 25, 50, 75, 100]
    assert nice_ticks(0, 0) == [0, 1]
    assert nice_ticks(-3, 0) == [-3, -2, -1, 0]
    assert nice_ticks(5, 5)[0] == 0 and nice_ticks(5, 5)[-1] >= 5
