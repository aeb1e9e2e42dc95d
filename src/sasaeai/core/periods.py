"""Fiscal years, quarters and the dates written inside reports.

Japanese public bodies count years from April to March and name them by the
April year: 令和7年度 = FY2025 = 2025-04-01 … 2026-03-31, and its fourth
quarter is January–March 2026.  Era years come from :mod:`japanera`.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import date

from japanera import ERA_DATA_GENERAL

from .errors import PeriodError
from .text import normalize

_MODERN_ERAS = {
    era.kanji: era for era in ERA_DATA_GENERAL if era.kanji in ("明治", "大正", "昭和", "平成", "令和")
}
_ERA_BY_HEAD = {era.english_head: era for era in _MODERN_ERAS.values()}
_CURRENT_ERA = max(_MODERN_ERAS.values(), key=lambda era: era.since)

_ERA_KANJI = "|".join(_MODERN_ERAS)
_ERA_HEADS = "".join(_ERA_BY_HEAD)
# 令和7年度, 令和元年, 令和 7 年度, R8, R8年度, H31, R7.4月
ERA_YEAR_RE = re.compile(
    rf"(?P<era>{_ERA_KANJI})\s*(?P<n>元|\d{{1,2}})\s*年(?P<fy>度)?"
    rf"|(?<![A-Za-z])(?P<head>[{_ERA_HEADS}])\.?\s*(?P<hn>元|\d{{1,2}})(?:\s*年(?P<hfy>度)?)?(?![\d/])"
)
WESTERN_YEAR_RE = re.compile(r"(?<!\d)(?:FY\s*(?P<fy>\d{4})|(?P<y>\d{4})\s*年(?P<d>度)?)(?!\d)")
QUARTER_RE = re.compile(r"第\s*(?P<q>[1-4一二三四])\s*四半期|(?<![A-Za-z])Q(?P<qq>[1-4])(?!\d)")
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, order=True)
class FiscalYear:
    """年度: the April–March year, named by the year in which it starts."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, 3, 31)

    @classmethod
    def of(cls, day: date) -> FiscalYear:
        """The fiscal year a calendar date falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def era_label(self) -> str:
        """令和7年度 (元年 for the first year of an era)."""
        era = _era_of(self.year)
        n = era.absolute_year_to_relative_year(self.year)
        return f"{era.kanji}{'元' if n == 1 else n}年度"

    def label(self) -> str:
        """令和7年度（2025年度）: both, as staff write them."""
        return f"{self.era_label()}（{self.year}年度）"

    def calendar_year(self, month: int) -> int:
        """The calendar year of a month inside this fiscal year (4–12: April year, 1–3: next)."""
        if not 1 <= month <= 12:
            raise PeriodError(f"There is no month {month}.", f"{month}月という月はありません。")
        return self.year if month >= 4 else self.year + 1

    def quarter(self, number: int) -> Period:
        return Period(self, number)

    def __str__(self) -> str:
        return f"FY{self.year}"


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: one quarter (四半期) of a fiscal year, or the whole year."""

    fiscal_year: FiscalYear
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PeriodError(
                f"A fiscal year has quarters 1 to 4, not {self.quarter}.",
                f"四半期は第1～第4です（第{self.quarter}四半期はありません）。",
            )

    @property
    def code(self) -> str:
        """ "Q1".."Q4" or "FY", as in the interchange format."""
        return f"Q{self.quarter}" if self.quarter else "FY"

    @classmethod
    def from_code(cls, fiscal_year: int | FiscalYear, code: str) -> Period:
        fy = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        code = normalize(code).strip().upper()
        if code == "FY":
            return cls(fy, None)
        match = re.fullmatch(r"Q([1-4])", code)
        if not match:
            raise PeriodError(
                f"A period is Q1, Q2, Q3, Q4 or FY, not {code!r}.",
                f"期間は Q1～Q4 か FY（通年）で指定してください（{code}）。",
            )
        return cls(fy, int(match.group(1)))

    @property
    def start(self) -> date:
        if self.quarter is None:
            return self.fiscal_year.start
        month = 4 + 3 * (self.quarter - 1)
        return date(self.fiscal_year.calendar_year((month - 1) % 12 + 1), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        if self.quarter is None:
            return self.fiscal_year.end
        month = (3 + 3 * self.quarter - 1) % 12 + 1
        year = self.fiscal_year.calendar_year(month)
        return date(year, month, calendar.monthrange(year, month)[1])

    def label(self) -> str:
        """令和7年度（2025年度）第4四半期, or …年度 通年."""
        suffix = f"第{self.quarter}四半期" if self.quarter else "通年"
        return f"{self.fiscal_year.label()}{suffix}"


def _era_of(year: int):  # type: ignore[no-untyped-def]  # japanera ships no type hints
    # A fiscal year takes the era that began in its April year: FY2019 is 令和元年度
    # although April 2019 was still 平成 (the convention of the national budget).
    for era in sorted(_MODERN_ERAS.values(), key=lambda e: e.since, reverse=True):
        if era.since.year <= year:
            return era
    raise PeriodError(f"{year} is before the Meiji era.", f"{year}年は明治より前です。")


def _era_to_western(kanji_or_head: str, number: str) -> int:
    era = _MODERN_ERAS.get(kanji_or_head) or _ERA_BY_HEAD[kanji_or_head]
    n = 1 if number == "元" else int(number)
    if n < 1:
        raise PeriodError(
            f"{kanji_or_head}{number} is not an era year.", f"{kanji_or_head}{number}年は存在しません。"
        )
    return int(era.relative_year_to_absolute_year(n))


@dataclass(frozen=True)
class YearMention:
    """A year written in text, with where it was written."""

    year: int
    start: int
    end: int
    is_fiscal: bool  # written with 年度 (or FY)
    is_era: bool


def find_years(text: str) -> list[YearMention]:
    """Every era or Western year written in ``text``, in order."""
    norm = normalize(text)
    found: list[YearMention] = []
    for m in ERA_YEAR_RE.finditer(norm):
        number = m.group("n") or m.group("hn")
        if number != "元" and int(number) == 0:
            continue  # 令和0年 (or R00) names no year
        if m.group("era"):
            year = _era_to_western(m.group("era"), m.group("n"))
            fiscal = bool(m.group("fy"))
        else:
            year = _era_to_western(m.group("head"), m.group("hn"))
            # "R8" alone means 令和8年度 in plans and reports
            fiscal = bool(m.group("hfy")) or "年" not in m.group(0)
        found.append(YearMention(year, m.start(), m.end(), fiscal, True))
    for m in WESTERN_YEAR_RE.finditer(norm):
        if any(y.start <= m.start() < y.end for y in found):
            continue
        year = int(m.group("fy") or m.group("y"))
        found.append(YearMention(year, m.start(), m.end(), bool(m.group("fy") or m.group("d")), False))
    return sorted(found, key=lambda y: y.start)


def parse_fiscal_year(text: str) -> FiscalYear:
    """Read one fiscal year: 令和7年度, 令和元年度, R8, H31, 2025年度, FY2025, 令和７年, 2025."""
    norm = normalize(text).strip()
    if re.fullmatch(r"\d{4}", norm):
        return FiscalYear(int(norm))
    years = find_years(norm)
    if not years:
        raise PeriodError(
            f"No fiscal year could be read from {text!r}.", f"「{text}」から年度を読み取れませんでした。"
        )
    return FiscalYear(years[0].year)


def parse_quarter(text: str) -> int | None:
    """第4四半期 -> 4, Q2 -> 2; None when the text names no quarter."""
    m = QUARTER_RE.search(normalize(text))
    if not m:
        return None
    q = m.group("q") or m.group("qq")
    return _KANJI_DIGITS.get(q) or int(q)


def parse_period(text: str) -> Period:
    """A report title or column heading -> its period: 令和7年度(2025年度)第4四半期 -> FY2025 Q4."""
    return Period(parse_fiscal_year(text), parse_quarter(text))


_MD_RE = re.compile(r"(?<![\d/.])(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/])")
_KANJI_MD_RE = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|(?P<end>末日?))")
_RANGE_RE = re.compile(
    r"(?P<a>\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)\s*[~〜～ー－-]\s*"
    r"(?P<b>\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?|\d{1,2}(?:\s*日)?)"
)


