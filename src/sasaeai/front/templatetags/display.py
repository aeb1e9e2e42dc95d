"""Numbers, grades and statuses for the pages."""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

GRADE_CLASSES = {"達成": "achieved", "a": "a", "b": "b", "c": "c", "A": "A", "B": "B", "C": "C", "D": "D"}
GRADE_TITLES = {
    "達成": "目標達成",
    "a": "順調",
    "b": "改善・維持",
    "c": "悪化",
    "未評価": "未評価",
    "A": "順調",
    "B": "概ね順調",
    "C": "やや遅れ",
    "D": "遅れ",
}


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def figure(value: object) -> str:
    """Decimal('3121.0000') → 3,121; Decimal('90.0800') → 90.08; None → —."""
    number = _decimal(value)
    if number is None:
        return "—"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


@register.filter
def stored_figure(value: object) -> str:
    """A reported figure: as :func:`figure`, but None is a value stored outside the range, which cannot be read."""
    return "読み取れない値" if value is None else figure(value)


@register.filter
def percent(value: object) -> str:
    """A rate 0.8731 → 87.3%."""
    number = _decimal(value)
    if number is None:
        return "—"
    return f"{number * 100:.1f}%"


@register.filter
def grade_class(grade: object) -> str:
    return "grade-" + GRADE_CLASSES.get(str(grade), "none")


@register.filter
def grade_title(grade: object) -> str:
    return GRADE_TITLES.get(str(grade), "") if grade else "未評価"


@register.simple_tag
def grade(value: object) -> SafeString:
    """A grade badge that names the grade in words as well as in colour."""
    return _badge(str(value) if value else "未評価")


@functools.lru_cache(maxsize=64)
def _badge(text: str) -> SafeString:
    # Built once per grade: the overview of 50 plans shows some 700 badges, and a template per badge was
    # half of the time it took to draw.
    title = grade_title(text)
    return format_html(
        '<span class="grade {}" title="{}">{}<span class="visually-hidden">（{}）</span></span>',
        grade_class(text),
        title,
        text,
        title,
    )
