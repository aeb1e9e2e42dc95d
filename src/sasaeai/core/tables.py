"""Reading table files into rows of cells: a small registry of formats (TSV, CSV, xlsx, text PDF).

Every format returns :class:`Row` objects that remember the 1-based line (or
sheet row, or PDF table row in reading order) they came from.  Text files may be UTF-8, UTF-8 with BOM or
Shift_JIS (decoded as cp932, Microsoft's superset that Excel writes).

Every format keeps the limits of :mod:`sasaeai.core.limits`, checked before the
work they bound: lines are counted before a text is split, cells before a line
is, and a workbook goes through :mod:`sasaeai.core.workbooks` before openpyxl
reads it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .errors import ReaderError
from .limits import (
    MAX_COLUMNS,
    MAX_DELIMITERS_PER_LINE,
    MAX_FILE_BYTES,
    MAX_ROWS,
    too_large,
    too_many_columns,
    too_many_rows,
)
from .workbooks import OLE_MAGIC, open_workbook, sheet_rows

__all__ = [  # the limits stay importable from here, where the readers always took them
    "FORMATS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Row",
    "Table",
    "check_lines",
    "decode_text",
    "read_file_bytes",
    "read_table",
    "read_text_input",
    "split_cells",
]

# Every line break str.splitlines() knows, so that counting agrees with splitting.
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass
class Row:
    """One line of a text table or one sheet row, as cells."""

    line: int
    cells: list[str]
    exact: bool = False  # the cells stand where they were printed (ruled PDF cells), never shifted

    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass
class Table:
    rows: list[Row]
    encoding: str


def _refuse_binary(data: bytes, name: str) -> None:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    if b"\x00" in sample or controls > len(sample) // 20:
        raise ReaderError(
            f"{name} is a binary file, not a text table or an xlsx workbook.",
            f"{name} はバイナリファイルです。表形式のテキスト（TSV・CSV）か xlsx を選んでください。",
        )


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode text as UTF-8 (with or without BOM) or cp932, whichever reads without error."""
    _refuse_binary(data, name)
    candidates = ["utf-8-sig"] if data.startswith(b"\xef\xbb\xbf") else ["utf-8", "cp932"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReaderError(
        f"{name} is neither UTF-8 nor Shift_JIS text.",
        f"{name} の文字コードを判別できません（UTF-8 か Shift_JIS で保存してください）。",
    )


def read_text_input(data: bytes, name: str, limit: int = MAX_FILE_BYTES) -> str:
    """Free text from bytes, refused when empty, binary, too large or undecodable."""
    _check_size(data, name, limit)
    text, _ = decode_text(data, name)
    if not text.strip():
        raise ReaderError(f"{name} is empty.", f"{name} は空です。")
    check_lines(text, name)
    return text


def check_lines(text: str, name: str) -> None:
    """Refuse a text of more than :data:`MAX_ROWS` lines before it is split: twenty megabytes of
    line breaks would otherwise become twenty million strings."""
    breaks = sum(1 for _ in islice(_LINE_BREAK_RE.finditer(text), MAX_ROWS + 1))
    if breaks > MAX_ROWS or (breaks == MAX_ROWS and not _LINE_BREAK_RE.match(text[-1:])):
        raise too_many_rows(name)


def split_cells(line: str, number: int, name: str) -> list[str]:
    """A tab-separated line as cells, refused past :data:`MAX_COLUMNS` before it is split."""
    if line.count("\t") >= MAX_COLUMNS:
        raise too_many_columns(name, f"line {number}", f"{number}行目の")
    return line.split("\t")


def _check_size(data: bytes, name: str, limit: int) -> None:
    if not data:
        raise ReaderError(f"{name} is empty.", f"{name} は空です。")
    if len(data) > limit:
        raise too_large(name, limit)


def _unquote(cell: str) -> str:
    cell = cell.strip("\r")
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def _read_tsv(data: bytes, name: str) -> Table:
    text, encoding = decode_text(data, name)
    check_lines(text, name)
    rows = [
        Row(i, [_unquote(c) for c in split_cells(line, i, name)])
        for i, line in enumerate(text.splitlines(), 1)
    ]
    return Table(rows, encoding)


def _csv_lines(text: str, name: str) -> Iterator[str]:
    """The physical lines of a CSV text, each refused before the csv module splits it into more
    fields than a table can have."""
    for number, line in enumerate(io.StringIO(text, newline=""), 1):
        if line.count(",") > MAX_DELIMITERS_PER_LINE:
            raise too_many_columns(name, f"line {number}", f"{number}行目の")
        yield line


def _read_csv(data: bytes, name: str) -> Table:
    text, encoding = decode_text(data, name)
    reader = csv.reader(_csv_lines(text, name))
    rows: list[Row] = []
    try:
        start = 1
        for cells in reader:
            if len(rows) == MAX_ROWS:
                raise too_many_rows(name)
            if len(cells) > MAX_COLUMNS:
                raise too_many_columns(name, f"line {start}", f"{start}行目の")
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_refused(name, reader.line_num, exc) from exc
    return Table(rows, encoding)


def _csv_refused(name: str, line: int, error: csv.Error) -> ReaderError:
    # The csv module's only message for a field past csv.field_size_limit() (128 KiB unless a
    # program raised it): a cell two hundred times the longest a report has.
    if "field larger than field limit" in str(error):
        limit = csv.field_size_limit()
        return ReaderError(
            f"{name} has a cell longer than {limit:,} characters (line {line}).",
            f"{name} の {line}行目に {limit:,}文字を超える長すぎるセルがあるため読み込めません。",
        )
    return ReaderError(f"{name} is not valid CSV ({error}).", f"{name} は CSV として読めません。")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, name: str) -> Table:
    workbook = open_workbook(data, name)  # checked and opened read-only by the one door for workbooks
    try:
        if not workbook.worksheets:
            raise ReaderError(f"{name} holds no table.", f"{name} には表がありません。")
        rows = [
            Row(index, [_cell_text(v) for v in values])
            for index, values in enumerate(sheet_rows(workbook.worksheets[0], name), 1)
        ]
    finally:
        workbook.close()
    return Table(rows, "xlsx")


