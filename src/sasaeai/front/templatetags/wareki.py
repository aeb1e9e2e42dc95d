"""Fiscal years and periods as Japanese staff write them: 令和7年度（2025年度）, 第4四半期."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from sasaeai.core import FiscalYear, PeriodError
from sasaeai.core.periods import wareki_date

register = template.Library()

PERIOD_LABELS = {"Q1": "第1四半期", "Q2": "第2四半期", "Q3": "第3四半期", "Q4": "第4四半期", "FY": "年度"}


def _fiscal_year(value: object) -> FiscalYear | None:
    if isinstance(value, FiscalYear):
        return value
    try:
        return FiscalYear(int(str(value)))
    except (TypeError, ValueError):
        return None


@register.filter
def wareki(value: object) -> str:
    """2025 → 令和7年度（2025年度）; anything that is not a year is shown as it is."""
    fiscal_year = _fiscal_year(value)
    if fiscal_year is None:
        return "" if value is None else str(value)
    try:
        return fiscal_year.label()
    except PeriodError:
        return f"{fiscal_year.year}年度"


@register.filter
def wareki_short(value: object) -> str:
    """2025 → 令和7年度 (for narrow table headings; the full label sits in the page's title)."""
    fiscal_year = _fiscal_year(value)
    if fiscal_year is None:
        return "" if value is None else str(value)
    try:
        return fiscal_year.era_label()
    except PeriodError:
        return f"{fiscal_year.year}年度"


@register.filter
def period_label(code: object) -> str:
    """Q4 → 第4四半期, FY → 年度."""
    return PERIOD_LABELS.get(str(code), str(code))


@register.filter
def wareki_day(value: object) -> str:
    """date(2027, 1, 15) → 令和9年1月15日（2027年1月15日）; anything else as it is (nothing for None)."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return wareki_date(value.date() if isinstance(value, datetime) else value)
