"""Reading a plan document (地域福祉計画 chapter text, or its JSON form) into a plain dict.

The dict is the plan JSON (the same shape as the hand-made answer files)::

    {"source", "chapter", "goals": [{"number", "title", "source_line", "policies": [
        {"number", "title", "source_line", "approaches": [
            {"number", "title", "printed_marker", "source_line", "departments",
             "items": [{"number", "title", "departments", ...}],
             "indicators": [{"name", "parts": [{"label", "marker"?, "baseline": {"year", "value", "unit", "text"},
                             "target": {..., "qualifier"?}, "direction"}], "baseline_text", "target_text",
                             "source_line", "summary", "summary_agrees"}]}]}]}],
     "counts": {...}, "notes": [...]}

Rules (general, not tuned to one city):

- approaches are numbered by their order in the text; the printed marker
  (取組方針⑩) is kept as ``printed_marker`` and a disagreement becomes a note;
- an approach belongs to the policy the 施策の体系 table lists it under; a
  policy whose heading is missing takes its title from that table or from the
  summary list of 評価指標, and sits under the goal in effect;
- item rows under a 取組項目① heading form one item per number, titled by the
  heading, whose unnumbered rows are its ``subitems``; items without a 担当課
  cell inherit the approach's departments;
- indicator values are read by :mod:`sasaeai.core.plan_indicators`; years
  come from the table header (基準値 (R1) -> 2019, 目標値 (R8) -> 2026);
- each indicator is compared with its row in the summary list
  (``summary_agrees``: equal after ignoring whitespace, width and 、).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ReaderError
from .plan_indicators import read_parts
from .plan_json import count_plan, read_plan_json
from .plan_tables import APPROACH_RE, Event, Row, Table, scan
from .tables import read_file_bytes, read_text_input
from .text import circled_number, collapse_spaces, join_wrapped, normalize, squash

_REPRINT_RE = re.compile(r"[(（]\s*No\.?\s*(\d+)\s*再掲\s*[)）]")
_SUBTITLE_RE = re.compile(r"^(?P<title>.+?)\s*[(（](?P<subtitle>[^()（）]+)[)）]$")
_SYSTEM_ENTRY_RE = re.compile(r"(?<!\S)(\d{1,2})\s+(?=\S)")
_DEPARTMENT_SPLIT_RE = re.compile(r"[\s/／、,，]+")


def read_plan(data: bytes, name: str) -> dict[str, Any]:
    """Read a plan document (text with tab-separated tables) or its JSON form into the plan dict.

    Raises :class:`ReaderError` for an empty, binary or undecodable file, for
    JSON of the wrong shape and for a text in which no plan can be found.
    """
    text = read_text_input(data, name)
    if text.lstrip().startswith("{"):
        return read_plan_json(text, name)
    events, chapter = scan(text)
    plan = _PlanBuilder(name).build(events)
    plan["chapter"] = chapter
    if not any(policy["approaches"] for goal in plan["goals"] for policy in goal["policies"]):
        raise ReaderError(
            f"{name} holds no plan: no 取組方針 headings were found.",
            f"{name} には計画が見つかりません（取組方針の見出しがありません）。",
        )
    plan["counts"] = count_plan(plan)
    return plan


read_plan_bytes = read_plan  # the name the report reader's pair (read_report_bytes) suggests


def read_plan_file(path: Path | str) -> dict[str, Any]:
    """:func:`read_plan` of a file on disk."""
    path = Path(path)
    return read_plan(read_file_bytes(path), path.name)


def _cell(row: Row, table: Table, role: str) -> str:
    index = table.columns.get(role)
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def _key(text: str) -> str:
    """Comparison key: NFKC, no whitespace, no 、."""
    return squash(unicodedata.normalize("NFKC", text)).replace("、", "").replace(",", "")


def _departments(text: str) -> list[str]:
    return [part for part in _DEPARTMENT_SPLIT_RE.split(collapse_spaces(text)) if part]


@dataclass
class _SystemTable:
    """施策の体系: policy titles, and which policy each approach number belongs to."""

    policies: dict[int, str] = field(default_factory=dict)
    approach_policy: dict[int, int] = field(default_factory=dict)
    approach_titles: dict[int, str] = field(default_factory=dict)

    def add(self, row: Row, table: Table) -> None:
        policy = re.match(r"^(\d{1,2})\s*(.+)$", normalize(_cell(row, table, "policy")))
        if not policy:
            return
        number = int(policy.group(1))
        self.policies[number] = join_wrapped(policy.group(2))
        text = normalize(_cell(row, table, "approach"))
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
class _SummaryGroup:
    """The rows of the summary list of 評価指標 printed under one 取組方針."""

    marker: str
    title: str
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)
    used: bool = False


def _structural_kinds(events: list[Event]) -> list[str]:
    """For each event, the kind of the next approach heading or summary table ("approach" / "summary" / "")."""
    result = [""] * len(events)
    upcoming = ""
    for index in range(len(events) - 1, -1, -1):
        result[index] = upcoming
        event = events[index]
        if event.kind == "approach":
            upcoming = "approach"
        elif event.kind == "table" and event.table is not None and event.table.kind == "summary":
            upcoming = "summary"
    return result


class _PlanBuilder:
    """Walks the scanned events once, keeping the goal, policy, approach and group in effect."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.goals: list[dict[str, Any]] = []
        self.policies: dict[int, dict[str, Any]] = {}
        self.goal: dict[str, Any] | None = None
        self.policy: dict[str, Any] | None = None
        self.approach: dict[str, Any] | None = None
        self.group: tuple[str, str] | None = None
        self.pending: tuple[str, dict[str, Any]] | None = None
        self.system = _SystemTable()
        self.summary: list[_SummaryGroup] = []
        self.summary_years: tuple[int | None, int | None] = (None, None)
        self.raw_indicators: dict[int, list[tuple[int, str, str, str, tuple[int | None, int | None]]]] = {}
        self.notes: list[str] = []
        self.approach_count = 0
        self.summary_goal: int | None = None
        self.summary_goals: dict[int, str] = {}
        self.summary_policies: dict[int, tuple[str, int | None]] = {}

    def build(self, events: list[Event]) -> dict[str, Any]:
        for event in events:
            if event.kind == "table" and event.table is not None and event.table.kind == "system":
                for row in event.table.rows:
                    self.system.add(row, event.table)
        upcoming = _structural_kinds(events)
        for index, event in enumerate(events):
            self._event(event, upcoming[index] == "summary")
        self._finish_indicators()
        return {"source": self.source, "chapter": "", "goals": self.goals, "notes": self.notes}

    def _event(self, event: Event, in_summary: bool) -> None:
        if self.pending is not None and event.kind == "text":
            what, target = self.pending
            self.pending = None
            if what == "departments":
                target["departments"] = _departments(event.title)
            else:
                self._set_title(target, event.title)
            return
        self.pending = None
        handler = {
            "goal": self._goal,
            "policy": self._policy,
            "approach": self._approach,
            "group": self._group,
            "departments": self._departments_line,
            "table": self._table,
        }.get(event.kind)
        if handler is not None:
            handler(event, in_summary)

    def _set_title(self, target: dict[str, Any], title: str) -> None:
        title = join_wrapped(title)
        number = target.get("number")
        system_title = None
        if "printed_marker" in target and isinstance(number, int):
            system_title = self.system.approach_titles.get(number)
        split = _SUBTITLE_RE.match(title)
        if split and system_title and _key(split.group("title")) == _key(system_title):
            title = split.group("title")
            target["subtitle"] = split.group("subtitle").strip()
        target["title"] = title

    def _goal(self, event: Event, in_summary: bool) -> None:
        if in_summary:
            self.summary_goal = int(event.number)
            self.summary_goals[self.summary_goal] = join_wrapped(event.title)
            return
        goal: dict[str, Any] = {
            "number": int(event.number),
            "title": "",
            "source_line": event.line,
            "policies": [],
        }
        self.goals.append(goal)
        self.goal, self.policy = goal, None
        self._titled(goal, event)

    def _titled(self, target: dict[str, Any], event: Event) -> None:
        if event.title:
            self._set_title(target, event.title)
        else:
            self.pending = ("title", target)

    def _policy(self, event: Event, in_summary: bool) -> None:
        number = int(event.number)
        if in_summary:
            self.summary_policies[number] = (join_wrapped(event.title), self.summary_goal)
            return
        policy: dict[str, Any] = {"number": number, "title": "", "source_line": event.line, "approaches": []}
        self._attach_policy(policy)
        self._titled(policy, event)

    def _attach_policy(self, policy: dict[str, Any]) -> None:
        if self.goal is None:
            _, number = self.summary_policies.get(policy["number"], ("", None))
            number = number or len(self.goals) + 1
            self.goal = {"number": number, "title": self.summary_goals.get(number, ""), "policies": []}
            self.goals.append(self.goal)
            self.notes.append(
                f"No goal heading precedes 施策{policy['number']}; the summary list names its goal."
            )
        self.goal["policies"].append(policy)
        self.policies[policy["number"]] = policy
        self.policy = policy

    def _approach(self, event: Event, in_summary: bool) -> None:
        self.approach_count += 1
        number = self.approach_count
        marker = f"{event.word}{event.number}"
        printed = circled_number(event.number) or (int(event.number) if event.number.isdigit() else None)
        approach: dict[str, Any] = {
            "number": number,
            "title": "",
            "printed_marker": marker,
            "source_line": event.line,
            "departments": [],
            "items": [],
            "indicators": [],
        }
        self._policy_for(number).setdefault("approaches", []).append(approach)
        self.approach, self.group = approach, None
        self._titled(approach, event)
        if printed != number:
            self.notes.append(
                f"取組方針 heading at line {event.line} is printed {marker!r}; it is approach {number}."
            )

    def _policy_for(self, approach_number: int) -> dict[str, Any]:
        wanted = self.system.approach_policy.get(approach_number)
        if wanted is None or (self.policy is not None and self.policy["number"] == wanted):
            if self.policy is None:
                self._attach_policy({"number": len(self.policies) + 1, "title": "", "approaches": []})
            assert self.policy is not None
            return self.policy
        if wanted in self.policies:
            self.policy = self.policies[wanted]
            return self.policy
        title = self.system.policies.get(wanted, "")
        self.notes.append(
            f"The heading of 施策{wanted} is missing; its title comes from the 施策の体系 table."
        )
        self._attach_policy({"number": wanted, "title": title, "approaches": []})
        assert self.policy is not None
        return self.policy

    def _group(self, event: Event, in_summary: bool) -> None:
        self.group = (f"{event.word}{event.number}", join_wrapped(event.title))

    def _departments_line(self, event: Event, in_summary: bool) -> None:
        if self.approach is None:
            return
        if event.title.strip():
            self.approach["departments"] = _departments(event.title)
        else:
            self.pending = ("departments", self.approach)

    def _table(self, event: Event, in_summary: bool) -> None:
        table = event.table
        if table is None:
            return
        if table.kind == "summary":
            self.summary_years = self.summary_years if None not in self.summary_years else table.years
            self._summary_rows(table)
        elif table.kind == "items" and self.approach is not None:
            for row in table.rows:
                self._item_row(row, table)
        elif table.kind == "indicators" and self.approach is not None:
            raw = self.raw_indicators.setdefault(self.approach["number"], [])
            for row in table.rows:
                name = _cell(row, table, "name")
                values = (_cell(row, table, "baseline"), _cell(row, table, "target"))
                if name:
                    raw.append((row.line, name, values[0], values[1], table.years))
                elif raw and any(values):
                    line, last, base, goal, years = raw[-1]
                    raw[-1] = (
                        line,
                        last,
                        f"{base} {values[0]}".strip(),
                        f"{goal} {values[1]}".strip(),
                        years,
                    )

    def _summary_rows(self, table: Table) -> None:
        for row in table.rows:
            head = normalize(_cell(row, table, "approach"))
            if head:
                match = APPROACH_RE.match(head)
                marker = match.group("n") if match else ""
                title = join_wrapped(match.group("title") if match else head)
                self.summary.append(_SummaryGroup(marker, title))
            name = _cell(row, table, "name")
            if name and self.summary:
                values = (_cell(row, table, "baseline"), _cell(row, table, "target"))
                self.summary[-1].rows.append((row.line, name, values[0], values[1]))

    def _item_row(self, row: Row, table: Table) -> None:
        assert self.approach is not None
        items: list[dict[str, Any]] = self.approach["items"]
        number = re.fullmatch(r"(?:No\.?\s*)?(\d{1,4})", normalize(_cell(row, table, "number")).strip())
        title = join_wrapped(_cell(row, table, "title"))
        if number is None:
            if not _cell(row, table, "number").strip() and title and self.group and items:
                items[-1].setdefault("subitems", []).append(title)
            return
        departments = _departments(_cell(row, table, "departments"))
        item: dict[str, Any] = {"number": int(number.group(1)), "title": title, "departments": departments}
        if not departments:
            item["departments"] = list(self.approach["departments"])
            item["departments_inherited_from_approach"] = True
        if self.group is not None:
            item["group"], item["title"] = self.group
            item["subitems"] = [title] if title else []
        reprint = _REPRINT_RE.search(
            normalize(f"{_cell(row, table, 'title')} {_cell(row, table, 'content')}")
        )
        if reprint:
            item["reprint_of"] = int(reprint.group(1))
        items.append(item)

    def _finish_indicators(self) -> None:
        approaches = [a for goal in self.goals for policy in goal["policies"] for a in policy["approaches"]]
        groups = self._match_summary(approaches)
        for approach in approaches:
            approach["indicators"] = self._indicators_of(approach, groups.get(approach["number"]))

    def _match_summary(self, approaches: list[dict[str, Any]]) -> dict[int, _SummaryGroup]:
        """Summary groups by approach number: by title first (markers can be misprinted), then by marker."""
        found: dict[int, _SummaryGroup] = {}
        for approach in approaches:
            key = _key(approach["title"])
            group = next((g for g in self.summary if not g.used and g.title and _key(g.title) == key), None)
            if group is not None:
                group.used = True
                found[approach["number"]] = group
                printed = circled_number(group.marker) or (
                    int(group.marker) if group.marker.isdigit() else None
                )
                if printed != approach["number"]:
                    self.notes.append(
                        f"The summary list marks approach {approach['number']} ({approach['title']}) "
                        f"as 取組方針{group.marker}."
                    )
        for approach in approaches:
            if approach["number"] in found:
                continue
            for group in self.summary:
                number = circled_number(group.marker) or (
                    int(group.marker) if group.marker.isdigit() else None
                )
                if not group.used and number == approach["number"]:
                    group.used = True
                    found[approach["number"]] = group
                    break
        return found

    def _indicators_of(self, approach: dict[str, Any], group: _SummaryGroup | None) -> list[dict[str, Any]]:
        raw = self.raw_indicators.get(approach["number"], [])
        summary_rows = group.rows if group else []
        if not raw and summary_rows:
            self.notes.append(
                f"Approach {approach['number']} has no indicator table; the summary list's rows are used."
            )
            raw = [(line, name, base, goal, self.summary_years) for line, name, base, goal in summary_rows]
        indicators = []
        for index, (line, name, base, goal, years) in enumerate(raw):
            summary = _matching_summary(summary_rows, index, name, len(raw))
            indicators.append(_indicator(line, name, base, goal, _years(years, self.summary_years), summary))
        return indicators


