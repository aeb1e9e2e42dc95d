"""What a plan prints twice: the 施策の体系 table, the summary list of 評価指標, and each indicator as a record.

The 施策の体系 table lists each policy with its approaches numbered across the
plan; the summary list prints every indicator again under its approach.  The
reader takes the structure from the text and checks it against both, and
turns each indicator's printed cells (:class:`~sasaeai.core.plan_grid.RawIndicator`)
into the plan JSON's indicator with its parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .plan_grid import RawIndicator
from .plan_indicators import PLAN_UNITS, direction_word, read_parts, yearly_values
from .plan_tables import Row, Table
from .text import circled_number, collapse_spaces, join_wrapped, normalize, squash

_SYSTEM_ENTRY_RE = re.compile(r"(?<!\S)(\d{1,2})\s+(?=\S)")
_NAME_UNIT_RE = re.compile(
    r"^.+?(?P<open>[(（\[])\s*(?P<said>単位\s*[:：])?(?P<unit>[^()（）\[\]]{1,6})[)）\]]$"
)


def cell(row: Row, table: Table, role: str) -> str:
    """The row's cell in the column of ``role`` ("" when the table has no such column)."""
    index = table.columns.get(role)
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def key(text: str) -> str:
    """Comparison key: NFKC, no whitespace, no 、."""
    return squash(unicodedata.normalize("NFKC", text)).replace("、", "").replace(",", "")


def printed_number(marker: str) -> int | None:
    """③ -> 3, "12" -> 12, anything else None."""
    return circled_number(marker) or (int(marker) if re.fullmatch(r"[0-9]+", marker) else None)


@dataclass
class SystemTable:
    """施策の体系: policy titles, and which policy each approach number belongs to."""

    policies: dict[int, str] = field(default_factory=dict)
    approach_policy: dict[int, int] = field(default_factory=dict)
    approach_titles: dict[int, str] = field(default_factory=dict)

    def add(self, row: Row, table: Table) -> None:
        policy = re.match(r"^(\d{1,2})\s*(.+)$", normalize(cell(row, table, "policy")))
        if not policy:
            return
        number = int(policy.group(1))
        self.policies[number] = join_wrapped(policy.group(2))
        text = normalize(cell(row, table, "approach"))
        # Entries are numbered consecutively; a number out of sequence belongs to a title ("8050 問題").
        starts: list[tuple[int, int, int]] = []
        for match in _SYSTEM_ENTRY_RE.finditer(text):
            approach = int(match.group(1))
            if not starts or approach == starts[-1][0] + 1:
                starts.append((approach, match.start(), match.end()))
        for index, (approach, _, title_start) in enumerate(starts):
            title_end = starts[index + 1][1] if index + 1 < len(starts) else len(text)
            self.approach_policy[approach] = number
            self.approach_titles[approach] = join_wrapped(text[title_start:title_end])


@dataclass
class SummaryGroup:
    """The rows of the summary list of 評価指標 printed under one 取組方針."""

    marker: str
    title: str
    rows: list[RawIndicator] = field(default_factory=list)
    used: bool = False
    marker_text: str = ""  # the 取組方針 cell as printed, to tell where the next group begins


def match_summary(
    approaches: list[dict[str, Any]], groups: list[SummaryGroup], notes: list[str]
) -> dict[int, SummaryGroup]:
    """Summary groups by approach number: by title first (markers can be misprinted), then by marker.

    The list's "取組方針⑰ 雇用の安定…" goes to the approach titled 雇用の安定… even if that is approach 18
    (and a note says so); a group whose title matches none goes to the approach its marker numbers.
    """
    found: dict[int, SummaryGroup] = {}
    for approach in approaches:
        wanted = key(approach["title"])
        group = next((g for g in groups if not g.used and g.title and key(g.title) == wanted), None)
        if group is not None:
            group.used = True
            found[approach["number"]] = group
            if printed_number(group.marker) != approach["number"]:
                notes.append(
                    f"The summary list marks approach {approach['number']} ({approach['title']}) "
                    f"as 取組方針{group.marker}."
                )
    for approach in approaches:
        if approach["number"] in found:
            continue
        for group in groups:
            if not group.used and printed_number(group.marker) == approach["number"]:
                group.used = True
                found[approach["number"]] = group
                break
    return found


def matching_summary(rows: list[RawIndicator], index: int, name: str, count: int) -> RawIndicator | None:
    """The summary row of the ``index``-th indicator: by position when the counts agree, else by name."""
    if len(rows) == count:
        return rows[index]
    return next((row for row in rows if key(row.name) == key(name)), None)


def indicator_record(
    raw: RawIndicator, fallback_years: tuple[int | None, int | None], summary: RawIndicator | None
) -> tuple[dict[str, Any], list[str]]:
    """The plan JSON's indicator for printed cells, and the cells of yearly values it could not read.

    "市民の割合（％）" with "28.4" and "40.0" in columns dated 2011 and 2017 gives the indicator 市民の割合,
    one part 28.4 % (2011) → 40 % (2017), increasing, and its actuals by year.
    """
    years = (raw.years[0] or fallback_years[0], raw.years[1] or fallback_years[1])
    name, unit = name_and_unit(raw.name)
    base_name, parts = read_parts(name, raw.baseline, raw.target, years)
    unread = _apply_columns(raw, parts, raw.unit or unit)
    indicator: dict[str, Any] = {"name": base_name}
    if base_name != collapse_spaces(raw.name):
        indicator["name_as_printed"] = collapse_spaces(raw.name)
    indicator.update(
        parts=parts,
        baseline_text=collapse_spaces(raw.baseline),
        target_text=collapse_spaces(raw.target),
        source_line=raw.line,
        summary=None,
        summary_agrees=None,
    )
    if summary is not None:
        indicator["summary"] = {
            "name": collapse_spaces(summary.name),
            "baseline_text": collapse_spaces(summary.baseline),
            "target_text": collapse_spaces(summary.target),
            "source_line": summary.line,
        }
        mine = [key(raw.name), key(raw.baseline), key(raw.target)]
        indicator["summary_agrees"] = mine == [key(summary.name), key(summary.baseline), key(summary.target)]
    return indicator, unread


def name_and_unit(name: str) -> tuple[str, str]:
    """ "市民の割合（％）" -> ("市民の割合", "%"): a unit in brackets at the end of an indicator's name."""
    match = _NAME_UNIT_RE.match(normalize(name).strip())
    if match is None:
        return name, ""
    unit = match.group("unit").strip()
    if (
        not match.group("said")
        and unit not in PLAN_UNITS
        and not re.fullmatch(r"[^\d\s]{1,3}/[年月日]", unit)
    ):
        return name, ""
    return name.strip()[: match.start("open")].rstrip(), unit


def _apply_columns(raw: RawIndicator, parts: list[dict[str, Any]], unit: str) -> list[str]:
    """A 単位 column's unit for figures printed without one, a 方向性 column's direction, yearly values."""
    unit = collapse_spaces(unit)
    direction = direction_word(raw.direction) if raw.direction else None
    for part in parts:
        for measure in (part["baseline"], part["target"]):
            if unit and measure["value"] is not None and not measure["unit"]:
                measure["unit"] = unit
        if direction:
            part["direction"] = direction
    actuals, unread = yearly_values(parts, raw.actuals)
    targets, unread_targets = yearly_values(parts, raw.yearly_targets)
    for part, found, planned in zip(parts, actuals, targets, strict=True):
        if found:
            part["actuals"] = found
        if planned:
            part["yearly_targets"] = planned
    return unread + unread_targets
