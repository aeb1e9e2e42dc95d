"""Business reports (事業経過報告 / 事業実績報告) read from TSV, CSV or xlsx tables.

The reader finds each header row (pages repeat it), puts shifted cells back
under their columns, carries blank and 〃 cells down, joins continuation rows,
splits "1 かぎ預かり事業 (地域福祉課)" into number, name and department, and
reads the quantities of the two result columns.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReaderError
from .layout import (
    Layout,
    NameParts,
    align_row,
    is_header_continuation,
    merge_header_rows,
    place_row,
    read_header,
    split_name,
    split_segment,
)
from .markers import Outline
from .numbering import MarkerPath, split_number
from .quantities import read_quantities
from .realign import ProjectRow, clean_blocks, put_back, realign_results
from .records import ProjectEntry, Quantity, ReportDocument
from .report_periods import GivenPeriod, ReportPeriods, given_period, read_periods
from .tables import Row, read_file_bytes, read_table
from .text import CIRCLED, collapse_spaces, is_ditto, join_wrapped, normalize, squash
from .year_tables import find_year_header, read_year_table

_GOAL_RE = re.compile(r"(?:基本目標|重点目標|目標)\s?(\d{1,2})")
_SUBPROJECT_RE = re.compile(rf"^\s*([{CIRCLED}])\s*(\S+)")


@dataclass
class _Carry:
    """What blank cells inherit from the rows above."""

    segment: str | None = None
    service: str | None = None
    plan_goal: int | None = None
    plan_text: str = ""
    markers: MarkerPath = field(default_factory=MarkerPath)


def read_report(
    path: Path | str, fiscal_year: int | None = None, period: str | None = None
) -> ReportDocument:
    """Read a report file (.txt/.tsv/.csv/.xlsx; UTF-8, UTF-8 with BOM or Shift_JIS).

    ``fiscal_year`` (2025 for 令和7年度) and ``period`` ("Q1".."Q4" or "FY")
    say which period the report covers when the file names none; when the
    file names one too, both must agree, else the file is refused.
    """
    path = Path(path)
    return read_report_bytes(read_file_bytes(path), path.name, fiscal_year, period)


def read_report_bytes(
    data: bytes, name: str, fiscal_year: int | None = None, period: str | None = None
) -> ReportDocument:
    """Read a report given as bytes; ``name`` picks the format and appears in errors.

    ``fiscal_year`` and ``period`` are as for :func:`read_report`.
    """
    given = given_period(fiscal_year, period, name)
    table = read_table(data, name)
    year_layout = find_year_header(table.rows)
    try:
        if year_layout is not None:
            document = read_year_table(table.rows, year_layout, name, given)
        else:
            document = _read_rows(table.rows, name, given)
    except RecursionError as exc:  # pragma: no cover - defensive: absurdly nested input
        raise ReaderError(f"{name} could not be read.", f"{name} を読み取れませんでした。") from exc
    document.sha256 = hashlib.sha256(data).hexdigest()
    document.encoding = table.encoding
    return document


@dataclass
class _Scan:
    """What a pass over the rows found: the layouts in force, the title and the projects."""

    layout: Layout | None = None
    first_layout: Layout | None = None
    header_cells: list[str] | None = None  # the header just read, which a second header row may extend
    title: str = ""
    preamble: list[str] = field(default_factory=list)  # rows above the first header: title, council, as-of
    entries: list[ProjectEntry] = field(default_factory=list)
    carry: _Carry = field(default_factory=_Carry)
    goal_titles: dict[str, int] = field(default_factory=dict)


def _read_rows(rows: list[Row], name: str, given: GivenPeriod) -> ReportDocument:
    scan = _Scan()
    for row in rows:
        if not row.is_blank() and not _read_header_row(row, scan):
            _read_body_row(row, scan)
    if scan.first_layout is None:
        raise ReaderError(
            f"{name} has no report table: no header row naming 事業名 and 実績 columns was found.",
            f"{name} に事業報告の表が見つかりません（事業名・実績の列見出しがありません）。",
        )
    if not scan.entries:
        raise ReaderError(f"{name} has a header but no project rows.", f"{name} には事業の行がありません。")
    periods = read_periods(scan.first_layout, [scan.title, *scan.preamble], given, name, rows)
    entries = scan.entries
    _put_back_moved_results(entries)
    heading_units = {c.role: c.unit for c in scan.first_layout.results()}
    for entry in entries:
        _read_entry_quantities(entry, heading_units)
    _mirror_labels(entries)
    _name_unlabelled(entries)
    return ReportDocument(
        source=name,
        fiscal_year=periods.fiscal_year,
        period=periods.period,
        comparison_fiscal_year=_comparison_year(periods, entries),
        fiscal_year_source=periods.source,
        fiscal_year_inferred_from=periods.inferred_from,
        projects=entries,
        title=scan.title,
        columns={c.role: c.heading for c in scan.first_layout.columns if c.role != "other"},
    )


def _read_header_row(row: Row, scan: _Scan) -> bool:
    """Take a header row (or the second row of a two-row header) into ``scan``; False for other rows."""
    if scan.header_cells is not None and is_header_continuation(row.cells):
        merged = read_header(merge_header_rows(scan.header_cells, row.cells), row.line)
        if merged is not None:
            first = scan.first_layout
            scan.layout, scan.header_cells = merged, None
            scan.first_layout = merged if first is None or first.line == merged.line - 1 else first
            return True
    header = read_header(row.cells, row.line)
    scan.header_cells = row.cells if header is not None else None
    if header is None:
        return False
    scan.layout = header
    scan.first_layout = scan.first_layout or header
    return True


def _read_body_row(row: Row, scan: _Scan) -> None:
    """A title row, a row above the table, or a project's row placed under the columns."""
    filled = [c for c in row.cells if c.strip()]
    if scan.layout is None or (len(filled) == 1 and _is_title(row.cells, scan.title)):
        scan.title = scan.title or (collapse_spaces(filled[0]) if len(filled) == 1 else "")
        if scan.layout is None:
            scan.preamble.append(" ".join(filled))
        return
    exact = row.exact and len(row.cells) == scan.layout.width
    placed = place_row(row.cells, scan.layout) if exact else align_row(row.cells, scan.layout)
    _take_row(row, placed, scan.entries, scan.carry, scan.goal_titles)


