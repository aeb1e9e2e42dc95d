"""Headings and table headers of plans, whatever their words and numbering."""

from __future__ import annotations

import pytest

from sasaeai.core.plan_columns import read_header
from sasaeai.core.plan_grid import cell_year
from sasaeai.core.plan_headings import number_value, read_heading, split_number


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("基本目標Ⅱ 共に支え合う地域づくり", ("goal", "Ⅱ", 2, "共に支え合う地域づくり")),
        ("重点目標 一　地域のつながり", ("goal", "一", 1, "地域のつながり")),
        ("まちづくりの目標 B ともに担う町", ("goal", "B", 2, "ともに担う町")),
        ("第二章 誰もが相談できるまち", ("chapter", "二", 2, "誰もが相談できるまち")),
        ("第3節 見守りの充実", ("section", "3", 3, "見守りの充実")),
        ("施策の方向 2-1　担い手を増やす", ("policy", "2-1", 1, "担い手を増やす")),
        ("【施策１－２】 相談体制", ("policy", "1-2", 2, "相談体制")),
        ("基本施策十二 介護", ("policy", "十二", 12, "介護")),
        ("施策の展開 ③ 見守りの輪", ("approach", "③", 3, "見守りの輪")),
        ("基本事業 (2)", ("approach", "2", 2, "")),
        ("中柱2. 居場所", ("approach", "2", 2, "居場所")),
        ("取組方針⑩", ("approach", "⑩", 10, "")),
        ("取組項目① 地域連携", ("group", "①", 1, "地域連携")),
        ("事業 3：配食サービス", ("item", "3", 3, "配食サービス")),
        ("基本目標1自分らしく", ("goal", "1", 1, "自分らしく")),
        ("基 本 目 標 ２ 共 に 支 え 合 う", ("goal", "2", 2, "共に支え合う")),
        ("具体的施策 3 配食サービス", ("approach", "3", 3, "配食サービス")),
    ],
)
def test_headings_by_level_and_numbering(line, expected):
    found = read_heading(line)
    assert found is not None
    assert (found.level, found.marker, found.number, found.title) == expected


@pytest.mark.parametrize(
    "line",
    [
        "事業1年目は準備にあてます",
        "目標 1,000人",
        "施策3の推進のため",
        "施策IT化",
        "基本目標",
        "施策の体系",
        "重点目標一の数値目標",
        "",
    ],
)
def test_sentences_and_words_without_numbers_are_not_headings(line):
    assert read_heading(line) is None


@pytest.mark.parametrize(
    ("marker", "parts"),
    [
        ("Ⅲ", (3,)),
        ("ⅳ", (4,)),
        ("IV", (4,)),
        ("⑬", (13,)),
        ("二十一", (21,)),
        ("C", (3,)),
        ("3-2", (3, 2)),
        ("x", ()),
    ],
)
def test_number_value(marker, parts):
    assert number_value(marker) == parts


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ⅱ 共に支え合う", (2, "Ⅱ", "共に支え合う")),
        ("2-1 見守り", (1, "2-1", "見守り")),
        ("(3) 交流", (3, "3", "交流")),
        ("基本目標3 安心", (3, "3", "安心")),
        ("見守り", (None, "", "見守り")),
        ("100人", (None, "", "100人")),
    ],
)
def test_hierarchy_cells(cell, expected):
    assert split_number(cell) == expected


def _roles(cells, era=None):
    header = read_header(cells, era)
    return header and [(c.index, c.role, c.year, c.unit) for c in header]


@pytest.mark.parametrize(
    ("cells", "era", "expected"),
    [
        (
            ["指標", "現状値（令和5年度）", "目標値（令和11年度）"],
            None,
            [(0, "name", None, ""), (1, "baseline", 2023, ""), (2, "target", 2029, "")],
        ),
        (
            ["指標名", "区分", "平成23年度", "H29"],
            None,
            [(0, "name", None, ""), (1, "kind", None, ""), (2, "year", 2011, ""), (3, "year", 2017, "")],
        ),
        (
            ["成果指標", "平成13年実績", "5ヵ年目標"],
            None,
            [(0, "name", None, ""), (1, "actual", 2001, ""), (2, "target", None, "")],
        ),
        (
            ["指標", "26年度現状値", "32年度目標値"],
            "平成",
            [(0, "name", None, ""), (1, "baseline", 2014, ""), (2, "target", 2020, "")],
        ),
        (
            ["平成25 (基準値)", "平成27", "平成28 (現状値)"],
            None,
            [(0, "baseline", 2013, ""), (1, "year", 2015, ""), (2, "actual", 2016, "")],
        ),
        (
            ["めざす姿の成果指標名", "目標値（人）", "方向性", "指標の定義"],
            None,
            [
                (0, "name", None, ""),
                (1, "target", None, "人"),
                (2, "direction", None, ""),
                (3, "other", None, ""),
            ],
        ),
        (
            ["基本目標", "施策", "取組方針", "担当課"],
            None,
            [
                (0, "goal", None, ""),
                (1, "policy", None, ""),
                (2, "approach", None, ""),
                (3, "departments", None, ""),
            ],
        ),
        (["見守り協力事業所数", "120 事業所", "150 事業所"], None, None),
        (["担当課", "福祉課/市民課"], None, None),
    ],
)
def test_header_roles(cells, era, expected):
    assert _roles(cells, era) == expected


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        ("43.5%(H26年度)", 2014),
        ("18.8 万人(2014年度)", 2014),
        ("H17", 2005),
        ("令和元年度", 2019),
        ("30件", None),
        ("R4～R8", None),
    ],
)
def test_cell_year(cell, year):
    assert cell_year(cell) == year