def _read_pdf(data: bytes, name: str) -> Table:
    from .pdf_tables import read_pdf_rows  # pdfplumber is heavy: loaded for PDFs only

    rows = read_pdf_rows(data, name)
    return Table([Row(index, cells, exact=len(cells) > 1) for index, cells in enumerate(rows, 1)], "pdf")


FORMATS: dict[str, Callable[[bytes, str], Table]] = {
    ".txt": _read_tsv,
    ".tsv": _read_tsv,
    ".tab": _read_tsv,
    ".csv": _read_csv,
    ".xlsx": _read_xlsx,
    ".pdf": _read_pdf,
}


def _sniff(data: bytes, name: str) -> Callable[[bytes, str], Table]:
    if data.startswith((b"PK\x03\x04", OLE_MAGIC)):
        return _read_xlsx
    if data.startswith(b"%PDF") or Path(name).suffix.lower() == ".pdf":
        return _read_pdf  # a "PDF" that is none: let the PDF reader say so
    suffix = Path(name).suffix.lower()
    if suffix in FORMATS and suffix != ".xlsx":
        return FORMATS[suffix]
    if suffix == ".xlsx":
        return _read_xlsx  # a "workbook" that is no zip: let openpyxl say so
    head = data[:65536]
    return _read_tsv if head.count(b"\t") >= head.count(b",") else _read_csv


def read_table(data: bytes, name: str, limit: int = MAX_FILE_BYTES) -> Table:
    """Rows of a TSV, CSV or xlsx file given as bytes; ``name`` picks the format and names errors."""
    _check_size(data, name, limit)
    table = _sniff(data, name)(data, name)
    if len(table.rows) > MAX_ROWS:  # a text PDF's rows; the other formats stop at the limit
        raise too_many_rows(name)
    if all(row.is_blank() for row in table.rows):
        raise ReaderError(f"{name} holds no table.", f"{name} には表がありません。")
    return table


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refused plainly when it is missing, a folder or too large."""
    if not path.exists():
        raise ReaderError(f"{path} does not exist.", f"{path} というファイルはありません。")
    if not path.is_file():
        raise ReaderError(f"{path} is not a file.", f"{path} はファイルではありません。")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    _check_size(data, path.name, limit)
    return data
