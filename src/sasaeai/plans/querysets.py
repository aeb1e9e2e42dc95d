"""Where a plan's things are and in which order they are read: one place for every page, export and command.

Each level of the tree knows the path from itself up to its plan, so that
``Indicator.objects.of_plan(plan).in_plan_order()`` reads the same wherever it
is asked (goal → policy → approach → indicator, by their numbers).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from .models import Plan

_M = TypeVar("_M", bound=models.Model)


class PlanTreeQuerySet(models.QuerySet[_M]):
    """A level of the plan tree: ``plan_path`` leads up to the plan, ``tree_order`` orders within it."""

    plan_path: str = "plan"
    tree_order: tuple[str, ...] = ()

    def of_plan(self, plan: Plan | int) -> PlanTreeQuerySet[_M]:
        return self.filter(**{self.plan_path: plan})

    def of_plans(self, plans: Iterable[Plan] | models.QuerySet[Any]) -> PlanTreeQuerySet[_M]:
        return self.filter(**{f"{self.plan_path}__in": plans})

    def in_plan_order(self) -> PlanTreeQuerySet[_M]:
        """Plan by plan, then as the plan prints them."""
        return self.order_by(self.plan_path, *self.tree_order)


class GoalQuerySet(PlanTreeQuerySet[_M]):
    plan_path = "plan"
    tree_order = ("number",)


class PolicyQuerySet(PlanTreeQuerySet[_M]):
    plan_path = "goal__plan"
    tree_order = ("goal__number", "number")


class ApproachQuerySet(PlanTreeQuerySet[_M]):
    plan_path = "policy__goal__plan"
    tree_order = ("policy__goal__number", "policy__number", "number")


class ItemQuerySet(PlanTreeQuerySet[_M]):
    """Items are numbered across the whole plan (No.1–69), so their number is their order."""

    plan_path = "approach__policy__goal__plan"
    tree_order = ("number",)


class IndicatorQuerySet(PlanTreeQuerySet[_M]):
    plan_path = "approach__policy__goal__plan"
    tree_order = (
        "approach__policy__goal__number",
        "approach__policy__number",
        "approach__number",
        "order",
        "id",
    )


class IndicatorPartQuerySet(PlanTreeQuerySet[_M]):
    plan_path = "indicator__approach__policy__goal__plan"
    tree_order = (
        "indicator__approach__policy__goal__number",
        "indicator__approach__policy__number",
        "indicator__approach__number",
        "indicator__order",
        "indicator_id",
        "order",
    )


class CommentQuerySet(models.QuerySet[_M]):
    def about_plan(self, plan: Plan | int) -> CommentQuerySet[_M]:
        """Comments on the plan's indicators, approaches and goals."""
        return self.filter(
            Q(indicator__approach__policy__goal__plan=plan)
            | Q(approach__policy__goal__plan=plan)
            | Q(goal__plan=plan)
        )
