"""Small trend charts: the actuals of an indicator part against the straight path.

Drawn once per distinct series as a small SVG of lines, marks and real text in
the IPAexGothic font that the PDF embeds (:mod:`.pdf`), so that WeasyPrint lays
out a few dozen shapes a chart rather than thousands of glyph outlines.  Each
carries a ``<title>`` and an ``aria-label`` that give the numbers in words for
screen readers and for anyone who cannot see the lines.
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape

from sasaeai.core.periods import FiscalYear

from .pdf import FONT_FAMILY

WIDTH_INCHES = 3.0
HEIGHT_INCHES = 1.6


@dataclass(frozen=True)
class TrendSeries:
    """What one chart shows: baseline and target (year, value) and the actual of each year."""

    title: str
    unit: str
    baseline: tuple[int, Decimal] | None
    target: tuple[int, Decimal] | None
    actuals: tuple[tuple[int, Decimal], ...]


def _number(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe(series: TrendSeries) -> str:
    """The chart in words: 基準値 令和元年度（2019年度）160件、目標値 … 、実績 …."""
    unit = series.unit or ""
    parts = [series.title] if series.title else []
    if series.baseline:
        year, value = series.baseline
        parts.append(f"基準値 {FiscalYear(year).label()} {_number(value)}{unit}")
    if series.target:
        year, value = series.target
        parts.append(f"目標値 {FiscalYear(year).label()} {_number(value)}{unit}")
    if series.actuals:
        actuals = "、".join(
            f"{FiscalYear(year).label()} {_number(value)}{unit}" for year, value in series.actuals
        )
        parts.append(f"実績 {actuals}")
    else:
        parts.append("実績なし")
    return "。".join(parts) + "。"


def trend_svg(series: TrendSeries) -> str:
    """The chart as an inline ``<svg>`` element (cached: each distinct series is drawn once)."""
    return _draw(series)


def forget_drawn_charts() -> None:
    """Empty the cache of drawn charts (for measuring the cost of drawing them)."""
    _draw.cache_clear()


WIDTH, HEIGHT = WIDTH_INCHES * 72, HEIGHT_INCHES * 72  # points: the chart's size in the PDF
LEFT, RIGHT, TOP, BOTTOM = 0.16 * WIDTH, 0.96 * WIDTH, 0.08 * HEIGHT, 0.8 * HEIGHT
FONT = f'font-family="{FONT_FAMILY}, sans-serif" font-size="7"'
# A five-pointed star round (0, 0): outer and inner corners in turn.
STAR = tuple(
    (math.sin(math.pi * k / 5) * radius, -math.cos(math.pi * k / 5) * radius)
    for k, radius in enumerate([4.5, 1.9] * 5)
)


@lru_cache(maxsize=512)
def _draw(series: TrendSeries) -> str:
    """Lines, marks and real text (set in the PDF's embedded font): a few dozen shapes, quick to lay out."""
    points = [*series.actuals, *(p for p in (series.baseline, series.target) if p)]
    shapes: list[str] = []
    if points:
        scale = _Scale([year for year, _ in points], [float(value) for _, value in points])
        shapes = [*scale.axes(series.unit), *_marks(series, scale)]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}pt" height="{HEIGHT:g}pt" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}">{"".join(shapes)}</svg>'
    )
    return _accessible(svg, describe(series))


def _marks(series: TrendSeries, scale: _Scale) -> list[str]:
    """The straight path to the target (dashed) with its star, the baseline's square, the actuals' line."""
    shapes = []
    if series.baseline and series.target:
        (y0, b), (y1, t) = series.baseline, series.target
        shapes.append(
            f'<line x1="{scale.x(y0):.1f}" y1="{scale.y(b):.1f}" x2="{scale.x(y1):.1f}" y2="{scale.y(t):.1f}" '
            'stroke="#888888" stroke-width="1" stroke-dasharray="3.7 1.6"/>'
        )
        star = " ".join(f"{scale.x(y1) + dx:.1f},{scale.y(t) + dy:.1f}" for dx, dy in STAR)
        shapes.append(f'<polygon points="{star}" fill="#c0392b"/>')
    if series.baseline:
        year, value = series.baseline
        x, y = scale.x(year) - 2, scale.y(value) - 2
        shapes.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="4" height="4" fill="#555555"/>')
    if series.actuals:
        line = " ".join(f"{scale.x(year):.1f},{scale.y(value):.1f}" for year, value in series.actuals)
        shapes.append(f'<polyline points="{line}" fill="none" stroke="#1f5f99" stroke-width="1.5"/>')
        dots = "".join(
            f"M{scale.x(year) - 2:.1f},{scale.y(value):.1f}a2,2 0 1,0 4,0a2,2 0 1,0 -4,0"
            for year, value in series.actuals
        )
        shapes.append(f'<path d="{dots}" fill="#1f5f99"/>')  # one path for every dot: fewer shapes to draw
    return shapes