def _day(fy: FiscalYear, month: int, day: int | None, *, end_of_month: bool = False) -> date:
    year = fy.calendar_year(month)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last if end_of_month else 1
    if not 1 <= day <= last:
        raise PeriodError(f"{month}/{day} is not a date.", f"{month}月{day}日という日付はありません。")
    return date(year, month, day)


def resolve_date(text: str, fiscal_year: FiscalYear) -> date:
    """A date written without a year (8/20, 11月28日, 3月末) inside a report of ``fiscal_year``."""
    norm = normalize(text).strip()
    m = _MD_RE.fullmatch(norm)
    if m:
        return _day(fiscal_year, int(m.group("m")), int(m.group("d")))
    m = _KANJI_MD_RE.fullmatch(norm)
    if m:
        day = int(m.group("d")) if m.group("d") else None
        return _day(fiscal_year, int(m.group("m")), day, end_of_month=bool(m.group("end")))
    m = re.fullmatch(r"(\d{1,2})\s*月", norm)
    if m:
        return _day(fiscal_year, int(m.group(1)), None)
    raise PeriodError(f"No date could be read from {text!r}.", f"「{text}」から日付を読み取れませんでした。")


def resolve_range(text: str, fiscal_year: FiscalYear) -> tuple[date, date]:
    """A date range (9/18～10/3, 12/16～18, 5月～10月) -> first and last day, ISO-ready."""
    norm = normalize(text).strip()
    m = _RANGE_RE.fullmatch(norm)
    if not m:
        day = resolve_date(norm, fiscal_year)
        return day, day
    first = resolve_date(m.group("a"), fiscal_year)
    b = m.group("b").strip()
    if re.fullmatch(r"\d{1,2}(?:\s*日)?", b):  # 12/16～18: same month
        last = _day(fiscal_year, first.month, int(re.sub(r"\D", "", b)))
    elif re.fullmatch(r"\d{1,2}\s*月", b):
        last = _day(fiscal_year, int(re.sub(r"\D", "", b)), None, end_of_month=True)
    else:
        last = resolve_date(b, fiscal_year)
    if last < first:
        raise PeriodError(
            f"The range {text!r} ends before it starts.", f"「{text}」は終わりが始まりより前です。"
        )
    return first, last


