"""The plan template: a plan JSON written as an xlsx workbook a secretariat fills in with Excel.

Sheets: 説明 (how to fill it in), 計画 (name and period), 体系 (the hierarchy,
one row per goal, policy, approach or item, in order: a row belongs to the
row of the level above it), 指標 (one row per indicator part, placed by the
numbers of its goal, policy and approach).  Drop-down lists hold the levels,
directions and qualifiers; year cells accept whole years only.  A column
headed "2025年度実績" holds that year's actuals (one per fiscal year of the
plan; more may be added), "2025年度目標" a target set for a year before the
last.  :func:`sasaeai.core.plan_workbook_reader.read_plan_workbook` reads the
workbook back into the same plan.
"""

from __future__ import annotations

import io
import re
from typing import Any

GUIDE, PLAN, TREE, INDICATORS = "説明", "計画", "体系", "指標"
PLAN_FIELDS = (("計画名", "title"), ("開始年度", "start"), ("終了年度", "end"))
LEVELS = {"基本目標": "goal", "施策": "policy", "取組方針": "approach", "取組項目": "item"}
TREE_COLUMNS = ("階層", "番号", "名称", "表記", "副題", "担当課", "グループ", "小項目", "再掲元No")
INDICATOR_COLUMNS = (
    *("基本目標No", "施策No", "取組方針No", "指標No", "指標名", "内訳", "記号", "単位"),
    *(
        "基準年度",
        "基準値",
        "基準値の条件",
        "基準値の表記",
        "目標年度",
        "目標値",
        "目標値の条件",
        "目標値の表記",
    ),
    *("方向", "許容幅"),
)
DIRECTIONS = {"増加": "increase", "減少": "decrease", "維持": "maintain"}
QUALIFIERS = ("以上", "以下", "未満", "超")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ROWS_TO_FILL = 500  # rows below the data that keep the drop-down lists and year checks
_GUIDE_TEXT = (
    "地域福祉計画 入力用ブック（Sasaeai）",
    "",
    "1. 「計画」シートに計画名と計画期間（開始年度・終了年度、西暦）を入れます。",
    "2. 「体系」シートに、基本目標・施策・取組方針・取組項目を上から順に1行ずつ入れます。",
    "   各行は、その上にある一つ上の階層の行に属します（施策はその上の基本目標に、取組方針はその上の施策に）。",
    "   番号は同じ親の中で重ならない整数です。計画にない階層は番号 0 の行で補います。",
    "   担当課は「/」で区切ります。取組項目の担当課が空欄なら取組方針の担当課を引き継ぎます。",
    "3. 「指標」シートに指標の内訳ごとに1行ずつ入れます。基本目標No・施策No・取組方針No で取組方針を指します。",
    "   同じ指標の内訳は同じ指標No の行に続けて入れ、指標名は最初の行だけで構いません。",
    "   年度は西暦の整数（例：2026）、値は数値です。方向は 増加・減少・維持 から選びます。",
    "   「2025年度実績」の列にはその年度の実績を入れます。列は増やせます。",
    "4. 表記の列は計画書に印刷されたとおりの文字（例：年1回以上）です。空欄なら値と単位から作ります。",
    "",
    "行を並べ替えたり、見出しの行を変えたりしないでください。取り込み時に誤りがあれば、シート名と行番号でお知らせします。",
)


