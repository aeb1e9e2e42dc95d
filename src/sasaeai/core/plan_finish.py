"""What is settled once the whole plan is read: prefaces, untitled headings, inherited departments.

A chapter that stands for a goal but holds no policy is the plan's preface or
afterword, not a goal.  A heading printed without a title is named by its
level and number ("施策2"), and the reader says so; an implied node takes its
parent's title.  An item with no 担当課 of its own takes its approach's, even
when the approach's 担当課 line comes after the item.
"""

from __future__ import annotations

from typing import Any

from .plan_grid import PlanWarning


def drop_empty_chapters(goals: list[dict[str, Any]], notes: list[str]) -> None:
    """Leave out chapters (第1章 計画の考え方) that hold no policy; the others are numbered by their order,
    as the chapter numbers count the preface too."""
    kept = []
    for goal in goals:
        chapter = goal.pop("_chapter", False)
        if chapter and not goal["policies"]:
            notes.append(
                f"Chapter {goal['title']} (line {goal['source_line']}) holds no policy; it is not a goal."
            )
            continue
        if chapter:
            goal["_printed"] = None
        kept.append(goal)
    goals[:] = kept


def name_untitled(goals: list[dict[str, Any]], document: str, warnings: list[PlanWarning]) -> None:
    """Name each heading printed without a title ("基本目標1" alone -> 基本目標1); ``document`` names an implied goal."""
    for goal in goals:
        _named(goal, "基本目標", document, warnings)
        for policy in goal["policies"]:
            _named(policy, "施策", goal["title"], warnings)
            for approach in policy["approaches"]:
                _named(approach, "取組方針", policy["title"], warnings)


def _named(node: dict[str, Any], word: str, parent_title: str, warnings: list[PlanWarning]) -> None:
    if node["title"]:
        return
    if node.get("implied"):
        node["title"] = parent_title
        return
    node["title"] = node.get("printed_marker") or f"{word}{node.get('_printed') or node['number']}"
    warnings.append(
        PlanWarning(
            node.get("source_line") or 0,
            f"The heading at {{at}} has no title; it is called {node['title']}.",
            f"{{at_ja}}の見出しには名称がないため、「{node['title']}」としました。",
        )
    )


def inherit_departments(goals: list[dict[str, Any]]) -> None:
    """Items marked ``departments_inherited_from_approach`` take their approach's departments as finally read."""
    for approach in (a for g in goals for p in g["policies"] for a in p["approaches"]):
        for item in approach["items"]:
            if item.get("departments_inherited_from_approach"):
                item["departments"] = list(approach["departments"])
