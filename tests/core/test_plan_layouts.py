"""The plan reader on plans of other layouts: invented plans in six layouts, each against its gold file.

The plans in ``plans/`` are made up (names, words and numbers); each gold file was checked by
hand, value by value, against what its document says.  ``minato_sheets/`` holds one sheet per file, typed as
text and made into an xlsx workbook here, percentages stored as Excel stores them.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sasaeai.core import ReaderError, SasaeaiError
from sasaeai.core.plan import read_plan, read_plan_file

PLANS = Path(__file__).parent / "plans"


def workbook_from_tsv(folder: Path) -> bytes:
    """An xlsx workbook with one sheet per ``N_name.tsv`` file: numbers as numbers, "38.5%" as 0.385 shown as %."""
    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.tsv")):
        sheet = book.create_sheet(path.stem.split("_", 1)[1])
        for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for column, text in enumerate(line.split("\t"), 1):
                if not text:
                    continue
                cell = sheet.cell(row, column)
                if re.fullmatch(r"\d+(\.\d+)?%", text):
                    cell.value, cell.number_format = float(Decimal(text[:-1]) / 100), "0.0%"
                elif re.fullmatch(r"\d+(\.\d+)?", text):
                    cell.value = float(text) if "." in text else int(text)
                else:
                    cell.value = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_invented(name: str) -> dict:
    path = PLANS / name
    if path.is_dir():
        return read_plan(workbook_from_tsv(path), f"{name}.xlsx")
    return read_plan_file(path)


def gold_of(name: str) -> dict:
    return json.loads((PLANS / f"{name.split('.')[0]}.gold.json").read_text(encoding="utf-8"))


def approaches_of(plan):
    return [a for g in plan["goals"] for p in g["policies"] for a in p["approaches"]]


def indicators_of(plan):
    return {i["name"]: i for a in approaches_of(plan) for i in a["indicators"]}


# layout -> (goals, policies, approaches, items, indicators, indicator parts)
LAYOUTS = {
    "kaede_chapters.txt": (2, 3, 4, 6, 7, 8),  # 第一章 / 第1節 / 中柱1 / 事業1 headings, 単位 column
    "hinata_evaluation.tsv": (2, 2, 4, 3, 5, 6),  # 基本目標Ⅱ / 施策 5 / 基本事業 (1) rows, 平成 year columns
    "minato_sheets": (1, 2, 5, 4, 5, 5),  # xlsx: 政策 | 3 | … label rows, 基準値 | 年度 | H18 … H22
    "sakura_flat.csv": (2, 3, 4, 0, 6, 6),  # one table: 基本目標 | 施策 | 施策の展開 | 指標名 | …
    "asahi_arrows.txt": (2, 3, 4, 0, 5, 5),  # まちづくりの目標 A / 施策の方向 1-1, "52%（R6）→60%（R12）"
    "yamabuki_council.txt": (2, 4, 4, 4, 4, 4),  # 重点目標 一 / 基本施策 (1), goal-level 数値目標
    "momiji_bullets.txt": (2, 3, 3, 4, 4, 4),  # 施策の方向（１）, 【主な取組】 bullets, 【評価指標】
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_invented_plan_matches_its_gold_file(name):
    assert read_invented(name) == gold_of(name)


@pytest.mark.parametrize(("name", "counts"), LAYOUTS.items())
def test_invented_plan_counts(name, counts):
    keys = ("goals", "policies", "approaches", "items", "indicators", "indicator_parts")
    assert read_invented(name)["counts"] == dict(zip(keys, counts, strict=True))


def test_a_table_whose_header_starts_empty_is_not_read_as_indicators():
    plan = read_invented("kaede_chapters.txt")
    first = approaches_of(plan)[0]
    assert [i["name"] for i in first["indicators"]] == [
        "まちかど相談会の相談件数",
        "相談窓口を知っている市民の割合",
    ]
    assert [(w["line"], w["message"]) for w in plan["warnings"]] == [
        (
            27,
            "The table at line 27 (目標・KPI / 目標 / 実績 / 達成率) is not a plan table; its rows were not read.",
        )
    ]


def test_chapters_are_goals_when_no_goal_word_is_used_and_empty_chapters_are_not():
    plan = read_invented("kaede_chapters.txt")
    assert [(g["number"], g["title"]) for g in plan["goals"]] == [
        (1, "誰もが相談できるまち"),
        (2, "みんなで支え合うまち"),
    ]
    assert plan["notes"] == [
        "Chapter 計画の考え方 (line 4) holds no policy; it is not a goal.",
        "Chapter 計画の推進 (line 66) holds no policy; it is not a goal.",
    ]
    assert plan["period"] == {"start": 2024, "end": 2029}


def test_a_unit_column_gives_bare_numbers_their_unit():
    found = indicators_of(read_invented("kaede_chapters.txt"))["相談窓口を知っている市民の割合"]["parts"][0]
    assert (found["baseline"]["value"], found["baseline"]["unit"], found["target"]["value"]) == (
        31.5,
        "%",
        50,
    )


def test_year_columns_keep_actuals_and_take_the_earliest_actual_as_baseline():
    plan = read_invented("hinata_evaluation.tsv")
    (part,) = indicators_of(plan)["地域の支え合いに参加している市民の割合"]["parts"]
    assert (part["baseline"]["year"], part["baseline"]["value"]) == (2011, 28.4)
    assert (part["target"]["year"], part["target"]["value"], part["target"]["unit"]) == (2017, 40, "%")
    assert part["actuals"] == [
        {"fiscal_year": 2012, "value": 29.1},
        {"fiscal_year": 2013, "value": 31.6},
        {"fiscal_year": 2014, "value": 33},
        {"fiscal_year": 2015, "value": 35.2},
    ]
    assert plan["warnings"][0]["message"] == (
        "地域の支え合いに参加している市民の割合（％） at line 9 prints no baseline; its earliest actual (28.4) is the baseline."
    )


def test_yearly_cells_of_two_parts_are_split_between_them():
    parts = indicators_of(read_invented("hinata_evaluation.tsv"))["福祉講座の開催回数と受講者数"]["parts"]
    assert [(p["baseline"]["unit"], p["actuals"][0]) for p in parts] == [
        ("回", {"fiscal_year": 2012, "value": 10}),
        ("人", {"fiscal_year": 2012, "value": 244}),
    ]


def test_indicators_above_the_first_approach_go_into_an_implied_one():
    policy = read_invented("hinata_evaluation.tsv")["goals"][0]["policies"][0]
    implied = policy["approaches"][0]
    assert (implied["number"], implied["title"], implied["implied"], implied["departments"]) == (
        0,
        "地域福祉の推進",
        True,
        ["地域福祉課"],
    )
    assert [a["number"] for a in policy["approaches"]] == [0, 1, 2]


def test_workbook_sheets_repeat_their_goal_and_warnings_name_the_sheet():
    plan = read_invented("minato_sheets")
    (goal,) = plan["goals"]
    assert (goal["number"], [(p["number"], p["title"]) for p in goal["policies"]]) == (
        3,
        [(2, "高齢者の見守り"), (3, "障がいのある人の暮らし")],
    )
    assert [(w.get("sheet"), w["line"]) for w in plan["warnings"]] == [
        ("施策3-2", 8),
        ("施策3-3", 8),
        ("施策3-3", 13),
    ]
    assert plan["warnings"][2]["message_ja"].startswith("シート「施策3-3」の13行目から始まる表")


def test_percentages_stored_as_fractions_read_as_shown():
    (part,) = indicators_of(read_invented("minato_sheets"))["就労している利用者の割合"]["parts"]
    assert (part["baseline"]["text"], part["baseline"]["value"], part["target"]["text"]) == (
        "38.5%",
        38.5,
        "45.0%",
    )


def test_value_and_year_in_one_cell():
    (part,) = indicators_of(read_invented("minato_sheets"))["見守り協定を結んだ事業者の割合"]["parts"]
    assert (part["baseline"]["year"], part["baseline"]["value"], part["target"]["year"]) == (2009, 43.5, 2014)


def test_a_flat_table_places_its_rows_and_takes_directions_from_its_column():
    plan = read_invented("sakura_flat.csv")
    outline = [
        (g["number"], [(p["number"], [a["number"] for a in p["approaches"]]) for p in g["policies"]])
        for g in plan["goals"]
    ]
    assert outline == [(1, [(1, [1, 2]), (2, [1])]), (2, [(1, [1])])]
    directions = {name: i["parts"][0]["direction"] for name, i in indicators_of(plan).items()}
    assert directions["相談先がないと答えた保護者の割合"] == "decrease"
    assert directions["要介護認定率"] == "maintain"


def test_arrow_lines_and_captioned_year_tables():
    found = indicators_of(read_invented("asahi_arrows.txt"))
    (walk,) = found["声かけ訪問の延べ世帯数"]["parts"]
    assert (
        walk["baseline"]["year"],
        walk["baseline"]["value"],
        walk["target"]["year"],
        walk["target"]["value"],
    ) == (
        2024,
        1840,
        2030,
        2200,
    )
    (salon,) = found["サロンの開催回数"]["parts"]
    assert salon["actuals"] == [{"fiscal_year": 2025, "value": 101}, {"fiscal_year": 2026, "value": 108}]


def test_goal_level_indicators_and_intermediate_targets():
    plan = read_invented("yamabuki_council.txt")
    implied = plan["goals"][0]["policies"][0]
    assert (implied["number"], implied["implied"], implied["approaches"][0]["implied"]) == (0, True, True)
    (part,) = indicators_of(plan)["ふれあいサロンの数"]["parts"]
    assert (part["target"]["year"], part["target"]["value"], part["yearly_targets"]) == (
        2029,
        50,
        [{"fiscal_year": 2026, "value": 45}],
    )


_CELLS = st.sampled_from(
    [
        *(
            "基本目標Ⅱ",
            "施策 1-2",
            "基本事業 (3)",
            "中柱1",
            "第二章 x",
            "第1節",
            "事業1",
            "まちづくりの目標 A",
            "政策",
            "施策名",
        ),
        *(
            "指標名",
            "区分",
            "単位",
            "基準値",
            "年度",
            "目標値（令和11年度）",
            "現状値(R5)",
            "平成23年度",
            "H18",
            "26年度",
        ),
        *("実績値", "目標値", "達成率", "方向性", "減少", "担当課", "No", "事業名", "内容", "令和6 (基準値)"),
        *("43.5%(H26年度)", "1,200", "—", "年6回以上", "① 6回 ② 95人", "30件", "9回 231人", "→", "：", "(%)"),
    ]
)
_ROWS = st.lists(st.lists(st.one_of(_CELLS, st.text(max_size=6)), max_size=8), max_size=40)
_SHEET_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)  # what a cell may hold
_SHEET_ROWS = st.lists(
    st.lists(st.one_of(_CELLS, _SHEET_TEXT, st.integers(0, 10_000)), max_size=8), max_size=40
)


@settings(max_examples=150, deadline=None)
@given(_ROWS)
def test_tables_of_other_layouts_raise_only_the_projects_errors(rows):
    text = "\n".join("\t".join(cells) if len(cells) > 1 else "".join(cells) for cells in rows)
    try:
        plan = read_plan(text.encode("utf-8"), "fuzz.txt")
    except SasaeaiError:
        return
    assert plan["counts"]["approaches"] >= 1
    assert all(set(w) >= {"line", "message", "message_ja"} for w in plan["warnings"])


@settings(max_examples=25, deadline=None)
@given(_SHEET_ROWS)
def test_workbooks_of_other_layouts_raise_only_the_projects_errors(rows):
    book = Workbook()
    for cells in rows:
        book.active.append(cells)
    out = io.BytesIO()
    book.save(out)
    with contextlib.suppress(SasaeaiError):
        read_plan(out.getvalue(), "fuzz.xlsx")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_broken_workbooks_raise_only_the_projects_errors(data):
    with contextlib.suppress(SasaeaiError):
        read_plan(b"PK\x03\x04" + data, "broken.xlsx")


def test_the_json_form_keeps_actuals_and_refuses_them_misshapen():
    plan = read_invented("hinata_evaluation.tsv")
    again = read_plan(json.dumps(plan, ensure_ascii=False).encode("utf-8"), "plan.json")
    assert again["goals"] == plan["goals"]
    part = plan["goals"][0]["policies"][0]["approaches"][0]["indicators"][0]["parts"][0]
    part["actuals"][1]["fiscal_year"] = "H25"
    with pytest.raises(ReaderError, match=r"parts\[0\]\.actuals\[1\]\.fiscal_year must be a whole number"):
        read_plan(json.dumps(plan, ensure_ascii=False).encode("utf-8"), "plan.json")


SMALL_SHEET = """令和6年度 進捗管理表