def _nodes(plan: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = []
    for goal in plan.get("goals") or []:
        rows.append(("基本目標", goal))
        for policy in goal.get("policies") or []:
            rows.append(("施策", policy))
            for approach in policy.get("approaches") or []:
                rows.append(("取組方針", approach))
                rows.extend(("取組項目", item) for item in approach.get("items") or [])
    return rows


def _tree_row(level: str, node: dict[str, Any]) -> list[Any]:
    inherited = node.get("departments_inherited_from_approach")
    return [
        level,
        node.get("number"),
        node.get("title"),
        node.get("printed_marker") or None,
        node.get("subtitle"),
        None if inherited else "/".join(node.get("departments") or []) or None,
        node.get("group"),
        "\n".join(node.get("subitems") or []) or None,
        node.get("reprint_of"),
    ]


def plan_years(plan: dict[str, Any]) -> list[int]:
    """The fiscal years that get an actuals column: the plan's period, or from the first baseline year to
    the last target year, and every year an actual is given for (計画期間 2024–2029 -> 2024 … 2029)."""
    parts = [p for _, ind in _indicators(plan) for p in ind["parts"]]
    years = {a["fiscal_year"] for p in parts for a in p.get("actuals") or []}
    period = plan.get("period") or {}
    start = period.get("start") or min((p["baseline"].get("year") or 9999 for p in parts), default=9999)
    end = period.get("end") or max((p["target"].get("year") or 0 for p in parts), default=0)
    return sorted(years | set(range(start, end + 1)))


def _indicators(plan: dict[str, Any]) -> list[tuple[tuple[int, int, int], dict[str, Any]]]:
    found: list[tuple[tuple[int, int, int], dict[str, Any]]] = []
    for goal in plan.get("goals") or []:
        for policy in goal.get("policies") or []:
            for approach in policy.get("approaches") or []:
                place = (goal["number"], policy["number"], approach["number"])
                found.extend((place, indicator) for indicator in approach.get("indicators") or [])
    return found


def _measure_cells(measure: dict[str, Any]) -> list[Any]:
    return [measure.get("year"), measure.get("value"), measure.get("qualifier"), measure.get("text") or None]


def _indicator_rows(
    plan: dict[str, Any], actual_years: list[int], target_years: list[int]
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    numbers: dict[tuple[int, int, int], int] = {}
    direction_words = {code: word for word, code in DIRECTIONS.items()}
    for place, indicator in _indicators(plan):
        numbers[place] = numbers.get(place, 0) + 1
        for index, part in enumerate(indicator["parts"]):
            unit = part["target"].get("unit") or part["baseline"].get("unit")
            row = [*place, numbers[place], indicator["name"] if index == 0 else None, part.get("label")]
            row += [
                part.get("marker"),
                unit,
                *_measure_cells(part["baseline"]),
                *_measure_cells(part["target"]),
            ]
            row += [direction_words.get(part.get("direction", "")), part.get("tolerance")]
            actuals = {a["fiscal_year"]: a["value"] for a in part.get("actuals") or []}
            targets = {t["fiscal_year"]: t["value"] for t in part.get("yearly_targets") or []}
            rows.append(row + [actuals.get(y) for y in actual_years] + [targets.get(y) for y in target_years])
    return rows


def write_plan_workbook(plan: dict[str, Any]) -> bytes:
    """The plan as the template workbook (xlsx bytes); ``{"goals": []}`` gives an empty template to fill in.

    ``write_plan_workbook({"title": "第4期あさひ町地域福祉計画", "period": {"start": 2024, "end": 2029},
    "goals": []})`` gives the four sheets with the headers, drop-down lists and an 実績 column per year
    from 2024年度 to 2029年度, ready for the secretariat.
    """
    from openpyxl import Workbook  # heavy: imported only when a workbook is written

    book = Workbook()
    _guide(book.active)
    _plan_sheet(book.create_sheet(PLAN), plan)
    tree = book.create_sheet(TREE)
    _table(tree, TREE_COLUMNS, [_tree_row(level, node) for level, node in _nodes(plan)])
    _validate_tree(tree)
    years = plan_years(plan)
    target_years = sorted(
        {
            t["fiscal_year"]
            for _, i in _indicators(plan)
            for p in i["parts"]
            for t in p.get("yearly_targets") or []
        }
    )
    headers = (*INDICATOR_COLUMNS, *(f"{y}年度実績" for y in years), *(f"{y}年度目標" for y in target_years))
    sheet = book.create_sheet(INDICATORS)
    _table(sheet, headers, _indicator_rows(plan, years, target_years))
    _validate_indicators(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _guide(sheet: Any) -> None:
    from openpyxl.styles import Font

    sheet.title = GUIDE
    for line in _GUIDE_TEXT:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def _plan_sheet(sheet: Any, plan: dict[str, Any]) -> None:
    period = plan.get("period") or {}
    values = {"title": plan.get("title"), "start": period.get("start"), "end": period.get("end")}
    _table(sheet, ("項目", "値"), [[label, values[key]] for label, key in PLAN_FIELDS])
    _rule(sheet, ["B3:B4"], "whole", "年度は西暦の整数（例：2026）で入れてください。", ("1900", "2100"))
    sheet.column_dimensions["B"].width = 40


def _table(sheet: Any, headers: tuple[str, ...], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(list(headers))
    for row in rows:
        # A cell cannot hold control characters; a plan read from a damaged export may.
        sheet.append([_CONTROL_RE.sub("", value) if isinstance(value, str) else value for value in row])
    for index, header in enumerate(headers, 1):
        cell = sheet.cell(1, index)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, 2 * len(header) + 4))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.data_type == "f":  # openpyxl takes text beginning with "=" for a formula: keep it text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"


def _last_row(sheet: Any) -> int:
    return int(sheet.max_row) + _ROWS_TO_FILL


def _rule(
    sheet: Any, cells: list[str], kind: str, message: str, bounds: tuple[str, str] | None = None
) -> None:
    """A data validation on ``cells``: a drop-down list (``kind`` "list", ``message`` its words) or numbers."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind == "list":
        rule = DataValidation(type="list", formula1=f'"{message}"', allow_blank=True)
        rule.error = f"{message.replace(',', '・')} のどれかを選んでください。"
    elif bounds is not None:
        rule = DataValidation(
            type="whole", operator="between", formula1=bounds[0], formula2=bounds[1], allow_blank=True
        )
        rule.error = message
    else:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        rule.error = message
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    for found in cells:
        rule.add(found)


def _validate_tree(sheet: Any) -> None:
    last = _last_row(sheet)
    _rule(sheet, [f"A2:A{last}"], "list", ",".join(LEVELS))
    _rule(sheet, [f"B2:B{last}"], "whole", "番号は0以上の整数です。")


def _validate_indicators(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    last = _last_row(sheet)

    def cells(*names: str) -> list[str]:
        letters = [get_column_letter(INDICATOR_COLUMNS.index(name) + 1) for name in names]
        return [f"{letter}2:{letter}{last}" for letter in letters]

    _rule(sheet, cells("方向"), "list", ",".join(DIRECTIONS))
    _rule(sheet, cells("基準値の条件", "目標値の条件"), "list", ",".join(QUALIFIERS))
    _rule(
        sheet,
        cells("基準年度", "目標年度"),
        "whole",
        "年度は西暦の整数（例：2026）で入れてください。",
        ("1900", "2100"),
    )
    _rule(sheet, cells("基本目標No", "施策No", "取組方針No", "指標No"), "whole", "番号は0以上の整数です。")
