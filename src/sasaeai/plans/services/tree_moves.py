"""Moving a node among its siblings, and deleting one, in a plan's tree.

A goal, policy, approach or item is ordered by its number as printed, so
moving it hands the siblings' numbers out again in the new order (基本目標2
moved up becomes 基本目標1, and the old 1 becomes 2); indicators and parts
are numbered 0, 1, 2 … in their new order.  Deleting refuses when the node
carries what others wrote about it (committee comments, links to reported
figures, goal links), so that nothing is lost by a slip.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import models

from sasaeai.evaluation.models import EvaluationResult, RollupResult
from sasaeai.operations import refuse
from sasaeai.people.models import Department
from sasaeai.plans.models import (
    Approach,
    Goal,
    Indicator,
    IndicatorPart,
    Item,
    PlanChange,
    Policy,
    RecordedActual,
)
from sasaeai.plans.services.levels import PlanEdit, describe, level_of, plan_edit_of

# What deleting a node may take with it; anything else that would go refuses the deletion.
TREE_MODELS: tuple[type[models.Model], ...] = (
    Goal,
    Policy,
    Approach,
    Item,
    Indicator,
    IndicatorPart,
    RecordedActual,
)


class MoveNode(PlanEdit):
    """Move a node to ``position`` (0 = first) among its siblings; the buttons move it by one."""

    def __init__(self, user: Any, node: models.Model, position: int, reason: str = "") -> None:
        super().__init__(user, plan_edit_of(node), reason)
        self.node, self.level, self.position = node, level_of(node), position

    def _siblings(self) -> list[models.Model]:
        return list(self.level.siblings(self.level.parent_of(self.node)))

    def validate(self) -> None:
        count = len(self._siblings())
        if self.position < 0:
            refuse(
                f"{describe(self.node)} is first already.", f"{describe(self.node)} はいちばん上にあります。"
            )
        if self.position >= count:
            refuse(
                f"{describe(self.node)} is last already.", f"{describe(self.node)} はいちばん下にあります。"
            )

    def apply(self) -> models.Model:
        siblings = self._siblings()
        moved = next(s for s in siblings if s.pk == self.node.pk)
        siblings.remove(moved)
        siblings.insert(self.position, moved)
        field = self.level.position
        if field == "number":
            wanted = sorted(getattr(s, field) for s in siblings)
        else:
            wanted = list(range(len(siblings)))
        changed = [(s, getattr(s, field), new) for s, new in zip(siblings, wanted, strict=True)]
        changed = [(s, old, new) for s, old, new in changed if old != new]
        if self.level.unique_numbers:
            # Numbers are unique under the parent: park the moving ones above the rest first.
            top = max(wanted) + 1
            for offset, (sibling, _, _) in enumerate(changed):
                type(sibling)._default_manager.filter(pk=sibling.pk).update(**{field: top + offset})
        for sibling, old, new in changed:
            type(sibling)._default_manager.filter(pk=sibling.pk).update(**{field: new})
            self.record(sibling, field, old, new)  # filed under the place it moved from
            setattr(sibling, field, new)
        if changed and isinstance(moved, IndicatorPart):
            self.restate(moved.indicator)
        return moved


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name)


class DeleteNode(PlanEdit):
    """Delete a node and what stands under it; refused when comments or links would go with it."""

    def __init__(self, user: Any, node: models.Model, reason: str = "") -> None:
        super().__init__(user, plan_edit_of(node), reason)
        self.node, self.level = node, level_of(node)

    def _collected(self) -> Counter[type[models.Model]]:
        collector = NestedObjects(using=self.node._state.db or "default")
        collector.collect([self.node])
        return Counter({model: len(found) for model, found in collector.data.items()})

    def validate(self) -> None:
        if isinstance(self.node, IndicatorPart) and self.node.indicator.parts.count() == 1:
            refuse(
                "An indicator keeps at least one part; delete the indicator instead.",
                "指標には内訳が一つ以上必要です。最後の内訳を消すときは指標ごと削除してください。",
            )
        others = [
            f"{_label(model)} {count}件"
            for model, count in self._collected().items()
            if model not in TREE_MODELS
            and not model._meta.auto_created
            and model
            not in (Department, PlanChange, EvaluationResult, RollupResult)  # derived, rebuilt after
        ]
        if others:
            refuse(
                f"{self.node} carries records that would be deleted with it ({', '.join(others)}).",
                f"{describe(self.node)} には {'、'.join(others)} が結び付いているため削除できません。",
            )

    def contents(self) -> str:
        """What goes with the node: "取組方針3 見守り（取組項目 4件、評価指標 2件を含む）"."""
        counts = self._collected()
        inside = [
            f"{_label(model)} {counts[model]}件"
            for model in TREE_MODELS
            if model is not type(self.node) and counts[model]
        ]
        return f"{describe(self.node)}（{'、'.join(inside)}を含む）" if inside else describe(self.node)

    def apply(self) -> None:
        self.record(self.node, "deleted", self.contents(), "")
        self.node.delete()
        if isinstance(self.node, IndicatorPart):
            self.restate(self.node.indicator)
