"""A KPI sheet as an xlsx workbook: one value per cell, the header frozen, ready to print."""

from __future__ import annotations

import io
from decimal import Decimal

from sasaeai.exports.cells import new_xlsx_workbook

from .models import KpiSheet

HEADINGS = [
    "区分",
    "目標・KPI",
    "指標の種類",
    "目標",
    "単位",
    "実績",
    "単位",
    "時点",
    "達成率（印字）",
    "達成率（算出）",
    "一致",
    "目標未達の理由",
]


def kpi_sheet_workbook(sheet: KpiSheet) -> bytes:
    """The sheet's budget, KPIs, partners and issues, in one worksheet (text never becomes a formula)."""
    buffer = io.BytesIO()
    book = new_xlsx_workbook(buffer)
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    page = book.add_worksheet("KPI")
    page.set_landscape()
    page.set_paper(9)  # A4
    page.fit_to_pages(1, 0)
    page.write(0, 0, sheet.project_name, bold)
    for row, (label, amount) in enumerate((("個別事業費", sheet.project_cost), ("交付金額", sheet.grant)), 1):
        page.write_row(row, 0, [label, None if amount is None else float(amount), sheet.budget_unit])
    for column, heading in enumerate(HEADINGS):
        page.write(4, column, heading, bold)
    page.freeze_panes(5, 0)
    page.repeat_rows(4)
    row = 5
    for kpi in sheet.kpis.all():
        values = [
            kpi.kind,
            kpi.name,
            kpi.indicator_type,
            kpi.target_value,
            kpi.target_unit,
            kpi.actual_value,
            kpi.actual_unit,
            kpi.actual_as_of,
            kpi.printed_rate,
            kpi.computed_rate,
            {True: "一致", False: "不一致", None: ""}[kpi.rate_agrees],
            kpi.reason,
        ]
        for column, value in enumerate(values):
            page.write(row, column, float(value) if isinstance(value, Decimal) else value, wrap)
        row += 1
    row += 1
    for label, text in (
        ("連携団体", "、".join(sheet.partners) + ("等" if sheet.partners_open_ended else "")),
        ("今後の課題", sheet.future_issues),
    ):
        page.write(row, 0, label, bold)
        page.write(row, 1, text, wrap)
        row += 1
    page.set_column(1, 1, 40)
    page.set_column(11, 11, 40)
    book.close()
    return buffer.getvalue()
