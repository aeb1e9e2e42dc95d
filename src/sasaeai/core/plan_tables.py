"""One pass over a plan document's lines: headings, and the rows of each kind of table.

A plan chapter is paragraphs, headings (:mod:`sasaeai.core.plan_headings`),
担当課 lines and tables whose kind is told by their header words
(:mod:`sasaeai.core.plan_columns`): the 施策の体系 table (施策 | 取組方針),
indicator tables (指標 | 基準値 | 目標値, or year columns), item tables (No |
取組項目 | 取組内容 [| 担当課]) and tables whose hierarchy columns (基本目標 |
施策 | 取組方針 | 事業) place each row.  An indicator table with a 取組方針
column in a document that also heads each approach in its text is the summary
list of 評価指標.  Cells may carry ``<p>`` fragments; headers repeat on each
page; rows wrap onto continuation lines whose first cells are empty.  A table
ends at the next line of running text, heading or header row; a header row of
no known kind is reported and its rows skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .plan_columns import HIERARCHY, Column, header_years, read_header
from .plan_grid import PlanWarning, RawIndicator, cell_year
from .plan_headings import Heading, read_heading, read_label, split_number
from .text import CIRCLED, collapse_spaces, normalize

DEPARTMENTS_RE = re.compile(
    r"^(?:担当課|所管課|主管課|担当部署|担当部局|所管部署)(?:名)?\s*[:：]?\s*(?P<rest>.*)$"
)
_TAG_RE = re.compile(r"<[^>]*>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ITEM_LABEL_RE = re.compile(
    r"^[【\[〔<＜■◆●○◇□]?\s*(?:主な|主要な?|具体的な?)(?:取組|取り組み|取組み|事業)(?:内容)?\s*[】\]〕>＞:]?$"
)
_BULLET_RE = re.compile(r"^[・●○◆■◇□▪•\-‐]\s*(?=\S)")
_NUMBERED_RE = re.compile(r"^\((?P<n>\d{1,2})\)\s*(?P<title>[^\s。].{0,38}?)\s*$")
# An indicator written in one line: "①声をかけ合う人がいる割合：52.0%（令和6年度）→60.0%（令和12年度）".
_ARROW_RE = re.compile(
    rf"^(?:[{CIRCLED}]|\(?\d{{1,2}}[.)]|[・●○◆■◇])?\s*(?P<name>[^:→⇒]{{2,60}}?)\s*:\s*"
    r"(?P<base>[^→⇒]+?)\s*[→⇒]\s*(?P<target>[^→⇒]+)$"
)
_LEVEL_EVENTS = {"goal": "goal", "policy": "policy", "section": "policy", "approach": "approach"}
_LEVEL_EVENTS.update(group="group", item="item")


def clean_cell(cell: str) -> str:
    """A cell without HTML fragments and control characters, its spaces collapsed: "<p>見守り</p>" -> "見守り"."""
    return collapse_spaces(_CONTROL_RE.sub("", _TAG_RE.sub(" ", cell)))


@dataclass
class SourceLine:
    """A line of a plan document: running text (``cells`` None) or a table row, with its 1-based number."""

    number: int
    text: str
    cells: list[str] | None = None


@dataclass
class Row:
    """A table row as cells, with its 1-based line."""

    line: int
    cells: list[str]


@dataclass
class Table:
    """A table of one kind, with the column index of each role and the years its header names."""

    kind: str  # "system", "summary", "items", "indicators", "places"
    line: int
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)
    header: list[Column] = field(default_factory=list)
    caption: str = ""  # the line above the header, which names the indicator of a table with no name column


@dataclass
class Event:
    """A heading or a table, in document order."""

    kind: str  # "goal", "policy", "approach", "group", "item", "departments", "table", "text"
    line: int
    number: str = ""  # the number as printed
    title: str = ""
    word: str = ""
    table: Table | None = None
    value: int | None = None  # the printed number as a whole number
    indicator: RawIndicator | None = None  # an indicator written as one line: "name: 52%(R6) → 60%(R12)"


def is_separator(cells: list[str]) -> bool:
    """A row of dashes that a PDF export drew under a heading."""
    return all(not cell.strip() or set(cell.strip()) <= set("-—―ー=_") for cell in cells)


_MAX_CAPTION = 40
# The columns of a table of values alone, whose indicator the line above names.
_CAPTIONED_ROLES = {"baseline", "target", "actual", "year", "year_of", "rate", "estimate", "unit", "blank"}


def _table_kind(columns: list[Column], headed: frozenset[str]) -> str | None:
    """The kind of a table by its columns; ``headed`` are the levels the document heads in its text."""
    roles = {column.role for column in columns}
    levels = roles & set(HIERARCHY[:3])
    if roles == {"policy", "approach"}:
        return "system"
    values = [column for column in columns if column.role in ("baseline", "target", "actual", "year")]
    if "name" in roles and values:
        return "summary" if "approach" in levels and "approach" in headed else "indicators"
    if len(values) >= 2 and roles <= _CAPTIONED_ROLES:
        return "indicators"  # year columns under a caption that names the indicator
    if "title" in roles and roles & {"number", "content", "departments"} and not levels:
        return "items"
    if levels and ("title" in roles or len(levels) >= 2):
        # An outline of levels the text heads anyway (施策の体系) adds nothing; else its rows place the plan.
        return "outline" if levels <= headed and ("title" not in roles or "item" in headed) else "places"
    return None


def table_header(
    cells: list[str], line: int, era: str | None = None, headed: frozenset[str] = frozenset({"approach"})
) -> Table | None:
    """The table a header row opens, ``Table("unknown", …)`` for a header of no known kind, else None.

    "指標 | 基準値 (R1) | 目標値 (R8)" opens an indicator table of 2019 baselines and 2026 targets;
    "No | 取組項目 | 取組内容 | 担当課" an item table; "見守り協力店 | 120店 | 150店" is a row, not a header.
    """
    header = read_header(cells, era)
    if header is None:
        return None
    kind = _table_kind(header, headed) or "unknown"
    columns: dict[str, int] = {}
    for column in header:
        columns.setdefault(column.role, column.index)
    years = tuple(next((c.year for c in header if c.role == role), None) for role in ("baseline", "target"))
    return Table(kind, line, columns, years=(years[0], years[1]), header=header)


@dataclass
class _Document:
    """What the whole document says about itself before it is read line by line."""

    chapters_are_goals: bool
    headed: frozenset[str]  # levels headed in the text, which a table's hierarchy columns then repeat
    era: str | None

    @property
    def numbered_level(self) -> str | None:
        """The level that lines such as "(1) 見守りの推進" head: the one below the deepest level headed with words."""
        for level, below in (("approach", None), ("policy", "approach"), ("goal", "policy")):
            if level in self.headed:
                return below
        return None


def _survey(lines: list[SourceLine], era: str | None) -> _Document:
    levels = set()
    for line in lines:
        found = _heading_of(line)
        if found is not None:
            levels.add({"section": "policy"}.get(found.level, found.level))
    chapters_are_goals = "goal" not in levels
    if chapters_are_goals and "chapter" in levels:
        levels.add("goal")
    return _Document(chapters_are_goals, frozenset(levels), era)


def _heading_of(line: SourceLine) -> Heading | None:
    """The heading a line or heading row is; a row of a table (取組方針① … | 指標 | 160件) is none."""
    if line.cells is None:
        return read_heading(clean_cell(line.text))
    filled = [clean_cell(cell) for cell in line.cells if cell.strip()]
    if not 1 <= len(filled) <= 3 or any(re.search(r"\d", cell) for cell in filled[1:]):
        return None
    return read_heading(filled[0])


@dataclass
class Scan:
    """The events of a document, its first chapter heading and what could not be placed."""

    events: list[Event]
    chapter: str
    warnings: list[PlanWarning]
    caption: str = ""  # the latest line of running text, while no table row has come after it
    numbered: int = 0  # the last "(n)" heading under the heading in effect
    listing: bool = False  # under a 【主な取組】 label, whose bullet lines are items


def scan(lines: list[SourceLine], era: str | None = None) -> Scan:
    """Headings and tables of a plan's lines in order, and the first chapter heading ("" when none).

    "基本目標Ⅱ 共に支え合う", then "施策 3 見守り", then a table "指標 | 現状値 | 目標値" with two rows give
    a goal event (2), a policy event (3) and a table event holding the two rows.
    """
    document = _survey(lines, era)
    result = Scan([], "", [])
    table: Table | None = None
    for line in lines:
        if line.cells is not None:
            cells = [clean_cell(cell) for cell in line.cells]
            table = _table_line(cells, line.number, table, result, document)
            result.caption, result.listing = "", False
            continue
        text = clean_cell(line.text)
        if not text:
            continue
        result.caption = text
        found = read_heading(text) or _numbered_heading(text, document, result)
        if found is not None:
            result.listing = False
            if found.level not in ("item", "group") and found.word:
                result.numbered = 0
        else:
            found = _bullet_item(text, result)
        if found is not None and found.level == "chapter" and not document.chapters_are_goals:
            if result.chapter and any(event.kind == "approach" for event in result.events):
                break
            result.chapter = result.chapter or text
        else:
            _text_line(text, found, line.number, result.events)
        table = None
    return result


def _bullet_item(text: str, result: Scan) -> Heading | None:
    """ "・見守りネットワーク事業の推進（高齢福祉課）" under a 【主な取組】 label is an item; any other line ends the list."""
    bullet = _BULLET_RE.match(normalize(text))
    if result.listing and bullet:
        return Heading("item", "", "", None, text[bullet.end() :].strip())
    result.listing = bool(_ITEM_LABEL_RE.match(normalize(text)))
    return None


def _numbered_heading(text: str, document: _Document, result: Scan) -> Heading | None:
    """ "(2) 地域の居場所づくり" heads the level below the worded ones, when it counts on from the last one."""
    level = document.numbered_level
    match = _NUMBERED_RE.match(normalize(text))
    if level is None or match is None or text.endswith("。") or int(match.group("n")) != result.numbered + 1:
        return None
    result.numbered += 1
    return Heading(level, "", f"({result.numbered})", result.numbered, match.group("title").strip())


def _table_line(
    cells: list[str], line: int, table: Table | None, result: Scan, document: _Document
) -> Table | None:
    if is_separator(cells):
        return table
    departments = DEPARTMENTS_RE.match(normalize(cells[0]).strip()) if cells[0] else None
    if departments and not departments.group("rest"):
        result.events.append(Event("departments", line, title=" ".join(cells[1:])))
        return None
    if table is not None and not table.rows and _header_years(table, cells, document.era):
        return table
    header = table_header(cells, line, document.era, document.headed)
    if header is not None:
        if table is not None and table.kind == header.kind and table.columns == header.columns:
            return table  # the header repeated on a new page
        if header.kind == "indicators" and "name" not in header.columns:
            # Year columns alone name no indicator: the caption above does, if it is a name rather than
            # a sentence and no header cell is left unread ("目標・KPI | 目標 | 実績" is a KPI sheet's).
            caption = result.caption
            header.caption = caption if len(caption) <= _MAX_CAPTION and not caption.endswith("。") else ""
            read = [column for column in header.header if column.role != "blank"]
            if not header.caption or len([c for c in cells if c]) > len(read):
                header.kind = "unknown"
        if header.kind == "unknown":
            _unknown_table(cells, line, result)
        result.events.append(Event("table", line, table=header))
        return header
    placed_by_columns = table is not None and set(table.columns) & set(HIERARCHY[:3])
    if not placed_by_columns and _heading_row(cells, line, result, document):
        return None
    if table is not None:
        table.rows.append(Row(line, cells))
    return table


def _header_years(table: Table, cells: list[str], era: str | None) -> bool:
    """A second header row that only dates the columns above it ("| （令和5年度） | （令和11年度）")."""
    filled = {index: cell for index, cell in enumerate(cells) if cell}
    years = {index: header_years(cell, era) for index, cell in filled.items()}
    if not filled or any(len(found) != 1 or words for found, words in years.values()):
        return False
    dated = {column.index for column in table.header if column.role in ("baseline", "target", "actual")}
    if not set(filled) <= dated:
        return False
    table.header = [replace(c, year=years[c.index][0][0]) if c.index in filled else c for c in table.header]
    found = (table.years[0], table.years[1])
    for column in table.header:
        if column.role == "baseline" and found[0] is None:
            found = (column.year, found[1])
        if column.role == "target" and found[1] is None:
            found = (found[0], column.year)
    table.years = found
    return True


def _unknown_table(cells: list[str], line: int, result: Scan) -> None:
    words = " / ".join(cell for cell in cells if cell)
    result.warnings.append(
        PlanWarning(
            line,
            f"The table at {{at}} ({words}) is not a plan table; its rows were not read.",
            f"{{at_ja}}から始まる表（{words}）は計画の表ではないため、読み取っていません。",
        )
    )


def _heading_row(cells: list[str], line: int, result: Scan, document: _Document) -> bool:
    """A row whose first cell is a heading ("基本目標Ⅰ | 安心して暮らせるまち") or a label ("施策 | 3-2 | 見守り")."""
    filled = [cell for cell in cells if cell]
    if not 1 <= len(filled) <= 3:
        return False
    rest = " ".join(filled[1:])
    found = read_heading(filled[0])
    if found is not None and (found.level != "chapter" or document.chapters_are_goals):
        if re.search(r"\d", rest):
            return False  # a figure beside it: a table row that starts with a heading's words
        title = " ".join(part for part in (found.title, rest) if part)
        heading = Heading(found.level, found.word, found.marker, found.number, title)
        _text_line(filled[0], heading, line, result.events)
        return True
    label = read_label(filled[0])
    if label is None or label[0] not in _LEVEL_EVENTS:
        return False
    number, marker, title = split_number(rest)
    if not title:
        return False
    result.events.append(Event(_LEVEL_EVENTS[label[0]], line, marker, title, label[1], value=number))
    return True


def _text_line(line: str, found: Heading | None, line_number: int, events: list[Event]) -> None:
    if found is not None:
        kind = "goal" if found.level == "chapter" else _LEVEL_EVENTS[found.level]
        events.append(
            Event(kind, line_number, found.marker, found.title.strip(), found.word, value=found.number)
        )
        return
    departments = DEPARTMENTS_RE.match(normalize(line))
    if departments:
        events.append(Event("departments", line_number, title=departments.group("rest")))
        return
    arrow = _ARROW_RE.match(normalize(line))
    if arrow and all(re.search(r"\d", arrow.group(part)) for part in ("base", "target")):
        name, base, target = (line[arrow.start(p) : arrow.end(p)].strip() for p in ("name", "base", "target"))
        indicator = RawIndicator(line_number, name, base, target)
        indicator.years = (cell_year(base), cell_year(target))
        events.append(Event("indicator", line_number, title=name, indicator=indicator))
        return
    events.append(Event("text", line_number, title=line))
