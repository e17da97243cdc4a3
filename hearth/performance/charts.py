"""Accessible bar charts as server-rendered SVG, always shown beside the table they draw.

The SVG has `role="img"`, a `<title>` and a `<desc>` (named by `aria-labelledby`) that says
what the chart shows and its highest and latest values; each bar has its own `<title>` (read on
hover and by some screen readers). No JavaScript and no dependency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from markupsafe import Markup

WIDTH = 640
HEIGHT = 260
LEFT = 48
BOTTOM = 36
TOP = 16
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"
AXIS_COLOUR = "#505a5f"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    text: str


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    unit: str = "",
    ceiling: Decimal | None = None,
) -> Markup:
    """An SVG bar chart: one bar per item, scaled to `ceiling` (or the largest value)."""
    values = [b.value for b in bars if b.value is not None]
    top = ceiling if ceiling is not None else max(values, default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / max(len(bars), 1)
    latest = next((b for b in reversed(bars) if b.value is not None), None)
    shown = [b for b in bars if b.value is not None]
    highest = max(shown, key=lambda b: b.value or 0) if shown else None
    summary = f"Bar chart of {title.lower()}, {len(bars)} bars"
    summary += f", {bars[0].label} to {bars[-1].label}." if bars else "."
    if highest is not None and latest is not None:
        summary += f" Highest {highest.text} in {highest.label}; latest {latest.text}."
    else:
        summary += " There is no data to show."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hearth-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_height}" x2="{WIDTH}" y2="{TOP + plot_height}" '
        f'stroke="{AXIS_COLOUR}" />',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="12" '
        f'fill="{TEXT_COLOUR}">{escape(_format(top, unit))}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_height}" text-anchor="end" font-size="12" '
        f'fill="{TEXT_COLOUR}">0</text>',
    ]
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + slot * 0.15
        width = slot * 0.7
        centre = LEFT + index * slot + slot / 2
        if bar.value is not None:
            height = float(min(bar.value, top) / top) * plot_height
            y = TOP + plot_height - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="{BAR_COLOUR}"><title>{escape(f"{bar.label}: {bar.text}")}</title></rect>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="12" fill="{TEXT_COLOUR}">{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def _format(value: Decimal, unit: str) -> str:
    return f"{value:,.0f}{unit}" if value == value.to_integral() else f"{value:,.1f}{unit}"
