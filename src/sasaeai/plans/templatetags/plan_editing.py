"""What other pages show of the plan editor: a link to it for the plan's secretariat, the actuals
recorded with a plan for the staff, and how the editor names a node."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from sasaeai.people import permissions
from sasaeai.plans.models import Indicator, Plan, RecordedActual
from sasaeai.plans.services.levels import describe

register = template.Library()


def _user(context: Any) -> Any:
    return getattr(context.get("request"), "user", None)


@register.inclusion_tag("sasaeai_plans/_plan_edit_link.html", takes_context=True)
def plan_edit_link(context: Any, plan: Plan) -> dict[str, Any]:
    """The editor's link, shown only to the plan's own secretariat."""
    return {"plan": plan, "may_edit": permissions.can_manage(_user(context), plan.organisation)}


@register.inclusion_tag("sasaeai_plans/_recorded_actuals.html", takes_context=True)
def recorded_actuals(context: Any, indicator: Indicator) -> dict[str, Any]:
    """The actuals the plan itself printed for the indicator's parts (staff and committee only: they
    came in with the plan, not through the reports' approval)."""
    if not permissions.can_view_unpublished(_user(context)):
        return {"rows": []}
    rows = RecordedActual.objects.filter(part__indicator=indicator).select_related("part")
    return {"rows": list(rows.order_by("part__order", "part_id", "fiscal_year"))}


@register.filter
def node_name(node: models.Model) -> str:
    """取組方針3 見守りの輪, 評価指標 協力店の数, 内訳 求職 118人 → 130人."""
    return describe(node)