def _years(
    years: tuple[int | None, int | None], fallback: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    return (years[0] or fallback[0], years[1] or fallback[1])


def _matching_summary(
    rows: list[tuple[int, str, str, str]], index: int, name: str, count: int
) -> tuple[int, str, str, str] | None:
    if len(rows) == count:
        return rows[index]
    return next((row for row in rows if _key(row[1]) == _key(name)), None)


def _indicator(
    line: int,
    name: str,
    baseline: str,
    target: str,
    years: tuple[int | None, int | None],
    summary: tuple[int, str, str, str] | None,
) -> dict[str, Any]:
    base_name, parts = read_parts(name, baseline, target, years)
    indicator: dict[str, Any] = {"name": base_name}
    if base_name != collapse_spaces(name):
        indicator["name_as_printed"] = collapse_spaces(name)
    indicator.update(
        parts=parts,
        baseline_text=collapse_spaces(baseline),
        target_text=collapse_spaces(target),
        source_line=line,
        summary=None,
        summary_agrees=None,
    )
    if summary is not None:
        summary_line, summary_name, summary_base, summary_goal = summary
        indicator["summary"] = {
            "name": collapse_spaces(summary_name),
            "baseline_text": collapse_spaces(summary_base),
            "target_text": collapse_spaces(summary_goal),
            "source_line": summary_line,
        }
        indicator["summary_agrees"] = [_key(name), _key(baseline), _key(target)] == [
            _key(summary_name),
            _key(summary_base),
            _key(summary_goal),
        ]
    return indicator
