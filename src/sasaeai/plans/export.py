"""A stored plan as the plan JSON (``docs/plan-format.md``): the inverse of :class:`PlanImport`.

``import-plan`` of what :func:`plan_json` gives — as JSON, or as the template
workbook of :func:`plan_workbook` — stores the same plan again: numbers, names,
departments, indicators and their parts with baselines, targets, directions,
qualifiers, tolerances and the actuals recorded with the plan.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from sasaeai.core.records import json_number

from .models import Approach, Goal, Indicator, IndicatorPart, Item, Plan, Policy


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def _measure(year: int | None, value: Decimal | None, unit: str, text: str) -> dict[str, Any]:
    return {"year": year, "value": _number(value), "unit": unit or None, "text": text}


def part_json(part: IndicatorPart) -> dict[str, Any]:
    """One indicator part as the plan JSON holds it."""
    data: dict[str, Any] = {"label": part.label or None}
    if part.marker:
        data["marker"] = part.marker
    # A value's unit is the part's unit when the value did not keep one of its own, as PlanImport stores it.
    data["baseline"] = _measure(
        part.baseline_year,
        part.baseline_value,
        part.baseline_unit or (part.unit if part.baseline_value is not None else ""),
        part.baseline_text,
    )
    data["target"] = _measure(
        part.target_year,
        part.target_value,
        part.target_unit or (part.unit if part.target_value is not None else ""),
        part.target_text,
    )
    if part.target_qualifier:
        data["target"]["qualifier"] = part.target_qualifier
    data["direction"] = part.direction
    if part.tolerance is not None:
        data["tolerance"] = _number(part.tolerance)
    actuals = [{"fiscal_year": a.fiscal_year, "value": _number(a.value)} for a in part.recorded_actuals.all()]
    if actuals:
        data["actuals"] = actuals
    return data


def _indicator_json(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {"name": indicator.name}
    if indicator.name_as_printed:
        data["name_as_printed"] = indicator.name_as_printed
    data.update(
        parts=[part_json(part) for part in indicator.parts.all()],
        baseline_text=indicator.baseline_text,
        target_text=indicator.target_text,
    )
    return data


def _departments(thing: Approach | Item) -> list[str]:
    return [department.name for department in thing.departments.all()]


def _approach_json(approach: Approach) -> dict[str, Any]:
    data: dict[str, Any] = {"number": approach.number, "title": approach.title}
    if approach.printed_marker:
        data["printed_marker"] = approach.printed_marker
    data.update(
        departments=_departments(approach),
        items=[
            {"number": item.number, "title": item.title, "departments": _departments(item)}
            for item in approach.items.all()
        ],
        indicators=[_indicator_json(indicator) for indicator in approach.indicators.all()],
    )
    return data


def goals_of(plan: Plan) -> list[Goal]:
    """The plan's goals with everything under them fetched in a few queries, in the plan's order."""
    parts = IndicatorPart.objects.order_by("order", "id").prefetch_related("recorded_actuals")
    indicators = Indicator.objects.order_by("order", "id").prefetch_related(Prefetch("parts", parts))
    items = Item.objects.order_by("number", "id").prefetch_related("departments")
    approaches = Approach.objects.order_by("number").prefetch_related(
        Prefetch("departments"), Prefetch("items", items), Prefetch("indicators", indicators)
    )
    policies = Policy.objects.order_by("number").prefetch_related(Prefetch("approaches", approaches))
    return list(plan.goals.order_by("number").prefetch_related(Prefetch("policies", policies)))


def plan_json(plan: Plan) -> dict[str, Any]:
    """The stored plan as the plan JSON: ``{"title", "organisation", "period", "goals": [...], ...}``.

    Goals, policies and approaches in the order of their numbers, items by
    their numbers, indicators and parts in their stored order.  What a document
    printed where (``source_line``) is not kept, as in the template workbook.
    """
    goals = [
        {
            "number": goal.number,
            "title": goal.title,
            "policies": [
                {
                    "number": policy.number,
                    "title": policy.title,
                    "approaches": [_approach_json(approach) for approach in policy.approaches.all()],
                }
                for policy in goal.policies.all()
            ],
        }
        for goal in goals_of(plan)
    ]
    data: dict[str, Any] = {
        "source": plan.source_name or plan.title,
        "title": plan.title,
        "organisation": plan.organisation.name,
        "kind": plan.kind,
        "period": {"start": plan.start_year, "end": plan.end_year},
        "goals": goals,
    }
    if plan.thresholds:
        data["thresholds"] = plan.thresholds
    return data


def plan_workbook(plan: Plan) -> bytes:
    """The stored plan as the template workbook (xlsx) that ``import-plan`` and the upload page read back."""
    from sasaeai.core.plan_workbook import write_plan_workbook

    return write_plan_workbook(plan_json(plan))


def empty_workbook(title: str = "", start: int | None = None, end: int | None = None) -> bytes:
    """The empty template, with a plan's name and period when given."""
    from sasaeai.core.plan_workbook import write_plan_workbook

    plan: dict[str, Any] = {"goals": []}
    if title:
        plan["title"] = title
    if start and end:
        plan["period"] = {"start": start, "end": end}
    return write_plan_workbook(plan)