class _Scale:
    """Years across, values up, with round ticks that take in every point."""

    def __init__(self, years: list[int], values: list[float]) -> None:
        first, last = min(years), max(years)
        margin = (last - first) * 0.05 or 0.5
        self.first, self.last = first - margin, last + margin
        self.years = sorted(set(years))
        low, high = min(values), max(values)
        if high == low:
            low, high = low - (abs(low) * 0.1 or 1), high + (abs(high) * 0.1 or 1)
        self.step = _round_step((high - low) / 3)
        self.low = math.floor(low / self.step) * self.step
        self.high = math.ceil(high / self.step) * self.step

    def x(self, year: float) -> float:
        return LEFT + (year - self.first) / (self.last - self.first) * (RIGHT - LEFT)

    def y(self, value: Decimal | float) -> float:
        return BOTTOM - (float(value) - self.low) / (self.high - self.low) * (BOTTOM - TOP)

    def axes(self, unit: str) -> list[str]:
        """Grid lines with their values, the years below, the two axes and the unit."""
        values = [self.low + n * self.step for n in range(round((self.high - self.low) / self.step) + 1)]
        grid = "".join(f"M{LEFT:.1f},{self.y(value):.1f}H{RIGHT:.1f}" for value in values)
        shapes = [f'<path d="{grid}" stroke="#dddddd" stroke-width="0.5"/>']
        shapes.extend(
            f'<text x="{LEFT - 3:.1f}" y="{self.y(value) + 2.5:.1f}" text-anchor="end" {FONT}>'
            f"{_tick(value, self.step)}</text>"
            for value in values
        )
        for year in self.years:
            label = f"R{year - 2018}" if year >= 2019 else str(year)
            x, y = self.x(year), BOTTOM + 9
            shapes.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" {FONT}>{label}</text>')
        shapes.append(
            f'<polyline points="{LEFT:.1f},{TOP:.1f} {LEFT:.1f},{BOTTOM:.1f} {RIGHT:.1f},{BOTTOM:.1f}" '
            'fill="none" stroke="#000000" stroke-width="0.8"/>'
        )
        if unit:
            middle = (TOP + BOTTOM) / 2
            shapes.append(
                f'<text x="7" y="{middle:.1f}" text-anchor="middle" transform="rotate(-90 7 {middle:.1f})" '
                f"{FONT}>{escape(unit)}</text>"
            )
        return shapes


def _round_step(rough: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten: the smallest at least ``rough``."""
    power = 10.0 ** math.floor(math.log10(rough))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough))


def _tick(value: float, step: float) -> str:
    """A tick's value with as many decimals as the step needs: 1,200 / 0.5 / 0.25."""
    decimals = 0
    while decimals < 6 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-9:
        decimals += 1
    return f"{value:,.{decimals}f}"


def svg_data_uri(svg: str) -> str:
    """The SVG as a data: URI for an ``<img>``, which keeps each chart's ids to itself."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _accessible(svg: str, text: str) -> str:
    """Drop the XML prolog, give the root role/aria-label and a <title> as its first child."""
    start = svg.find("<svg")
    svg = svg[start:]
    match = _SVG_OPEN.match(svg)
    assert match is not None
    label = escape(text, quote=True)
    root = match.group(0)[:-1] + f' role="img" aria-label="{label}">'
    return f"{root}<title>{label}</title>{svg[match.end() :]}"
