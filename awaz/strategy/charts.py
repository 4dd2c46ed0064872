"""Server-side SVG charts for measures and the quarterly report.

Plain Python that returns SVG markup: no JavaScript, so a chart shows in a browser with scripts
off, in a PDF from WeasyPrint and in an e-mail alike. Each chart is an image to assistive
technology (``role="img"`` named by its ``<title>`` and described by a ``<desc>`` that lists
the values), prints every value as text beside its mark, and marks a target by a dashed line
with a text label, so no meaning rests on colour. Only presentation attributes are used (no
``style`` attribute or element), which the strict content security policy allows, and fonts
are the generic ``sans-serif`` so any renderer has one. Every piece of text is XML-escaped, so
the result is safe to pass to ``mark_safe``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

FONT = "sans-serif"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
LINE = "#1d70b8"
BAR = "#1d70b8"
TARGET = "#0b0c0c"
FONT_SIZE = 12

Number = float | int | Decimal


def format_value(value: Number | None, unit: str = "") -> str:
    """``12``, ``45.5%``, ``3.2 days``: at most one decimal place, the unit after."""
    if value is None:
        return _("no data")
    # Half away from zero, as the measures round (45.25 is 45.3, not 45.2).
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{number:,.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text == "-0":
        text = "0"
    if not unit:
        return text
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high`` (steps of 1, 2, 2.5 or 5 times a power of
    ten), so axis labels are numbers a reader would write."""
    if math.isclose(low, high):
        if math.isclose(high, 0.0):
            return [0.0, 1.0]
        low, high = (min(0.0, low), max(0.0, high)) if low else (0.0, high)
        if math.isclose(low, high):
            high = low + abs(low) or 1.0
    span = high - low
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = power
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * power
        if step >= raw:
            break
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks: list[float] = []
    value = first
    while value <= last + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _element_id(kind: str, *parts: object) -> str:
    """A stable id from the chart's content, so two charts on a page never share ids and the
    same chart renders the same markup every time."""
    digest = hashlib.sha256(repr((kind, parts)).encode()).hexdigest()[:10]
    return f"chart-{kind}-{digest}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    weight: str = "normal",
    halo: bool = False,
) -> str:
    """A text label. ``halo`` first draws the same text as a thick white outline, so a label
    stays readable where it crosses a line (two elements, as every renderer draws them)."""
    attrs = [
        f'x="{x:.1f}"',
        f'y="{y:.1f}"',
        f'font-family="{FONT}"',
        f'font-size="{size}"',
        f'text-anchor="{anchor}"',
    ]
    if weight != "normal":
        attrs.append(f'font-weight="{weight}"')
    common = " ".join(attrs)
    text = f'<text {common} fill="{TEXT}">{escape(content)}</text>'
    if not halo:
        return text
    outline = (
        f'<text {common} fill="#ffffff" stroke="#ffffff" stroke-width="4" '
        f'stroke-linejoin="round">{escape(content)}</text>'
    )
    return outline + text