基本目標2 ともに支える

施策3 見守り

取組方針1 見守り協力の輪

評価指標
\t現状値（令和5年度）\t目標値（令和11年度）
見守り協力店の数\t120店\t150店
見守り訪問の世帯数\t1,840世帯\t2,200世帯

指標名\t区分\t令和5年度\t令和6年度\t令和7年度
緊急通報の登録者数\t目標値\t\t520\t540
\t実績値\t498\t515\t
\t見込み\t\t\t530
\t評価\t\tB\t

成果目標
\t目標・KPI\t目標\t実績\t達成率
事業KPI\t相談件数\t400件\t380件\t95%
"""


def test_names_under_an_empty_header_cell_labels_and_estimates():
    plan = read_plan(SMALL_SHEET.encode("utf-8"), "small.txt")
    found = indicators_of(plan)
    assert list(found) == ["見守り協力店の数", "見守り訪問の世帯数", "緊急通報の登録者数"]
    (part,) = found["緊急通報の登録者数"]["parts"]
    assert (part["baseline"]["value"], part["target"]["value"], part["actuals"]) == (
        498,
        540,
        [{"fiscal_year": 2024, "value": 515}],
    )
    assert [(w["line"], w["message"]) for w in plan["warnings"]] == [
        (15, "緊急通報の登録者数 at line 15 prints no baseline; its earliest actual (498) is the baseline."),
        (
            18,
            "The row 評価 of 緊急通報の登録者数 at line 18 holds neither targets nor actuals; it was not read.",
        ),
        (
            21,
            "The table at line 21 (目標・KPI / 目標 / 実績 / 達成率) is not a plan table; its rows were not read.",
        ),
    ]


BRACKETED = """基本目標１　地域でつながる

