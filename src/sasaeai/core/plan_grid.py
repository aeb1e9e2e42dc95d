"""Rows of an indicator table, whatever its layout, as one record per indicator.

Three layouts are read by the same rules:

- a baseline and a target column ("指標 | 基準値 (R1) | 目標値 (R8)"), the
  year in the header or in the cell ("43.5%(H26年度)");
- year columns whose rows say what they hold ("指標名 | 区分 | 平成23年度 | …"
  with 目標値 / 実績値 / 達成率 rows, the name printed once);
- year columns that say it themselves ("平成25 (基準値) | 平成28 | 平成31 (目標値)").

A target printed for several years is the target of the latest year; the
others are kept as yearly targets.  Actuals are kept by fiscal year.  Without a
baseline the earliest actual is the baseline, and the reader says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import SasaeaiError
from .periods import find_years
from .plan_columns import HIERARCHY, Column, header_years
from .text import collapse_spaces, normalize

# Row labels of year-column tables.  Rates are computed, not read; 見込み is a year not yet closed.
_ROW_KINDS = {
    **dict.fromkeys(("基準値", "基準", "策定時"), "baseline"),
    **dict.fromkeys(("目標値", "目標", "計画値", "計画", "年度目標"), "target"),
    **dict.fromkeys(("実績値", "実績", "現状値", "現状"), "actual"),
    **dict.fromkeys(
        ("達成率", "達成度", "進捗率", "達成状況", "前年比", "見込", "見込み", "実績見込"), "skip"
    ),
}
_DASHES = set("-—―－ー‐−–/／")


@dataclass(frozen=True)
class PlanWarning:
    """Something the reader could not place, with the line it stands on.

    The messages say where with ``{at}`` / ``{at_ja}``, filled in once the line is known as a
    line of text or a row of a sheet (see :func:`sasaeai.core.plan.warning_dict`).
    """

    line: int
    message: str
    message_ja: str


@dataclass
class RawIndicator:
    """The cells of one indicator as printed, before they are read into parts."""

    line: int
    name: str
    baseline: str = ""
    target: str = ""
    years: tuple[int | None, int | None] = (None, None)
    unit: str = ""
    direction: str = ""
    departments: str = ""
    actuals: list[tuple[int, str]] = field(default_factory=list)
    yearly_targets: list[tuple[int, str]] = field(default_factory=list)
    place: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, int | None, int], list[str]] = field(default_factory=dict)


def is_blank_value(text: str) -> bool:
    """An empty cell or a dash that a table prints for "no value": "", "—", "－" (not "0件")."""
    return not text.strip() or set(text.strip()) <= _DASHES


def cell_year(text: str, era: str | None = None) -> int | None:
    """The one fiscal year a cell names ("43.5%(H26年度)" -> 2014, "H17" -> 2005), else None."""
    try:
        mentions = find_years(text)
    except SasaeaiError:
        return None
    if len(mentions) == 1:
        return mentions[0].year
    if not mentions and len(text) <= 8:
        years, words = header_years(text, era)
        return years[0] if len(years) == 1 and not words else None
    return None


def row_kind(cell: str) -> str | None:
    """What a row label says the row holds: "実績値" -> actual, "目標値(%)" -> target, "達成率" -> skip."""
    words = re.sub(r"[\s()（）%％]", "", normalize(cell))
    return _ROW_KINDS.get(words)


def _row_kind(cells: list[str], columns: list[Column], name_index: int | None) -> str | None:
    """The kind written in the row's 区分 cell, its name cell or a cell under no header."""
    labelled = {c.index for c in columns if c.role not in ("kind", "blank")}
    for index, cell in enumerate(cells):
        if (index not in labelled or index == name_index) and row_kind(cell):
            return row_kind(cell)
    return None


def _row_label(cells: list[str], columns: list[Column]) -> str:
    """A label in the row's 区分 column (or one under an empty header) that names no kind of value: 評価."""
    for column in columns:
        if column.role in ("kind", "blank") and column.index < len(cells):
            label = cells[column.index].strip()
            if label and not row_kind(label) and not re.search(r"\d", label):
                return label
    return ""