def _open_svg(*, chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="awaz-chart" id="{chart_id}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]


def line_chart_svg(
    points: list[tuple[str, float | None]] | Sequence[tuple[str, Number | None]],
    *,
    title: str,
    target: float | None = None,
    unit: str = "",
    width: int = 640,
    height: int = 240,
) -> str:
    """A line chart of ``(label, value)`` points, oldest first. ``None`` leaves a gap in the
    line; a target draws a labelled dashed line across the plot."""
    series: list[tuple[str, float | None]] = [
        (str(label), None if value is None else float(value)) for label, value in points
    ]
    target_value = None if target is None else float(target)
    known = [value for _label, value in series if value is not None]
    chart_id = _element_id("line", title, series, target_value, unit, width, height)

    described = "; ".join(f"{label}: {format_value(value, unit)}" for label, value in series)
    if not series:
        desc = _("No quarters to show.")
    elif not known:
        desc = _("No data for any quarter shown.") + " " + described
    else:
        desc = described
    if target_value is not None:
        desc += ". " + _("Target: %(target)s.") % {"target": format_value(target_value, unit)}

    parts = _open_svg(chart_id=chart_id, title=title, desc=desc, width=width, height=height)
    target_label = ""
    if target_value is not None:
        target_label = _("Target %(target)s") % {"target": format_value(target_value, unit)}
    # The target's label sits to the right of the plot, clear of the line.
    left, top, bottom = 52.0, 24.0, 40.0
    right = 12.0 + (len(target_label) * 7.5 + 10 if target_label else 0.0)
    plot_w = max(width - left - right, 1.0)
    plot_h = max(height - top - bottom, 1.0)

    values_for_scale = [*known] + ([target_value] if target_value is not None else [])
    low = min([0.0, *values_for_scale])
    high = max([0.0, *values_for_scale])
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    y_span = (y_max - y_min) or 1.0

    def y_of(value: float) -> float:
        return top + plot_h - (value - y_min) / y_span * plot_h

    count = len(series)

    step = plot_w / max(count, 1)

    def x_of(index: int) -> float:
        # Each quarter in the middle of its own slot, so the first and last labels fit.
        return left + (index + 0.5) * step

    parts.append('<g aria-hidden="true">')
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(left - 6, y + 4, format_value(tick), anchor="end"))
    parts.append(
        f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{left + plot_w:.1f}" '
        f'y2="{top + plot_h:.1f}" stroke="{TEXT}" stroke-width="1"/>'
    )

    # A label of two words ("2025-26 Q1") goes on two lines. Every quarter is labelled when
    # the labels fit, otherwise every second or third one, counting back from the latest.
    lines = [label.rsplit(" ", 1) for label, _value in series]
    widest = max((len(part) for parts_ in lines for part in parts_), default=0)
    label_every = max(1, math.ceil((widest * 6.5 + 8) / step))
    for index, label_lines in enumerate(lines):
        if (count - 1 - index) % label_every == 0:  # always the latest quarter
            for line_no, text in enumerate(label_lines):
                parts.append(
                    _text(
                        x_of(index),
                        top + plot_h + 16 + 13 * line_no,
                        text,
                        anchor="middle",
                        size=11,
                    )
                )

    if target_value is not None:
        y = y_of(target_value)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(_text(left + plot_w + 8, y + 4, target_label, weight="bold"))

    # One polyline per run of known values, so a missing quarter shows as a gap.
    run: list[str] = []
    runs: list[list[str]] = []
    for index, (_label, value) in enumerate(series):
        if value is None:
            if run:
                runs.append(run)
            run = []
            continue
        run.append(f"{x_of(index):.1f},{y_of(value):.1f}")
    if run:
        runs.append(run)
    for segment in runs:
        if len(segment) > 1:
            parts.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{LINE}" '
                f'stroke-width="3" stroke-linejoin="round"/>'
            )
    for index, (_label, value) in enumerate(series):
        if value is None:
            continue
        x, y = x_of(index), y_of(value)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}" stroke="#ffffff" '
            f'stroke-width="1"/>'
        )
        parts.append(
            _text(x, y - 9, format_value(value, unit), anchor="middle", size=11, halo=True)
        )

    if not known:
        parts.append(
            _text(
                left + plot_w / 2,
                top + plot_h / 2,
                _("No data yet"),
                anchor="middle",
                size=14,
                weight="bold",
            )
        )
    parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(
    items: list[tuple[str, float]] | Sequence[tuple[str, Number]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int | None = None,
) -> str:
    """Horizontal bars, one per ``(label, value)``, each labelled with its name on the left
    and its value at the end of the bar."""
    bars: list[tuple[str, float]] = [(str(label), float(value)) for label, value in items]
    row = 28
    top, bottom = 12, 12
    if height is None:
        height = top + bottom + max(len(bars), 1) * row
    chart_id = _element_id("bar", title, bars, unit, width, height)
    if bars:
        desc = "; ".join(f"{label}: {format_value(value, unit)}" for label, value in bars)
    else:
        desc = _("No data to show.")
    parts = _open_svg(chart_id=chart_id, title=title, desc=desc, width=width, height=height)

    longest = max((len(label) for label, _value in bars), default=0)
    label_w = float(min(max(longest * 7 + 12, 60), width * 0.45))
    value_w = 70.0
    plot_w = max(width - label_w - value_w, 1.0)
    low = min([0.0, *(value for _label, value in bars)])
    high = max([0.0, *(value for _label, value in bars)])
    span = (high - low) or 1.0

    def x_of(value: float) -> float:
        return label_w + (value - low) / span * plot_w

    available = max(height - top - bottom, 1)
    step = available / max(len(bars), 1)
    bar_h = max(min(step * 0.7, 22.0), 2.0)
    parts.append('<g aria-hidden="true">')
    zero = x_of(0.0)
    for index, (label, value) in enumerate(bars):
        y = top + index * step + (step - bar_h) / 2
        x0, x1 = sorted((zero, x_of(value)))
        parts.append(_text(label_w - 8, y + bar_h / 2 + 4, label, anchor="end"))
        parts.append(
            f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 0.0):.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR}"/>'
        )
        parts.append(_text(x1 + 6, y + bar_h / 2 + 4, format_value(value, unit)))
    if bars:
        parts.append(
            f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{height - bottom}" '
            f'stroke="{TEXT}" stroke-width="1"/>'
        )
    else:
        parts.append(
            _text(width / 2, height / 2 + 4, _("No data yet"), anchor="middle", weight="bold")
        )
    parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