（１）見守りの推進

見守り活動を広げます。(1)を受けて進めます。

指標\t現状値（R5）\t目標値（R11）
見守り協力店の数\t120店\t150店

（２）居場所づくり

（４）は番号が飛んでいるので見出しではありません

指標\t現状値（R5）\t目標値（R11）
サロンの数\t41か所\t50か所

基本目標２　ともに担う

（１）担い手の育成

指標\t現状値（R5）\t目標値（R11）
ボランティア登録者数\t310人\t400人
"""


def test_bracketed_numbers_head_the_level_below_the_worded_ones():
    plan = read_plan(BRACKETED.encode("utf-8"), "bracketed.txt")
    outline = [
        (
            g["number"],
            [
                (p["number"], p["title"], [i["name"] for a in p["approaches"] for i in a["indicators"]])
                for p in g["policies"]
            ],
        )
        for g in plan["goals"]
    ]
    assert outline == [
        (1, [(1, "見守りの推進", ["見守り協力店の数"]), (2, "居場所づくり", ["サロンの数"])]),
        (2, [(1, "担い手の育成", ["ボランティア登録者数"])]),
    ]


YEARS_AS_ROWS = """基本目標1 安心して暮らす
施策2 見守り
見守り協力店の数
年度\t目標値\t実績値\t達成率
平成23年度\t\t110店\t
平成24年度\t120店\t118店\t98%
平成25年度\t130店\t131店\t101%
平成26年度\t140店\t\t
"""


def test_years_as_rows_under_a_caption():
    (indicator,) = indicators_of(read_plan(YEARS_AS_ROWS.encode("utf-8"), "rows.txt")).values()
    (part,) = indicator["parts"]
    assert (indicator["name"], part["baseline"]["year"], part["baseline"]["value"]) == (
        "見守り協力店の数",
        2011,
        110,
    )
    assert (part["target"]["year"], part["target"]["value"], part["target"]["unit"]) == (2014, 140, "店")
    assert part["actuals"] == [{"fiscal_year": 2012, "value": 118}, {"fiscal_year": 2013, "value": 131}]
    assert part["yearly_targets"] == [
        {"fiscal_year": 2012, "value": 120},
        {"fiscal_year": 2013, "value": 130},
    ]


def test_untitled_headings_are_named_by_their_level_and_number():
    text = "基本目標1\n施策2\t\n指標\t現状値\t目標値\n相談件数\t10件\t20件\n"
    plan = read_plan(text.encode("utf-8"), "untitled.txt")
    (goal,) = plan["goals"]
    (policy,) = goal["policies"]
    assert (goal["title"], policy["title"], policy["approaches"][0]["title"]) == (
        "基本目標1",
        "施策2",
        "施策2",
    )
    assert [w["message"] for w in plan["warnings"][:2]] == [
        "The heading at line 1 has no title; it is called 基本目標1.",
        "The heading at line 2 has no title; it is called 施策2.",
    ]


def test_items_take_a_departments_line_that_follows_them_and_marker_names_stay_whole():
    text = "取組方針1 見守り\n事業1\n声かけ訪問\n担当課：福祉課\n指標\t現状値\t目標値\n①訪問件数 ②相談件数\t① 10件 ② 4件\t① 20件 ② 8件\n"
    (approach,) = approaches_of(read_plan(text.encode("utf-8"), "late.txt"))
    assert approach["items"] == [
        {
            "number": 1,
            "title": "声かけ訪問",
            "departments": ["福祉課"],
            "departments_inherited_from_approach": True,
        }
    ]
    (indicator,) = approach["indicators"]
    assert (indicator["name"], [p["label"] for p in indicator["parts"]]) == (
        "①訪問件数 ②相談件数",
        ["訪問件数", "相談件数"],
    )


def test_control_characters_of_a_damaged_export_are_dropped():
    text = "基本目標1 安心\x08して暮らす\n施策1 見守り\x1b\n指標\t現状値\t目標値\n相談件数\t10件\t20件\n"
    (goal,) = read_plan(text.encode("utf-8"), "damaged.txt")["goals"]
    assert (goal["title"], goal["policies"][0]["title"]) == ("安心して暮らす", "見守り")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_reports_reviews_and_kpi_sheets_are_not_taken_for_plans(seed, prefix):
    with pytest.raises(ReaderError, match="holds no plan"):
        read_plan_file(seed(prefix))


def test_bullets_under_a_label_of_main_work_are_items():
    plan = read_invented("momiji_bullets.txt")
    (approach, *_) = approaches_of(plan)
    assert [(i["number"], i["title"], i["departments"]) for i in approach["items"]] == [
        (1, "見守りネットワーク事業の推進", ["高齢福祉課"]),
        (2, "民生委員活動への支援", ["福祉総務課"]),
        (3, "地域の声かけ運動", []),
    ]
    assert plan["chapter"] == "第４章 施策の展開"


def test_excel_unicode_text_is_read_like_utf8():
    path = PLANS / "hinata_evaluation.tsv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    again = read_plan(text.encode("utf-16"), path.name)
    assert again == read_invented("hinata_evaluation.tsv")


def test_utf16_that_does_not_decode_is_refused():
    with pytest.raises(ReaderError, match="cannot be read as such"):
        read_plan(b"\xff\xfe\x00\xd8", "broken.txt")