def carry_place(columns: list[Column], cells: list[str], above: dict[str, str]) -> dict[str, str]:
    """The row's hierarchy cells by level; a blank cell is the row above's while the levels above it are blank too.

    Under ``{"goal": "A 子ども", "policy": "1 相談"}``, a row "| | ② 家庭訪問" is in A 子ども / 1 相談 /
    ② 家庭訪問, and a row "B 高齢者 | | ①" is in B 高齢者 with no policy.
    """
    place: dict[str, str] = {}
    carrying = True
    for level in HIERARCHY:
        index = next((c.index for c in columns if c.role == level), None)
        if index is None:
            continue
        text = cells[index].strip() if index < len(cells) else ""
        if text:
            carrying = False
            place[level] = text
        elif carrying and level in above:
            place[level] = above[level]
    return place


@dataclass
class _Reader:
    columns: list[Column]
    era: str | None
    caption: str = ""
    indicators: list[RawIndicator] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)
    place: dict[str, str] = field(default_factory=dict)

    def first(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def row(self, line: int, cells: list[str]) -> None:
        name_index = self.first("name")
        kind = _row_kind(cells, self.columns, name_index)
        name = cells[name_index].strip() if name_index is not None and name_index < len(cells) else ""
        if name_index is None and not self.indicators:
            name = self.caption
        if row_kind(name):
            name = ""
        place = self._place(cells)
        current = self.indicators[-1] if self.indicators else None
        if name and (current is None or collapse_spaces(name) != collapse_spaces(current.name)):
            current = RawIndicator(line, name, place=place)
            self.indicators.append(current)
        elif current is None:
            if any(not is_blank_value(cells[c.index]) for c in self._value_columns() if c.index < len(cells)):
                self.warnings.append(
                    PlanWarning(
                        line,
                        "The values at {at} have no indicator name; they were not read.",
                        "{at_ja}は数値がありますが指標名がないため、読み取っていません。",
                    )
                )
            return
        label = "" if kind else _row_label(cells, self.columns)
        if label:
            self.warnings.append(
                PlanWarning(
                    line,
                    f"The row {label} of {current.name} at {{at}} holds neither targets nor actuals; it was not read.",
                    f"{{at_ja}}の{current.name}の行「{label}」は目標値でも実績値でもないため、読み取っていません。",
                )
            )
        elif kind != "skip":
            self._values(current, cells, kind)
        self._extras(current, cells)

    def _place(self, cells: list[str]) -> dict[str, str]:
        self.place = carry_place(self.columns, cells, self.place)
        return self.place

    def _value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role in ("baseline", "target", "actual", "year")]

    def _values(self, current: RawIndicator, cells: list[str], kind: str | None) -> None:
        for column in self._value_columns():
            text = cells[column.index].strip() if column.index < len(cells) else ""
            if not text:
                continue
            role = column.role if column.role != "year" else (kind or "actual")
            year = column.year if column.year is not None else self._row_year(column, role, cells)
            current.values.setdefault((role, year, column.index), []).append(text)

    def _row_year(self, column: Column, role: str, cells: list[str]) -> int | None:
        """The year a 年度 cell of the row gives a column whose header names none.

        A 基準年度 / 目標年度 cell dates the baseline / target; a 年度 cell the value column on its
        left, or, standing left of every value (years as rows), every value of its row.
        """
        wanted = {"baseline": "baseline_year", "target": "target_year"}.get(role)
        for dating in self.columns:
            cell = cells[dating.index].strip() if dating.index < len(cells) else ""
            if not cell:
                continue
            if dating.role == wanted or (
                dating.role == "year_of" and _dated_by(self.columns, dating) in (column.index, None)
            ):
                return cell_year(cell, self.era)
        return None

    def _extras(self, current: RawIndicator, cells: list[str]) -> None:
        for role in ("unit", "direction", "departments"):
            index = self.first(role)
            if (
                index is not None
                and index < len(cells)
                and cells[index].strip()
                and not getattr(current, role)
            ):
                setattr(current, role, cells[index].strip())


