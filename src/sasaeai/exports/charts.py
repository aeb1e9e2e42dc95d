"""Small trend charts: the actuals of an indicator part against the straight path.

Drawn once per distinct series with matplotlib (Agg, no screen) in the
IPAexGothic font of matplotlib-fontja, as SVG whose glyphs are paths (no font
needed to view it), carrying a ``<title>`` and an ``aria-label`` that give the
numbers in words for screen readers and for anyone who cannot see the lines.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape

from sasaeai.core.periods import FiscalYear

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


@lru_cache(maxsize=512)
def _draw(series: TrendSeries) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib_fontja  # noqa: F401  # registers IPAexGothic with matplotlib
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=72)
    axes = figure.add_axes((0.16, 0.2, 0.8, 0.72))
    _plot(axes, series)
    buffer = io.StringIO()
    with matplotlib.rc_context(
        {"svg.fonttype": "path", "svg.hashsalt": "sasaeai", "font.family": "IPAexGothic"}
    ):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(buffer.getvalue(), describe(series))


def _plot(axes: object, series: TrendSeries) -> None:
    from matplotlib.axes import Axes

    assert isinstance(axes, Axes)
    years: list[int] = [year for year, _ in series.actuals]
    if series.baseline and series.target:
        (y0, b), (y1, t) = series.baseline, series.target
        axes.plot(
            [y0, y1], [float(b), float(t)], linestyle="--", color="#888888", linewidth=1, label="目標への道筋"
        )
        axes.plot([y1], [float(t)], marker="*", color="#c0392b", markersize=8, linestyle="none", label="目標")
        years += [y0, y1]
    if series.baseline:
        axes.plot(
            [series.baseline[0]], [float(series.baseline[1])], marker="s", color="#555555", markersize=4
        )
    if series.actuals:
        axes.plot(
            [year for year, _ in series.actuals],
            [float(value) for _, value in series.actuals],
            marker="o",
            color="#1f5f99",
            linewidth=1.5,
            markersize=4,
            label="実績",
        )
    if years:
        axes.set_xticks(sorted(set(years)))
        axes.set_xticklabels(
            [f"R{year - 2018}" if year >= 2019 else str(year) for year in sorted(set(years))]
        )
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", color="#dddddd", linewidth=0.5)
    if series.unit:
        axes.set_ylabel(series.unit, fontsize=7)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


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