def current_era_kanji() -> str:
    """The kanji of the era in force (令和)."""
    return str(_CURRENT_ERA.kanji)


# 平成28年3月31日現在, 令和 元 年 6 月 30 日時点, 2024年3月31日現在, R7.3.31現在
_FULL_DATE_RE = re.compile(
    rf"(?:(?P<era>{_ERA_KANJI})\s*(?P<n>元|\d{{1,2}})\s*年|(?P<head>[{_ERA_HEADS}])\s*(?P<hn>元|\d{{1,2}})\s*[.年]"
    r"|(?P<y>(?:19|20)\d{2})\s*[年./])\s*(?P<m>\d{1,2})\s*[月./]\s*(?P<d>\d{1,2})\s*日?"
)
_AS_OF_WORDS_RE = re.compile(r"\s*(?:現在|時点)")
_FISCAL_RANGE_END_RE = re.compile(r"\s*[~〜～ー－-]\s*")


@dataclass(frozen=True)
class DateMention:
    """A full date written in text (with its year), and the words around it."""

    day: date
    text: str
    is_as_of: bool  # followed by 現在 or 時点 (kept in ``text``)


def find_full_dates(text: str) -> list[DateMention]:
    """Dates written with a year: 平成28年3月31日現在, 令和 元 年 6 月 1 日, 2024/3/31, R7.3.31."""
    norm = normalize(text)
    found = []
    for m in _FULL_DATE_RE.finditer(norm):
        if m.group("era"):
            year = _era_to_western(m.group("era"), m.group("n"))
        elif m.group("head"):
            year = _era_to_western(m.group("head"), m.group("hn"))
        else:
            year = int(m.group("y"))
        try:
            day = date(year, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        as_of = _AS_OF_WORDS_RE.match(norm, m.end())
        end = as_of.end() if as_of else m.end()
        found.append(DateMention(day, norm[m.start() : end].strip(), as_of is not None))
    return found


def infer_fiscal_year(text: str) -> tuple[FiscalYear, str] | None:
    """The fiscal year a text's as-of date or April-to-March span names, with the words that name it.

    平成28年3月31日現在 -> FY2015 (a report as of the end of March closes the
    year that began the April before); 平成27年4月1日～平成28年3月31日 -> FY2015.
    None when the text has neither.
    """
    dates = find_full_dates(text)
    for first, second in itertools.pairwise(dates):
        if (first.day.month, first.day.day, second.day.month) == (4, 1, 3) and FiscalYear.of(
            first.day
        ) == FiscalYear.of(second.day):
            return FiscalYear.of(first.day), f"{first.text}～{second.text}"
    for mention in dates:
        if mention.is_as_of:
            return FiscalYear.of(mention.day), mention.text
    return None


def wareki_date(day: date) -> str:
    """A calendar date in its era and in the western calendar: 令和9年1月15日（2027年1月15日）.

    Unlike a fiscal year, a date takes the era in force on that day (2019-04-30 is 平成31年).
    """
    for era in sorted(_MODERN_ERAS.values(), key=lambda e: e.since, reverse=True):
        since = era.since.date() if hasattr(era.since, "date") else era.since
        if since <= day:
            n = day.year - since.year + 1
            western = f"{day.year}年{day.month}月{day.day}日"
            return f"{era.kanji}{'元' if n == 1 else n}年{day.month}月{day.day}日（{western}）"
    return f"{day.year}年{day.month}月{day.day}日"
