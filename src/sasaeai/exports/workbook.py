"""XlsxWriter set-up shared by the exports: a titled table with print settings.

Every sheet is a real Excel table (header row, one value per cell, filter
buttons), frozen under its header, printed A4 landscape fitted to the page
width with the header row repeated on every page and long text wrapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from .cells import new_xlsx_workbook

A4 = 9  # XlsxWriter's paper code for A4
FONT = "游ゴシック"  # what Excel offers on Japanese Windows; viewers fall back to their own gothic
TITLE_ROW = 0
HEADER_ROW = 2


@dataclass(frozen=True)
class PrintSetup:
    landscape: bool = True
    fit_width: bool = True


def new_workbook(output: IO[bytes]) -> Any:
    """A workbook that keeps text as text (:mod:`.cells`: a name beginning with "=" is no formula)."""
    workbook = new_xlsx_workbook(output)
    workbook.formats[0].set_font_name(FONT)
    return workbook


def _formats(workbook: Any) -> dict[str, Any]:
    cached: dict[str, Any] | None = getattr(workbook, "_sasaeai_formats", None)
    if cached is None:
        base = {"font_name": FONT, "font_size": 9, "valign": "top"}
        cached = {
            "title": workbook.add_format({**base, "font_size": 12, "bold": True}),
            "header": workbook.add_format({**base, "bold": True, "text_wrap": True, "border": 1}),
            "text": workbook.add_format({**base, "text_wrap": True, "border": 1}),
            "number": workbook.add_format({**base, "border": 1, "num_format": "#,##0.##"}),
        }
        workbook._sasaeai_formats = cached
    return cached


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")


def write_table(
    workbook: Any,
    name: str,
    *,
    title: str,
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Any]],
    setup: PrintSetup = PrintSetup(),
    numeric: Sequence[int] = (),
) -> Any:
    """Add a sheet holding ``rows`` under ``columns`` as an Excel table; return the sheet."""
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(name[:31])
    sheet.write_string(TITLE_ROW, 0, title, formats["title"])
    data = [list(row) for row in rows] or [[None] * len(columns)]
    numeric_columns = set(numeric) or _numeric_columns(data)
    table_columns = []
    for index, (heading, width) in enumerate(columns):
        cell_format = formats["number"] if index in numeric_columns else formats["text"]
        sheet.set_column(index, index, width)
        table_columns.append({"header": heading, "header_format": formats["header"], "format": cell_format})
    last_row = HEADER_ROW + len(data)
    sheet.add_table(
        HEADER_ROW,
        0,
        last_row,
        len(columns) - 1,
        {
            "columns": table_columns,
            "data": data,
            "style": "Table Style Light 1",
            "name": f"Table_{sheet.index + 1}",
        },
    )
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(sheet, title, setup)
    return sheet


def _numeric_columns(rows: Sequence[Sequence[Any]]) -> set[int]:
    from decimal import Decimal

    found: set[int] = set()
    for row in rows:
        for index, value in enumerate(row):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                found.add(index)
    return found


def _print_setup(sheet: Any, title: str, setup: PrintSetup) -> None:
    if setup.landscape:
        sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(HEADER_ROW)
    if setup.fit_width:
        sheet.fit_to_pages(1, 0)
    sheet.set_header(f"&L&9{_escape_header(title)}")
    sheet.set_footer("&C&9&P / &N")