def _is_title(cells: list[str], title: str) -> bool:
    """A page title repeated between tables: alone in the first cell, naming a report (or the title itself)."""
    first = cells[0].strip() if cells else ""
    if not first:
        return False
    return collapse_spaces(first) == title or ("報告" in first and len(first) < 120)


def _cell(placed: dict[str, list[str]], role: str) -> str:
    return " ".join(c.strip() for c in placed.get(role, []))


def _take_row(
    row: Row,
    placed: dict[str, list[str]],
    entries: list[ProjectEntry],
    carry: _Carry,
    goal_titles: dict[str, int],
) -> None:
    segment, service = _segment_and_service(placed)
    if segment and segment != carry.segment:
        carry.segment, carry.service = segment, None
    if service:
        carry.service = service
    number, marker, name, department = _name_parts(placed)
    previous = entries[-1] if entries else None
    activities = _cell(placed, "activities")
    if not name and previous is not None:
        sub = _SUBPROJECT_RE.match(normalize(activities))
        if sub and sub.group(1) != CIRCLED[0] and _SUBPROJECT_RE.match(normalize(previous.activities)):
            name, number, department = sub.group(2), previous.number, previous.department
            marker = sub.group(1)  # a sub-project ② keeps its parent's number
        else:
            _continue_entry(previous, placed, row.line)
            return
    if previous is not None and squash(name) == squash(previous.name) and (number in (None, previous.number)):
        if service and service != previous.service:
            previous.service = service  # the repeated row names the service the first one left blank
        _continue_entry(previous, placed, row.line)
        return
    plan_text = _cell(placed, "plan")
    _carry_goal(plan_text, carry, goal_titles)
    marker = carry.markers.full(marker) if marker else None
    entries.append(
        ProjectEntry(
            line=row.line,
            name=name,
            segment=carry.segment,
            service=carry.service,
            number=number,
            marker=marker,
            department=department,
            plan_goal=carry.plan_goal,
            plan_text=join_wrapped(plan_text) if plan_text and not is_ditto(plan_text) else carry.plan_text,
            activities=activities,
            narrative=_cell(placed, "narrative"),
            current_text=_cell(placed, "current"),
            comparison_text=_cell(placed, "comparison"),
            lines=[row.line],
        )
    )


def _name_parts(placed: dict[str, list[str]]) -> NameParts:
    """Number, marker, name and department from the name cell, a number column and a department column."""
    name_cell = _cell(placed, "name")
    number, marker, name, department = split_name(name_cell) if name_cell else NameParts(None, None, "", None)
    department = department or (join_wrapped(_cell(placed, "department")) or None)
    number_cell = _cell(placed, "number")
    if number_cell:
        cell_number, cell_marker, rest = split_number(number_cell + " -")  # " -": words after the marker
        if cell_marker is not None and rest == "-":
            number, marker = cell_number, cell_marker
    return NameParts(number, marker, name, department)


def _segment_and_service(placed: dict[str, list[str]]) -> tuple[str | None, str | None]:
    segment: str | None = None
    service: str | None = None
    for cell in placed.get("segment_and_service", []):
        cell_segment, cell_service = split_segment(cell)
        segment, service = segment or cell_segment, service or cell_service
    for cell in placed.get("segment", []):
        cell_segment, cell_service = split_segment(cell)
        segment = segment or cell_segment or cell_service
    for cell in placed.get("service", []):
        service = service or join_wrapped(normalize(cell)) or None
    return segment, service


