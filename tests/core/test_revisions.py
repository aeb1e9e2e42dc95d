"""Mid-term review reader: seed 002 and small invented tables."""

from __future__ import annotations

import pytest

from sasaeai.core.errors import ReaderError
from sasaeai.core.revisions import effective_fiscal_year, read_revisions, split_title, year_month

from .seed_text import seed_cell, seed_line

EXPECTED_ITEMS = [
    # (line, number, title, page, kind)
    (81, 12, "CSWの配置", 19, "追加"),
    (82, 14, "心配ごと相談・無料法律相談", 19, "追加"),
    (83, 17, "成年後見支援センター", 21, "追加"),
    (86, 25, "ボランティア活動への理解促進と活動の推進", 25, "変更"),
    (87, 26, "介護支援いきいきポイント事業", 25, "変更"),
    (88, 29, "ふれあいサロンの推進", 27, "追加"),
    (90, None, "市販薬購入支援", None, "追加"),
    (93, 38, "移送支援事業", 31, "変更"),
    (94, 55, "市民活動センターの環境整備", 39, "追加"),
    (95, 56, "指定管理自主事業の実施", 39, "追加"),
]
EXPECTED_PROJECTS = [
    # (name, start month, page, basic goal, priority goal)
    ("igocoti", "2022-09", 19, 1, 2),
    ("LINEによる相談窓口の設置", "2023-06", 19, 1, 2),
    ("重層的支援体制整備に向けた取り組み", "2024-04", 19, 1, 2),
    ("風まち", "2022-08", 29, 2, None),
    ("だけボラ(灯油)", "2022-11", 29, 2, None),
    ("とまとま", "2023-09", 29, 2, None),
]


@pytest.fixture
def review(seed):
    path = seed("002")
    return read_revisions(path.read_bytes(), path.name)


def test_seed_002_yields_every_changed_or_added_item(review):
    got = [(i["line"], i["number"], i["title"], i["page"], i["kind"]) for i in review["items"]]
    assert got == EXPECTED_ITEMS


def test_seed_002_keeps_text_before_and_after(review):
    csw = review["items"][0]
    assert csw["before"].startswith("制度の狭間にある方や")
    assert csw["before"].count("\n") == 1  # two paragraphs
    assert csw["after"].endswith("幅広い生活課題への対応を行っていく。")
    pharmacy = review["items"][6]
    assert pharmacy["before"] is None
    assert pharmacy["after"].startswith("勇払地区にて医療機関閉鎖に伴う")


def test_rows_marked_with_a_dash_are_unchanged(review):
    assert [(i["number"], i["kind"], i["after"]) for i in review["unchanged"]] == [(35, None, None)]


def test_seed_002_yields_six_new_projects_with_start_months(review):
    got = [
        (
            p["name"],
            p["start_month"],
            p["page"],
            p["basic_goal"]["number"],
            p["priority_goal"] and p["priority_goal"]["number"],
        )
        for p in review["new_projects"]
    ]
    assert got == EXPECTED_PROJECTS
    assert {p["department"] for p in review["new_projects"]} == {"地域福祉課"}
    assert {p["type"] for p in review["new_projects"]} == {"独自事業"}


def test_goal_split_into_two_cells_is_joined(review):
    kazemachi = review["new_projects"][3]
    assert kazemachi["basic_goal"] == {"number": 2, "title": "笑顔あふれる地域づくり"}
    assert kazemachi["notes"]


def test_continuation_rows_join_the_project_above_even_when_shifted(review):
    kazemachi, dakebora = review["new_projects"][3:5]
    assert kazemachi["lines"] == [115, 116]
    assert kazemachi["results"].startswith("(令和4年度実績) 昨年度は4回実施し")
    assert dakebora["lines"] == [117, 118]
    assert dakebora["results"].startswith("(令和4年度実績) 地域におけるちょっとした困りごと")
    assert "灯油運搬" in dakebora["results"]
    assert any("118" in note for note in dakebora["notes"])
    assert "実績" not in dakebora["description"]


def test_revision_date_is_the_imprint_and_applies_from_fy2024(review):
    assert review["issued"] == "2024-03"
    assert review["issued_text"] == "発行年月 令和6年3月"
    assert review["effective_fiscal_year"] == 2024
    assert review["plan_period"] == {"start": 2021, "end": 2026}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和4年 9月", "2022-09"),
        ("令和５年　６月", "2023-06"),
        ("2023年11月", "2023-11"),
        ("令和元年5月", "2019-05"),
        ("令和4年", None),
        ("9月", None),
        ("令和4年 13月", None),
        ("R5.6", "2023-06"),
        ("2022/9", "2022-09"),
        ("2022.10～", "2022-10"),
        ("令和4年度", None),
        ("平成31年4月", "2019-04"),
    ],
)
def test_year_month(text, expected):
    assert year_month(text) == expected


