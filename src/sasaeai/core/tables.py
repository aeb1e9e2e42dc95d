"""Reading table files into rows of cells: a small registry of formats (TSV, CSV, xlsx, text PDF).

Every format returns :class:`Row` objects that remember the 1-based line (or
sheet row, or PDF table row in reading order) they came from.  Text files may be UTF-8, UTF-8 with BOM or
Shift_JIS (decoded as cp932, Microsoft's superset that Excel writes).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import ReaderError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000


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
    return text


def _check_size(data: bytes, name: str, limit: int) -> None:
    if not data:
        raise ReaderError(f"{name} is empty.", f"{name} は空です。")
    if len(data) > limit:
        raise ReaderError(
            f"{name} is larger than {limit // (1024 * 1024)} MB; split it by period or department.",
            f"{name} は {limit // (1024 * 1024)}MB を超えています。期間や担当課ごとに分けてください。",
        )


def _unquote(cell: str) -> str:
    cell = cell.strip("\r")
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def _read_tsv(data: bytes, name: str) -> Table:
    text, encoding = decode_text(data, name)
    rows = [Row(i, [_unquote(c) for c in line.split("\t")]) for i, line in enumerate(text.splitlines(), 1)]
    return Table(rows, encoding)


def _read_csv(data: bytes, name: str) -> Table:
    text, encoding = decode_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        start = 1
        for cells in reader:
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReaderError(f"{name} is not valid CSV ({exc}).", f"{name} は CSV として読めません。") from exc
    return Table(rows, encoding)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook  # heavy: imported only for workbooks

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ReaderError(
            f"{name} is not a readable xlsx workbook (damaged or truncated).",
            f"{name} は xlsx として読めません（壊れているか途中で切れています）。",
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for index, values in enumerate(sheet.iter_rows(values_only=True), 1):
            if index > MAX_ROWS:
                raise ReaderError(f"{name} has more than {MAX_ROWS} rows.", f"{name} は行数が多すぎます。")
            rows.append(Row(index, [_cell_text(v) for v in values]))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as exc:
        raise ReaderError(
            f"{name} is not a readable xlsx workbook (damaged or truncated).",
            f"{name} は xlsx として読めません（壊れているか途中で切れています）。",
        ) from exc
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
    if data.startswith(b"PK\x03\x04"):
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
    if len(table.rows) > MAX_ROWS:
        raise ReaderError(f"{name} has more than {MAX_ROWS} rows.", f"{name} は行数が多すぎます。")
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
