"""The plan template: a plan written as an xlsx workbook and read back, and workbooks filled in wrong."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sasaeai.core import ReaderError, SasaeaiError
from sasaeai.core.plan import read_plan
from sasaeai.core.plan_workbook import INDICATOR_COLUMNS, write_plan_workbook

PLANS = Path(__file__).parent / "plans"
# What a workbook cannot hold: where each node was printed in the document it was read from.
PROVENANCE = {"source_line", "source_sheet", "summary", "summary_agrees", "name_as_printed"}


def content(value):
    """The plan without the reading's provenance."""
    if isinstance(value, dict):
        return {k: content(v) for k, v in value.items() if k not in PROVENANCE}
    if isinstance(value, list):
        return [content(v) for v in value]
    return value


def round_trip(plan):
    return read_plan(write_plan_workbook(plan), "plan.xlsx")


def sheet(data: bytes, name: str):
    return load_workbook(io.BytesIO(data))[name]


@pytest.fixture
def seed_gold(gold):
    return read_plan(gold("003_plan.json").read_bytes(), "003_plan.json")


def test_the_city_plans_gold_survives_a_round_trip(seed_gold):
    again = round_trip(seed_gold)
    assert content(again["goals"]) == content(seed_gold["goals"])
    assert again["counts"] == {
        "goals": 3,
        "policies": 7,
        "approaches": 19,
        "items": 69,
        "indicators": 35,
        "indicator_parts": 41,
    }


@pytest.mark.parametrize("gold_file", sorted(p.name for p in PLANS.glob("*.gold.json")))
def test_invented_plans_survive_a_round_trip(gold_file):
    plan = json.loads((PLANS / gold_file).read_text(encoding="utf-8"))
    again = round_trip(plan)
    assert content(again["goals"]) == content(plan["goals"])
    assert (again["counts"], again.get("period")) == (plan["counts"], plan.get("period"))


def test_the_workbook_has_the_sheets_lists_and_year_checks():
    plan = json.loads((PLANS / "kaede_chapters.gold.json").read_text(encoding="utf-8"))
    data = write_plan_workbook(plan)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["説明", "計画", "体系", "指標"]
    rules = {
        (str(v.sqref).split(":")[0], v.type, v.formula1) for v in book["指標"].data_validations.dataValidation
    }
    assert ("Q2", "list", '"増加,減少,維持"') in rules
    assert ("I2", "whole", "1900") in rules
    assert ("A2", "list", '"基本目標,施策,取組方針,取組項目"') in {
        (str(v.sqref).split(":")[0], v.type, v.formula1) for v in book["体系"].data_validations.dataValidation
    }
    headers = [c.value for c in book["指標"][1]]
    assert headers[len(INDICATOR_COLUMNS) :] == [f"{year}年度実績" for year in range(2024, 2030)]
    assert [c.value for c in book["計画"]["B"]] == ["値", None, 2024, 2029]


def test_an_empty_template_is_written_and_refused_until_filled_in():
    data = write_plan_workbook({"goals": [], "period": {"start": 2027, "end": 2032}})
    headers = [c.value for c in sheet(data, "指標")[1]]
    assert headers[-1] == "2032年度実績"
    with pytest.raises(ReaderError, match=r"sheet 体系 holds no goal yet") as caught:
        read_plan(data, "template.xlsx")
    assert "基本目標がありません" in caught.value.message_ja


def test_actuals_typed_into_the_workbook_are_read():
    plan = json.loads((PLANS / "kaede_chapters.gold.json").read_text(encoding="utf-8"))
    book = load_workbook(io.BytesIO(write_plan_workbook(plan)))
    book["指標"]["S2"] = 52  # 2024年度実績 of the first indicator
    book["指標"]["T2"] = "61"
    out = io.BytesIO()
    book.save(out)
    first = read_plan(out.getvalue(), "filled.xlsx")["goals"][0]["policies"][0]["approaches"][0][
        "indicators"
    ][0]
    assert first["parts"][0]["actuals"] == [
        {"fiscal_year": 2024, "value": 52},
        {"fiscal_year": 2025, "value": 61},
    ]


