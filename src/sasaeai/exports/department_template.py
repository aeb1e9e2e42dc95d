"""入力用の様式: a department's rows of one period as an xlsx to fill in Excel and upload again.

The first sheet has the council's report columns (the same as the report's
Excel export, so the report reader reads it back): each project's row carries
its planned activities and narrative, this period's figures as text to
complete ("登録数 　箇所": the number goes before the unit) and the same
period of last year beside them.  The second sheet says how to fill it.  Text
that begins with "=" stays text (the workbook writes no formulas).
"""

from __future__ import annotations

import io
from dataclasses import replace

from sasaeai.core.records import ProjectEntry as EntryRecord
from sasaeai.people.models import Department
from sasaeai.reports.models import ProjectEntry, Quantity, Report, Side
from sasaeai.reports.services.grid import department_entries, last_year_figures, results_text

from .queries import entry_record, report_sheet
from .report_xlsx import REPORT_SHEET, report_columns, report_rows
from .workbook import PrintSetup, new_workbook, write_table

BLANK = "　"  # where the department writes the number: a full-width space before the unit
GUIDE_SHEET = "記入のしかた"
NONE_LAST_YEAR = "—"  # no figures stored for the same period of last year


def figure_text(figures: list[Quantity]) -> str:
    """The figures as the results cell writes them, one a line: 登録数 87箇所, or 登録数 　箇所 while empty."""
    return results_text(figures, blank=BLANK)


def _template_row(entry: ProjectEntry, record: EntryRecord) -> EntryRecord:
    current = list(entry.quantities.filter(side=Side.CURRENT).order_by("order", "id"))
    comparison = [q for q in last_year_figures(entry) if q.value is not None]
    return replace(
        record,
        current_text=figure_text(current) or record.current_text,
        # Never empty: the reader places a row's cells by position only when the row is as wide as its header.
        comparison_text=(figure_text(comparison) if comparison else record.comparison_text) or NONE_LAST_YEAR,
    )


def department_template(report: Report, department: Department) -> bytes:
    """The workbook's bytes: the department's rows of the report in the council's columns, and a guide."""
    sheet = report_sheet(report)
    entries = department_entries(report, department)
    sheet.projects = [_template_row(entry, entry_record(entry)) for entry in entries]
    output = io.BytesIO()
    workbook = new_workbook(output)
    write_table(
        workbook,
        REPORT_SHEET,
        title=f"{sheet.heading}（{department.name} 入力用）　{sheet.organisation}",
        columns=report_columns(sheet),
        rows=report_rows(sheet),
        setup=PrintSetup(fit_width=True),
    )
    write_table(
        workbook,
        GUIDE_SHEET,
        title="記入のしかた",
        columns=[("手順", 100)],
        rows=[[line] for line in guide(sheet.current_heading)],
    )
    workbook.close()
    return output.getvalue()


def guide(current_heading: str) -> list[str]:
    return [
        f"1. 「{current_heading}」の列の各行で、単位の前に数字を書きます（例: 登録数 87箇所）。",
        "2. 項目を増やすときは、同じセルに改行して「項目名 数字単位」を書き足します。",
        "3. 数字を書かなかった項目は取り込まれません（入力表の画面で後から追加できます）。",
        "4. 「事業実績内容」「具体的な実施事項」も書き直せます。",
        "5. 行や列の順序、見出しは変えないでください。他の担当課の事業は取り込めません。",
        "6. 保存したファイルを、入力表の画面の「記入した様式を取り込む」から取り込みます。",
        "   誤りがあると、その行を示して取り込みません（何も保存しません）。",
    ]
