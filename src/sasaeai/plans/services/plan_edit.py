"""Creating a plan (title, kind, period) for the secretariat's organisation, and changing those later."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sasaeai.core import FiscalYear
from sasaeai.operations import refuse
from sasaeai.people.models import Organisation
from sasaeai.people.roles import Actor
from sasaeai.plans.models import IndicatorPart, Plan, PlanKind
from sasaeai.plans.services.levels import PlanEdit
from sasaeai.plans.services.part_rules import FIRST_YEAR, Problem

LAST_YEAR = 2100
MAX_PLAN_YEARS = 20
PLAN_FIELDS = ("title", "kind", "start_year", "end_year")


def plan_problems(values: Mapping[str, Any]) -> list[Problem]:
    """What is wrong with a plan's title, kind and period (years as ints)."""
    found = []
    title = (values.get("title") or "").strip()
    if not title or len(title) > 300:
        found.append(
            Problem(
                "title",
                "Give the plan's name (300 characters at most).",
                "計画名を300文字以内で入力してください。",
            )
        )
    if values.get("kind") not in PlanKind.values:
        found.append(Problem("kind", "Choose the plan's kind.", "計画の種別を選んでください。"))
    start, end = values.get("start_year"), values.get("end_year")
    if start is None or end is None:
        found.append(
            Problem(
                "start_year", "Give the plan's period.", "計画期間（開始年度と終了年度）を入力してください。"
            )
        )
    elif not FIRST_YEAR <= start <= end <= LAST_YEAR:
        found.append(
            Problem(
                "end_year",
                "The plan must end in or after its first year.",
                "終了年度は開始年度と同じか、それより後にしてください。",
            )
        )
    elif end - start + 1 > MAX_PLAN_YEARS:
        found.append(
            Problem(
                "end_year",
                f"A plan runs {MAX_PLAN_YEARS} years at most.",
                f"計画期間は{MAX_PLAN_YEARS}年以内にしてください。",
            )
        )
    return found


def _period_taken(organisation: Organisation, values: Mapping[str, Any], plan: Plan | None) -> bool:
    same = Plan.objects.filter(
        organisation=organisation, kind=values["kind"], start_year=values["start_year"]
    )
    if plan is not None:
        same = same.exclude(pk=plan.pk)
    return same.exists()


def _refuse_taken(organisation: Organisation, values: Mapping[str, Any]) -> None:
    kind = PlanKind(values["kind"]).label
    start = FiscalYear(values["start_year"]).label()
    refuse(
        f"{organisation} already has a {values['kind']} plan from FY{values['start_year']}.",
        f"{organisation} の{start}からの{kind}は登録済みです。",
    )


class CreatePlan(PlanEdit):
    """Start an empty plan for the secretariat's own organisation."""

    def __init__(self, user: Actor, organisation: Organisation, values: Mapping[str, Any]) -> None:
        super().__init__(user, Plan(organisation=organisation))
        self.organisation, self.values = organisation, {k: values.get(k) for k in PLAN_FIELDS}

    def validate(self) -> None:
        self.refuse_first(plan_problems(self.values))
        if _period_taken(self.organisation, self.values, None):
            _refuse_taken(self.organisation, self.values)

    def apply(self) -> Plan:
        values = {**self.values, "title": str(self.values["title"]).strip()}
        self.plan = Plan.objects.create(organisation=self.organisation, **values)
        period = f"{self.plan.start_year}–{self.plan.end_year}年度"
        self.record(self.plan, "created", "", f"{self.plan.title}（{period}）")
        return self.plan


class ChangePlan(PlanEdit):
    """Change a plan's title, kind or period; a period that would leave targets outside it is refused."""

    def __init__(self, user: Actor, plan: Plan, values: Mapping[str, Any], reason: str = "") -> None:
        super().__init__(user, plan, reason)
        self.values = {k: values.get(k, getattr(plan, k)) for k in PLAN_FIELDS}

    def _outside(self, start: int, end: int) -> int:
        parts = IndicatorPart.objects.of_plan(self.plan).filter(target_year__isnull=False)
        return parts.exclude(target_year__gte=start, target_year__lte=end).count()

    def validate(self) -> None:
        self.refuse_first(plan_problems(self.values))
        if _period_taken(self.plan.organisation, self.values, self.plan):
            _refuse_taken(self.plan.organisation, self.values)
        now = self._outside(self.plan.start_year, self.plan.end_year)
        after = self._outside(self.values["start_year"], self.values["end_year"])
        if after > now:
            refuse(
                f"{after - now} targets would fall outside the new period; change their years first.",
                f"この計画期間では目標年度が期間外になる指標の内訳が{after - now}件あります。先に目標年度を直してください。",
            )

    def apply(self) -> Plan:
        changed = []
        for name, new in self.values.items():
            new = new.strip() if isinstance(new, str) else new
            old = getattr(self.plan, name)
            if old != new:
                setattr(self.plan, name, new)
                changed.append(name)
                self.record(self.plan, name, old, new)
        if changed:
            self.plan.save(update_fields=changed)
        return self.plan
