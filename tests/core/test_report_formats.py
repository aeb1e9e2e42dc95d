"""The same report as UTF-8, UTF-8 with BOM, Shift_JIS (cp932), CSV and xlsx gives the same projects and quantities."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from sasaeai.core import read_report, read_report_bytes


def _summary(document):
    return [
        (
            p.name,
            p.number,
            p.segment,
            p.service,
            p.department,
            p.plan_goal,
            [(q.label, q.value, q.unit) for q in p.current],
            [(q.label, q.value, q.unit) for q in p.comparison],
        )
        for p in document.projects
    ]


@pytest.fixture
def seed_000(seed):
    path = seed("000")
    return path.read_text(encoding="utf-8"), _summary(read_report(path))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_same_report_in_every_text_encoding(seed_000, encoding):
    text, expected = seed_000
    document = read_report_bytes(text.encode(encoding), "report.txt")
    assert _summary(document) == expected
    assert document.encoding == encoding


def test_same_report_as_xlsx_with_one_sheet_row_per_line(seed_000):
    text, expected = seed_000
    workbook = Workbook()
    sheet = workbook.active
    for line in text.splitlines():
        sheet.append(line.split("\t") if line else [None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = read_report_bytes(buffer.getvalue(), "report.xlsx")
    assert _summary(document) == expected
    assert [p.line for p in document.projects] == [
        p.line for p in read_report_bytes(text.encode(), "r.txt").projects
    ]


def test_same_report_as_csv(seed_000):
    text, expected = seed_000
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in text.splitlines():
        writer.writerow(line.split("\t"))
    assert _summary(read_report_bytes(buffer.getvalue().encode("cp932"), "report.csv")) == expected


def test_reads_another_councils_column_order():
    text = "\n".join(
        [
            "令和6年度 事業実績報告",
            "事業名\t担当課\t令和6年度実績\t令和5年度実績\t事業実施内容\t計画体系",
            "配食サービス\t高齢福祉課\t配食数 1,200食 利用者 35人\t配食数 1,100食\t配食を実施した。\t基本目標2",
            "\t\t延べ 40人\t\t\t",
            "見守りネットワーク\t地域福祉課\t協力事業所 48事業所\t協力事業所 45事業所\t訪問した。\t〃",
        ]
    )
    document = read_report_bytes(text.encode("utf-8"), "other.tsv")
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2024, "FY", 2023)
    meals, watch = document.projects
    assert (meals.name, meals.department, meals.plan_goal) == ("配食サービス", "高齢福祉課", 2)
    assert [(q.label, int(q.value), q.unit) for q in meals.current] == [
        ("配食数", 1200, "食"),
        ("利用者", 35, "人"),
        ("利用者", 40, "人"),
    ]
    assert (watch.department, watch.plan_goal) == ("地域福祉課", 2)
    assert [(q.label, int(q.value), q.unit) for q in watch.comparison] == [("協力事業所", 45, "事業所")]


def test_reads_a_header_on_two_rows_and_headings_without_years():
    text = "\n".join(
        [
            "令和7年度 第2四半期 事業経過報告",
            "No.\t事業名\t具体的な実施事項\t実績\t",
            "\t\t\t今期実績\t前年同期実績",
            "1\t子ども食堂支援【子育て支援課】\t食堂の運営を支える\t開催 12回 参加者 340人\t開催 10回 参加者 298人",
            "2\t傾聴サロン【地域福祉課】\t〃\t参加者 △3人\t参加者 15人",
        ]
    )
    document = read_report_bytes(text.encode("utf-8"), "two-rows.tsv")
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2025, "Q2", 2024)
    food, salon = document.projects
    assert (food.number, food.name, food.department) == (1, "子ども食堂支援", "子育て支援課")
    assert [(q.label, int(q.value), q.unit) for q in food.current] == [
        ("開催", 12, "回"),
        ("参加者", 340, "人"),
    ]
    assert [(q.label, int(q.value), q.unit) for q in food.comparison] == [
        ("開催", 10, "回"),
        ("参加者", 298, "人"),
    ]
    assert [int(q.value) for q in salon.current] == [-3]


def test_keeps_columns_it_does_not_know_out_of_the_figures():
    text = "\n".join(
        [
            "令和6年度 事業実績報告",
            "事業名\t令和6年度目標\t令和6年度実績\t評価\t備考",
            "ふれあいサロン\t70か所\t登録数 64か所\tB\t新規3か所",
        ]
    )
    (salon,) = read_report_bytes(text.encode("utf-8"), "targets.tsv").projects
    assert [(q.label, int(q.value), q.unit) for q in salon.current] == [("登録数", 64, "か所")]
    assert salon.comparison == []


def test_a_results_only_row_that_names_years_is_a_continuation_not_a_title():
    text = "\n".join(
        [
            "令和7年度 事業実績報告",
            "事業名\t具体的な実施事項\t令和7年度実績\t令和6年度実績",
            "相談事業\t相談に応じる\t相談 188件\t相談 203件",
            "\t\t(R7.5月～R8.2月 延べ1,902件)\t",
        ]
    )
    (consult,) = read_report_bytes(text.encode("utf-8"), "years.tsv").projects
    assert [int(q.value) for q in consult.current] == [188, 1902]


def test_an_arrow_in_the_results_gives_last_years_figure_and_unlabelled_figures_take_the_name():
    text = "\n".join(
        [
            "令和6年度 事業実績報告",
            "事業名\t実施内容\t令和6年度実績",
            "見守り訪問\t訪問した。\t訪問回数 130→368 回(+238)",
            "電話相談\t応じた。\t1→1回(±0)",
        ]
    )
    document = read_report_bytes(text.encode("utf-8"), "arrows.tsv")
    assert document.comparison_fiscal_year == 2023
    visits, calls = document.projects
    assert [(q.label, int(q.value), q.qualifier) for q in visits.current] == [
        ("訪問回数", 368, None),
        ("訪問回数", 238, "増減"),
    ]
    assert [(q.label, int(q.value)) for q in visits.comparison] == [("訪問回数", 130)]
    assert [(q.label, int(q.value)) for q in calls.current] == [("電話相談", 1), ("電話相談", 0)]
    assert [(q.label, int(q.value), q.unit) for q in calls.comparison] == [("電話相談", 1, "回")]


@pytest.mark.parametrize("heading", ["事業", "取組項目", "施策名", "主な取組の名称"])
def test_the_project_column_is_found_under_any_heading(heading):
    text = f"令和5年度 事業報告\n{heading}\t担当課\t取組内容\t実績\nサロン支援\t地域福祉課\t支えた。\tサロン 12か所\n配食\t高齢福祉課\t届けた。\t配食 300食\n"
    projects = read_report_bytes(text.encode(), "names.tsv").projects
    assert [(p.name, p.department) for p in projects] == [
        ("サロン支援", "地域福祉課"),
        ("配食", "高齢福祉課"),
    ]


def test_last_years_figure_in_parentheses_is_the_comparison():
    text = "令和5年度 事業報告\n事業名\t実績\n見守り\t見守り対象者 1,284人（前年度 1,250人）\n"
    document = read_report_bytes(text.encode(), "paren.tsv")
    (watch,) = document.projects
    assert [int(q.value) for q in watch.current] == [1284]
    assert [(q.label, int(q.value)) for q in watch.comparison] == [("見守り対象者", 1250)]
    assert document.comparison_fiscal_year == 2022
