"""Numbers before names go to number and marker, never into the name."""

from __future__ import annotations

import pytest

from sasaeai.core import read_report_bytes
from sasaeai.core.layout import split_name
from sasaeai.core.numbering import MarkerPath, split_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("① 見守り", (1, "①", "見守り")),
        ("(1) 見守り", (1, "(1)", "見守り")),
        ("（１）見守り", (1, "(1)", "見守り")),
        ("<3> 訪問", (3, "<3>", "訪問")),
        ("〈2〉訪問", (2, "〈2〉", "訪問")),
        ("1. 配食", (1, "1", "配食")),
        ("1-2 サロン", (2, "1-2", "サロン")),
        ("ウ 相談", (3, "ウ", "相談")),
        ("(イ) 相談", (2, "(イ)", "相談")),
        ("Ⅲ 地域づくり", (3, "Ⅲ", "地域づくり")),
        ("第2 地域の福祉", (2, "第2", "地域の福祉")),
        ("(2)① 見守り訪問", (1, "(2)①", "見守り訪問")),
        ("アウトリーチ事業", (None, None, "アウトリーチ事業")),
        ("第1回 ふくしまつり", (None, None, "第1回 ふくしまつり")),
        ("2025年 記念事業", (None, None, "2025年 記念事業")),
        ("12", (None, None, "12")),
    ],
)
def test_splits_the_number_from_the_name(text, expected):
    assert split_number(text) == expected


def test_a_name_cell_gives_number_marker_name_and_department():
    assert split_name("(ア) 配食サービス (高齢福祉課)") == (1, "(ア)", "配食サービス", "高齢福祉課")


def test_a_report_keeps_numbers_out_of_names():
    text = "\n".join(
        [
            "令和6年度 事業実績報告",
            "番号\t事業名\t令和6年度実績",
            "(1)\t見守り訪問\t訪問 120回",
            "\t② 配食サービス\t配食 800食",
            "\tⅢ 福祉まつり\t来場者 640人",
        ]
    )
    projects = read_report_bytes(text.encode(), "numbers.tsv").projects
    assert [(p.number, p.marker, p.name) for p in projects] == [
        (1, "(1)", "見守り訪問"),
        (2, "(1)②", "配食サービス"),  # numbered below (1): keeps its parent
        (3, "Ⅲ", "福祉まつり"),
    ]


def test_a_nested_marker_keeps_its_parents_and_a_sibling_replaces_them():
    path = MarkerPath()
    assert [path.full(m) for m in ["1", "(1)", "(2)", "①", "2", "(1)", "Ⅱ", "ア"]] == [
        "1",
        "1(1)",
        "1(2)",
        "1(2)①",
        "2",
        "2(1)",
        "Ⅱ",
        "Ⅱア",
    ]
