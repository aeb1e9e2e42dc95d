"""A report as an Excel workbook: a real table, one value per cell, ready to print.

Sheet 1 (事業報告) has the council's columns with the name cell split into
number, name and department; sheet 2 (実績数値) has every figure of both
periods as one row each, so that nobody has to read numbers out of prose.
"""

from __future__ import annotations

import io
from typing import Any

from .report_sheet import (
    ACTIVITIES_HEADING,
    PLAN_HEADING,
    SEGMENT_HEADING,
    SERVICE_HEADING,
    ReportSheet,
)
from .workbook import PrintSetup, new_workbook, write_table

FIGURES_SHEET = "実績数値"
REPORT_SHEET = "事業報告"


def report_columns(sheet: ReportSheet) -> list[tuple[str, float]]:
    """(heading, width in characters) of the report table."""
    return [
        (SEGMENT_HEADING, 12),
        (SERVICE_HEADING, 12),
        ("番号", 5),
        ("事業名", 18),
        ("担当課", 10),
        (PLAN_HEADING, 16),
        (ACTIVITIES_HEADING, 36),
        (sheet.narrative_heading, 44),
        (sheet.current_heading, 28),
        (sheet.comparison_heading, 28),
    ]


FIGURE_COLUMNS: list[tuple[str, float]] = [
    ("番号", 5),
    ("事業名", 22),
    ("担当課", 12),
    ("期間", 26),
    ("項目", 26),
    ("値", 10),
    ("単位", 8),
    ("区分", 8),
    ("時点", 8),
]


def report_rows(sheet: ReportSheet) -> list[list[Any]]:
    return [
        [
            entry.segment or "",
            entry.service or "",
            entry.number,
            entry.name,
            entry.department or "",
            entry.plan_text,
            entry.activities,
            entry.narrative,
            entry.current_text,
            entry.comparison_text,
        ]
        for entry in sheet.projects
    ]


def figure_rows(sheet: ReportSheet) -> list[list[Any]]:
    headings = {"current": sheet.current_heading, "comparison": sheet.comparison_heading}
    return [
        [
            figure.project_number,
            figure.project_name,
            figure.department,
            headings[figure.period_role],
            figure.label,
            figure.value,
            figure.unit,
            figure.qualifier,
            figure.as_of,
        ]
        for figure in sheet.figures()
    ]


def report_xlsx(sheet: ReportSheet) -> bytes:
    """The workbook's bytes."""
    output = io.BytesIO()
    workbook = new_workbook(output)
    status = f"（{sheet.status}）" if sheet.status else ""
    title = f"{sheet.heading}{status}　{sheet.organisation}".strip()
    write_table(
        workbook,
        REPORT_SHEET,
        title=title,
        columns=report_columns(sheet),
        rows=report_rows(sheet),
        setup=PrintSetup(fit_width=True),
    )
    write_table(
        workbook,
        FIGURES_SHEET,
        title=f"{title}　実績数値",
        columns=FIGURE_COLUMNS,
        rows=figure_rows(sheet),
        setup=PrintSetup(fit_width=True),
    )
    workbook.close()
    return output.getvalue()