def _carry_goal(plan_text: str, carry: _Carry, goal_titles: dict[str, int]) -> None:
    if not plan_text.strip() or is_ditto(plan_text):
        return  # blank and 〃 keep the goal in effect
    text = join_wrapped(normalize(plan_text))
    m = _GOAL_RE.search(text)
    words = squash(_GOAL_RE.sub("", text))
    if m:
        carry.plan_goal = int(m.group(1))
        if words:
            goal_titles[words] = carry.plan_goal
    elif words not in goal_titles and carry.plan_goal is not None and _GOAL_RE.fullmatch(carry.plan_text):
        goal_titles[words] = carry.plan_goal  # the title of the bare 基本目標N above, split onto this row
    else:
        carry.plan_goal = goal_titles.get(words)
    carry.plan_text = text


def _continue_entry(entry: ProjectEntry, placed: dict[str, list[str]], line: int) -> None:
    """A continuation row: its cells add to the entry above."""
    for role, attribute in (
        ("narrative", "narrative"),
        ("current", "current_text"),
        ("comparison", "comparison_text"),
    ):
        extra = _cell(placed, role)
        if extra and not is_ditto(extra):
            setattr(entry, attribute, f"{getattr(entry, attribute)} {extra}".strip())
    activities = _cell(placed, "activities")
    if activities and not is_ditto(activities):
        entry.activities = f"{entry.activities} {activities}".strip()
    entry.lines.append(line)


def _put_back_moved_results(entries: list[ProjectEntry]) -> None:
    """Results an export printed a row off, in blocks the words clearly place, go back to their projects."""
    rows = [
        ProjectRow(e.name, e.activities, e.narrative, f"{e.current_text} {e.comparison_text}")
        for e in entries
    ]
    if all(row.result.strip() for row in rows):
        return  # a block can only be put back into a gap: with no empty result cell there is none
    blocks = clean_blocks(rows, realign_results(rows))
    if not blocks:
        return
    texts = put_back([(e.current_text, e.comparison_text) for e in entries], blocks)
    for entry, (current, comparison) in zip(entries, texts, strict=True):
        entry.current_text, entry.comparison_text = current, comparison


def _read_entry_quantities(entry: ProjectEntry, heading_units: dict[str, str | None]) -> None:
    """Read both result cells; figures left of an arrow in the current cell belong to the comparison."""
    labels = Outline.parse(entry.activities).labels
    current = read_quantities(entry.current_text, labels, default_unit=heading_units.get("current"))
    entry.comparison = read_quantities(
        entry.comparison_text, labels, default_unit=heading_units.get("comparison")
    )
    entry.current = [q for q in current if not q.earlier]
    entry.comparison += [q for q in current if q.earlier]


def _comparison_year(periods: ReportPeriods, entries: list[ProjectEntry]) -> int | None:
    """With no comparison column, figures left of an arrow ("130→368回") are last year's."""
    if periods.comparison_fiscal_year is None and any(q.earlier for e in entries for q in e.comparison):
        return periods.fiscal_year - 1
    return periods.comparison_fiscal_year


def _name_unlabelled(entries: list[ProjectEntry]) -> None:
    """A figure with no words of its own ("1→1回") counts what its project does: it takes the name."""
    for entry in entries:
        for q in (*entry.current, *entry.comparison):
            q.label = q.label or entry.name


def _unit_class(unit: str | None) -> str:
    return {"名": "人", "箇所": "か所", "ヶ所": "か所", "カ所": "か所", "ヵ所": "か所", "ケ所": "か所"}.get(
        unit or "", unit or ""
    )


def _mirror_labels(entries: list[ProjectEntry]) -> None:
    """A comparison cell often omits the words the current cell writes ("17校 延べ 122学級" beside
    "学校:18校 延べ114学級"): an unlabelled figure takes the label of the figure in the same place,
    counted by unit, in the other period."""
    for entry in entries:
        _mirror(entry.comparison, entry.current)
        _mirror(entry.current, entry.comparison)


def _mirror(target: list[Quantity], source: list[Quantity]) -> None:
    by_unit: dict[str, list[Quantity]] = {}
    for q in source:
        by_unit.setdefault(_unit_class(q.unit), []).append(q)
    seen: dict[str, int] = {}
    for q in target:
        key = _unit_class(q.unit)
        index = seen.get(key, 0)
        seen[key] = index + 1
        peers = by_unit.get(key, [])
        if (
            not q.label
            and index < len(peers)
            and len(peers) == sum(_unit_class(t.unit) == key for t in target)
        ):
            q.label = peers[index].label
