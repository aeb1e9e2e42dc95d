"""Adding and changing the goals, policies, approaches, items, indicators and parts of a plan.

Each is a :class:`~sasaeai.plans.services.levels.PlanEdit`: the plan's
secretariat only, the values checked (in Japanese for the pages), one
transaction, and every field that changed audited with its old and new value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.db.models import Max

from sasaeai.operations import refuse
from sasaeai.plans.models import Approach, Indicator, IndicatorPart, Item, Plan
from sasaeai.plans.services.levels import (
    LEVELS,
    PART_FIELDS,
    Level,
    PlanEdit,
    describe,
    level_of,
    node_problems,
    plan_edit_of,
)
from sasaeai.plans.services.part_rules import complete_part


def next_position(level: Level, parent: models.Model) -> int:
    """Where a new node goes: after its last sibling (items after the plan's highest number)."""
    if level.model is Item:
        plan = plan_edit_of(parent)
        highest = Item.objects.of_plan(plan).aggregate(top=Max("number"))["top"]
    else:
        highest = level.siblings(parent).aggregate(top=Max(level.position))["top"]
    if highest is None:
        return 1 if level.position == "number" else 0
    return int(highest) + 1


def _stored(level: Level, values: Mapping[str, Any], before: models.Model | None = None) -> dict[str, Any]:
    """The values as they are stored: texts stripped, a part's units and printed texts completed."""
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name not in level.fields:
            continue
        field = level.model._meta.get_field(name)
        if value is None and not field.null:
            if isinstance(field, models.CharField):
                cleaned[name] = ""
            continue  # a required number left blank keeps what it was
        cleaned[name] = value.strip() if isinstance(value, str) else value
    if level.model is IndicatorPart:
        merged = {name: getattr(before, name) for name in PART_FIELDS} if before is not None else {}
        merged.update(cleaned)
        part = before if isinstance(before, IndicatorPart) else None
        return {k: v for k, v in complete_part(merged, part).items() if k in (*PART_FIELDS, "unit")}
    return cleaned


class AddNode(PlanEdit):
    """Add a goal, policy, approach, item or indicator part under ``parent`` (an indicator: :class:`AddIndicator`)."""

    def __init__(
        self, user: Any, level: str, parent: models.Model, values: Mapping[str, Any], reason: str = ""
    ) -> None:
        super().__init__(user, parent if isinstance(parent, Plan) else plan_edit_of(parent), reason)
        self.level, self.parent, self.values = LEVELS[level], parent, dict(values)

    def validate(self) -> None:
        if self.level.model is Indicator:
            refuse(
                "An indicator is added with its first part.", "評価指標は最初の内訳と一緒に追加してください。"
            )
        self.refuse_first(node_problems(self.level, self.plan, self.values, self.parent))

    def apply(self) -> models.Model:
        values = _stored(self.level, self.values)
        if values.get(self.level.position) is None:
            values[self.level.position] = next_position(self.level, self.parent)
        node: models.Model = self.level.model._default_manager.create(
            **{self.level.parent: self.parent}, **values
        )
        self.record(node, "created", "", describe(node))
        if isinstance(node, IndicatorPart):
            self.restate(node.indicator)
        if self.level.departments:
            self.set_departments(node, list(self.values.get("departments") or []))  # type: ignore[arg-type]
        return node


class AddIndicator(PlanEdit):
    """Add an indicator (評価指標) to an approach with its first part; more parts are added one by one."""

    def __init__(
        self,
        user: Any,
        approach: Approach,
        name: str,
        part: Mapping[str, Any],
        reason: str = "",
    ) -> None:
        super().__init__(user, plan_edit_of(approach), reason)
        self.approach, self.name, self.part = approach, name, dict(part)

    def validate(self) -> None:
        indicator, part = LEVELS["indicator"], LEVELS["part"]
        problems = node_problems(indicator, self.plan, {"name": self.name}, self.approach)
        self.refuse_first(problems + node_problems(part, self.plan, self.part, Indicator()))

    def apply(self) -> Indicator:
        indicator = Indicator.objects.create(
            approach=self.approach,
            name=self.name.strip(),
            order=next_position(LEVELS["indicator"], self.approach),
        )
        self.record(indicator, "created", "", describe(indicator))
        part = IndicatorPart.objects.create(
            indicator=indicator, order=0, **_stored(LEVELS["part"], self.part)
        )
        self.record(part, "created", "", describe(part))
        self.restate(indicator)
        return indicator


class ChangeNode(PlanEdit):
    """Change a node's fields (and an approach's or item's departments); each changed field is audited."""

    def __init__(self, user: Any, node: models.Model, values: Mapping[str, Any], reason: str = "") -> None:
        super().__init__(user, plan_edit_of(node), reason)
        self.node, self.level, self.values = node, level_of(node), dict(values)

    def _merged(self) -> dict[str, Any]:
        merged = {name: getattr(self.node, name) for name in self.level.fields}
        merged.update({k: v for k, v in self.values.items() if k in self.level.fields})
        if self.level.departments:
            merged["departments"] = self.values.get("departments", [])
        return merged

    def validate(self) -> None:
        parent = self.level.parent_of(self.node)
        self.refuse_first(node_problems(self.level, self.plan, self._merged(), parent, self.node))

    def apply(self) -> models.Model:
        values = _stored(self.level, self._merged(), self.node)
        changed = []
        for name, new in values.items():
            old = getattr(self.node, name)
            if old != new:
                setattr(self.node, name, new)
                changed.append(name)
                self.record(self.node, name, old, new)
        if changed:
            self.node.save(update_fields=changed)
        if changed and isinstance(self.node, IndicatorPart):
            self.restate(self.node.indicator)
        if self.level.departments and "departments" in self.values:
            self.set_departments(self.node, list(self.values["departments"]))  # type: ignore[arg-type]
        return self.node