def _edited(changes: dict[tuple[str, str], object]) -> bytes:
    plan = json.loads((PLANS / "kaede_chapters.gold.json").read_text(encoding="utf-8"))
    book = load_workbook(io.BytesIO(write_plan_workbook(plan)))
    for (name, cell), value in changes.items():
        book[name][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("changes", "message", "message_ja"),
    [
        (
            {("体系", "A3"): "施策群"},
            "sheet 体系, row 3: 階層 '施策群' is not one of",
            "「体系」シート 3行目：階層「施策群」は",
        ),
        (
            {("体系", "B4"): "一"},
            "sheet 体系, row 4: 番号 '一' is not a number",
            "番号「一」が数値ではありません",
        ),
        ({("体系", "B4"): 1.5}, "sheet 体系, row 4: 番号 1.5 is not a whole number", "整数ではありません"),
        ({("体系", "C5"): None}, "sheet 体系, row 5: 名称 is empty", "名称が空欄です"),
        (
            {("体系", "A2"): "施策"},
            "sheet 体系, row 2: a 施策 row needs a 基本目標 row above it",
            "施策の行の上に基本目標",
        ),
        (
            {("体系", "B7"): 1},
            "sheet 体系, row 7: 番号 1 is used twice under the same parent",
            "重なっています",
        ),
        (
            {("指標", "C2"): 9},
            "sheet 指標, row 2: sheet 体系 has no 取組方針 9 under 施策 1 of 基本目標 1",
            "取組方針9がありません",
        ),
        (
            {("指標", "J3"): "31.5%"},
            "sheet 指標, row 3: 基準値 '31.5%' is not a number",
            "基準値「31.5%」が数値ではありません",
        ),
        (
            {("指標", "M2"): "来年"},
            "sheet 指標, row 2: 目標年度 '来年' is not a year",
            "目標年度「来年」は年度",
        ),
        (
            {("指標", "Q2"): "上昇"},
            "sheet 指標, row 2: 方向 '上昇' is not one of 増加, 減少, 維持",
            "方向「上昇」は",
        ),
        ({("指標", "E2"): None}, "sheet 指標, row 2: 指標名 is empty", "指標名が空欄です"),
        ({("指標", "J1"): "基準"}, "sheet 指標, row 1: the columns must be", "見出しは"),
        ({("指標", "Z1"): "備考"}, "sheet 指標, row 1: the column '備考' is neither", "列「備考」は"),
    ],
)
def test_a_workbook_filled_in_wrong_is_refused_naming_sheet_and_row(changes, message, message_ja):
    with pytest.raises(ReaderError) as caught:
        read_plan(_edited(changes), "filled.xlsx")
    assert message in str(caught.value)
    assert message_ja in caught.value.message_ja
    assert "\n" not in str(caught.value)


def test_an_era_year_in_a_year_cell_is_read_as_its_fiscal_year():
    plan = read_plan(_edited({("指標", "M2"): "R12"}), "filled.xlsx")
    first = plan["goals"][0]["policies"][0]["approaches"][0]["indicators"][0]
    assert first["parts"][0]["target"]["year"] == 2030


_CELL_VALUES = st.one_of(
    st.none(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["基本目標", "施策", "取組方針", "取組項目", "増加", "以上", "R8", "—", "1,200", "x"]),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["体系", "指標", "計画"]), st.integers(1, 12), st.integers(1, 26), _CELL_VALUES
        ),
        max_size=6,
    )
)
def test_a_template_with_cells_changed_raises_only_the_projects_errors(changes):
    plan = json.loads((PLANS / "kaede_chapters.gold.json").read_text(encoding="utf-8"))
    book = load_workbook(io.BytesIO(write_plan_workbook(plan)))
    for name, row, column, value in changes:
        book[name].cell(row, column).value = value
    out = io.BytesIO()
    book.save(out)
    with contextlib.suppress(SasaeaiError):
        read_plan(out.getvalue(), "changed.xlsx")


_PLAN_CELLS = st.sampled_from(
    [
        *("基本目標Ⅱ", "施策 1-2", "基本事業 (3)", "事業1", "担当課", "指標名", "基準値", "目標値（R11）"),
        *("平成23年度", "実績値", "目標値", "区分", "① 6回 ② 95人", "1,200", "—", "年6回以上", "30件"),
        *("43.5%(H26年度)", "(1) 見守り"),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(_PLAN_CELLS, st.text(max_size=5)), min_size=1, max_size=5), max_size=25))
def test_every_plan_the_reader_returns_survives_the_workbook(rows):
    text = "\n".join("\t".join(cells) for cells in rows)
    try:
        plan = read_plan(text.encode("utf-8"), "any.txt")
    except SasaeaiError:
        return
    again = round_trip(plan)

    def without_joined_texts(value):  # an indicator's printed cells are its parts' cells joined again
        found = content(value)
        for goal in found:
            for policy in goal["policies"]:
                for approach in policy["approaches"]:
                    for indicator in approach["indicators"]:
                        indicator.pop("baseline_text"), indicator.pop("target_text")
        return found

    assert without_joined_texts(again["goals"]) == without_joined_texts(plan["goals"])


def test_a_workbook_that_only_names_its_sheets_like_the_template_is_read_as_a_document():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "体系"
    book.active.append(["基本目標Ⅰ", "安心して暮らせるまち"])
    sheet = book.create_sheet("指標")
    for row in (
        ["施策", "1", "見守り"],
        ["指標名", "現状値（R5）", "目標値（R11）"],
        ["協力店の数", "120店", "150店"],
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    plan = read_plan(out.getvalue(), "evaluation.xlsx")
    assert plan["counts"]["indicators"] == 1
    assert [(g["number"], g["title"]) for g in plan["goals"]] == [(1, "安心して暮らせるまち")]


def test_a_template_without_its_guide_sheet_is_still_the_template():
    plan = json.loads((PLANS / "kaede_chapters.gold.json").read_text(encoding="utf-8"))
    book = load_workbook(io.BytesIO(write_plan_workbook(plan)))
    del book["説明"]
    out = io.BytesIO()
    book.save(out)
    assert read_plan(out.getvalue(), "no-guide.xlsx")["counts"] == plan["counts"]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    """Reproduces an item named "=:" that came back empty: openpyxl had written it as a formula."""
    plan = {
        "title": '=HYPERLINK("http://example.jp")',
        "period": {"start": 2024, "end": 2029},
        "goals": [{"number": 1, "title": "=:", "policies": []}],
    }
    data = write_plan_workbook(plan)
    book = load_workbook(io.BytesIO(data))
    assert all(cell.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for cell in row)
    again = round_trip(plan)
    assert again["title"] == plan["title"]
    assert [goal["title"] for goal in again["goals"]] == ["=:"]
