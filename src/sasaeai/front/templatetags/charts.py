"""A small inline SVG trend chart: the actuals against the straight path from baseline to target.

Drawn from the numbers on the page itself so that it needs no image files; the
print charts of the exports are drawn by :mod:`sasaeai.exports.charts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def _n(number: float) -> str:
    return f"{number:.1f}"


def _short_year(year: int) -> str:
    return f"R{year - 2018}" if year >= 2019 else f"H{year - 1988}"


class _Scale:
    def __init__(self, years: Sequence[int], values: Sequence[float]) -> None:
        self.first, self.last = min(years), max(years)
        low, high = min(values), max(values)
        margin = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
        self.low, self.high = max(0.0, low - margin) if low >= 0 else low - margin, high + margin

    def x(self, year: int) -> float:
        span = (self.last - self.first) or 1
        return LEFT + (year - self.first) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return TOP + (self.high - value) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)


def _axis(scale: _Scale) -> SafeString:
    years = range(scale.first, scale.last + 1)
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(scale.x(y)), HEIGHT - BOTTOM + 18, _short_year(y)) for y in years),
    )
    values = [scale.low + (scale.high - scale.low) * i / 4 for i in range(5)]
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#eaeef2"/>',
        (
            (
                LEFT - 6,
                _n(scale.y(v) + 4),
                f"{v:,.0f}" if abs(v) >= 10 else f"{v:.1f}",
                LEFT,
                WIDTH - RIGHT,
                _n(scale.y(v)),
                _n(scale.y(v)),
            )
            for v in values
        ),
    )
    return format_html(
        '{}{}<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#57606a"/>',
        labels,
        ticks,
        LEFT,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM,
    )


@register.simple_tag
def trend_chart(
    baseline: tuple[int, Decimal] | None,
    target: tuple[int, Decimal] | None,
    actuals: Sequence[tuple[int, Decimal]],
    title: str = "",
) -> SafeString:
    """An SVG line chart; empty when there is nothing to draw.

    ``baseline`` and ``target`` are (fiscal year, value); ``actuals`` a list of them.
    """
    points = [p for p in [baseline, target, *actuals] if p is not None and p[1] is not None]
    if len(points) < 2:
        return mark_safe("")
    scale = _Scale([p[0] for p in points], [float(p[1]) for p in points])
    path = ""
    if baseline and target and baseline[1] is not None and target[1] is not None:
        path = format_html(
            '<line class="path-line" x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="2"/>'
            '<circle cx="{}" cy="{}" r="5" fill="none" stroke="#57606a" stroke-width="2"/>',
            _n(scale.x(baseline[0])),
            _n(scale.y(float(baseline[1]))),
            _n(scale.x(target[0])),
            _n(scale.y(float(target[1]))),
            _n(scale.x(target[0])),
            _n(scale.y(float(target[1]))),
        )
    ordered = sorted((y, float(v)) for y, v in actuals if v is not None)
    if baseline and baseline[1] is not None:
        ordered = [(baseline[0], float(baseline[1])), *ordered]
    line = " ".join(f"{scale.x(y):.1f},{scale.y(v):.1f}" for y, v in ordered)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="#0b5cad"/>',
        ((_n(scale.x(y)), _n(scale.y(v))) for y, v in ordered),
    )
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}{}"
        '<polyline class="actual-line" points="{}" fill="none" stroke-width="3"/>{}</svg>',
        WIDTH,
        HEIGHT,
        title or "推移グラフ",
        title or "推移グラフ",
        _axis(scale),
        path,
        line,
        dots,
    )
