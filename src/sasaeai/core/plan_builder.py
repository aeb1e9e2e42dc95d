"""Building the plan tree from the scanned headings and tables, keeping the goal, policy and approach in effect.

Rules (general, not tuned to one city):

- a heading opens a node under the one in effect above it; approaches are
  counted across the plan as they come (their numbers are settled once the
  whole plan is read, see :mod:`sasaeai.core.plan`);
- an approach belongs to the policy the 施策の体系 table lists it under; a
  policy whose heading is missing takes its title from that table or from the
  summary list of 評価指標, and sits under the goal in effect;
- items, indicators and approaches that stand where a level above them has no
  heading go into an implied node of that level: number 0, the title of the
  level above (of the document for a goal), ``"implied": true``, and a warning;
- item rows under a 取組項目① heading form one item per number, titled by the
  heading, whose unnumbered rows are its ``subitems``; items without a 担当課
  cell inherit the approach's departments;
- rows of a table with hierarchy columns (基本目標 | 施策 | 取組方針 | 事業) are
  placed by those cells, a blank cell meaning the row above's.
"""

from __future__ import annotations

import re
from typing import Any

from .plan_finish import drop_empty_chapters, inherit_departments, name_untitled
from .plan_grid import PlanWarning, RawIndicator, carry_place, read_indicator_rows
from .plan_headings import read_heading, split_number
from .plan_items import add_item_heading, add_item_row, departments_of
from .plan_summary import (
    SummaryGroup,
    SystemTable,
    cell,
    indicator_record,
    key,
    match_summary,
    matching_summary,
)
from .plan_tables import Event, Table
from .text import join_wrapped

_SUBTITLE_RE = re.compile(r"^(?P<title>.+?)\s*[(（](?P<subtitle>[^()（）]+)[)）]$")


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


