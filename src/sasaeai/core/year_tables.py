"""Progress tables with one column per year (計画の進捗状況): H30年度 | R1年度 | 令和2年度 …

Cities report their welfare plans' services and indicators this way: one row
(or two sub-rows, 目標 or 見込量 above 実績) per item, one column per fiscal
year, ``(記載なし)`` or ``−`` where nothing was written.  :func:`read_year_table`
turns such a table into a :class:`ReportDocument`: the fiscal year is the
latest with an actual, each item is a project whose ``current`` is that
year's actual and whose ``comparison`` is the year before's, ``targets`` holds
the planned values of the fiscal year, and ``years`` every year's actual and
planned value, for a plan-progress import to fill indicator actuals by year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import ReaderError
from .layout import read_header, split_name
from .periods import find_years
from .quantities import heading_unit, read_quantities
from .records import ProjectEntry, Quantity, ReportDocument, YearFigures
from .report_periods import GivenPeriod
from .tables import Row
from .text import collapse_spaces, join_wrapped, normalize

PLANNED_WORDS = ("目標", "計画", "見込量", "見込み量", "予定")
ACTUAL_WORDS = ("実績", "見込", "結果", "現状")
_KIND_CELL_RE = re.compile(
    r"^[(（]?(?:目標|計画|見込み?量?|予定|実績|結果|現状)(?:値|数)?(?:見込み?)?[)）]?$"
)
_OTHER_HEADINGS = ("備考", "評価", "達成", "進捗", "課題", "コメント", "方向", "所管", "担当")
_BARE_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_UNIT_NOTE_RE = re.compile(r"\s?[(（][^()（）]*(?:/|当たり|あたり|単位)[^()（）]*[)）]$")  # 訪問介護（人/月）
_UNIT_ROW_RE = re.compile(r"[(（【]?単位\s?[:：]?\s?(\S{1,6}?)[)）】]?")
_EMPTY_RE = re.compile(r"^[\s\-−―－‐ー—・/／]*$|記載なし|未実施|未集計|集計中|ー")


@dataclass
class _YearColumn:
    index: int
    fiscal_year: int
    kind: str | None  # "planned", "actual", or None (the row says)


@dataclass
class YearLayout:
    """The columns of a year table: names, the kind (目標/実績) column, the unit column, the years."""

    line: int
    name_columns: list[int]
    years: list[_YearColumn]
    kind_column: int | None = None
    unit_column: int | None = None
    number_column: int | None = None


@dataclass
class _Item:
    line: int
    names: list[str]
    unit: str | None
    number_cell: str = ""
    lines: list[int] = field(default_factory=list)
    values: dict[tuple[int, str], list[Quantity]] = field(default_factory=dict)  # (year, kind) -> figures


def _kind_of(text: str) -> str | None:
    words = normalize(text)
    if any(w in words for w in ("実績見込", "見込実績")) or (
        any(w in words for w in ACTUAL_WORDS) and not any(w in words for w in PLANNED_WORDS)
    ):
        return "actual"
    return "planned" if any(w in words for w in PLANNED_WORDS) else None


def _year_heading(cell: str) -> tuple[int, str | None] | None:
    """ "R3年度" -> (2021, None); "令和3年度 目標" -> (2021, "planned"); None when the cell is more than a year."""
    text = re.sub(r"\s", "", normalize(cell))
    years = find_years(text)
    if len(years) != 1:
        return None
    rest = (text[: years[0].start] + text[years[0].end :]).replace("年度", "").strip("()（）")
    if rest and not _KIND_CELL_RE.match(rest):
        return None
    return years[0].year, _kind_of(rest) if rest else None


def read_year_header(cells: list[str], line: int) -> YearLayout | None:
    """The layout of a year-column header, or None: at least three years, or two in a row that is no
    report header (現状値（R4） | 目標値（R8）; a report's 事業名 | 令和7年度実績 | 令和6年度実績 is none)."""
    years = []
    for index, cell in enumerate(cells):
        heading = _year_heading(cell) if cell.strip() else None
        if heading is not None:
            years.append(_YearColumn(index, heading[0], heading[1]))
    distinct = {y.fiscal_year for y in years}
    if len(distinct) < 2 or (len(distinct) == 2 and read_header(cells, line) is not None):
        return None  # 令和7年度実績 | 令和6年度実績 (or a plan beside them): a report's result columns
    first_year = years[0].index
    layout = YearLayout(line, [], years)
    for index, cell in enumerate(cells):
        text = re.sub(r"\s", "", normalize(cell))
        if index in {y.index for y in years} or not text:
            continue
        if "単位" in text:
            layout.unit_column = index
        elif text.rstrip(".") in ("No", "NO", "№", "番号", "項番"):
            layout.number_column = index
        elif text in ("区分", "種別") or _KIND_CELL_RE.match(text):
            layout.kind_column = index
        elif index < first_year and not any(w in text for w in _OTHER_HEADINGS):
            layout.name_columns.append(index)
    return layout if layout.name_columns else None


def find_year_header(rows: list[Row]) -> YearLayout | None:
    """The first year-column header among the first rows of a table."""
    for row in rows[:40]:
        layout = read_year_header(row.cells, row.line)
        if layout is not None:
            return layout
    return None


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _read_items(rows: list[Row], layout: YearLayout) -> list[_Item]:
    items: list[_Item] = []
    carried = [""] * len(layout.name_columns)
    for row in rows:
        if row.line <= layout.line or row.is_blank() or read_year_header(row.cells, row.line):
            continue
        names = [_cell(row.cells, i) for i in layout.name_columns]
        if _unit_row(row, names, items):
            continue
        kind_text = _cell(row.cells, layout.kind_column)
        if not any(names) and items and (kind_text or any(_cell(row.cells, y.index) for y in layout.years)):
            item = items[-1]  # a sub-row (実績 under 目標) or a continuation of the item above
        elif names[-1] or any(names):
            carried = [
                n or (c if k < len(names) - 1 else "")
                for k, (n, c) in enumerate(zip(names, carried, strict=True))
            ]
            unit_text = _cell(row.cells, layout.unit_column)
            unit = heading_unit(f"単位:{unit_text}") if unit_text else heading_unit(carried[-1] or names[-1])
            item = _Item(
                row.line, [join_wrapped(n) for n in carried], unit, _cell(row.cells, layout.number_column)
            )
            items.append(item)
        else:
            continue
        item.lines.append(row.line)
        _read_values(row.cells, layout, item, _kind_of(kind_text) if kind_text else None)
    return items


def _unit_row(row: Row, names: list[str], items: list[_Item]) -> bool:
    """A row that only says 単位：事業所 under an item (a PDF put the unit on its own line): the item's unit."""
    filled = [c for c in row.cells if c.strip()]
    note = _UNIT_ROW_RE.fullmatch(normalize(filled[0]).strip()) if len(filled) == 1 else None
    if note is None or not items:
        return False
    unit = heading_unit(f"単位:{note.group(1)}")
    for figures in items[-1].values.values():
        for q in figures:
            q.unit = q.unit or unit
    items[-1].unit = items[-1].unit or unit
    return True


def _read_values(cells: list[str], layout: YearLayout, item: _Item, row_kind: str | None) -> None:
    label = _UNIT_NOTE_RE.sub("", split_name(item.names[-1]).name) if item.names[-1] else ""
    for column in layout.years:
        text = _cell(cells, column.index)
        if not text or _EMPTY_RE.search(normalize(text)):
            continue
        figure = _read_value(text, item.unit, label)
        if figure is not None:
            item.values.setdefault((column.fiscal_year, column.kind or row_kind or "actual"), []).append(
                figure
            )


def _read_value(text: str, unit: str | None, label: str) -> Quantity | None:
    """A year cell: a bare number takes the item's unit; "38人" its own; the label is the item's name."""
    bare = _BARE_NUMBER_RE.fullmatch(normalize(text).strip())
    if bare:
        value = Decimal(bare.group(0).replace(",", ""))
        return Quantity(value, unit, label, start=0, end=len(text), source_text=text.strip())
    figures = read_quantities(text, default_unit=unit)
    if not figures:
        return None
    figures[0].label = label
    return figures[0]


def read_year_table(rows: list[Row], layout: YearLayout, name: str, given: GivenPeriod) -> ReportDocument:
    """A year-column progress table as a report of its latest year with an actual."""
    items = _read_items(rows, layout)
    actual_years = sorted({year for item in items for year, kind in item.values if kind == "actual"})
    fiscal_year = given.fiscal_year or (actual_years[-1] if actual_years else None)
    if not items or fiscal_year is None:
        raise ReaderError(
            f"{name} has year columns but no row with an actual figure.",
            f"{name} には年度の列がありますが、実績の数値が入った行がありません。",
        )
    projects = [_project(item, fiscal_year, layout) for item in items]
    title = next(
        (collapse_spaces(r.cells[0]) for r in rows if r.line < layout.line and r.cells[0].strip()), ""
    )
    return ReportDocument(
        source=name,
        fiscal_year=fiscal_year,
        period=given.period or "FY",
        comparison_fiscal_year=fiscal_year - 1,
        projects=projects,
        title=title,
        columns={"years": " | ".join(str(y.fiscal_year) for y in layout.years)},
        fiscal_year_source="given" if given.fiscal_year else "document",
    )


def _targets(item: _Item, fiscal_year: int) -> list[Quantity]:
    """The plan of the report's year, else of the nearest later year (a 目標値（R8） column)."""
    later = sorted(year for year, kind in item.values if kind == "planned" and year >= fiscal_year)
    return list(item.values[(later[0], "planned")]) if later else []


def _project(item: _Item, fiscal_year: int, layout: YearLayout) -> ProjectEntry:
    number, marker, name, department = split_name(item.names[-1])
    if item.number_cell:
        number, marker = split_name(f"{item.number_cell} -")[:2]
    years = sorted({year for year, _ in item.values})
    entry = ProjectEntry(
        line=item.line,
        name=name,
        service=split_name(item.names[0]).name if len(item.names) > 1 and item.names[0] else None,
        number=number,
        marker=marker,
        department=department,
        lines=item.lines,
        current=list(item.values.get((fiscal_year, "actual"), [])),
        comparison=list(item.values.get((fiscal_year - 1, "actual"), [])),
        targets=_targets(item, fiscal_year),
        years=[
            YearFigures(
                year,
                next(iter(item.values.get((year, "actual"), [])), None),
                next(iter(item.values.get((year, "planned"), [])), None),
            )
            for year in years
        ],
    )
    entry.current_text = " ".join(q.source_text for q in entry.current)
    entry.comparison_text = " ".join(q.source_text for q in entry.comparison)
    return entry
