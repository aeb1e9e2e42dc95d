"""One pass over a plan document's lines: headings, and the rows of each kind of table.

A plan chapter exported from PDF is paragraphs, headings (基本目標1, 施策1,
取組方針①, 取組項目①, 担当課) and tab-separated tables whose kind is told by
their header words: the 施策の体系 table (施策 | 取組方針), the summary list of
評価指標 (取組方針 | 指標 | 基準値 | 目標値), item tables (No | 取組項目 | 取組内容
[| 担当課]) and per-approach indicator tables (指標 | 基準値 | 目標値).
Cells may carry ``<p>`` fragments; headers repeat; rows wrap onto
continuation lines whose first cells are empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import SasaeaiError
from .periods import find_years
from .text import CIRCLED, collapse_spaces, normalize

_MARK = f"[{CIRCLED}]|\\d+"
GOAL_RE = re.compile(r"^(?P<word>基本目標|重点目標)\s*(?P<n>\d+)\s*(?P<title>.*)$")
POLICY_RE = re.compile(r"^(?P<word>施策|基本施策)\s*(?P<n>\d+)\s*(?P<title>.*)$")
APPROACH_RE = re.compile(rf"^(?P<word>取組方針|取り組み方針|取組の方向)\s*(?P<n>{_MARK})\s*(?P<title>.*)$")
GROUP_RE = re.compile(rf"^(?P<word>取組項目|取り組み項目)\s*(?P<n>{_MARK})\s*(?P<title>.*)$")
CHAPTER_RE = re.compile(r"^第\s*\d+\s*章\s*\S")
DEPARTMENTS_RE = re.compile(r"^(?:担当課|所管課|担当部署)(?:名)?\s*[:：]?\s*(?P<rest>.*)$")
_TAG_RE = re.compile(r"<[^>]*>")
_NUMBER_CELL_RE = re.compile(r"^(?:No\.?|NO\.?|№)?\s*(\d{1,4})$")
_MAX_HEADING = 80


def clean_cell(cell: str) -> str:
    """A cell without HTML fragments and with its spaces collapsed."""
    return collapse_spaces(_TAG_RE.sub(" ", cell))


def heading(line: str) -> tuple[str, re.Match[str]] | None:
    """("goal" | "policy" | "approach" | "group", match) for a heading line, else None."""
    text = normalize(line).strip()
    if not text or len(text) > _MAX_HEADING or text.endswith("。"):
        return None
    for kind, pattern in (
        ("goal", GOAL_RE),
        ("policy", POLICY_RE),
        ("approach", APPROACH_RE),
        ("group", GROUP_RE),
    ):
        match = pattern.match(text)
        if match:
            return kind, match
    return None


@dataclass
class Row:
    """A table row as cells, with its 1-based line."""

    line: int
    cells: list[str]


@dataclass
class Table:
    """A table of one kind, with the column index of each role and the years its header names."""

    kind: str  # "system", "summary", "items", "indicators"
    line: int
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)


@dataclass
class Event:
    """A heading or a table, in document order."""

    kind: str  # "goal", "policy", "approach", "group", "departments", "table"
    line: int
    number: str = ""
    title: str = ""
    word: str = ""
    table: Table | None = None


_ROLE_WORDS = {
    "number": ("No", "NO", "番号", "№"),
    "title": ("取組項目", "取り組み項目", "事業名", "項目"),
    "content": ("取組内容", "取り組み内容", "内容", "概要"),
    "departments": ("担当課", "所管課", "担当"),
    "approach": ("取組方針", "取り組み方針"),
    "name": ("指標", "評価指標", "成果指標"),
    "baseline": ("基準値", "現状値", "策定時", "基準"),
    "target": ("目標値", "目標"),
    "policy": ("施策",),
}


def _role(cell: str) -> str | None:
    text = normalize(cell).strip()
    for role, words in _ROLE_WORDS.items():
        if any(text == word or text.startswith(word) for word in words):
            return role
    return None


def table_header(cells: list[str], line: int) -> Table | None:
    """The table a header row opens, or None when the row is not a header."""
    filled = [(index, cell) for index, cell in enumerate(cells) if cell]
    roles = [(_role(cell), index) for index, cell in filled]
    if len(filled) < 2 or any(role is None for role, _ in roles):
        return None
    columns: dict[str, int] = {}
    for role, index in roles:
        if role is not None:
            columns.setdefault(role, index)
    if len(columns) != len(filled):
        return None
    years = (_header_year(cells, columns.get("baseline")), _header_year(cells, columns.get("target")))
    if {"name", "baseline", "target"} <= columns.keys():
        kind = "summary" if "approach" in columns else "indicators"
        return Table(kind, line, columns, years=years)
    if {"number", "title"} <= columns.keys():
        return Table("items", line, columns)
    if columns.keys() == {"policy", "approach"}:
        return Table("system", line, columns)
    return None


def _header_year(cells: list[str], index: int | None) -> int | None:
    if index is None:
        return None
    try:
        years = find_years(cells[index])
    except SasaeaiError:
        return None
    return years[0].year if years else None


def is_separator(cells: list[str]) -> bool:
    """A row of dashes that a PDF export drew under a heading."""
    return all(not cell.strip() or set(cell.strip()) <= set("-—―ー=_") for cell in cells)


def scan(text: str) -> tuple[list[Event], str]:
    """Headings and tables of a plan text in order, and the first chapter heading ("" when none)."""
    events: list[Event] = []
    chapter = ""
    table: Table | None = None
    for line_number, raw in enumerate(text.splitlines(), 1):
        if "\t" in raw:
            cells = [clean_cell(cell) for cell in raw.split("\t")]
            table = _table_line(cells, line_number, table, events)
            continue
        line = clean_cell(raw)
        if not line:
            continue
        if CHAPTER_RE.match(normalize(line)):
            if chapter and any(event.kind == "approach" for event in events):
                break
            chapter = chapter or line
            table = None
            continue
        _text_line(line, line_number, events)
        table = None
    return events, chapter


def _table_line(cells: list[str], line: int, table: Table | None, events: list[Event]) -> Table | None:
    if is_separator(cells):
        return table
    departments = DEPARTMENTS_RE.match(normalize(cells[0]).strip()) if cells[0] else None
    if departments and not departments.group("rest"):
        events.append(Event("departments", line, title=" ".join(cells[1:])))
        return None
    header = table_header(cells, line)
    if header is not None:
        if table is not None and table.kind == header.kind and table.columns == header.columns:
            return table  # the header repeated on a new page
        events.append(Event("table", line, table=header))
        return header
    if table is not None:
        table.rows.append(Row(line, cells))
    return table


def _text_line(line: str, line_number: int, events: list[Event]) -> None:
    found = heading(line)
    if found is not None:
        kind, match = found
        events.append(
            Event(
                kind,
                line_number,
                number=match.group("n"),
                title=match.group("title").strip(),
                word=match.group("word"),
            )
        )
        return
    departments = DEPARTMENTS_RE.match(normalize(line))
    if departments:
        events.append(Event("departments", line_number, title=departments.group("rest")))
        return
    events.append(Event("text", line_number, title=line))