class PlanBuilder:
    """Walks the scanned events once, keeping the goal, policy, approach and group in effect."""

    def __init__(self, source: str, era: str | None = None, title: str = "") -> None:
        self.source, self.era, self.title = source, era, title
        self.goals: list[dict[str, Any]] = []
        self.policies: dict[int, dict[str, Any]] = {}
        self.goal: dict[str, Any] | None = None
        self.policy: dict[str, Any] | None = None
        self.approach: dict[str, Any] | None = None
        self.group: tuple[str, str] | None = None
        self.pending: tuple[str, dict[str, Any]] | None = None
        self.system = SystemTable()
        self.summary: list[SummaryGroup] = []
        self.summary_years: tuple[int | None, int | None] = (None, None)
        self.notes: list[str] = []
        self.warnings: list[PlanWarning] = []
        self.approach_count = 0
        self.summary_goal: int | None = None
        self.summary_goals: dict[int, str] = {}
        self.summary_policies: dict[int, tuple[str, int | None]] = {}

    def build(self, events: list[Event]) -> dict[str, Any]:
        """The plan dict of the events: goals, notes and warnings (numbers not yet settled)."""
        for event in events:
            if event.kind == "table" and event.table is not None and event.table.kind == "system":
                for row in event.table.rows:
                    self.system.add(row, event.table)
        upcoming = _structural_kinds(events)
        for index, event in enumerate(events):
            self._event(event, upcoming[index] == "summary")
        self._finish_indicators()
        drop_empty_chapters(self.goals, self.notes)
        name_untitled(self.goals, self.title or self.source, self.warnings)
        inherit_departments(self.goals)
        return {"source": self.source, "chapter": "", "goals": self.goals, "notes": self.notes}

    def _event(self, event: Event, in_summary: bool) -> None:
        if self.pending is not None and event.kind == "text":
            what, target = self.pending
            self.pending = None
            if what == "departments":
                target["departments"] = departments_of(event.title)
            else:
                self._set_title(target, event.title)
            return
        self.pending = None
        handler = {
            "goal": self._goal,
            "policy": self._policy,
            "approach": self._approach,
            "group": self._group,
            "item": self._item,
            "departments": self._departments_line,
            "table": self._table,
            "indicator": self._indicator_line,
        }.get(event.kind)
        if handler is not None:
            handler(event, in_summary)

    def warn(self, line: int, message: str, message_ja: str) -> None:
        """Say what could not be placed at ``line`` ({at} / {at_ja} in the messages say where)."""
        self.warnings.append(PlanWarning(line, message, message_ja))

    # -- headings ---------------------------------------------------------------------------------

    def _set_title(self, target: dict[str, Any], title: str) -> None:
        title = join_wrapped(title)
        number = target.get("number")
        system_title = None
        if "printed_marker" in target and isinstance(number, int):
            system_title = self.system.approach_titles.get(number)
        split = _SUBTITLE_RE.match(title)
        if split and system_title and key(split.group("title")) == key(system_title):
            title = split.group("title")
            target["subtitle"] = split.group("subtitle").strip()
        target["title"] = title

    def _titled(self, target: dict[str, Any], event: Event) -> None:
        if event.title:
            self._set_title(target, event.title)
        else:
            self.pending = ("title", target)

    def _goal(self, event: Event, in_summary: bool) -> None:
        number = event.value if event.value is not None else len(self.goals) + 1
        if in_summary:
            self.summary_goal = number
            self.summary_goals[number] = join_wrapped(event.title)
            return
        repeated = self._repeated(self.goals, event)
        if repeated is not None:
            self.goal, self.policy, self.approach = repeated, None, None
            return
        goal = self.new_goal(number, "", event.line, event.value)
        if event.word == "章":
            goal["_chapter"] = True
        self._titled(goal, event)

    @staticmethod
    def _repeated(nodes: list[dict[str, Any]], event: Event) -> dict[str, Any] | None:
        """A node headed again with the same number and title (each sheet of a workbook repeats its goal)."""
        if not event.title:
            return None
        title = key(join_wrapped(event.title))
        return next((n for n in nodes if n.get("_printed") == event.value and key(n["title"]) == title), None)

    def new_goal(self, number: int, title: str, line: int | None, printed: int | None) -> dict[str, Any]:
        """Open a goal (基本目標Ⅱ -> number 2, printed 2) and make it the one in effect."""
        goal: dict[str, Any] = {"number": number, "title": title, "source_line": line, "policies": []}
        goal["_printed"] = printed
        self.goals.append(goal)
        self.goal, self.policy, self.approach = goal, None, None
        return goal

    def _policy(self, event: Event, in_summary: bool) -> None:
        number = event.value
        if in_summary and number is not None:
            self.summary_policies[number] = (join_wrapped(event.title), self.summary_goal)
            return
        repeated = self._repeated(self.goal["policies"] if self.goal else [], event)
        if repeated is not None:
            self.policy, self.approach = repeated, None
            return
        if number is None:
            number = len(self.goal["policies"]) + 1 if self.goal else 1
        policy: dict[str, Any] = {"number": number, "title": "", "source_line": event.line, "approaches": []}
        policy["_printed"] = event.value
        self._attach_policy(policy, event.line)
        self._titled(policy, event)

    def _attach_policy(self, policy: dict[str, Any], line: int) -> None:
        if self.goal is None:
            _, number = self.summary_policies.get(policy["number"], ("", None))
            if number is not None or self.summary_goals:
                number = number or len(self.goals) + 1
                self.new_goal(number, self.summary_goals.get(number, ""), None, number)
                self.notes.append(
                    f"No goal heading precedes 施策{policy['number']}; the summary list names its goal."
                )
            else:
                self._implied_goal(line)
        assert self.goal is not None
        self.goal["policies"].append(policy)
        self.policies[policy["number"]] = policy
        self.policy, self.approach = policy, None

    def _implied_goal(self, line: int) -> None:
        goal = self.new_goal(0, self.title or self.source, line, None)
        goal["implied"] = True
        self.warn(
            line,
            "No goal (基本目標) heading stands before {at}; what follows is kept under one goal named after the document.",
            "{at_ja}より前に基本目標の見出しがないため、以降は文書名の目標にまとめました。",
        )

    def implied_policy(self, line: int) -> dict[str, Any]:
        """A policy standing for the goal in effect, for content placed under no policy heading."""
        if self.goal is None:
            self._implied_goal(line)
        assert self.goal is not None
        found = next((p for p in self.goal["policies"] if p.get("implied")), None)
        if found is None:
            found = {
                "number": 0,
                "title": self.goal["title"],
                "source_line": line,
                "approaches": [],
                "implied": True,
            }
            found["_printed"] = None
            self.goal["policies"].append(found)
            self.warn(
                line,
                f"What stands at {{at}} is under goal {self.goal['number']} but under no policy (施策); "
                "it is kept in a policy named after the goal.",
                f"{{at_ja}}は基本目標{self.goal['number']}の下にありますが施策の見出しがないため、目標と同名の施策に置きました。",
            )
        self.policy, self.approach = found, None
        return found

    def _approach(self, event: Event, in_summary: bool) -> None:
        self.approach_count += 1
        number = self.approach_count
        approach: dict[str, Any] = {
            "number": number,
            "title": "",
            "printed_marker": f"{event.word}{event.number}",
            "source_line": event.line,
            "departments": [],
            "items": [],
            "indicators": [],
        }
        approach["_printed"] = event.value
        policy = self._policy_for(number, event.line)
        approach["departments"] = list(policy.get("_departments", []))
        policy.setdefault("approaches", []).append(approach)
        self.approach, self.group = approach, None
        self._titled(approach, event)

    def _policy_for(self, approach_number: int, line: int) -> dict[str, Any]:
        wanted = self.system.approach_policy.get(approach_number)
        if wanted is None or (self.policy is not None and self.policy["number"] == wanted):
            return self.policy if self.policy is not None else self.implied_policy(line)
        if wanted in self.policies:
            self.policy = self.policies[wanted]
            return self.policy
        title = self.system.policies.get(wanted, "")
        self.notes.append(
            f"The heading of 施策{wanted} is missing; its title comes from the 施策の体系 table."
        )
        policy = {"number": wanted, "title": title, "approaches": [], "_printed": wanted}
        self._attach_policy(policy, line)
        return policy

    def content_approach(self, line: int, what: str) -> dict[str, Any]:
        """The approach in effect, or one standing for the policy in effect (implied), for items and indicators."""
        if self.approach is not None:
            return self.approach
        policy = self.policy if self.policy is not None else self.implied_policy(line)
        found = next((a for a in policy["approaches"] if a.get("implied")), None)
        if found is None:
            found = {
                "number": 0,
                "title": policy["title"],
                "source_line": line,
                "departments": list(policy.get("_departments", [])),
                "items": [],
            }
            found.update(indicators=[], implied=True, _printed=None)
            policy["approaches"].append(found)
            self.warn(
                line,
                f"The {what} at {{at}} stand under policy {policy['number']} but under no approach (取組方針); "
                "they are kept in an approach named after the policy.",
                f"{{at_ja}}の{'指標' if what == 'indicators' else '取組'}は施策{policy['number']}の下にありますが"
                "取組方針の見出しがないため、施策と同名の取組方針に置きました。",
            )
        self.approach = found
        return found

    def _group(self, event: Event, in_summary: bool) -> None:
        self.group = (f"{event.word}{event.number}", join_wrapped(event.title))

    def _item(self, event: Event, in_summary: bool) -> None:
        item = add_item_heading(self.content_approach(event.line, "items"), event.value, event.title)
        if not item["title"]:
            item["title"] = f"{event.word}{event.number}"  # the next line of text, if any, is its title
            self.pending = ("title", item)

    def _departments_line(self, event: Event, in_summary: bool) -> None:
        # Above the first approach a 担当課 line names the policy's departments, which its approaches share.
        target = self.approach if self.approach is not None else self.policy
        if target is None:
            return
        key_ = "departments" if target is self.approach else "_departments"
        if event.title.strip():
            target[key_] = departments_of(event.title)
        elif target is self.approach:
            self.pending = ("departments", self.approach)

    # -- tables -----------------------------------------------------------------------------------

    def _table(self, event: Event, in_summary: bool) -> None:
        table = event.table
        if table is None:
            return
        if table.kind == "summary":
            self.summary_years = self.summary_years if None not in self.summary_years else table.years
            self._summary_rows(table)
        elif table.kind == "items" and table.rows:
            approach = self.content_approach(table.line, "items")
            for row in table.rows:
                add_item_row(approach, row, table, self.group)
        elif table.kind == "indicators":
            self._indicator_rows(table)
        elif table.kind == "places":
            self._place_rows(table)

    def _rows(self, table: Table) -> list[tuple[int, list[str]]]:
        return [(row.line, row.cells) for row in table.rows]

    def _indicator_line(self, event: Event, in_summary: bool) -> None:
        if event.indicator is not None:
            self.content_approach(event.line, "indicators").setdefault("_raw", []).append(event.indicator)

    def _indicator_rows(self, table: Table) -> None:
        raws, warnings = read_indicator_rows(table.header, self._rows(table), self.era, table.caption)
        self.warnings.extend(warnings)
        for raw in raws:
            approach = (
                self.place(raw.place, raw.line)
                if raw.place
                else self.content_approach(raw.line, "indicators")
            )
            approach.setdefault("_raw", []).append(raw)
            if raw.departments:
                for department in departments_of(raw.departments):
                    if department not in approach["departments"]:
                        approach["departments"].append(department)

    def _place_rows(self, table: Table) -> None:
        above: dict[str, str] = {}
        for row in table.rows:
            above = carry_place(table.header, row.cells, above)
            if "title" not in above or not cell(row, table, "title").strip():
                if above:
                    self.place(above, row.line)
                continue
            approach = self.place({k: v for k, v in above.items() if k != "title"}, row.line)
            add_item_row(approach, row, table, self.group)

    def place(self, place: dict[str, str], line: int) -> dict[str, Any]:
        """The approach a row's hierarchy cells name, found or opened under the nodes in effect."""
        if "goal" in place:
            self._placed_goal(place["goal"], line)
        if "policy" in place:
            self._placed_child("policy", place["policy"], line)
        if "approach" in place:
            return self._placed_child("approach", place["approach"], line)
        return self.content_approach(line, "indicators")

    def _placed_goal(self, text: str, line: int) -> None:
        number, _, title = split_number(text)
        found = next((g for g in self.goals if _same_node(g, number, title)), None)
        if found is None:
            found = self.new_goal(
                number if number is not None else len(self.goals) + 1, join_wrapped(title), line, number
            )
        self.goal, self.policy, self.approach = found, None, None

    def _placed_child(self, level: str, text: str, line: int) -> dict[str, Any]:
        number, marker, title = split_number(text)
        heading = read_heading(text)
        if heading is not None:  # "取組方針① …" in the cell: printed as a heading would be
            marker = f"{heading.word}{heading.marker}"
        parent = self.goal if level == "policy" else (self.policy or self.implied_policy(line))
        if parent is None:
            self._implied_goal(line)
            parent = self.goal
        assert parent is not None
        siblings = parent["policies" if level == "policy" else "approaches"]
        found = next((n for n in siblings if _same_node(n, number, title)), None)
        if found is None:
            if level == "policy":
                found = {
                    "number": number or len(siblings) + 1,
                    "title": join_wrapped(title),
                    "source_line": line,
                }
                found.update(approaches=[], _printed=number)
                self._attach_policy(found, line)
            else:
                self.approach_count += 1
                found = {
                    "number": self.approach_count,
                    "title": join_wrapped(title),
                    "source_line": line,
                    "departments": list(parent.get("_departments", [])),
                }
                found.update(items=[], indicators=[], _printed=number)
                if marker:
                    found["printed_marker"] = marker
                siblings.append(found)
        if level == "policy":
            self.policy, self.approach = found, None
        else:
            self.approach = found
        return found

    def _summary_rows(self, table: Table) -> None:
        raws, _ = read_indicator_rows(table.header, self._rows(table), self.era)
        for raw in raws:
            head = raw.place.get("approach", "")
            if not head and not self.summary:
                continue
            if not self.summary or head != self.summary[-1].marker_text:
                found = read_heading(head)
                marker = found.marker if found is not None and found.level == "approach" else ""
                title = join_wrapped(found.title if found is not None and found.level == "approach" else head)
                self.summary.append(SummaryGroup(marker, title, marker_text=head))
            self.summary[-1].rows.append(raw)

    # -- indicators -------------------------------------------------------------------------------

    def _finish_indicators(self) -> None:
        approaches = [a for goal in self.goals for policy in goal["policies"] for a in policy["approaches"]]
        groups = match_summary(approaches, self.summary, self.notes)
        for approach in approaches:
            approach["indicators"] = self._indicators_of(approach, groups.get(approach["number"]))

    def _indicators_of(self, approach: dict[str, Any], group: SummaryGroup | None) -> list[dict[str, Any]]:
        raw: list[RawIndicator] = approach.pop("_raw", [])
        summary_rows = group.rows if group else []
        if not raw and summary_rows:
            self.notes.append(
                f"Approach {approach['number']} has no indicator table; the summary list's rows are used."
            )
            raw = summary_rows
        indicators = []
        for index, found in enumerate(raw):
            summary = matching_summary(summary_rows, index, found.name, len(raw))
            indicator, unread = indicator_record(found, self.summary_years, summary)
            indicators.append(indicator)
            for text in unread:
                self.warn(
                    found.line,
                    f"A yearly value of {indicator['name']} at {{at}} ({text}) could not be split into its parts.",
                    f"{{at_ja}}の{indicator['name']} の年度別の値（{text}）を内訳に分けられませんでした。",
                )
        return indicators


def _same_node(node: dict[str, Any], number: int | None, title: str) -> bool:
    if number is not None and node.get("_printed") is not None:
        return bool(node["_printed"] == number)
    return bool(title) and key(node["title"]) == key(title)
