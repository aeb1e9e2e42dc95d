"""A report's period from the file, from the caller when the file names none, or from an as-of date."""

from __future__ import annotations

import json

import pytest

from sasaeai.cli import main
from sasaeai.core import ReaderError, read_report_bytes

NO_YEAR = "\n".join(
    [
        "みどり町社会福祉協議会 事業報告",
        "事業名\t実施内容\t実績\t前年度実績",
        "配食サービス\t弁当を届けた。\t配食 1,240食\t配食 1,180食",
    ]
).encode()


def _with_title(title: str) -> bytes:
    return f"{title}\n".encode() + NO_YEAR.split(b"\n", 1)[1]


def test_a_file_without_a_year_takes_the_callers():
    document = read_report_bytes(NO_YEAR, "noyear.tsv", fiscal_year=2023, period="Q2")
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2023, "Q2", 2022)
    assert document.fiscal_year_source == "given"
    assert document.to_json()["fiscal_year_source"] == "given"


def test_the_callers_year_agreeing_with_the_file_is_fine():
    document = read_report_bytes(_with_title("令和5年度 事業報告"), "r.tsv", fiscal_year=2023)
    assert (document.fiscal_year, document.fiscal_year_source) == (2023, "document")


def test_a_contradicting_year_is_refused_naming_both():
    with pytest.raises(ReaderError) as caught:
        read_report_bytes(_with_title("令和5年度 事業報告"), "r.tsv", fiscal_year=2024)
    assert "令和5年度" in str(caught.value) and "令和6年度" in str(caught.value)
    assert "令和5年度" in caught.value.message_ja and "令和6年度" in caught.value.message_ja


def test_a_contradicting_quarter_is_refused():
    with pytest.raises(ReaderError, match="Q3 but Q1"):
        read_report_bytes(_with_title("令和5年度 第3四半期 事業経過報告"), "r.tsv", period="Q1")


def test_a_period_the_file_does_not_name_is_the_callers():
    document = read_report_bytes(_with_title("令和5年度 事業報告"), "r.tsv", period="Q3")
    assert document.period == "Q3"


@pytest.mark.parametrize(("year", "period"), [(25, None), (2025, "Q5"), (None, "年度")])
def test_nonsense_periods_are_refused_in_one_sentence(year, period):
    with pytest.raises(ReaderError) as caught:
        read_report_bytes(NO_YEAR, "r.tsv", fiscal_year=year, period=period)
    assert caught.value.message_ja.endswith("。")


@pytest.mark.parametrize(
    ("line", "year", "words"),
    [
        ("平成28年3月31日現在", 2015, "平成28年3月31日現在"),
        ("作成日\t令和 元 年 9 月 30 日 時点", 2019, "令和 元 年 9 月 30 日 時点"),
        ("期間 平成30年4月1日～平成31年3月31日", 2018, "平成30年4月1日～平成31年3月31日"),
    ],
)
def test_infers_the_year_from_an_as_of_date_and_says_so(line, year, words):
    data = NO_YEAR.replace(b"\n", f"\n{line}\n".encode(), 1)
    document = read_report_bytes(data, "asof.tsv")
    assert (document.fiscal_year, document.fiscal_year_source) == (year, "as_of_date")
    data = document.to_json()
    assert (data["fiscal_year_source"], data["fiscal_year_inferred_from"]) == ("as_of_date", words)


def test_the_callers_year_beats_an_as_of_date():
    data = NO_YEAR.replace(b"\n", "\n平成28年3月31日現在\n".encode(), 1)
    assert read_report_bytes(data, "asof.tsv", fiscal_year=2016).fiscal_year == 2016


def test_extract_report_takes_fiscal_year_and_period(tmp_path, capsys):
    path = tmp_path / "noyear.tsv"
    path.write_bytes(NO_YEAR)
    assert main(["extract-report", str(path), "--fiscal-year", "2023", "--period", "FY"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["fiscal_year"], data["period"], data["fiscal_year_source"]) == (2023, "FY", "given")
    assert main(["extract-report", str(path)]) == 2
    assert "--fiscal-year" in capsys.readouterr().err
