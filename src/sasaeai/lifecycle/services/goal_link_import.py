"""Storing which council goals (重点目標) serve which city goals (基本目標), from the city plan's two-plan table."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sasaeai.core.goal_links import read_goal_links
from sasaeai.core.text import squash
from sasaeai.lifecycle.models import GoalLink
from sasaeai.operations import Operation, refuse
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Goal, Plan, PlanKind

from .checks import require_secretariat


class GoalLinkImport(Operation):
    """The goal links of a city plan's chapter on the council's plan (the table that pairs each 基本目標 with the 重点目標 serving it)."""

    def __init__(self, user: Actor, data: bytes, name: str) -> None:
        super().__init__(user)
        self.data, self.name = data, name
        self.document: dict[str, Any] | None = None

    def check(self) -> None:
        require_secretariat(self.user)
        if self.document is None:
            self.document = read_goal_links(self.data, self.name)

    def execute(self) -> tuple[list[GoalLink], bool]:
        self.check()
        assert self.document is not None
        city_title, council_title = (self.document["plans"] + ["", ""])[:2]
        with transaction.atomic():
            city = _find_plan(PlanKind.CITY, city_title)
            council = _find_plan(PlanKind.COUNCIL, council_title)
            links, changed = [], False
            for row in self.document["links"]:
                city_goal, made = _goal(city, row["left"])
                changed |= made
                for right in row["right"]:
                    council_goal, made_goal = _goal(council, right)
                    link, made_link = GoalLink.objects.get_or_create(
                        city_goal=city_goal, council_goal=council_goal
                    )
                    links.append(link)
                    changed |= made_goal or made_link
            return links, changed


def _find_plan(kind: str, title: str) -> Plan:
    plans = list(Plan.objects.filter(kind=kind).select_related("organisation"))
    key = squash(title)
    named = [
        plan
        for plan in plans
        if key
        and (key in squash(plan.title) or squash(plan.title) in key or squash(plan.organisation.name) in key)
    ]
    if len(named) == 1 or (not named and len(plans) == 1):
        return (named or plans)[0]
    label = "市の地域福祉計画" if kind == PlanKind.CITY else "社協の地域福祉実践計画"
    refuse(
        f"Import the {kind} plan {title} first (or name it uniquely); its goals are linked here.",
        f"{label}（{title}）を先に取り込んでください。目標の対応づけに使います。",
    )


def _goal(plan: Plan, data: dict[str, Any]) -> tuple[Goal, bool]:
    return Goal.objects.get_or_create(
        plan=plan, number=data["number"], defaults={"title": data["title"][:300]}
    )
