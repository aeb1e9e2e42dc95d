"""The JSON form of a plan (goals → policies → approaches → items and indicators): validation and counts."""

from __future__ import annotations

import json
from typing import Any

from .errors import ReaderError
from .plan_indicators import direction_of

_DIRECTIONS = ("increase", "decrease", "maintain")


def count_plan(plan: dict[str, Any]) -> dict[str, int]:
    """How many goals, policies, approaches, items, indicators and indicator parts a plan dict holds."""
    policies = [p for g in plan["goals"] for p in g["policies"]]
    approaches = [a for p in policies for a in p["approaches"]]
    indicators = [i for a in approaches for i in a["indicators"]]
    return {
        "goals": len(plan["goals"]),
        "policies": len(policies),
        "approaches": len(approaches),
        "items": sum(len(a["items"]) for a in approaches),
        "indicators": len(indicators),
        "indicator_parts": sum(len(i["parts"]) for i in indicators),
    }


class _Shape:
    """Checks one JSON value after another, naming the path of the first that is wrong."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, what: str, what_ja: str) -> ReaderError:
        return ReaderError(
            f"{self.name} is not a plan: {path} {what}.",
            f"{self.name} は計画のJSONではありません（{path} {what_ja}）。",
        )

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be an object", "はオブジェクトにしてください")
        return value

    def array(self, value: Any, path: str, *, required: bool = True) -> list[Any]:
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "must be a list", "はリストにしてください")
        return value

    def text(self, value: Any, path: str, *, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(path, "must be text", "は文字列にしてください")
        return value

    def integer(self, value: Any, path: str, *, required: bool = True) -> int | None:
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, "must be a whole number", "は整数にしてください")
        return value

    def number(self, value: Any, path: str) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise self.fail(path, "must be a number or null", "は数値か null にしてください")


def read_plan_json(text: str, name: str) -> dict[str, Any]:
    """Validate a plan in JSON form; add each part's direction when missing and the counts.

    Raises :class:`ReaderError` naming the first value of the wrong shape, or
    when the file's own ``counts`` disagree with what it holds.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ReaderError(f"{name} is not valid JSON.", f"{name} はJSONとして読めません。") from None
    shape = _Shape(name)
    plan = shape.mapping(data, "the top level")
    goals = shape.array(plan.get("goals"), "goals")
    if not goals:
        raise shape.fail("goals", "is empty", "が空です")
    for g, goal in enumerate(goals):
        _check_goal(shape, goal, f"goals[{g}]")
    counts = count_plan(plan)
    given = plan.get("counts")
    if given is not None and given != counts:
        raise shape.fail("counts", f"say {given} but the plan holds {counts}", "が内容と一致しません")
    plan["counts"] = counts
    plan.setdefault("source", name)
    plan.setdefault("chapter", "")
    plan.setdefault("notes", [])
    plan.setdefault("warnings", [])
    return plan


def _check_goal(shape: _Shape, goal: Any, path: str) -> None:
    goal = shape.mapping(goal, path)
    shape.integer(goal.get("number"), f"{path}.number")
    shape.text(goal.get("title"), f"{path}.title")
    for p, policy in enumerate(shape.array(goal.get("policies"), f"{path}.policies")):
        policy_path = f"{path}.policies[{p}]"
        policy = shape.mapping(policy, policy_path)
        shape.integer(policy.get("number"), f"{policy_path}.number")
        shape.text(policy.get("title"), f"{policy_path}.title")
        for a, approach in enumerate(shape.array(policy.get("approaches"), f"{policy_path}.approaches")):
            _check_approach(shape, approach, f"{policy_path}.approaches[{a}]")


def _check_approach(shape: _Shape, approach: Any, path: str) -> None:
    approach = shape.mapping(approach, path)
    shape.integer(approach.get("number"), f"{path}.number")
    shape.text(approach.get("title"), f"{path}.title")
    approach.setdefault("departments", [])
    for d, department in enumerate(shape.array(approach["departments"], f"{path}.departments")):
        shape.text(department, f"{path}.departments[{d}]")
    approach.setdefault("items", [])
    for i, item in enumerate(shape.array(approach["items"], f"{path}.items")):
        item_path = f"{path}.items[{i}]"
        item = shape.mapping(item, item_path)
        shape.integer(item.get("number"), f"{item_path}.number")
        shape.text(item.get("title"), f"{item_path}.title")
        item.setdefault("departments", [])
        for d, department in enumerate(shape.array(item["departments"], f"{item_path}.departments")):
            shape.text(department, f"{item_path}.departments[{d}]")
    approach.setdefault("indicators", [])
    for n, indicator in enumerate(shape.array(approach["indicators"], f"{path}.indicators")):
        _check_indicator(shape, indicator, f"{path}.indicators[{n}]")


def _check_indicator(shape: _Shape, indicator: Any, path: str) -> None:
    indicator = shape.mapping(indicator, path)
    shape.text(indicator.get("name"), f"{path}.name")
    parts = shape.array(indicator.get("parts"), f"{path}.parts")
    if not parts:
        raise shape.fail(f"{path}.parts", "is empty", "が空です")
    for p, part in enumerate(parts):
        part_path = f"{path}.parts[{p}]"
        part = shape.mapping(part, part_path)
        shape.text(part.get("label"), f"{part_path}.label", required=False)
        measures = []
        for key in ("baseline", "target"):
            measure = shape.mapping(part.get(key), f"{part_path}.{key}")
            shape.integer(measure.get("year"), f"{part_path}.{key}.year", required=False)
            shape.number(measure.get("value"), f"{part_path}.{key}.value")
            shape.text(measure.get("unit"), f"{part_path}.{key}.unit", required=False)
            shape.text(measure.get("text", ""), f"{part_path}.{key}.text", required=False)
            measures.append(measure)
        for key in ("actuals", "yearly_targets"):
            for y, found in enumerate(shape.array(part.get(key), f"{part_path}.{key}", required=False)):
                found = shape.mapping(found, f"{part_path}.{key}[{y}]")
                shape.integer(found.get("fiscal_year"), f"{part_path}.{key}[{y}].fiscal_year")
                shape.number(found.get("value"), f"{part_path}.{key}[{y}].value")
        direction = part.setdefault("direction", direction_of(measures[0], measures[1]))
        if direction not in _DIRECTIONS:
            raise shape.fail(f"{part_path}.direction", "must be increase, decrease or maintain", "が不正です")
