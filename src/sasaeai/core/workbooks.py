"""The one door every xlsx goes through: the zip and its XML are checked, then openpyxl streams the sheets.

The report reader (:mod:`sasaeai.core.tables`) and the plan reader
(:mod:`sasaeai.core.plan_source`) open workbooks with :func:`open_workbook` and
read their rows with :func:`sheet_rows`.  Before openpyxl parses anything the
zip's directory is checked (parts, encryption, unpacked size, compression
ratio), then every part is streamed once through expat
(:class:`~sasaeai.core.workbook_parts.PartScan`: document types, declared and
real rows and columns, elements).  openpyxl then reads in read-only mode,
capped one row and one column past the limits, so that a sheet the checks
misjudged is still stopped at the limit instead of read to its end.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from .errors import ReaderError
from .limits import (
    MAX_ARCHIVE_RATIO,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_PART_RATIO,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MB,
    RATIO_FLOOR_BYTES,
    damaged_workbook,
    too_large,
    too_many_columns,
    too_many_rows,
)
from .workbook_parts import PartScan

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls, or an xlsx saved with a password
_ARCHIVE_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf", b"Rar!")
_CHUNK = 64 * 1024


def _refuse(name: str, english: str, japanese: str, note: str = "") -> ReaderError:
    """One sentence each: "報告.xlsx は{why}ため読み込めません{note}。"."""
    return ReaderError(f"{name} {english}.", f"{name} は{japanese}ため読み込めません{note}。")


def check_workbook(data: bytes, name: str) -> None:
    """Refuse an xlsx that would cost more to read than any workbook of tables should, or that is not
    one, before openpyxl parses it: ``check_workbook(zip_bomb, "報告.xlsx")`` raises
    "報告.xlsx は展開すると大きくなりすぎるため読み込めません（展開後20MBまで）。"."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name, MAX_FILE_BYTES)
    if data.startswith(OLE_MAGIC):
        raise _refuse(
            name,
            "is password-protected or an old .xls workbook; save it as .xlsx without a password",
            "パスワード付きか古い .xls 形式の",
            "（パスワードを外して .xlsx で保存してください）",
        )
    if data.count(b"PK\x01\x02") > MAX_PARTS:  # zipfile would build an entry for every one of them first
        raise _too_many_parts(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [info for info in archive.infolist() if not info.is_dir()]
            _check_directory(parts, name)
            scan = PartScan(name)
            for info in parts:
                with archive.open(info) as stream:
                    scan.scan(info.filename, _chunks(stream, info, name))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise damaged_workbook(name) from exc


def _too_many_parts(name: str) -> ReaderError:
    return _refuse(name, f"holds more than {MAX_PARTS:,} parts", f"中の部品が {MAX_PARTS:,}個を超えている")


def _check_directory(parts: list[zipfile.ZipInfo], name: str) -> None:
    """What the zip's directory says, checked before a byte is unpacked (zipfile never unpacks more
    than a part's stated size: past it the CRC fails)."""
    if len(parts) > MAX_PARTS:
        raise _too_many_parts(name)
    for info in parts:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(
                name,
                f"holds an encrypted or unusually compressed part ({info.filename})",
                "暗号化されているか特殊な方法で圧縮された部品がある",
                f"（{info.filename}）",
            )
    unpacked = sum(info.file_size for info in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            name,
            f"unpacks to more than {MAX_UNPACKED_BYTES // MB} MB",
            "展開すると大きくなりすぎる",
            f"（展開後{MAX_UNPACKED_BYTES // MB}MBまで）",
        )
    packed = sum(info.compress_size for info in parts)
    worst = max(parts, key=lambda info: _ratio(info.file_size, info.compress_size), default=None)
    if worst is not None and _ratio(worst.file_size, worst.compress_size) > MAX_PART_RATIO:
        raise _swollen(name, worst.filename, _ratio(worst.file_size, worst.compress_size), MAX_PART_RATIO)
    if _ratio(unpacked, packed) > MAX_ARCHIVE_RATIO:
        raise _swollen(name, "the whole file", _ratio(unpacked, packed), MAX_ARCHIVE_RATIO)


def _swollen(name: str, part: str, ratio: float, limit: int) -> ReaderError:
    return _refuse(
        name,
        f"is compressed far more than a workbook can be ({part} {ratio:.0f}:1, at most {limit}:1); "
        "it looks like a zip bomb",
        "圧縮率が異常に高く zip 爆弾の疑いがある",
        f"（{'全体' if part == 'the whole file' else part} は {ratio:.0f}分の1、上限は {limit}分の1）",
    )


def _ratio(unpacked: int, packed: int) -> float:
    """How many times a part shrank; 0 below the floor, where no ratio amplifies anything."""
    return unpacked / max(packed, 1) if unpacked > RATIO_FLOOR_BYTES else 0.0


def _chunks(stream: IO[bytes], info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A part's bytes in pieces, refused when the part is itself an archive."""
    first = stream.read(_CHUNK)
    if first.startswith(_ARCHIVE_MAGICS):
        raise _refuse(
            name,
            f"holds another archive inside it ({info.filename})",
            "中に別の圧縮ファイルを含む",
            f"（{info.filename}）",
        )
    while first:
        yield first
        first = stream.read(_CHUNK)


def open_workbook(data: bytes, name: str) -> Any:
    """An openpyxl workbook in read-only mode (values, not formulas), once :func:`check_workbook` passed;
    a workbook openpyxl cannot read is refused as damaged ("計画.xlsx は xlsx として読めません")."""
    check_workbook(data, name)
    from openpyxl import load_workbook  # heavy: imported only for workbooks

    try:  # links to other workbooks are never followed nor parsed
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises a dozen types for a damaged zip; each means the same here
        raise damaged_workbook(name) from exc


def sheet_rows(sheet: Any, name: str, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet, each as long as the sheet's declared width (or up to its last
    value when it declares none), streamed with openpyxl's caps one past the limits, so that a row
    past the row limit or a value past the column limit refuses the workbook whatever the sheet declared."""
    declared = min(sheet.max_column, MAX_COLUMNS) if isinstance(sheet.max_column, int) else 0
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=values_only)
    try:
        for number, row in enumerate(rows, 1):
            if number > MAX_ROWS:
                raise too_many_rows(name, f"sheet {sheet.title}", f"「{sheet.title}」シートの")
            yield row[: _width(row, declared, values_only, name, sheet.title)]
    except ReaderError:
        raise
    except Exception as exc:  # as in open_workbook
        raise damaged_workbook(name) from exc


def _width(row: tuple[Any, ...], declared: int, values_only: bool, name: str, title: str) -> int:
    """The declared width, or up to the last value when one stands right of it (a sheet that
    declares too little, or nothing); past the column limit the workbook is refused."""
    tail = row[declared:] if values_only else tuple(cell.value for cell in row[declared:])
    if tail.count(None) == len(tail):
        return declared
    width = declared + max(i for i, value in enumerate(tail, 1) if value is not None)
    if width > MAX_COLUMNS:
        raise too_many_columns(name, f"sheet {title}", f"「{title}」シートの")
    return width
