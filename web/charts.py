"""Bar charts drawn on the server as accessible SVG, for the insight page.

Each chart is an image with a title and a one-sentence description (`role="img"`, labelled by
both), and the page puts a table with the same numbers below it: nobody has to read the picture.
No scripts, no external resources, no styles beyond presentation attributes. Every piece of text
is escaped: labels such as team names or Service Model sections are typed by people.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# GOV.UK colours, each with a contrast of 4.5:1 or more against white: blue, green, purple, red.
PALETTE = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c")
TEXT = "#0b0c0c"
WIDTH = 720
LABEL_WIDTH = 280  # room for a label beside its bar: about 36 characters of 14px Arial
MOST_VERTICAL = 18  # more columns than this would not fit: the chart is drawn horizontally instead

Value = int | float | Decimal | None


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Value, ...]


def format_value(value: Value, unit: str = "count") -> str:
    """A value as people read it: 1,250 / £2,000.00 / 71.4% / 42 days."""
    if value is None:
        return "No data"
    if unit == "pounds":
        return f"£{value:,.2f}"
    if unit == "percent":
        return f"{value}%"
    text = f"{value:,}"
    return f"{text} day{'' if value == 1 else 's'}" if unit == "days" else text


def describe(categories: list[str], series: list[Series], unit: str = "count") -> str:
    """One sentence summing up the numbers, for the chart's description."""
    known = [v for s in series for v in s.values if v is not None]
    if not known:
        return "There are no figures to show."
    if not any(known):
        return f"Every figure is {format_value(0, unit)}."
    parts = []
    for s in series:
        pairs = [(v, label) for label, v in zip(categories, s.values, strict=True) if v is not None]
        top, top_label = max(pairs, key=lambda pair: pair[0])
        low, low_label = min(pairs, key=lambda pair: pair[0])
        name = f"{s.name}: " if len(series) > 1 else ""
        if len(pairs) == 1:
            parts.append(f"{name}{top_label} {format_value(top, unit)}")
        else:
            parts.append(
                f"{name}highest {top_label} at {format_value(top, unit)}, lowest {low_label} at {format_value(low, unit)}"
            )
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def bar_chart(
    chart_id: str, title: str, categories: list[str], series: list[Series], *, vertical: bool = False, unit: str = "count"
) -> SafeString:
    """Bars for each category, one per series: upright for months, across for named categories."""
    if vertical and len(categories) > MOST_VERTICAL:
        vertical = False
    scale = max([float(v) for s in series for v in s.values if v] or [1.0])
    if unit == "percent":  # a rate is drawn against the whole, 100%
        scale = max(scale, 100.0)
    legend, top = _legend(series)
    body, width, height = (_vertical if vertical else _horizontal)(categories, series, scale, unit, top)
    return mark_safe(  # noqa: S308 (every piece of text, here and in the parts, is escaped by format_html)
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" aria-labelledby="{0}-title {0}-desc" '
            'viewBox="0 0 {1} {2}" width="100%" font-family="Arial, sans-serif">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            chart_id,
            width,
            height,
            title,
            describe(categories, series, unit),
        )
        + legend
        + body
        + "</svg>"
    )


def _legend(series: list[Series]) -> tuple[str, int]:
    """Coloured keys for more than one series, wrapping onto a new line when the next will not fit."""
    if len(series) < 2:
        return "", 8
    parts, x, y = [], 0, 4
    for index, s in enumerate(series):
        needed = 20 + 8 * len(s.name)
        if x and x + needed > WIDTH:
            x, y = 0, y + 22
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="14" fill="{}">{}</text>',
                x,
                y,
                PALETTE[index % len(PALETTE)],
                x + 20,
                y + 12,
                TEXT,
                s.name,
            )
        )
        x += needed + 24
    return "".join(parts), y + 32


def _vertical(categories, series, scale, unit, top) -> tuple[str, int, int]:
    plot, left, label_room = 200, 8, 20
    group = (WIDTH - 2 * left) / max(len(categories), 1)
    bar = min(28.0, (group - 8) / len(series))
    base = top + label_room + plot
    parts = []
    for c, category in enumerate(categories):
        start = left + c * group + (group - bar * len(series)) / 2
        for index, s in enumerate(series):
            value = s.values[c]
            height = plot * float(value or 0) / scale
            x, y = start + index * bar, base - height
            parts.append(_bar(x + 1, y, bar - 2, height, index, category, s, value, unit))
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                    _n(x + bar / 2),
                    _n(y - 4),
                    TEXT,
                    _short(value, unit),
                )
            )
        first, _, rest = category.partition(" ")
        for line, text in enumerate((first, rest)):
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="{}">{}</text>',
                    _n(left + c * group + group / 2),
                    base + 18 + 16 * line,
                    TEXT,
                    text,
                )
            )
    parts.append(
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>', left, _n(base), WIDTH - left, _n(base), TEXT)
    )
    return "".join(parts), WIDTH, base + 44


def _horizontal(categories, series, scale, unit, top) -> tuple[str, int, int]:
    """One series: each label beside its bar. More: each label above its group of bars."""
    beside = len(series) == 1
    left = LABEL_WIDTH if beside else 0
    longest_value = 24 + 8 * max(len(_value_label(s, v, unit, len(series))) for s in series for v in s.values)
    room = WIDTH - left - longest_value
    y, parts = top, []
    for c, category in enumerate(categories):
        lines = _wrap(category) if beside else [_truncate(category)]
        for line, text in enumerate(lines):
            parts.append(format_html('<text x="0" y="{}" font-size="14" fill="{}">{}</text>', y + 15 + 18 * line, TEXT, text))
        if not beside:
            y += 20
        for index, s in enumerate(series):
            value = s.values[c]
            length = room * float(value or 0) / scale
            parts.append(_bar(left, y, length, 20, index, category, s, value, unit))
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="14" fill="{}">{}</text>',
                    _n(left + length + 6),
                    y + 15,
                    TEXT,
                    _value_label(s, value, unit, len(series)),
                )
            )
            y += 24
        y += max(0, 18 * len(lines) - 24) + (8 if beside else 12)
    return "".join(parts), WIDTH, y


def _bar(x, y, width, height, index, category, s, value, unit) -> str:
    return format_html(
        '<rect class="app-chart__bar" x="{}" y="{}" width="{}" height="{}" fill="{}" data-label="{}"></rect>',
        _n(x),
        _n(y),
        _n(max(width, 0)),
        _n(max(height, 0)),
        PALETTE[index % len(PALETTE)],
        f"{category}, {s.name}: {format_value(value, unit)}",
    )


def _value_label(s: Series, value: Value, unit: str, count: int) -> str:
    return f"{s.name}: {format_value(value, unit)}" if count > 1 else format_value(value, unit)


def _short(value: Value, unit: str) -> str:
    """Above an upright bar there is room for the number only."""
    return "" if value is None else format_value(value, "count" if unit == "days" else unit)


def _n(number: float) -> str:
    """A coordinate, to a tenth of a unit (format_html would escape a float before any format code applied)."""
    return f"{number:.1f}"


def _truncate(text: str, most: int = 90) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _wrap(text: str, width: int = 36, most_lines: int = 3) -> list[str]:
    """A label in lines that fit beside the bars; the table below always has it in full."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most_lines:
        lines = [*lines[: most_lines - 1], _truncate(" ".join(lines[most_lines - 1 :]), width)]
    return lines