@pytest.mark.parametrize(
    ("issued", "fiscal_year"),
    [("2024-03", 2024), ("2024-04", 2024), ("2024-10", 2024), ("2025-01", 2025), (None, None)],
)
def test_effective_fiscal_year(issued, fiscal_year):
    assert effective_fiscal_year(issued) == fiscal_year


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (("002", 81, 2), ("CSWの配置", 19)),
        ("見守り 推進事業 （本計画 Ｐ８）", ("見守り推進事業", 8)),
        (("002", 90, 2), ("市販薬購入支援", None)),
        (("002", 101, 3), ("LINEによる相談窓口の設置", 19)),
    ],
)
def test_split_title(cell, expected):
    """A cell given as (seed, line, column) is the review's own."""
    assert split_title(seed_cell(*cell) if isinstance(cell, tuple) else cell) == expected


def test_invented_review_with_columns_in_another_order():
    text = (
        "表題\n\n"
        "追加・変更\t\t事業項目\t変更内容\t現行内容\n"
        "変更\t3\t見守り活動 (本計画 P8)\t新しい文\t古い文\n"
        "―\t4\t配食\t―\t同じ文\n"
        "\n"
        "事業開始\t事業項目\t基本\t重点\t担当\n"
        "令和5年 4月\t子ども食堂\t2 笑顔\t3 協働\t地域福祉課\n"
        "令和6年 1月\t学習支援\t\t\t地域福祉課\n"
        "\n発行年月 令和7年2月\n"
    )
    review = read_revisions(text.encode("cp932"), "invented.csv.txt")
    assert [(i["number"], i["title"], i["before"], i["after"], i["kind"]) for i in review["items"]] == [
        (3, "見守り活動", "古い文", "新しい文", "変更")
    ]
    projects = review["new_projects"]
    assert [(p["name"], p["start_month"]) for p in projects] == [
        ("子ども食堂", "2023-04"),
        ("学習支援", "2024-01"),
    ]
    assert projects[1]["basic_goal"] == {"number": 2, "title": "笑顔"}  # carried down
    assert projects[1]["priority_goal"] == {"number": 3, "title": "協働"}
    assert review["issued"] == "2025-02"
    assert review["effective_fiscal_year"] == 2025


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "empty.txt"), (b"\x00\x01\x02binary", "x.txt"), ("ただの文章です。\n".encode(), "prose.txt")],
)
def test_unreadable_documents_raise_reader_error(data, name):
    with pytest.raises(ReaderError) as info:
        read_revisions(data, name)
    assert info.value.message_ja


def test_review_with_before_after_headings_and_a_deletion():
    text = (
        "第2期 地域福祉活動計画（令和5年度～令和9年度）\n\n"
        "No\t取組項目\t変更前\t変更後\t区分\n"
        "7\t見守り活動\t古い文\t新しい文\t変更\n"
        "8\t敬老会\t毎年開催\t―\t削除\n"
        "\n"
        "事業名\t開始年月\t担当課\n"
        "フードドライブ\tR6.10\t地域福祉課\n"
        "\n発行年月 令和7年3月\n"
    )
    review = read_revisions(text.encode("utf-8"), "other-council.txt")
    assert [(i["number"], i["title"], i["before"], i["after"], i["kind"]) for i in review["items"]] == [
        (7, "見守り活動", "古い文", "新しい文", "変更"),
        (8, "敬老会", "毎年開催", None, "削除"),
    ]
    assert [(p["name"], p["start_month"], p["department"]) for p in review["new_projects"]] == [
        ("フードドライブ", "2024-10", "地域福祉課")
    ]
    assert review["plan_period"] == {"start": 2023, "end": 2027}
    assert review["effective_fiscal_year"] == 2025


def test_a_number_cell_of_superscript_digits_is_no_number():
    text = f"{seed_line('002', 80)}\n¹\t見守り活動\t古い文\t新しい文\t変更\n"  # the review's own header
    (item,) = read_revisions(text.encode("utf-8"), "superscript.txt")["items"]
    assert (item["number"], item["title"], item["kind"]) == (None, "見守り活動", "変更")
