"""Funded-project KPI sheets: seed 004 against its gold file, field by field."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sasaeai.core.errors import ReaderError
from sasaeai.core.kpi import achievement_rate, body_quantities, rate_agrees, read_kpi, split_partners

from .seed_text import seed_line


@pytest.fixture
def sheet(seed):
    path = seed("004")
    return read_kpi(path.read_bytes(), path.name)


@pytest.fixture
def expected(gold):
    return json.loads(gold("004_kpi.json").read_text(encoding="utf-8"))


def test_project_and_municipality(sheet, expected):
    assert (sheet["project"], sheet["municipality"]) == (expected["project"], expected["municipality"])


def test_budget_matches_gold(sheet, expected):
    assert sheet["budget"] == expected["budget"]


@pytest.mark.parametrize("index", [0, 1])
def test_kpis_match_gold(sheet, expected, index):
    got, want = sheet["kpis"][index], expected["kpis"][index]
    for key in (
        "kind",
        "name",
        "indicator_type",
        "target",
        "actual",
        "achievement_rate",
        "text",
        "source_line",
    ):
        assert got[key] == want[key], key
    assert len(sheet["kpis"]) == len(expected["kpis"]) == 2


def test_computed_rate_matches_the_printed_106_percent(sheet):
    users = sheet["kpis"][1]
    assert users["computed_rate"] == {"value": 106.3, "unit": "%"}
    assert users["rate_agrees"] is True


def test_a_printed_dash_means_no_rate_is_computed(sheet):
    goal = sheet["kpis"][0]
    assert goal["computed_rate"] is None
    assert goal["rate_agrees"] is None


def test_partners_drop_the_trailing_to_and_flag_open_ended(sheet, expected):
    assert sheet["partners"] == expected["partners"]
    assert sheet["partners_text"] == expected["partners_text"]
    assert sheet["partners_open_ended"] is expected["partners_open_ended"] is True


def test_context_quantities_match_gold(sheet, expected):
    assert sheet["context_quantities"] == expected["context_quantities"]


def test_sections(sheet):
    assert sheet["goals"] == [
        "様々な困難を抱える女性が気軽に相談・交流できる環境の整備や、社会進出をサポートすることで、"
        "苫小牧市が性別に関わらず個性と能力を十分に発揮でき、働きやすい環境となることを目的とする。"
    ]
    assert len(sheet["future_issues"]) == 2
    assert sheet["future_issues"][1].startswith("このほか、令和8年度は市民意識調査を実施予定")
    assert len(sheet["context"]) == 2
    assert len(sheet["features"]) == 4


def _keys(quantities):
    return sorted((q["value"], q["unit"], q.get("qualifier")) for q in quantities)


@pytest.mark.parametrize("index", [0, 1, 3])
def test_activities_match_gold(sheet, expected, index):
    got, want = sheet["activities"][index], expected["activities"][index]
    assert (got["name"], got["source_line"]) == (want["name"], want["source_line"])
    assert got["quantities"][0] == want["quantities"][0]  # the headline figure, label included
    assert _keys(got["quantities"]) == _keys(want["quantities"])


def test_activity_headline_and_facility_count(sheet, expected):
    got, want = sheet["activities"][2], expected["activities"][2]
    assert (got["name"], got["quantities"][0]) == (want["name"], want["quantities"][0])
    assert (81, "施設", None) in _keys(got["quantities"])


def test_activity_without_heading_is_named_by_its_first_sentence(sheet, expected):
    # the gold name 国際女性デーイベント is an editor's paraphrase; the sheet prints
    # "3月8日の国際女性デーに合わせたイベントを実施。"
    got, want = sheet["activities"][4], expected["activities"][4]
    assert got["name"] == "国際女性デーに合わせたイベント"
    assert got["source_line"] == 83
    assert _keys(got["quantities"]) == _keys(want["quantities"])
    assert len(sheet["activities"]) == len(expected["activities"])


@pytest.mark.parametrize(
    ("target", "actual", "rate"),
    [("1000", "1063", "106.3"), ("25", "12.4", "49.6"), ("3", "2", "66.7"), ("8", "1", "12.5")],
)
def test_achievement_rate(target, actual, rate):
    assert achievement_rate(Decimal(target), Decimal(actual)) == Decimal(rate)


@pytest.mark.parametrize(
    ("printed", "computed", "agrees"),
    [
        ("106", "106.3", True),
        ("106", "106.9", True),
        ("107", "106.3", True),
        ("110", "106.3", False),
        ("106.3", "106.3", True),
        ("106.5", "106.3", False),
        ("50", "49.6", True),
        ("1E+2", "100.4", True),
        ("1E+2", "150", False),
    ],
)
def test_rate_agrees(printed, computed, agrees):
    assert rate_agrees(Decimal(printed), Decimal(computed)) is agrees


@pytest.mark.parametrize(
    ("text", "names", "open_ended"),
    [
        ("A協議会、B会議所等", ["A協議会", "B会議所"], True),
        ("A協議会、B会議所など", ["A協議会", "B会議所"], True),
        ("A協議会，B会議所", ["A協議会", "B会議所"], False),
        ("等", ["等"], False),
        ("", [], False),
    ],
)
def test_split_partners(text, names, open_ended):
    assert split_partners(text) == (names, open_ended)


def test_rates_keep_their_period_and_dates_are_not_rates():
    found = body_quantities("5月3日に開催。週5日対応、早朝（週2回）、教室を月3回（年36回）提供。")
    assert _keys(found) == [(2, "回", "週"), (3, "回", "月"), (5, "日", "週"), (36, "回", "年")]


def test_sheet_without_kpi_table_is_refused():
    text = f"事業名\n\n{seed_line('004', 26)}\n文章だけ。\n"  # the sheet's own heading, no table
    with pytest.raises(ReaderError) as info:
        read_kpi(text.encode(), "plain.txt")
    assert "達成率" in info.value.message_ja


def test_figures_too_long_to_divide_leave_the_rate_uncomputed():
    digits = "9" * 40
    text = f"事業\n\n{seed_line('004', 30)}\n成果KPI\t人数\t1人\t{digits}人\t100%\n"
    kpi = read_kpi(text.encode(), "long.txt")["kpis"][0]
    assert (kpi["computed_rate"], kpi["rate_agrees"]) == (None, None)


def test_kpi_table_with_other_headings_in_another_order():
    text = (
        "見守り推進事業【架空町】\n\n"
        "区分\t指標名\t達成度\t実績値\t目標値\n"
        "成果指標\t訪問世帯数\t90%\t450世帯\t500世帯\n"
        "\n連携団体\n町内会、民生委員\n"
    )
    sheet = read_kpi(text.encode("cp932"), "other.txt")
    kpi = sheet["kpis"][0]
    assert (kpi["kind"], kpi["name"]) == ("成果指標", "訪問世帯数")
    assert (kpi["target"], kpi["actual"]) == ({"value": 500, "unit": "世帯"}, {"value": 450, "unit": "世帯"})
    assert (kpi["computed_rate"], kpi["rate_agrees"]) == ({"value": 90, "unit": "%"}, True)
    assert (sheet["municipality"], sheet["partners"], sheet["partners_open_ended"]) == (
        "架空町",
        ["町内会", "民生委員"],
        False,
    )
