"""Reading a plan document (地域福祉計画 chapter, evaluation sheet, workbook, or its JSON form) into a plain dict.

The dict is the plan JSON (the same shape as the hand-made answer files)::

    {"source", "chapter", "period"?, "goals": [{"number", "title", "source_line", "policies": [
        {"number", "title", "source_line", "approaches": [
            {"number", "title", "printed_marker", "source_line", "departments",
             "items": [{"number", "title", "departments", ...}],
             "indicators": [{"name", "parts": [{"label", "marker"?, "baseline": {"year", "value", "unit", "text"},
                             "target": {..., "qualifier"?}, "direction", "actuals"?: [{"fiscal_year", "value"}]}],
                             "baseline_text", "target_text", "source_line", "summary", "summary_agrees"}]}]}]}],
     "counts": {...}, "notes": [...], "warnings": [{"line", "sheet"?, "message", "message_ja"}]}

``notes`` say how the reader resolved what the document prints twice or
misprints; ``warnings`` say, line by line, what it could not place, for a
preview before the import.  The tree is built by
:class:`~sasaeai.core.plan_builder.PlanBuilder`; numbers are settled here once
the whole plan is read:

- printed numbers (基本目標Ⅱ -> 2, 施策1-2 -> 2, 取組方針③ -> 3) are kept when
  they are consecutive, unique across the plan, or restart at 1 under each
  parent and are unique there;
- otherwise nodes are numbered by their order, across the plan when the
  printed numbers run across it (misprints such as a second 取組方針⑩ become a
  note), else within their parent; nodes with no printed number are numbered
  by their order within their parent; implied nodes keep 0.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import ReaderError
from .periods import find_years
from .plan_builder import PlanBuilder
from .plan_columns import predominant_era
from .plan_grid import PlanWarning
from .plan_headings import read_heading
from .plan_json import count_plan, read_plan_json
from .plan_source import PlanSource, csv_source, text_source, workbook_source
from .plan_tables import clean_cell, scan
from .plan_workbook_reader import is_plan_workbook, read_plan_workbook
from .tables import read_file_bytes, read_text_input
from .text import normalize
from .workbooks import open_workbook

_RANGE_RE = re.compile(r"[~〜～\-－ー]|から")


def read_plan(data: bytes, name: str) -> dict[str, Any]:
    """Read a plan file (text or CSV with tables, an xlsx workbook, or the plan JSON) into the plan dict.

    ``read_plan("基本目標Ⅰ 安心のまち\\n施策1 見守り\\n指標\\t現状値（R5）\\t目標値（R11）\\n"
    "協力店\\t120店\\t150店\\n".encode(), "plan.txt")`` gives goal 1 (安心のまち), policy 1 (見守り),
    an implied approach 0 holding 協力店 (120 店 in 2023 → 150 店 in 2029), and a warning that
    the indicator stands under no 取組方針.

    A workbook with the template's sheets (:func:`sasaeai.core.plan_workbook.write_plan_workbook`) is
    read as that template.  Raises :class:`ReaderError` for an empty, binary or undecodable file, for
    JSON or a template of the wrong shape, and for a document in which no plan can be found.
    """
    suffix = Path(name).suffix.lower()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = _from_utf16(data, name)
    if data.startswith(b"PK\x03\x04") or suffix == ".xlsx":
        workbook = open_workbook(data, name)
        try:
            if is_plan_workbook(workbook, name):
                return read_plan_workbook(workbook, name)
            source = workbook_source(workbook, name)
        finally:
            workbook.close()
    elif suffix == ".csv":
        source = csv_source(data, name)
    else:
        text = read_text_input(data, name)
        if text.lstrip().startswith("{"):
            return read_plan_json(text, name)
        source = text_source(text, name)
    return _read_source(source, name)


def _from_utf16(data: bytes, name: str) -> bytes:
    """Excel saves "Unicode text" as UTF-16 with a byte-order mark; the readers take UTF-8."""
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        raise ReaderError(
            f"{name} starts as UTF-16 text but cannot be read as such.",
            f"{name} は UTF-16 のテキストとして読めません。",
        ) from None


read_plan_bytes = read_plan  # the name the report reader's pair (read_report_bytes) suggests


def read_plan_file(path: Path | str) -> dict[str, Any]:
    """:func:`read_plan` of a file on disk: ``read_plan_file("第3期地域福祉計画.xlsx")``."""
    path = Path(path)
    return read_plan(read_file_bytes(path), path.name)


def _read_source(source: PlanSource, name: str) -> dict[str, Any]:
    era = predominant_era(source.text)
    scanned = scan(source.lines, era)
    builder = PlanBuilder(name, era, _document_title(source))
    plan = builder.build(scanned.events)
    plan["chapter"] = scanned.chapter
    if not any(policy["approaches"] for goal in plan["goals"] for policy in goal["policies"]):
        raise ReaderError(
            f"{name} holds no plan: no approaches (取組方針), items or indicators were found.",
            f"{name} には計画が見つかりません（取組方針・取組・指標がありません）。",
        )
    _settle_numbers(plan)
    period = _period(source)
    if period is not None:
        plan["period"] = period
    warnings = sorted(scanned.warnings + builder.warnings, key=lambda w: w.line)
    plan["warnings"] = [warning_dict(warning, source) for warning in warnings]
    if source.places:
        _relocate(plan, source)
    plan["counts"] = count_plan(plan)
    return plan


def _document_title(source: PlanSource) -> str:
    """The first short line of running text before any heading or table: the name of an implied goal."""
    for line in source.lines[:20]:
        if line.cells is not None or read_heading(line.text) is not None:
            break
        text = clean_cell(line.text)
        if text and len(text) <= 40 and not text.endswith("。"):
            return text
    return ""


def _period(source: PlanSource) -> dict[str, int] | None:
    """計画期間: the first line naming two fiscal years as a range ("令和6年度～令和11年度")."""
    for line in source.lines[:60]:
        text = normalize(line.text)
        if len(text) > 60 and "計画期間" not in text:
            continue
        years = [m for m in find_years(text) if m.is_fiscal]
        if len(years) == 2 and years[0].year < years[1].year:
            between = text[years[0].end : years[1].start]
            if _RANGE_RE.search(between) and len(between.strip()) <= 3:
                return {"start": years[0].year, "end": years[1].year}
    return None


def warning_dict(warning: PlanWarning, source: PlanSource) -> dict[str, Any]:
    """A warning as the plan JSON holds it: {"line", "sheet"?, "message", "message_ja"}, the place filled in.

    Line 40 of a workbook whose sheet 施策3-2 starts at line 31 becomes ``{"line": 10, "sheet": "施策3-2",
    "message": "… at row 10 of sheet 施策3-2 …", "message_ja": "シート「施策3-2」の10行目…"}``.
    """
    sheet, row = source.where(warning.line)
    found: dict[str, Any] = {"line": row}
    at, at_ja = f"line {row}", f"{row}行目"
    if sheet is not None:
        found["sheet"] = sheet
        at, at_ja = f"row {row} of sheet {sheet}", f"シート「{sheet}」の{row}行目"
    found["message"] = warning.message.replace("{at}", at)
    found["message_ja"] = warning.message_ja.replace("{at_ja}", at_ja)
    return found


def _relocate(plan: dict[str, Any], source: PlanSource) -> None:
    """Line numbers of a workbook back to rows of their sheet (the sheet named when there are several)."""
    several = len({sheet for sheet, _ in source.places}) > 1

    def move(node: dict[str, Any]) -> None:
        if isinstance(node.get("source_line"), int):
            sheet, node["source_line"] = source.where(node["source_line"])
            if several:
                node["source_sheet"] = sheet

    for goal in plan["goals"]:
        move(goal)
        for policy in goal["policies"]:
            move(policy)
            for approach in policy["approaches"]:
                move(approach)
                for indicator in approach["indicators"]:
                    move(indicator)
                    if indicator.get("summary"):
                        move(indicator["summary"])


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    goals: list[dict[str, Any]] = plan["goals"]
    policies = [p for g in goals for p in g["policies"]]
    return goals + policies + [a for p in policies for a in p["approaches"]]


def _settle_numbers(plan: dict[str, Any]) -> None:
    def real(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [node for node in nodes if not node.get("implied")]

    _settle([real(plan["goals"])])
    _settle([real(goal["policies"]) for goal in plan["goals"]])
    _settle([real(p["approaches"]) for g in plan["goals"] for p in g["policies"]])
    for node in _nodes(plan):
        node.pop("_departments", None)
        printed = node.pop("_printed", None)
        if "printed_marker" in node and printed is not None and printed != node["number"]:
            plan["notes"].append(
                f"Approach heading at line {node['source_line']} is printed {node['printed_marker']!r}; "
                f"it is approach {node['number']}."
            )


def _settle(groups: list[list[dict[str, Any]]]) -> None:
    """Number one level's nodes (grouped by parent) by the rules of the module docstring."""
    nodes = [node for group in groups for node in group]
    if not nodes:
        return
    if any(node.get("_printed") is None for node in nodes):
        for group in groups:
            for position, node in enumerate(group, 1):
                node["number"] = position
        return
    printed: list[int] = [node["_printed"] for node in nodes]
    filled = [group for group in groups if group]
    consecutive = printed == list(range(printed[0], printed[0] + len(printed)))
    across = len(set(printed)) == len(printed)
    within = all(len({n["_printed"] for n in group}) == len(group) for group in filled)
    restarts = len(filled) > 1 and all(group[0]["_printed"] == 1 for group in filled[1:])
    if consecutive or across or (within and restarts):
        for node in nodes:
            node["number"] = node["_printed"]
        return
    if restarts:
        for group in filled:
            for position, node in enumerate(group, 1):
                node["number"] = position
        return
    for position, node in enumerate(nodes, printed[0]):
        node["number"] = position
