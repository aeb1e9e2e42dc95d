"""The indicator sheet as an Excel workbook: one row per indicator part, one value per cell.

Goal, policy and approach are repeated on every row (instead of merged
cells) so that the table can be filtered and sorted; the roll-up grades and
the committee's comments have their own sheets.  Approved evaluation texts
(評価文) sit in the last column of the parts and of the roll-ups.
"""

from __future__ import annotations

import io
from typing import Any

from .evaluation_sheet import IndicatorSheet, SheetNode, SheetPart
from .workbook import HEADER_ROW, PrintSetup, new_workbook, write_table

PARTS_SHEET = "評価指標"
ROLLUP_SHEET = "総合評価"
COMMENTS_SHEET = "推進委員会の意見"


def part_columns(sheet: IndicatorSheet) -> list[tuple[str, float]]:
    years = [(f"実績 {heading}", 10.0) for heading in sheet.year_headings]
    return [
        ("基本目標", 16),
        ("施策", 16),
        ("取組方針", 18),
        ("評価指標", 26),
        ("区分", 12),
        ("単位", 6),
        ("基準値年度", 8),
        ("目標値年度", 8),
        ("基準値", 9),
        *years,
        ("目標値", 9),
        ("達成率(%)", 8),
        ("評価", 8),
        ("推移（図）", 14),
        ("推移", 40),
        ("評価文", 60),
    ]


FIRST_VALUE_COLUMN = (
    8  # 基準値: baseline, each year's actual and the target sit side by side for the sparkline
)


def part_rows(sheet: IndicatorSheet) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for path, part in _parts_with_path(sheet):
        goal, policy, approach = (node.heading for node in path)
        baseline, target = part.part.baseline, part.part.target
        actuals = [part.actual_in(year) for year in sheet.years]
        rows.append(
            [
                goal,
                policy,
                approach,
                part.indicator_name,
                part.label,
                part.unit,
                baseline.fiscal_year,
                target.fiscal_year,
                baseline.value if baseline.value is not None else baseline.text,
                *[None if actual is None else actual.value for actual in actuals],
                target.value if target.value is not None else target.text,
                part.achievement_percent,
                part.grade_label,
                None,
                part.chart_text,
                part.text,
            ]
        )
    return rows


def _parts_with_path(sheet: IndicatorSheet) -> list[tuple[tuple[SheetNode, SheetNode, SheetNode], SheetPart]]:
    found: list[tuple[tuple[SheetNode, SheetNode, SheetNode], SheetPart]] = []
    for goal in sheet.goals:
        for policy in goal.children:
            for approach in policy.children:
                for indicator in approach.indicators:
                    found.extend(((goal, policy, approach), part) for part in indicator.parts)
    return found


def _sparklines(worksheet: Any, sheet: IndicatorSheet, count: int) -> None:
    """A small native Excel line per part: baseline → each year's actual → target (text cells are skipped)."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    last_value = FIRST_VALUE_COLUMN + len(sheet.years) + 1
    chart_column = last_value + 3
    for index in range(count):
        row = HEADER_ROW + 1 + index
        first = xl_rowcol_to_cell(row, FIRST_VALUE_COLUMN)
        last = xl_rowcol_to_cell(row, last_value)
        worksheet.add_sparkline(
            row,
            chart_column,
            {
                "range": f"'{PARTS_SHEET}'!{first}:{last}",
                "markers": True,
                "last_point": True,
                "empty_cells": "connect",
            },
        )


def rollup_rows(sheet: IndicatorSheet) -> list[list[Any]]:
    levels = {"goal": "基本目標", "policy": "施策", "approach": "取組方針"}
    return [
        [levels[node.level], node.number, node.title, node.rollup or "未評価", node.text]
        for node in sheet.nodes()
    ]


def comment_rows(sheet: IndicatorSheet) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for node in sheet.nodes():
        rows.extend([node.heading, "", c.fiscal_year, c.author, c.text] for c in node.comments)
        for indicator in node.indicators:
            rows.extend(
                [node.heading, indicator.name, c.fiscal_year, c.author, c.text] for c in indicator.comments
            )
    return rows


def evaluation_xlsx(sheet: IndicatorSheet) -> bytes:
    output = io.BytesIO()
    workbook = new_workbook(output)
    title = f"{sheet.plan_title} {sheet.heading}".strip()
    rows = part_rows(sheet)
    parts = write_table(workbook, PARTS_SHEET, title=title, columns=part_columns(sheet), rows=rows)
    _sparklines(parts, sheet, len(rows))
    write_table(
        workbook,
        ROLLUP_SHEET,
        title=f"{title} 総合評価",
        columns=[("階層", 10), ("番号", 6), ("名称", 40), ("総合評価", 10), ("評価文", 60)],
        rows=rollup_rows(sheet),
        setup=PrintSetup(landscape=False),
    )
    write_table(
        workbook,
        COMMENTS_SHEET,
        title=f"{title} 推進委員会の意見",
        columns=[("対象", 30), ("評価指標", 30), ("年度", 8), ("委員", 12), ("意見", 60)],
        rows=comment_rows(sheet),
    )
    workbook.close()
    return output.getvalue()
