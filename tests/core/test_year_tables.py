"""Progress tables with one column per year: actuals by year, planned values as targets."""

from __future__ import annotations

import pytest

from sasaeai.core import ReaderError, read_report_bytes
from sasaeai.core.year_tables import read_year_header

TABLE = "\n".join(
    [
        "わかば市 地域福祉計画 進捗状況",
        "指標\t区分\tH30年度\tR1年度\t令和2年度\t単位",
        "ボランティア登録者数\t目標\t500\t520\t540\t人",
        "\t実績\t488\t(記載なし)\t561\t",
        "地域食堂の数（か所）\t実績\t6\t8\t−\t",
    ]
)


def _years(project):
    return [
        (y.fiscal_year, y.actual and int(y.actual.value), y.planned and int(y.planned.value))
        for y in project.years
    ]


def test_reads_each_years_actual_and_plan():
    document = read_report_bytes(TABLE.encode(), "years.tsv")
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2020, "FY", 2019)
    volunteers, diners = document.projects
    assert _years(volunteers) == [(2018, 488, 500), (2019, None, 520), (2020, 561, 540)]
    assert [(q.label, int(q.value), q.unit) for q in volunteers.current] == [
        ("ボランティア登録者数", 561, "人")
    ]
    assert volunteers.comparison == []  # (記載なし) is no figure
    assert [(int(q.value), q.unit) for q in volunteers.targets] == [(540, "人")]
    assert _years(diners) == [(2018, 6, None), (2019, 8, None)]
    assert diners.current == [] and [(int(q.value), q.unit) for q in diners.comparison] == [(8, "か所")]


def test_the_json_carries_targets_and_years():
    project = read_report_bytes(TABLE.encode(), "years.tsv").to_json()["projects"][0]
    assert project["targets"][0]["value"] == 540
    assert project["years"][0] == {
        "fiscal_year": 2018,
        "actual": project["years"][0]["actual"],
        "planned": project["years"][0]["planned"],
    }
    assert (project["years"][0]["actual"]["value"], project["years"][1]["actual"]) == (488, None)


def test_the_callers_year_picks_which_year_is_current():
    document = read_report_bytes(TABLE.encode(), "years.tsv", fiscal_year=2018)
    assert [int(q.value) for q in document.projects[0].current] == [488]


@pytest.mark.parametrize(
    "cells",
    [
        ["事業名", "令和7年度実績", "令和6年度実績"],  # a report's two result columns
        ["事業名", "令和7年度 第4四半期実績", "令和6年度 第4四半期実績", "令和5年度"],
        ["R1年度", "R2年度", "R3年度"],  # no name column
    ],
)
def test_a_report_header_is_not_a_year_table(cells):
    assert read_year_header(cells, 1) is None


def test_a_year_table_without_actuals_is_refused():
    text = "指標\tR1年度\tR2年度\tR3年度\n登録者\t\t−\t\n"
    with pytest.raises(ReaderError, match="no row with an actual"):
        read_report_bytes(text.encode(), "empty-years.tsv")


def test_a_unit_on_its_own_row_belongs_to_the_indicator_above():
    text = "指標\t現状値（R4）\t目標値（R8）\t令和5年度実績\n見守り協力店\t48\t60\t52\n単位：店舗\n"
    (shops,) = read_report_bytes(text.encode(), "units.tsv").projects
    assert [(int(q.value), q.unit) for q in shops.current + shops.comparison + shops.targets] == [
        (52, "店舗"),
        (48, "店舗"),
        (60, "店舗"),
    ]
    assert [(y.fiscal_year, y.planned and int(y.planned.value)) for y in shops.years][-1] == (2026, 60)


def test_a_report_with_a_plan_column_beside_its_results_stays_a_report():
    text = "事業名\t令和5年度計画\t令和5年度実績\t令和4年度実績\n配食\t配食 900食\t配食 1,020食\t配食 960食\n"
    document = read_report_bytes(text.encode(), "plan-and-results.tsv")
    (meals,) = document.projects
    assert (document.fiscal_year, meals.years) == (2023, [])
    assert [int(q.value) for q in meals.current + meals.comparison] == [1020, 960]
