"""Text PDFs read into rows of cells, tables found by the position of their ruling lines and text.

Most published reports are PDFs with text in them.  Each page's tables are
found by pdfplumber from their rules, or, on a page with no rules, by the
columns of the header's words (:mod:`sasaeai.core.pdf_columns`); the words of each cell are read line by line, and a line after which
the next line's first word would not have fitted is a wrap (joined with
nothing, as Japanese is written: "1,001世" + "帯"), while a line that stopped
short ended where the author broke it (joined with a space: "訪問 13回" /
"協力員 21人").  Lines outside tables
(the title, an as-of date) become one-cell rows.  Rows are numbered in
reading order across pages; a header repeated on each page is left for the
report reader to skip.  A PDF with no text at all (a scan) is refused.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from .errors import ReaderError
from .pdf_columns import LINE_TOLERANCE, unruled_rows

_PADDING = 2.0  # points a cell keeps empty at its right edge (at least)


def read_pdf_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows of every table (and the lines around them) of a text PDF, in reading order."""
    try:
        import pdfplumber  # heavy: imported only for PDFs
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dependency
        raise ReaderError(
            "PDF reading needs pdfplumber, which is not installed.",
            "PDF の読み取りには pdfplumber が必要です。",
        ) from exc
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            rows = _read_pages(pdf.pages)
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ReaderError(
            f"{name} is not a readable PDF (damaged or not a PDF).",
            f"{name} は PDF として読めません（壊れているか PDF ではありません）。",
        ) from exc
    if not any(cell.strip() for row in rows for cell in row):
        raise ReaderError(
            f"{name} is a scanned PDF with no text in it; export the report as text or run OCR first.",
            f"{name} は文字情報のない（スキャンした）PDF です。文字を含む PDF か表計算ファイルで出力してください。",
        )
    return rows


def _read_pages(pages: list[Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for page in pages:
        if not page.chars:
            continue
        # a shaded header band alone is no ruled table: its rows have no rules between them
        tables = [t for t in page.find_tables(_ruled_settings(page)) if len(t.rows) >= 2]
        if not tables:
            rows.extend(unruled_rows(page) or _page_lines(page))
            continue
        bounds = [table.bbox for table in tables]
        outside = page.filter(_outside(bounds))
        above = [t for t in bounds if t]
        first_top = min((b[1] for b in above), default=page.height)
        for line in outside.extract_text_lines(x_tolerance=LINE_TOLERANCE, strip=True):
            if line["top"] < first_top:
                rows.append([line["text"]])
        for table in tables:
            rows.extend(_table_rows(page, table))
        for line in outside.extract_text_lines(x_tolerance=LINE_TOLERANCE, strip=True):
            if line["top"] >= first_top and not _is_page_number(line["text"]):
                rows.append([line["text"]])
    return rows


def _page_lines(page: Any) -> list[list[str]]:
    """A page with no table: its lines, one cell each (a title page, or prose between tables)."""
    lines = page.extract_text_lines(x_tolerance=LINE_TOLERANCE, strip=True)
    return [[line["text"]] for line in lines if not _is_page_number(line["text"])]


def _ruled_settings(page: Any) -> dict[str, Any]:
    """Ruled cells, closing a row that a page break cut: its column rules end where no rule crosses them."""
    verticals = [edge["bottom"] for edge in page.edges if edge["orientation"] == "v"]
    return {"explicit_horizontal_lines": [max(verticals)]} if verticals else {}


def _outside(bounds: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return False
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bounds)

    return keep


def _is_page_number(text: str) -> bool:
    return text.replace(" ", "").replace("/", "").replace("-", "").isdigit()


def _table_rows(page: Any, table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = [_cell_text(page, bbox) if bbox else "" for bbox in row.cells]
        if any(cells):
            rows.append(cells)
    return rows


def _cell_text(page: Any, bbox: tuple[float, float, float, float]) -> str:
    """The words of one cell: wrapped lines joined with nothing, broken lines with a space."""
    try:
        cell = page.within_bbox(bbox)
    except ValueError:  # a cell that pokes out of the page
        return ""
    lines = cell.extract_text_lines(x_tolerance=LINE_TOLERANCE, strip=True)
    text = ""
    for index, line in enumerate(lines):
        text += line["text"]
        if index + 1 < len(lines):
            text += "" if _wrapped(line, lines[index + 1], bbox[2]) else " "
    return text


def _wrapped(line: dict[str, Any], following: dict[str, Any], right: float) -> bool:
    """A line was wrapped when the next line's first word would not have fitted after it."""
    chars = following["chars"]
    if not chars:
        return False
    end = 0
    while end + 1 < len(chars) and chars[end + 1]["x0"] - chars[end]["x1"] < LINE_TOLERANCE:
        end += 1  # the first word: up to the first gap
    size = max((c["size"] for c in line["chars"]), default=8.0)
    width = chars[end]["x1"] - chars[0]["x0"]
    return bool(line["x1"] + size * 0.3 + width > right - _PADDING)
