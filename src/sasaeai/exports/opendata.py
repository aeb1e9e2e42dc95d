"""Open data in 総務省's machine-readable form: CSV (UTF-8 with BOM) and JSON.

The rules (統計表における機械判読可能なデータの表記方法の統一ルール): one value
per cell, one header row with no merged cells, the unit in the column name,
no platform-dependent characters (機種依存文字: ① → (1), ㈱ → (株), ㍻ → 平成,
Ⅲ → III, half-width katakana → full-width), no line breaks inside a cell,
ISO 8601 dates, Western years with the 和暦 in a column of its own.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sasaeai.core.periods import FiscalYear

from .cells import csv_text

# Blocks whose characters are compatibility forms that differ between platforms.
_DEPENDENT_BLOCKS = (
    (0x2150, 0x218F),  # Number Forms: Ⅰ Ⅱ ⅰ ⅱ
    (0x2460, 0x24FF),  # Enclosed Alphanumerics: ① ⑴ ⒈ Ⓐ
    (0x2776, 0x2793),  # Dingbat circled digits: ❶ ➀
    (0x3200, 0x32FF),  # Enclosed CJK: ㈱ ㊤ ㉑ ㋿
    (0x3300, 0x33FF),  # CJK Compatibility: ㍻ ㌔ ㎡
    (0x1F100, 0x1F1FF),  # Enclosed Alphanumeric Supplement
)
# Letterlike symbols that Japanese documents use, spelled out.
_LETTERLIKE = {"№": "No.", "℡": "TEL", "™": "TM"}
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def _platform_dependent(char: str) -> bool:
    code = ord(char)
    return char in _LETTERLIKE or any(low <= code <= high for low, high in _DEPENDENT_BLOCKS)


def _plain_char(char: str) -> str:
    if not _platform_dependent(char):
        return char
    if char in _LETTERLIKE:
        return _LETTERLIKE[char]
    name = unicodedata.name(char, "")
    if "CIRCLED" in name and "PARENTHESIZED" not in name:
        number = unicodedata.numeric(char, None)
        if number is not None:
            return f"({int(number)})"  # ① ❶ ➀ ⓫ ㉑
        return f"({unicodedata.normalize('NFKC', char)})"  # Ⓐ ㊤
    return unicodedata.normalize("NFKC", char)  # ⑴ ⒈ ㈱ ㍻ ㋿ ㌔ ㎡ Ⅲ


@functools.lru_cache(maxsize=65536)
def machine_text(text: str) -> str:
    """Text with platform-dependent characters spelled out and line breaks turned into spaces.

    ``machine_text("①参加者 ㈱ ㍻ Ⅲ ｶﾞｲﾄﾞ")`` → ``"(1)参加者 (株) 平成 III ガイド"``.  Kept for the texts
    met most (project names, labels, units repeat on every row of the figures).
    """
    if not text.isascii():
        text = _HALF_WIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
        text = "".join(_plain_char(char) for char in text)
    return _LINE_BREAKS.sub(" ", text).strip()


def has_platform_dependent(text: str) -> bool:
    """True when ``text`` still holds a character that :func:`machine_text` would replace."""
    return any(_platform_dependent(char) or "\uff61" <= char <= "\uff9f" for char in text)


@functools.lru_cache(maxsize=256)
def japanese_year(year: int | None) -> str:
    """令和7年度 for 2025 (the 和暦 column beside a Western fiscal year)."""
    return "" if year is None else FiscalYear(year).era_label()


@dataclass(frozen=True)
class Column:
    """One column: the key used in JSON and the Japanese heading (with its unit) used in CSV."""

    key: str
    heading: str
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    """A published table: its file name, title, and columns in order."""

    name: str
    title: str
    columns: tuple[Column, ...]
    description: str = ""


def cell(value: Any) -> Any:
    """A value as it goes into a cell: text cleaned, dates ISO, decimals plain; None stays empty."""
    if value is None:
        return None
    if isinstance(value, str):
        return machine_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, date):
        return value.isoformat()
    return value


def clean_rows(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each row with every cell made machine-readable, one at a time."""
    keys = [column.key for column in dataset.columns]
    for row in rows:
        yield {key: cell(row.get(key)) for key in keys}


class CsvLines:
    """CSV with a BOM, one header row of Japanese headings, CRLF line ends, made a line at a time; text that a
    spreadsheet would run as a formula gets a leading single quote (:func:`.cells.csv_text`)."""

    def __init__(self, dataset: Dataset) -> None:
        self.columns = dataset.columns
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def _line(self, cells: list[str]) -> bytes:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue().encode("utf-8")

    def header(self) -> bytes:
        return codecs.BOM_UTF8 + self._line([column.heading for column in self.columns])

    def row(self, row: Mapping[str, Any]) -> bytes:
        return self._line(["" if row[c.key] is None else _csv_text(row[c.key]) for c in self.columns])


class JsonParts:
    """JSON with the dataset's title, its columns (key, heading) and the records by key, made a record at a time.

    The bytes are those of ``json.dumps(document, indent=1)`` with every record in the list: the head is
    dumped without the records, and each record dumped alone and indented to its place.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.records = 0

    def header(self) -> bytes:
        head = {
            "dataset": self.dataset.name,
            "title": self.dataset.title,
            "columns": [{"key": c.key, "heading": c.heading} for c in self.dataset.columns],
        }
        opening = json.dumps(head, ensure_ascii=False, indent=1)
        return (opening.removesuffix("\n}") + ',\n "records": [').encode("utf-8")

    def row(self, row: Mapping[str, Any]) -> bytes:
        record = json.dumps(row, ensure_ascii=False, indent=1, default=_json_default)
        separator = ",\n" if self.records else "\n"
        self.records += 1
        # A dumped string never holds a raw line break, so every line of the record is indented alike.
        return (separator + "\n".join("  " + line for line in record.split("\n"))).encode("utf-8")

    def footer(self) -> bytes:
        return b"\n ]\n}" if self.records else b"]\n}"


def csv_chunks(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """The CSV of :class:`CsvLines`, a line at a time."""
    lines = CsvLines(dataset)
    yield lines.header()
    for row in rows:
        yield lines.row(row)


def json_chunks(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """The JSON of :class:`JsonParts`, a record at a time."""
    parts = JsonParts(dataset)
    yield parts.header()
    for row in rows:
        yield parts.row(row)
    yield parts.footer()


def to_csv(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The whole CSV of :func:`csv_chunks` at once."""
    return b"".join(csv_chunks(dataset, rows))


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def to_json(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The whole JSON of :func:`json_chunks` at once."""
    return b"".join(json_chunks(dataset, rows))


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def write_dataset(directory: Path, dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> list[Path]:
    """Write ``NAME.csv`` and ``NAME.json`` in one pass over the rows, a row at a time; returns both paths.

    Each file is written beside its place and moved there when complete, so a reader never sees half a file.
    """
    paths = [directory / f"{dataset.name}{suffix}" for suffix in (".csv", ".json")]
    temporaries = [path.with_name(f".{path.name}.part") for path in paths]
    lines, parts = CsvLines(dataset), JsonParts(dataset)
    with temporaries[0].open("wb") as csv_file, temporaries[1].open("wb") as json_file:
        csv_file.write(lines.header())
        json_file.write(parts.header())
        for row in clean_rows(dataset, rows):
            csv_file.write(lines.row(row))
            json_file.write(parts.row(row))
        json_file.write(parts.footer())
    for temporary, path in zip(temporaries, paths, strict=True):
        temporary.replace(path)
    return paths
