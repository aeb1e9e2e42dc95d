"""Colour contrast against WCAG 2.2 AA (4.5:1 for text, 3:1 for large text and a chart's lines).

axe leaves the grade badges (one letter: "too short to tell") and the chart's
labels (text in an SVG) for a person to check; here the ratios are computed:
from the CSS file for each pair the site declares, and from the browser for
every piece of text on the home and indicator pages at both widths.
"""

from __future__ import annotations

from typing import Any

import pytest

from sasaeai.plans.models import Indicator

from .conftest import WIDTHS
from .contrast import (
    AA_GRAPHICS,
    AA_LARGE_TEXT,
    AA_TEXT,
    Colour,
    StyleSheet,
    contrast_ratio,
    over,
    parse_colour,
)

pytestmark = pytest.mark.heavy  # started first (conftest.py)

GRADES = [
    ".grade-achieved, .grade-A",
    ".grade-a, .grade-B",
    ".grade-b, .grade-C",
    ".grade-c, .grade-D",
    ".grade-none",
]
STATUSES = [".status-published", ".status-submitted", ".status-approved"]
PAGE, PAPER, INK = (":root", "background"), (":root", "--paper"), (":root", "color")
COMPARISON = ("table.report td.comparison", "background")
# (what, foreground, background): small text the home, indicator and report pages show
TEXT = [
    ("muted text (.meta) on the page", (".meta", "color"), PAGE),
    ("muted text (.meta) on a card", (".meta", "color"), PAPER),
    ("lead paragraph", ("p.lead", "color"), PAGE),
    ("breadcrumbs", (".breadcrumbs", "color"), PAGE),
    ("footer", (".site-footer", "color"), PAGE),
    ("link on the page", ("a", "color"), PAGE),
    ("link on a card", ("a", "color"), PAPER),
    ("table heading", INK, ("thead th", "background")),
    ("header", (".site-header", "color"), (".site-header", "background")),
    ("chart labels", (".chart text", "fill"), PAPER),
    (
        "error message",
        (".messages .error, .notice.error, .errorlist", "color"),
        (".messages .error, .notice.error, .errorlist", "background"),
    ),
    ("error summary heading", (".error-summary h2", "color"), (".error-summary", "background")),
    ("source text beside last year's figures", ("details.source", "color"), COMPARISON),
    ("原文 on last year's figures", ("details.source summary", "color"), COMPARISON),
    ("plan tree level words", (".tree .kind", "color"), PAGE),
]
GRAPHICS = [
    ("chart: straight path", (".chart .path-line", "stroke"), PAPER),
    ("chart: actuals", (".chart .actual-line", "stroke"), PAPER),
]


def _ratio(css: StyleSheet, foreground: tuple[str, str], background: tuple[str, str]) -> float:
    return contrast_ratio(css.colour(*foreground), css.colour(*background))


@pytest.mark.parametrize("badge", GRADES)
def test_each_grade_badge_reaches_aa(badge: str) -> None:
    css = StyleSheet.of_site()
    assert _ratio(css, (badge, "color"), (badge, "background")) >= AA_TEXT


@pytest.mark.parametrize("status", STATUSES)
def test_each_status_badge_reaches_aa(status: str) -> None:
    css = StyleSheet.of_site()
    assert _ratio(css, (status, "color"), (".status", "background")) >= AA_TEXT


@pytest.mark.parametrize("what, foreground, background", TEXT, ids=[t[0] for t in TEXT])
def test_small_text_reaches_aa(what: str, foreground: tuple[str, str], background: tuple[str, str]) -> None:
    assert _ratio(StyleSheet.of_site(), foreground, background) >= AA_TEXT, what


def test_the_header_subtitle_reaches_aa_through_its_opacity() -> None:
    css = StyleSheet.of_site()
    text = css.colour(".site-header", "color")
    faded = (*text[:3], text[3] * float(css.value(".site-title small", "opacity")))
    assert contrast_ratio(faded, css.colour(".site-header", "background")) >= AA_TEXT


@pytest.mark.parametrize("what, foreground, background", GRAPHICS, ids=[g[0] for g in GRAPHICS])
def test_the_charts_lines_reach_aa(
    what: str, foreground: tuple[str, str], background: tuple[str, str]
) -> None:
    assert _ratio(StyleSheet.of_site(), foreground, background) >= AA_GRAPHICS, what


# Every element with text of its own: its colour (fill for SVG text), size, weight and opacity, and the
# background colours from itself up to the root, to be painted over one another.
RENDERED_TEXT = """() => [...document.querySelectorAll("body *")].filter(element => {
  const box = element.getBoundingClientRect();
  const own = [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim());
  return own && box.width > 1 && box.height > 1 && !element.closest(".visually-hidden, .skip-link");
}).map(element => {
  const style = getComputedStyle(element);
  const backgrounds = [];
  let opacity = 1;
  for (let at = element; at; at = at.parentElement) {
    const own = getComputedStyle(at);
    opacity *= parseFloat(own.opacity);
    backgrounds.push(own.backgroundColor);
  }
  return {
    text: element.textContent.trim().slice(0, 30), colour: element instanceof SVGElement ? style.fill : style.color,
    size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight), opacity, backgrounds,
  };
})"""


def _rendered_ratio(found: dict[str, Any]) -> tuple[float, float]:
    """The ratio of one piece of text, and the ratio it needs."""
    background: Colour = (255, 255, 255, 1.0)
    for layer in reversed(found["backgrounds"]):
        background = over(parse_colour(layer), background)
    colour = parse_colour(found["colour"])
    colour = (*colour[:3], colour[3] * found["opacity"])
    large = found["size"] >= 24 or (found["size"] >= 18.66 and found["weight"] >= 700)
    return contrast_ratio(colour, background), AA_LARGE_TEXT if large else AA_TEXT


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_every_text_on_the_home_and_indicator_pages_reaches_aa(
    page: Any, live_server: Any, city: Any
) -> None:
    indicator = Indicator.objects.get(name="コミュニティソーシャルワーカー相談件数")
    failures, grades = [], 0
    for path in ("/", f"/indicators/{indicator.pk}/"):
        page.goto(live_server.url + path)
        grades += page.locator(".grade").count()
        for found in page.evaluate(RENDERED_TEXT):
            ratio, needed = _rendered_ratio(found)
            if ratio < needed:
                failures.append(f"{path} {found['text']!r}: {ratio:.2f} < {needed}")
    assert grades > 10 and page.locator("svg text").count() > 0  # the badges and the chart's labels were read
    assert not failures, "\n".join(failures)
