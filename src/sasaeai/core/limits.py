"""The limits every input file must keep, and the sentences that refuse one that does not.

A council's report table or plan is tens of kilobytes: the seed documents have
35 to 700 lines and at most 11 columns.  The limits below are far above that,
and low enough that the largest file they allow is read in seconds and in a few
hundred megabytes (``make bench`` measures it).  A file past a limit is refused
before the expensive part of reading it, with one sentence in each language.
"""

from __future__ import annotations

from .errors import ReaderError

MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB  # the file as uploaded, any format
MAX_UNPACKED_BYTES = 20 * MB  # every part of an xlsx together, once unpacked
# Lines of a text table or document, rows of a sheet.  The report reader takes about 0.7 ms of CPU
# a row of the invented report (benchmarks/corpus.py), so 10,000 rows read in some 7 s.
MAX_ROWS = 10_000
MAX_COLUMNS = 200  # cells of a line or of a sheet row
MAX_PARTS = 1_000  # files inside an xlsx; a workbook of tables has a dozen, one of 100 sheets some 300
# Deflate shrinks a real sheet's XML 5 to 30 times (openpyxl, XlsxWriter and Excel write each cell's
# reference, so no two rows are alike); a zip bomb shrinks 1,000 times.
MAX_PART_RATIO = 100
MAX_ARCHIVE_RATIO = 50
RATIO_FLOOR_BYTES = 1 * MB  # below this a part cannot amplify anything worth refusing
# openpyxl builds an object for every XML element of a workbook's parts, about a kilobyte each for
# the parts it reads whole; a sheet of 10,000 rows of 20 filled cells has some 510,000 elements
# (a cell is two or three), the invented report at the row limit 240,000.
MAX_XML_ELEMENTS = 600_000
# A line of a CSV file with more commas than this cannot be a table of MAX_COLUMNS cells, and the
# csv module would build every field of it before the column limit is checked.
MAX_DELIMITERS_PER_LINE = 100 * MAX_COLUMNS


def too_large(name: str, limit: int) -> ReaderError:
    """The file itself is larger than ``limit`` bytes."""
    return ReaderError(
        f"{name} is larger than {limit // MB} MB; split it by period or department.",
        f"{name} は {limit // MB}MB を超えているため読み込めません（期間や担当課ごとに分けてください）。",
    )


def too_many_rows(name: str, where: str = "", where_ja: str = "") -> ReaderError:
    """More than :data:`MAX_ROWS` lines or sheet rows (``where``: "sheet 報告" / "「報告」シートの")."""
    place = f" ({where})" if where else ""
    return ReaderError(
        f"{name}{place} has more than {MAX_ROWS:,} rows; split it by period or department.",
        f"{name} の{where_ja}行数が {MAX_ROWS:,}行を超えているため読み込めません（期間や担当課ごとに分けてください）。",
    )


def too_many_columns(name: str, where: str = "", where_ja: str = "") -> ReaderError:
    """A line or a sheet row reaches past column :data:`MAX_COLUMNS` (``where``: "line 12" / "12行目の")."""
    place = f" ({where})" if where else ""
    return ReaderError(
        f"{name}{place} has cells beyond column {MAX_COLUMNS}; delete the columns right of the table.",
        f"{name} の{where_ja}列が {MAX_COLUMNS}列を超えているため読み込めません（表の右の列を削除してください）。",
    )


def damaged_workbook(name: str) -> ReaderError:
    """Not a zip openpyxl can read, a part cut short, or XML that does not parse."""
    return ReaderError(
        f"{name} is not a readable xlsx workbook (damaged or truncated).",
        f"{name} は xlsx として読めません（壊れているか途中で切れています）。",
    )
