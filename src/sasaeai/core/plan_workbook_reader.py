"""Reading the plan template (:mod:`sasaeai.core.plan_workbook`) back into the plan JSON.

Every cell is checked; the first one that is wrong refuses the workbook with
one sentence naming its sheet and row, in English and Japanese: a level not
in the list, a number that is not whole, an empty name, a 施策 with no
基本目標 above it, an indicator placed under an approach the 体系 sheet does
not have, a value that is not a number.  An indicator's printed cells
(``baseline_text``) are its parts' printed cells joined by spaces.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import ReaderError, SasaeaiError
from .periods import parse_fiscal_year
from .plan_indicators import direction_of, find_figures
from .plan_items import departments_of
from .plan_json import count_plan
from .plan_source import sheet_rows
from .plan_workbook import (
    DIRECTIONS,
    GUIDE,
    INDICATOR_COLUMNS,
    INDICATORS,
    LEVELS,
    PLAN,
    PLAN_FIELDS,
    QUALIFIERS,
    TREE,
    TREE_COLUMNS,
)
from .records import json_number
from .text import normalize
from .workbooks import sheet_rows as checked_rows

_YEAR_COLUMN_RE = re.compile(r"^(\d{4})年度(実績|目標)$")
_PARENTS = {"policy": "goal", "approach": "policy", "item": "approach"}
_LEVEL_WORDS = {level: word for word, level in LEVELS.items()}


def is_plan_workbook(workbook: Any, name: str = "") -> bool:
    """A workbook with the template's 体系 and 指標 sheets and its 説明 sheet or 階層 column.

    Any other xlsx, such as an evaluation workbook that happens to have sheets named 体系 and 指標,
    is read as a plan document.  A damaged 体系 sheet is refused naming ``name``.
    """
    if not {TREE, INDICATORS} <= set(workbook.sheetnames):
        return False
    if GUIDE in workbook.sheetnames:
        return True
    first: tuple[Any, ...] = next(checked_rows(workbook[TREE], name), ())
    return bool(first) and str(first[0] or "").strip() == TREE_COLUMNS[0]


class _Cells:
    """The cells of one row of one sheet, read by column name, refused with the sheet and row."""

    def __init__(self, name: str, sheet: str, row: int, headers: list[str], cells: list[str]) -> None:
        self.name, self.sheet, self.row = name, sheet, row
        self.values = dict(zip(headers, [*cells, *[""] * (len(headers) - len(cells))], strict=False))

    def refuse(self, message: str, message_ja: str) -> ReaderError:
        return ReaderError(
            f"{self.name}: sheet {self.sheet}, row {self.row}: {message}.",
            f"{self.name} の「{self.sheet}」シート {self.row}行目：{message_ja}。",
        )

    def text(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def number(self, column: str) -> int | float | None:
        text = normalize(self.text(column)).replace(",", "")
        if not text:
            return None
        try:
            return json_number(Decimal(text))
        except InvalidOperation:
            raise self.refuse(
                f"{column} {text!r} is not a number", f"{column}「{text}」が数値ではありません"
            ) from None

    def whole(self, column: str, required: bool = False) -> int | None:
        value = self.number(column)
        if value is None and required:
            raise self.refuse(f"{column} is empty", f"{column}が空欄です")
        if value is not None and not isinstance(value, int):
            raise self.refuse(
                f"{column} {value} is not a whole number", f"{column}「{value}」が整数ではありません"
            )
        return value

    def year(self, column: str) -> int | None:
        text = self.text(column)
        if not text:
            return None
        try:
            year = parse_fiscal_year(text).year
        except SasaeaiError:
            year = None
        if year is None or not 1900 <= year <= 2100:
            raise self.refuse(
                f"{column} {text!r} is not a year", f"{column}「{text}」は年度（西暦）ではありません"
            )
        return year

    def choice(self, column: str, allowed: tuple[str, ...]) -> str | None:
        text = self.text(column)
        if text and text not in allowed:
            raise self.refuse(
                f"{column} {text!r} is not one of {', '.join(allowed)}",
                f"{column}「{text}」は {'・'.join(allowed)} のどれかにしてください",
            )
        return text or None


def _rows(
    workbook: Any, sheet: str, name: str, headers: tuple[str, ...]
) -> tuple[list[str], list[list[str]]]:
    rows = sheet_rows(workbook[sheet], name)
    found = [cell.strip() for cell in (rows[0] if rows else [])]
    while found and not found[-1]:
        found.pop()
    if found[: len(headers)] != list(headers):
        raise ReaderError(
            f"{name}: sheet {sheet}, row 1: the columns must be {', '.join(headers)}.",
            f"{name} の「{sheet}」シート 1行目：見出しは {'、'.join(headers)} の順にしてください。",
        )
    for header in found[len(headers) :]:
        if header and not _YEAR_COLUMN_RE.match(normalize(header)):
            raise ReaderError(
                f"{name}: sheet {sheet}, row 1: the column {header!r} is neither 'YYYY年度実績' nor 'YYYY年度目標'.",
                f"{name} の「{sheet}」シート 1行目：列「{header}」は「2025年度実績」か「2025年度目標」の形にしてください。",
            )
    return found, rows[1:]


def read_plan_workbook(workbook: Any, name: str) -> dict[str, Any]:
    """The plan a filled-in template holds, in the plan JSON's shape.

    A 体系 row "取組方針 | 2 | 見守りの輪を広げる | 取組方針② | | 福祉課/市民課" under 施策 1 of
    基本目標 1, and a 指標 row "1 | 1 | 2 | 1 | 見守り協力店の数 | | | 店 | 2023 | 120 | … | 2029 | 150"
    give that approach with its departments and one indicator of one part (120 店 → 150 店).
    """
    tree_headers, tree = _rows(workbook, TREE, name, TREE_COLUMNS)
    goals, approaches = _read_tree(name, tree_headers, tree)
    if not goals:
        raise ReaderError(
            f"{name}: sheet {TREE} holds no goal yet; fill in the plan before importing it.",
            f"{name} の「{TREE}」シートに基本目標がありません。記入してから取り込んでください。",
        )
    headers, rows = _rows(workbook, INDICATORS, name, INDICATOR_COLUMNS)
    _read_indicators(name, headers, rows, approaches)
    plan: dict[str, Any] = {"source": name, "chapter": ""}
    plan.update(_plan_sheet(workbook, name))
    plan.update(goals=goals, notes=[], warnings=[])
    plan["counts"] = count_plan(plan)
    return plan


def _plan_sheet(workbook: Any, name: str) -> dict[str, Any]:
    if PLAN not in workbook.sheetnames:
        return {}
    found: dict[str, Any] = {}
    for row, cells in enumerate(sheet_rows(workbook[PLAN], name)[1:], 2):
        cells = [*cells, "", ""]
        key = dict(PLAN_FIELDS).get(cells[0].strip())
        if key == "title" and cells[1].strip():
            found["title"] = cells[1].strip()
        elif key in ("start", "end"):
            year = _Cells(name, PLAN, row, ["", "値"], cells).year("値")
            if year is not None:
                found.setdefault("period", {})[key] = year
    if set(found.get("period", {})) != {"start", "end"}:
        found.pop("period", None)
    return found


def _item(cells: _Cells, node: dict[str, Any]) -> dict[str, Any]:
    node["departments"] = departments_of(cells.text("担当課"))
    if cells.text("グループ"):
        node["group"] = cells.text("グループ")
        node["subitems"] = [line.strip() for line in cells.text("小項目").splitlines() if line.strip()]
    if cells.text("再掲元No"):
        node["reprint_of"] = cells.whole("再掲元No")
    return node


def _node(level: str, cells: _Cells) -> dict[str, Any]:
    number = cells.whole("番号", required=True)
    if not cells.text("名称"):
        raise cells.refuse("名称 is empty", "名称が空欄です")
    node: dict[str, Any] = {"number": number, "title": cells.text("名称")}
    if level == "item":
        return _item(cells, node)
    node["source_line"] = cells.row
    if level == "approach":
        for key, column in (("printed_marker", "表記"), ("subtitle", "副題")):
            if cells.text(column):
                node[key] = cells.text(column)
        node.update(departments=departments_of(cells.text("担当課")), items=[], indicators=[])
    else:
        node["policies" if level == "goal" else "approaches"] = []
    if number == 0:
        node["implied"] = True  # 番号 0: a level the plan does not head
    return node


def _read_tree(
    name: str, headers: list[str], rows: list[list[str]]
) -> tuple[list[dict[str, Any]], dict[tuple[int, int, int], dict[str, Any]]]:
    """The goals of the 体系 sheet, and its approaches by (goal, policy, approach) number."""
    goals: list[dict[str, Any]] = []
    current: dict[str, dict[str, Any]] = {}  # the row in effect at each level
    approaches: dict[tuple[int, int, int], dict[str, Any]] = {}
    for row, found in enumerate(rows, 2):
        if not any(cell.strip() for cell in found):
            continue
        cells = _Cells(name, TREE, row, headers, found)
        level = LEVELS.get(cells.choice("階層", tuple(LEVELS)) or "")
        if level is None:
            raise cells.refuse("階層 is empty", "階層が空欄です")
        node = _node(level, cells)
        _add(cells, goals if level == "goal" else _children(cells, current, level), node, level)
        depth = ("goal", "policy", "approach", "item").index(level)
        current = {
            k: v for k, v in current.items() if ("goal", "policy", "approach", "item").index(k) < depth
        }
        current[level] = node
        if level == "approach":
            approaches[(current["goal"]["number"], current["policy"]["number"], node["number"])] = node
    for approach in approaches.values():
        for item in approach["items"]:
            if not item["departments"]:
                item["departments"] = list(approach["departments"])
                item["departments_inherited_from_approach"] = True
    return goals, approaches


def _add(cells: _Cells, siblings: list[dict[str, Any]], node: dict[str, Any], level: str) -> None:
    # Items are numbered across the plan and may repeat a number (a reprint); the levels above may not.
    if level != "item" and any(other["number"] == node["number"] for other in siblings):
        raise cells.refuse(
            f"番号 {node['number']} is used twice under the same parent",
            f"番号 {node['number']} が同じ親の中で重なっています",
        )
    siblings.append(node)


def _children(cells: _Cells, current: dict[str, dict[str, Any]], level: str) -> list[dict[str, Any]]:
    parent = current.get(_PARENTS[level])
    if parent is None:
        word, above = _LEVEL_WORDS[level], _LEVEL_WORDS[_PARENTS[level]]
        raise cells.refuse(
            f"a {word} row needs a {above} row above it", f"{word}の行の上に{above}の行がありません"
        )
    key = {"policy": "policies", "approach": "approaches", "item": "items"}[level]
    children: list[dict[str, Any]] = parent[key]
    return children


def _measure(cells: _Cells, prefix: str, unit: str) -> dict[str, Any]:
    value = cells.number(f"{prefix}値")
    qualifier = cells.choice(f"{prefix}値の条件", QUALIFIERS)
    text = cells.text(f"{prefix}値の表記")
    if not text and value is not None:
        text = f"{value}{unit}{qualifier or ''}"
    # The printed text keeps a unit of its own where a plan counts baseline and target differently.
    printed = find_figures(text) if text and value is not None else []
    if len(printed) == 1 and printed[0].unit and printed[0].value == Decimal(str(value)):
        unit = printed[0].unit
    measure: dict[str, Any] = {
        "year": cells.year(f"{prefix}年度"),
        "value": value,
        "unit": unit or None if value is not None else None,
        "text": text,
    }
    if qualifier:
        measure["qualifier"] = qualifier
    return measure


def _yearly(cells: _Cells, headers: list[str], kind: str) -> list[dict[str, Any]]:
    found = []
    for header in headers[len(INDICATOR_COLUMNS) :]:
        match = _YEAR_COLUMN_RE.match(normalize(header))
        if match and match.group(2) == kind and cells.text(header):
            found.append({"fiscal_year": int(match.group(1)), "value": cells.number(header)})
    return found


def _part(cells: _Cells, headers: list[str]) -> dict[str, Any]:
    unit = cells.text("単位")
    part: dict[str, Any] = {"label": cells.text("内訳") or None}
    if cells.text("記号"):
        part["marker"] = cells.text("記号")
    part["baseline"], part["target"] = _measure(cells, "基準", unit), _measure(cells, "目標", unit)
    direction = cells.choice("方向", tuple(DIRECTIONS))
    part["direction"] = DIRECTIONS[direction] if direction else direction_of(part["baseline"], part["target"])
    if cells.text("許容幅"):
        part["tolerance"] = cells.number("許容幅")
    for key, kind in (("actuals", "実績"), ("yearly_targets", "目標")):
        values = _yearly(cells, headers, kind)
        if values:
            part[key] = values
    return part


def _read_indicators(
    name: str,
    headers: list[str],
    rows: list[list[str]],
    approaches: dict[tuple[int, int, int], dict[str, Any]],
) -> None:
    indicators: dict[tuple[int, ...], dict[str, Any]] = {}
    for row, found in enumerate(rows, 2):
        if not any(cell.strip() for cell in found):
            continue
        cells = _Cells(name, INDICATORS, row, headers, found)
        place = tuple(
            cells.whole(column, required=True) or 0 for column in ("基本目標No", "施策No", "取組方針No")
        )
        approach = approaches.get((place[0], place[1], place[2]))
        if approach is None:
            raise cells.refuse(
                f"sheet {TREE} has no 取組方針 {place[2]} under 施策 {place[1]} of 基本目標 {place[0]}",
                f"「{TREE}」シートに基本目標{place[0]}・施策{place[1]}の取組方針{place[2]}がありません",
            )
        key = (*place, cells.whole("指標No", required=True) or 0)
        if key not in indicators:
            if not cells.text("指標名"):
                raise cells.refuse("指標名 is empty", "指標名が空欄です")
            indicators[key] = {"name": cells.text("指標名"), "parts": [], "source_line": row}
            approach["indicators"].append(indicators[key])
        indicators[key]["parts"].append(_part(cells, headers))
    for indicator in indicators.values():
        for side in ("baseline", "target"):
            indicator[f"{side}_text"] = " ".join(
                p[side]["text"] for p in indicator["parts"] if p[side]["text"]
            )
        indicator.update(summary=None, summary_agrees=None)
