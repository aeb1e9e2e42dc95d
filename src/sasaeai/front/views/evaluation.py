"""What the plan pages show of an evaluation: the backend's results, arranged by the stored tree.

The grades, rates and projections are the stored evaluation (評価結果,
``services.results``), read in a fixed number of queries whatever the number
of plans; a secretariat's preview with unapproved figures is computed live
(``services.evaluate_plans``).  This module only attaches them to the stored
goals, policies, approaches and indicators so that templates can walk the tree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sasaeai.evaluation.services.evaluate import evaluate_plans
from sasaeai.evaluation.services.results import plan_summaries, stored_evaluation
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Goal, Indicator, Plan, Policy

NOT_EVALUATED = "未評価"
GRADE_ORDER = ("達成", "a", "b", "c", NOT_EVALUATED)


@dataclass
class PartView:
    data: dict[str, Any]
    year: int | None

    @property
    def actuals(self) -> list[dict[str, Any]]:
        return [a for a in self.data["actuals"] if self.year is None or a["fiscal_year"] <= self.year]

    @property
    def latest(self) -> dict[str, Any] | None:
        """The latest complete year: a year in progress is shown, never graded."""
        complete = [a for a in self.actuals if a.get("complete", True)]
        return complete[-1] if complete else None

    @property
    def grade(self) -> str:
        return (self.latest["grade"] or NOT_EVALUATED) if self.latest else NOT_EVALUATED

    @property
    def chart(self) -> dict[str, Any]:
        def point(measure: dict[str, Any]) -> tuple[int, Decimal] | None:
            if measure.get("fiscal_year") is None or measure.get("value") is None:
                return None
            return (measure["fiscal_year"], Decimal(str(measure["value"])))

        return {
            "baseline": point(self.data["baseline"]),
            "target": point(self.data["target"]),
            # A year-to-date figure before the fourth quarter would draw a false dip.
            "actuals": [
                (a["fiscal_year"], Decimal(str(a["value"]))) for a in self.actuals if a.get("complete", True)
            ],
        }


@dataclass
class IndicatorView:
    indicator: Indicator
    parts: list[PartView] = field(default_factory=list)


@dataclass
class Node:
    """A goal, policy or approach with its roll-up grade (A–D, None when nothing below is graded)."""

    subject: Any
    grade: str | None
    children: list[Node] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)


@dataclass
class PlanEvaluation:
    plan: Plan
    year: int | None
    indicators: dict[int, IndicatorView]
    rollups: dict[tuple[str, int], str | None]

    def grade_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        for view in self.indicators.values():
            for part in view.parts:
                counts[part.grade] += 1
        return [(grade, counts[grade]) for grade in GRADE_ORDER]

    def tree(self) -> list[Node]:
        """Goals → policies → approaches, each with its roll-up grade; approaches carry their indicators."""
        goals = self.plan.goals.prefetch_related(
            "policies__approaches__items",
            "policies__approaches__indicators",
            "policies__approaches__departments",
        )
        return [
            Node(
                goal,
                self.rollups.get(("goal", goal.number)),
                [
                    Node(
                        policy,
                        self.rollups.get(("policy", policy.number)),
                        [
                            Node(
                                approach,
                                self.rollups.get(("approach", approach.number)),
                                [],
                                [
                                    self.indicators.get(i.pk) or IndicatorView(i)
                                    for i in approach.indicators.all()
                                ],
                            )
                            for approach in policy.approaches.all()
                        ],
                    )
                    for policy in goal.policies.all()
                ],
            )
            for goal in goals
        ]


def evaluate_plan(
    user: Actor,
    plan: Plan,
    year: int | None = None,
    indicator: Indicator | None = None,
    preview: bool = False,
) -> PlanEvaluation:
    """One plan's evaluation as ``user`` may see it (only published reports for the public).

    ``indicator`` reads only that indicator's results; ``preview`` computes the
    evaluation live with the figures not yet approved (the secretariat's preview).
    """
    if preview:
        result = evaluate_plans(user, year=year, plans=[plan], include_unapproved=True)
        if indicator is not None:
            result["indicators"] = [i for i in result["indicators"] if i["id"] == indicator.pk]
    else:
        result = stored_evaluation(user, year, [plan], indicator.pk if indicator else None)
    views: dict[int, IndicatorView] = {}
    if indicator is not None:
        parts = [PartView(part, year) for found in result["indicators"] for part in found["parts"]]
        views[indicator.pk] = IndicatorView(indicator, parts)
        return PlanEvaluation(plan, year, views, {})
    stored = list(Indicator.objects.of_plan(plan).select_related("approach"))
    by_key: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    by_id = {indicator.pk: indicator for indicator in stored}
    for found in sorted(stored, key=_tree_order):
        by_key[(found.approach.title, found.name)].append(found)
    for entry in result["indicators"]:
        matched = by_id.get(entry["id"]) if "id" in entry else _pop(by_key, entry)
        if matched is None:
            continue
        views[matched.pk] = IndicatorView(matched, [PartView(part, year) for part in entry["parts"]])
    rollups = {(row["level"], row["number"]): row["grade"] for row in result["rollups"]}
    return PlanEvaluation(plan, year, views, rollups)


def _tree_order(indicator: Indicator) -> tuple[int, int]:
    return (indicator.approach.number, indicator.order)


def _pop(by_key: dict[tuple[str, str], list[Indicator]], entry: dict[str, Any]) -> Indicator | None:
    found = by_key.get((entry["approach"], entry["name"]))
    return found.pop(0) if found else None


@dataclass
class PlanSummary:
    """What the overview shows of a plan: its count of part grades and its goals and policies with roll-ups."""

    plan: Plan
    grade_counts: list[tuple[str, int]]
    tree: list[Node]


def summarise_plans(user: Actor, plans: list[Plan], year: int | None) -> list[PlanSummary | PlanEvaluation]:
    """Every plan's summary for the overview, in the same few queries however many plans there are."""
    ids = [plan.pk for plan in plans]
    summaries = plan_summaries(user, ids, year)
    goals: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for goal in (
        Goal.objects.filter(plan_id__in=ids)
        .order_by("plan_id", "number")
        .values("id", "plan_id", "number", "title")
    ):
        goals[goal["plan_id"]].append(dict(goal))
    policies: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for policy in (
        Policy.objects.filter(goal__plan_id__in=ids).order_by("number").values("goal_id", "number", "title")
    ):
        policies[policy["goal_id"]].append(dict(policy))
    found: list[PlanSummary | PlanEvaluation] = []
    for plan in plans:
        summary = summaries[plan.pk]
        if summary.get("live"):
            found.append(evaluate_plan(user, plan, year))
            continue
        counts, rollups = summary["counts"], summary["rollups"]
        tree = [
            Node(
                goal,
                rollups.get(("goal", goal["number"])),
                [Node(policy, rollups.get(("policy", policy["number"]))) for policy in policies[goal["id"]]],
            )
            for goal in goals[plan.pk]
        ]
        found.append(PlanSummary(plan, [(grade, counts.get(grade, 0)) for grade in GRADE_ORDER], tree))
    return found
