"""Fiscal years, quarters and dates written without a year."""

from datetime import date

import pytest

from sasaeai.core import FiscalYear, Period, PeriodError, parse_fiscal_year, parse_period, parse_quarter
from sasaeai.core.periods import find_years, resolve_date, resolve_range


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和7年度", 2025),
        ("令和元年度", 2019),
        ("令和 7 年度", 2025),
        ("令和７年", 2025),
        ("令和８年度", 2026),
        ("R8", 2026),
        ("R1", 2019),
        ("R7年度", 2025),
        ("H31", 2019),
        ("平成31年度", 2019),
        ("平成元年度", 1989),
        ("昭和63年度", 1988),
        ("2025年度", 2025),
        ("２０２５年度", 2025),
        ("FY2024", 2024),
        ("2022", 2022),
        ("令和5年度(2023年度)第3四半期 事業経過報告", 2023),
        ("令和3年度事業報告書", 2021),
        ("令和6年度 第1四半期の実績", 2024),
        ("基準値 (R1)", 2019),
        ("目標値 (R8)", 2026),
    ],
)
def test_reads_fiscal_year(text, year):
    assert parse_fiscal_year(text) == FiscalYear(year)


@pytest.mark.parametrize("text", ["", "第4四半期", "事業実績報告", "R", "令和年度", "令和0年度"])
def test_refuses_text_without_a_year(text):
    with pytest.raises(PeriodError):
        parse_fiscal_year(text)


@pytest.mark.parametrize("text", ["令和0年度", "令和00年度", "R0年度", "R00", "H000年"])
def test_a_year_zero_of_an_era_is_no_year_in_text(text):
    """Found by Hypothesis in a report table's year heading: "R00" raised instead of naming no year."""
    assert find_years(text) == []


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("第4四半期", 4),
        ("第１四半期", 1),
        ("第二四半期", 2),
        ("Q3", 3),
        ("令和7年度実績", None),
        ("第5四半期", None),
    ],
)
def test_reads_quarter(text, quarter):
    assert parse_quarter(text) == quarter


def test_reads_period_of_a_title():
    assert parse_period("令和5年度(2023年度)第3四半期 事業経過報告") == Period(FiscalYear(2023), 3)
    assert parse_period("令和3年度事業報告書").code == "FY"


@pytest.mark.parametrize(
    ("fy", "label"),
    [
        (2025, "令和7年度（2025年度）"),
        (2019, "令和元年度（2019年度）"),
        (1989, "平成元年度（1989年度）"),
        (1988, "昭和63年度（1988年度）"),
    ],
)
def test_writes_era_with_western_year(fy, label):
    assert FiscalYear(fy).label() == label


def test_fiscal_year_runs_april_to_march():
    fy = FiscalYear(2025)
    assert (fy.start, fy.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert FiscalYear.of(date(2026, 3, 31)) == fy
    assert FiscalYear.of(date(2026, 4, 1)) == FiscalYear(2026)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, date(2025, 4, 1), date(2025, 6, 30)),
        (2, date(2025, 7, 1), date(2025, 9, 30)),
        (3, date(2025, 10, 1), date(2025, 12, 31)),
        (4, date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_quarters_of_a_fiscal_year(quarter, start, end):
    period = FiscalYear(2025).quarter(quarter)
    assert (period.start, period.end) == (start, end)


def test_period_codes_round_trip():
    assert Period.from_code(2025, "q4") == Period(FiscalYear(2025), 4)
    assert Period.from_code(2025, "FY").label() == "令和7年度（2025年度）通年"
    with pytest.raises(PeriodError):
        Period.from_code(2025, "Q5")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("8/20", date(2025, 8, 20)),
        ("11月28日", date(2025, 11, 28)),
        ("3月末", date(2026, 3, 31)),
        ("3月末日", date(2026, 3, 31)),
        ("2/7", date(2026, 2, 7)),
        ("４/１", date(2025, 4, 1)),
        ("12月", date(2025, 12, 1)),
        ("2月末", date(2026, 2, 28)),
    ],
)
def test_resolves_dates_to_the_reports_fiscal_year(text, day):
    assert resolve_date(text, FiscalYear(2025)) == day


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("9/12～10/7", date(2025, 9, 12), date(2025, 10, 7)),
        ("9/12〜10/7", date(2025, 9, 12), date(2025, 10, 7)),
        ("12/16～18", date(2025, 12, 16), date(2025, 12, 18)),
        ("5月～10月", date(2025, 5, 1), date(2025, 10, 31)),
        ("12月～3月", date(2025, 12, 1), date(2026, 3, 31)),
        ("10/14～11/20", date(2025, 10, 14), date(2025, 11, 20)),
    ],
)
def test_resolves_ranges(text, first, last):
    assert resolve_range(text, FiscalYear(2025)) == (first, last)


@pytest.mark.parametrize("text", ["19/19", "2/30", "13月", "参加者", "3/4～3/1"])
def test_refuses_impossible_dates(text):
    with pytest.raises(PeriodError):
        resolve_range(text, FiscalYear(2025))


def test_finds_every_year_with_its_place():
    years = find_years("R6.4月～R7.3月 令和4年度")
    assert [(y.year, y.is_fiscal) for y in years] == [(2024, True), (2025, True), (2022, True)]
