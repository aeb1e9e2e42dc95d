"""A plan file as lines: text with tab-separated tables, CSV, or every sheet of an xlsx workbook.

Text keeps its lines (a line with a tab is a table row).  CSV rows and sheet
rows become table rows, except a row whose only cell stands in the sheet's
first used column: that is running text (a heading, a caption).  Line numbers
run on from sheet to sheet; :attr:`PlanSource.places` turns them back into
(sheet, row).  A workbook written by :func:`sasaeai.core.plan_workbook.write_plan_workbook`
is read as that template instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import ReaderError
from .limits import MAX_ROWS, too_many_rows
from .plan_tables import SourceLine
from .tables import read_table, split_cells
from .workbooks import sheet_rows as _checked_rows


@dataclass
class PlanSource:
    """The lines of a plan file, and for a workbook the sheet and row of each line."""

    lines: list[SourceLine]
    text: str
    places: list[tuple[str, int]] = field(default_factory=list)

    def where(self, line: int) -> tuple[str | None, int]:
        """(sheet, row) of a line of a workbook; (None, line) for text."""
        if self.places and 1 <= line <= len(self.places):
            return self.places[line - 1]
        return None, line


def cell_text(value: object, number_format: str = "") -> str:
    """A sheet cell as text: 12.0 -> "12", None -> "", 0.625 shown as a percentage -> "62.5%"."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        percent = (Decimal(str(value)) * 100).normalize()
        shown = re.search(r"\.(0+)%", number_format)  # "0.0%" shows one decimal; never drop a digit
        places = max(len(shown.group(1)) if shown else 0, -percent.as_tuple().exponent)  # type: ignore[operator]
        return f"{percent:.{places}f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_rows(sheet: Any, name: str) -> list[list[str]]:
    """Every row of a sheet as text cells (12.0 -> "12", 0.385 shown as % -> "38.5%"), refused when
    damaged or past the row and column limits."""
    return [
        [cell_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
        for cells in _checked_rows(sheet, name, values_only=False)
    ]


def _row_lines(rows: list[tuple[int, list[str]]]) -> list[SourceLine]:
    used = [min((i for i, c in enumerate(cells) if c.strip()), default=None) for _, cells in rows]
    first = min((i for i in used if i is not None), default=0)
    lines = []
    for number, cells in rows:
        filled = [i for i, c in enumerate(cells) if c.strip()]
        if not filled:
            continue
        while not cells[-1].strip():
            cells = cells[:-1]
        if filled == [first]:
            lines.append(SourceLine(number, cells[first]))
        else:
            lines.append(SourceLine(number, "\t".join(cells), cells))
    return lines


def workbook_source(workbook: Any, name: str) -> PlanSource:
    """Every sheet of a workbook, one after the other, as lines: a row "施策 | 3-2 | 見守り" is a table row,
    a row with only "令和5年度 施策評価表" in its first column a line of text."""
    lines: list[SourceLine] = []
    places: list[tuple[str, int]] = []
    for sheet in workbook.worksheets:
        rows = sheet_rows(sheet, name)
        if len(places) + len(rows) > MAX_ROWS:  # the sheets together, as one document
            raise too_many_rows(name)
        lines.extend(_row_lines([(len(places) + index, cells) for index, cells in enumerate(rows, 1)]))
        places.extend((sheet.title, row) for row in range(1, len(rows) + 1))
    if not lines:
        raise ReaderError(f"{name} holds no table.", f"{name} には表がありません。")
    return PlanSource(lines, "\n".join(line.text for line in lines), places)


def csv_source(data: bytes, name: str) -> PlanSource:
    """A CSV file's rows as lines ("基本目標,施策,指標名,…" and its rows), ReaderError when empty or undecodable."""
    lines = _row_lines([(row.line, row.cells) for row in read_table(data, name).rows])
    return PlanSource(lines, "\n".join(line.text for line in lines))


def text_source(text: str, name: str = "") -> PlanSource:
    """A text's lines; a line with a tab is a table row ("指標\t基準値 (R1)\t目標値 (R8)"), others running text.

    A line past the column limit is refused as a table file's is; :func:`~sasaeai.core.tables.read_text_input`
    has counted the lines.
    """
    lines = [
        SourceLine(number, raw, split_cells(raw, number, name) if "\t" in raw else None)
        for number, raw in enumerate(text.splitlines(), 1)
    ]
    return PlanSource(lines, text)
