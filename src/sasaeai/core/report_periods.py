"""Which period a report covers: from its result headings and title, the caller, or an as-of date.

A report names its fiscal year in the current results' heading (令和7年度
第4四半期実績) or its title.  Many councils' files name none: the caller then
says which (``fiscal_year=2025, period="Q4"``), and a contradiction between
the caller and the file is refused.  When neither names a year, an as-of date
(平成28年3月31日現在) or an April-to-March span names it, and the document
says the year was inferred.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PeriodError, ReaderError
from .layout import Layout
from .periods import FiscalYear, Period, find_years, infer_fiscal_year, parse_quarter
from .tables import Row

_EARLIER_WORDS = ("前年", "昨年")


@dataclass(frozen=True)
class GivenPeriod:
    """The period a caller says the report covers, for files that name none."""

    fiscal_year: int | None = None
    period: str | None = None  # "Q1".."Q4" or "FY"


@dataclass(frozen=True)
class ReportPeriods:
    """The periods of a report and where its fiscal year came from."""

    fiscal_year: int
    period: str
    comparison_fiscal_year: int | None
    source: str  # "document", "given" or "as_of_date"
    inferred_from: str | None = None  # the words that named the year when it was inferred


def given_period(fiscal_year: int | None, period: str | None, name: str) -> GivenPeriod:
    """Check a caller's fiscal year and period code, refusing nonsense with one sentence."""
    if fiscal_year is not None and not 1900 <= fiscal_year <= 2200:
        raise ReaderError(
            f"{fiscal_year} is not a fiscal year (give the April year, such as 2025).",
            f"{fiscal_year} は年度ではありません（2025 のように4月の属する年で指定してください）。",
        )
    if period is None:
        return GivenPeriod(fiscal_year, None)
    try:
        code = Period.from_code(fiscal_year or 2000, period).code
    except PeriodError as error:
        raise ReaderError(error.message, error.message_ja) from error
    return GivenPeriod(fiscal_year, code)


def read_periods(
    layout: Layout, preamble: list[str], given: GivenPeriod, name: str, rows: list[Row]
) -> ReportPeriods:
    """The report's fiscal year, period and comparison year; refuses a file that contradicts the caller."""
    current = next((c for c in layout.columns if c.role == "current"), None)
    comparison = next((c for c in layout.columns if c.role == "comparison"), None)
    written = (current.fiscal_year if current else None) or _preamble_year(preamble)
    if written is not None and given.fiscal_year is not None and written != given.fiscal_year:
        raise _contradiction(name, FiscalYear(written).label(), FiscalYear(given.fiscal_year).label())
    source, inferred_from = "document", None
    fiscal_year = written
    if fiscal_year is None and given.fiscal_year is not None:
        fiscal_year, source = given.fiscal_year, "given"
    if fiscal_year is None:
        fiscal_year, inferred_from = _inferred_year(rows, name)
        source = "as_of_date"
    period = _period(current.quarter if current else None, preamble, given, name)
    comparison_year = comparison.fiscal_year if comparison else None
    if (
        comparison is not None
        and comparison_year is None
        and any(w in comparison.heading for w in _EARLIER_WORDS)
    ):
        comparison_year = fiscal_year - 1  # 前年同期実績: the same period a year before
    return ReportPeriods(fiscal_year, period, comparison_year, source, inferred_from)


def _preamble_year(preamble: list[str]) -> int | None:
    """The title's year, else the first fiscal year (…年度) written above the table."""
    title_years = find_years(preamble[0]) if preamble else []
    if title_years:
        return title_years[0].year
    for text in preamble[1:]:
        fiscal = [y for y in find_years(text) if y.is_fiscal]
        if fiscal:
            return fiscal[0].year
    return None


def _period(quarter: int | None, preamble: list[str], given: GivenPeriod, name: str) -> str:
    title = preamble[0] if preamble else ""
    quarter = quarter or parse_quarter(title) or (2 if "上半期" in title else None)
    written = f"Q{quarter}" if quarter else None
    if written and given.period and written != given.period:
        raise _contradiction(name, written, given.period)
    return written or given.period or "FY"


def _inferred_year(rows: list[Row], name: str) -> tuple[int, str]:
    text = "\n".join(" ".join(row.cells) for row in rows)
    inferred = infer_fiscal_year(text)
    if inferred is None:
        raise ReaderError(
            f"{name} names no fiscal year in its title or result columns; give it with --fiscal-year.",
            f"{name} のタイトルや実績の列見出しに年度が見つかりません（年度を指定してください）。",
        )
    return inferred[0].year, inferred[1]


def _contradiction(name: str, written: str, given: str) -> ReaderError:
    return ReaderError(
        f"{name} says {written} but {given} was given; check the file or the period chosen.",
        f"{name} には{written}とありますが、{given}が指定されました。ファイルか指定を確認してください。",
    )
