"""Storing a plan (地域福祉計画 / 地域福祉実践計画) with its goals, policies, approaches, items and indicators.

Input is a plan document, or the same dict as JSON (the form of
``docs/plan-format.md``), both read by :func:`sasaeai.core.plan.read_plan`.  One transaction;
importing the same bytes again changes nothing.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from sasaeai.core.evaluation import Thresholds
from sasaeai.core.plan import read_plan
from sasaeai.evaluation.services.stored import refresh_plans
from sasaeai.figures import refuse_outside_range
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department, Organisation, OrganisationKind
from sasaeai.people.roles import Actor
from sasaeai.plans.models import (
    Approach,
    Direction,
    Goal,
    Indicator,
    IndicatorPart,
    Item,
    Plan,
    PlanKind,
    Policy,
    RecordedActual,
)
from sasaeai.plans.services.changes import record

PLAN_YEARS = 6  # Japanese welfare plans run six fiscal years (e.g. 令和3–8年度)
DEFAULT_TITLES: dict[str, str] = {PlanKind.CITY: "地域福祉計画", PlanKind.COUNCIL: "地域福祉実践計画"}
DEFAULT_ORGANISATIONS: dict[str, str] = {PlanKind.CITY: "市", PlanKind.COUNCIL: "社会福祉協議会"}


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _direction(part: dict[str, Any]) -> str:
    """As given; else 'maintain' when the target says 維持; else 'increase'."""
    given = part.get("direction")
    if given in Direction.values:
        return str(given)
    target_text = (part.get("target") or {}).get("text") or ""
    return Direction.MAINTAIN if "維持" in target_text else Direction.INCREASE


def _period(plan: dict[str, Any]) -> tuple[int, int]:
    period = plan.get("period") or {}
    start, end = period.get("start") or plan.get("start_year"), period.get("end") or plan.get("end_year")
    if start and end:
        return int(start), int(end)
    years = [
        int(part["target"]["year"])
        for goal in plan["goals"]
        for policy in goal.get("policies") or []
        for approach in policy.get("approaches") or []
        for indicator in approach.get("indicators") or []
        for part in indicator.get("parts") or []
        if (part.get("target") or {}).get("year")
    ]
    if not years:
        refuse(
            "The plan gives no period and no target years; give its period.",
            "計画期間も目標年度も読み取れません。計画期間を指定してください。",
        )
    end = int(end or max(years))
    return int(start or end - PLAN_YEARS + 1), end


class PlanImport(Operation):
    """Read a plan file and store it with its whole tree."""

    def __init__(
        self,
        user: Actor,
        data: bytes,
        name: str,
        organisation: str | None = None,
        kind: str = PlanKind.CITY,
    ) -> None:
        super().__init__(user)
        self.data, self.name, self.kind = data, name, kind
        self.organisation_name = organisation
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.plan_dict: dict[str, Any] | None = None
        self.existing: Plan | None = None

    def check(self) -> None:
        if not permissions.is_secretariat(self.user):
            refuse("Only the secretariat imports plans.", "計画を取り込めるのは事務局だけです。")
        if self.kind not in PlanKind.values:
            refuse(f"Unknown plan kind {self.kind}.", f"計画の種別 {self.kind} は不明です。")
        if self.plan_dict is None:
            self.plan_dict = read_plan(self.data, self.name)
        # Refuse unknown or negative thresholds now rather than at the first evaluation.
        Thresholds.from_json(self.plan_dict.get("thresholds"))
        # The same document is stored once per organisation: two cities may share a plan's template.
        organisation = self._find_organisation(self.plan_dict)
        self.existing = None
        if organisation is not None:
            stored = Plan.objects.filter(source_sha256=self.sha256, organisation=organisation)
            self.existing = stored.order_by("pk").first()
        if self.existing is None:
            self._check_place(organisation, self.plan_dict)

    def _check_place(self, organisation: Organisation | None, data: dict[str, Any]) -> None:
        """The secretariat stores plans of its own organisation only, one per period and kind."""
        if organisation is None:
            return
        if not permissions.can_manage(self.user, organisation):
            refuse(
                f"You may not edit the plans of {organisation}.", f"{organisation} の計画は編集できません。"
            )
        start, _ = _period(data)
        if Plan.objects.filter(organisation=organisation, kind=self.kind, start_year=start).exists():
            refuse(
                f"{organisation} already has a plan from FY{start}; its changes are revisions.",
                f"{organisation} の{start}年度からの計画は登録済みです。変更は見直しとして取り込んでください。",
            )

    def period(self) -> tuple[int, int]:
        """The fiscal years the plan will be stored for: its own period, else from its target years."""
        assert self.plan_dict is not None
        return _period(self.plan_dict)

    def title(self) -> str:
        """The name the plan will be stored under."""
        assert self.plan_dict is not None
        return str(self.plan_dict.get("title") or DEFAULT_TITLES[self.kind])[:300]

    @property
    def organisation(self) -> Organisation | None:
        """The organisation the plan would be stored for, when it exists already."""
        return None if self.plan_dict is None else self._find_organisation(self.plan_dict)

    def execute(self) -> tuple[Plan, bool]:
        """Store the plan; returns it and whether anything changed."""
        self.check()
        if self.existing is not None:
            return self.existing, False
        assert self.plan_dict is not None
        with transaction.atomic():
            plan = self._store(self.plan_dict)
            refresh_plans([plan])
            return plan, True

    def _organisation_kind(self) -> str:
        return OrganisationKind.CITY if self.kind == PlanKind.CITY else OrganisationKind.COUNCIL

    def _find_organisation(self, plan: dict[str, Any]) -> Organisation | None:
        """The organisation named (or the only one of the plan's kind); None when it is still to be created."""
        name = self.organisation_name or plan.get("organisation")
        if name:
            return Organisation.objects.filter(name=name).first()
        candidates = list(Organisation.objects.filter(kind=self._organisation_kind())[:2])
        if len(candidates) > 1:
            refuse(
                "Several organisations could own this plan; name one with --organisation.",
                "計画の策定組織が複数考えられます。組織を指定してください。",
            )
        return candidates[0] if candidates else None

    def _organisation(self, plan: dict[str, Any]) -> Organisation:
        found = self._find_organisation(plan)
        if found is not None:
            return found
        name = self.organisation_name or plan.get("organisation") or DEFAULT_ORGANISATIONS[self.kind]
        return Organisation.objects.create(name=name, kind=self._organisation_kind())

    def _store(self, data: dict[str, Any]) -> Plan:
        organisation = self._organisation(data)
        self._check_place(organisation, data)
        start, end = _period(data)
        plan = Plan.objects.create(
            organisation=organisation,
            kind=self.kind,
            title=self.title(),
            start_year=start,
            end_year=end,
            thresholds=data.get("thresholds") or {},
            source_name=self.name[:300],
            source_sha256=self.sha256,
        )
        departments = _Departments(organisation)
        for goal_data in data["goals"]:
            goal = Goal.objects.create(plan=plan, number=goal_data["number"], title=goal_data["title"])
            for policy_data in goal_data.get("policies") or []:
                policy = Policy.objects.create(
                    goal=goal, number=policy_data["number"], title=policy_data["title"]
                )
                for approach_data in policy_data.get("approaches") or []:
                    self._approach(policy, approach_data, departments)
        record(self.user, plan, plan, "imported", "", self.name[:300])
        return plan

    def _approach(self, policy: Policy, data: dict[str, Any], departments: _Departments) -> None:
        approach = Approach.objects.create(
            policy=policy,
            number=data["number"],
            title=data["title"],
            printed_marker=data.get("printed_marker") or "",
        )
        approach.departments.set(departments.get(data.get("departments") or []))
        for item_data in data.get("items") or []:
            item = Item.objects.create(
                approach=approach, number=item_data["number"], title=item_data["title"]
            )
            item.departments.set(departments.get(item_data.get("departments") or []))
        for order, indicator_data in enumerate(data.get("indicators") or []):
            indicator = Indicator.objects.create(
                approach=approach,
                order=order,
                name=indicator_data["name"],
                name_as_printed=indicator_data.get("name_as_printed") or "",
                baseline_text=indicator_data.get("baseline_text") or "",
                target_text=indicator_data.get("target_text") or "",
                source_line=indicator_data.get("source_line"),
            )
            for part_order, part in enumerate(indicator_data.get("parts") or []):
                stored = _store_part(indicator, part_order, part)
                _store_actuals(stored, part, self.name)


def _store_part(indicator: Indicator, order: int, part: dict[str, Any]) -> IndicatorPart:
    baseline, target = part.get("baseline") or {}, part.get("target") or {}
    name = f"{indicator.name} {part.get('label') or ''}".strip()
    for key, value, word in (
        ("tolerance", part.get("tolerance"), "許容幅"),
        ("baseline", baseline.get("value"), "基準値"),
        ("target", target.get("value"), "目標値"),
    ):
        refuse_outside_range(_decimal(value), f"The {key} of {name}", f"指標「{name}」の{word}")
    return IndicatorPart.objects.create(
        indicator=indicator,
        order=order,
        label=part.get("label") or "",
        marker=part.get("marker") or "",
        unit=target.get("unit") or baseline.get("unit") or "",
        direction=_direction(part),
        tolerance=_decimal(part.get("tolerance")),
        baseline_year=baseline.get("year") or baseline.get("fiscal_year"),
        baseline_value=_decimal(baseline.get("value")),
        baseline_unit=baseline.get("unit") or "",
        baseline_text=(baseline.get("text") or "")[:300],
        target_year=target.get("year") or target.get("fiscal_year"),
        target_value=_decimal(target.get("value")),
        target_unit=target.get("unit") or "",
        target_text=(target.get("text") or "")[:300],
        target_qualifier=target.get("qualifier") or "",
    )


def _store_actuals(part: IndicatorPart, data: dict[str, Any], source: str) -> None:
    """The actuals the plan printed for the part (a 実績値 row, a 2025年度実績 column), one a year."""
    by_year: dict[int, Decimal] = {}
    for actual in data.get("actuals") or []:
        value = _decimal(actual.get("value"))
        if value is not None and actual.get("fiscal_year"):
            by_year.setdefault(int(actual["fiscal_year"]), value)
    RecordedActual.objects.bulk_create(
        RecordedActual(part=part, fiscal_year=year, value=value, source=source[:300])
        for year, value in sorted(by_year.items())
    )


class _Departments:
    """Departments of one organisation by name, created on first mention."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.known: dict[str, Department] = {}

    def get(self, names: list[str]) -> list[Department]:
        found = []
        for name in names:
            if name not in self.known:
                self.known[name], _ = Department.objects.get_or_create(
                    organisation=self.organisation, name=name
                )
            found.append(self.known[name])
        return found