def read_indicator_rows(
    columns: list[Column], rows: list[tuple[int, list[str]]], era: str | None = None, caption: str = ""
) -> tuple[list[RawIndicator], list[PlanWarning]]:
    """The indicators of a table's rows (line, cells), each with baseline, target and actuals settled.

    >>> cols = [Column(0, "name"), Column(1, "kind"), Column(2, "year", 2011), Column(3, "year", 2017)]
    >>> found, _ = read_indicator_rows(cols, [(5, ["見守り率", "目標値", "40%", "50%"]), (6, ["", "実績値", "38%", ""])])
    >>> (found[0].baseline, found[0].target, found[0].years)
    ('38%', '50%', (2011, 2017))
    """
    reader = _Reader(columns, era, caption)
    for line, cells in rows:
        reader.row(line, cells)
    for indicator in reader.indicators:
        _settle(indicator, columns, era, reader.warnings)
    return reader.indicators, reader.warnings


def _dated_by(columns: list[Column], year_column: Column) -> int | None:
    """The value column a plain 年度 column dates: the nearest one on its left."""
    left = [c for c in columns if c.index < year_column.index and c.role in ("baseline", "target")]
    return left[-1].index if left else None


def _settle(
    indicator: RawIndicator, columns: list[Column], era: str | None, warnings: list[PlanWarning]
) -> None:
    entries: dict[str, list[tuple[int | None, int, str]]] = {"baseline": [], "target": [], "actual": []}
    printed: dict[str, tuple[int | None, int, str]] = {}  # "—" in a baseline or target column
    for (role, year, index), texts in indicator.values.items():
        text = " ".join(texts)
        dated = year or cell_year(text, era)
        if role in entries and not is_blank_value(text):
            entries[role].append((dated, index, text))
        elif role in ("baseline", "target") and _is_plain(columns, index, role):
            printed.setdefault(role, (dated, index, text))
    # The target is the latest one a 目標値 column prints, else the latest a year column holds.
    targets = sorted(entries["target"], key=lambda e: (e[0] or 0, e[1]))
    plain = [entry for entry in targets if _is_plain(columns, entry[1], "target")]
    latest = plain or targets
    final = latest[-1] if latest else printed.get("target")
    indicator.yearly_targets = [(y, t) for y, i, t in targets if (y, i, t) != final and y is not None]
    actuals = sorted(entries["actual"], key=lambda e: (e[0] or 0, e[1]))
    baseline = entries["baseline"][0] if entries["baseline"] else None
    if baseline is None and actuals and "baseline" not in printed:
        baseline = actuals.pop(0)
        warnings.append(
            PlanWarning(
                indicator.line,
                f"{indicator.name} at {{at}} prints no baseline; its earliest actual ({baseline[2]}) is the baseline.",
                f"{{at_ja}}の{indicator.name} は基準値がないため、最も古い実績（{baseline[2]}）を基準値としました。",
            )
        )
    baseline = baseline or printed.get("baseline")
    for year, _, text in actuals:
        if year is None:
            warnings.append(
                PlanWarning(
                    indicator.line,
                    f"An actual of {indicator.name} at {{at}} ({text}) names no year; it was not kept.",
                    f"{{at_ja}}の{indicator.name} の実績（{text}）は年度が分からないため、保存していません。",
                )
            )
    indicator.actuals = [(year, text) for year, _, text in actuals if year is not None]
    if not indicator.unit:
        indicator.unit = next((c.unit for c in columns if c.unit and c.role in ("baseline", "target")), "")
    indicator.baseline = baseline[2] if baseline else ""
    indicator.target = final[2] if final else ""
    indicator.years = (baseline[0] if baseline else None, final[0] if final else None)


def _is_plain(columns: list[Column], index: int, role: str) -> bool:
    """A column headed 目標値 or 基準値 (not a year column whose rows hold targets)."""
    return any(c.index == index and c.role == role for c in columns)
