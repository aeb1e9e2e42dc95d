"""Storing what the core's life-cycle readers read: mid-term reviews, KPI sheets, goal links.

Each import is an :class:`~sasaeai.web.services.base.Action` (``check()`` then
``execute()``), shared by the commands and the pages; it runs in one
transaction, and importing the same file again changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from sasaeai.core.goal_links import read_goal_links
from sasaeai.core.kpi import read_kpi
from sasaeai.core.revisions import read_revisions
from sasaeai.core.text import squash
from sasaeai.web import permissions
from sasaeai.web.models import Department, Goal, Item, Organisation, Plan, PlanKind, Project
from sasaeai.web.models.people import OrganisationKind
from sasaeai.web.services.base import Action, refuse
from sasaeai.web.services.report_import import find_organisation, find_project

from .models import GoalLink, ItemRevision, Kpi, KpiSheet, PlanRevision, ProjectStart


def _require_secretariat(user: Any) -> None:
    if not permissions.can_manage_plans(user):
        refuse(
            "Only the secretariat imports plans and their revisions.",
            "計画と見直しを取り込めるのは事務局だけです。",
        )


def _require_own(user: Any, organisation: Organisation) -> None:
    if not permissions.can_edit_for(user, organisation):
        refuse(f"You may not edit the plans of {organisation}.", f"{organisation} の計画は編集できません。")


def _month(text: str | None) -> date | None:
    if not text:
        return None
    year, month = (int(part) for part in text.split("-"))
    return date(year, month, 1)


def _department(organisation: Organisation, name: str | None) -> Department | None:
    if not name:
        return None
    found, _ = Department.objects.get_or_create(organisation=organisation, name=name[:200])
    return found


class RevisionImport(Action):
    """A mid-term review (seed 002): item revisions and new projects of a council's practice plan."""

    def __init__(self, user: Any, data: bytes, name: str, organisation: str | None = None) -> None:
        super().__init__(user)
        self.data, self.name, self.organisation_name = data, name, organisation
        self.document: dict[str, Any] | None = None

    def check(self) -> None:
        _require_secretariat(self.user)
        if self.document is None:
            self.document = read_revisions(self.data, self.name)
        if not self.document["plan_period"]:
            refuse(
                f"{self.name} does not say which years its plan covers (令和3年度～令和8年度).",
                f"{self.name} から計画期間（令和3年度～令和8年度など）を読み取れません。",
            )

    def execute(self) -> tuple[PlanRevision, bool]:
        """Store the review; returns it and whether anything changed."""
        self.check()
        assert self.document is not None
        with transaction.atomic():
            plan = self._plan(self.document)
            existing = PlanRevision.objects.filter(plan=plan, source_sha256=self.document["sha256"]).first()
            if existing is not None:
                return existing, False
            return self._store(plan, self.document), True

    def _plan(self, document: dict[str, Any]) -> Plan:
        organisation = find_organisation(
            self.organisation_name or document["organisation"], OrganisationKind.COUNCIL, document["title"]
        )
        _require_own(self.user, organisation)
        period = document["plan_period"]
        plan, _ = Plan.objects.get_or_create(
            organisation=organisation,
            kind=PlanKind.COUNCIL,
            start_year=period["start"],
            defaults={"end_year": period["end"], "title": (document["title"] or "地域福祉実践計画")[:300]},
        )
        return plan

    def _store(self, plan: Plan, document: dict[str, Any]) -> PlanRevision:
        revision = PlanRevision.objects.create(
            plan=plan,
            title=f"{document['title']} 中間見直し"[:300] if document["title"] else "見直し",
            issued=_month(document["issued"]),
            issued_text=(document["issued_text"] or "")[:100],
            effective_year=document["effective_fiscal_year"] or plan.start_year,
            source_name=self.name[:300],
            source_sha256=document["sha256"],
        )
        for item in document["items"]:
            ItemRevision.objects.create(
                revision=revision,
                item=_plan_item(plan, item["number"]),
                number=item["number"],
                title=item["title"][:300],
                page=item["page"],
                kind=item["kind"],
                before=item["before"] or "",
                after=item["after"] or "",
                line=item["line"],
            )
        for entry in document["new_projects"]:
            self._new_project(revision, entry)
        return revision

    def _new_project(self, revision: PlanRevision, entry: dict[str, Any]) -> ProjectStart:
        organisation = revision.plan.organisation
        department = _department(organisation, entry["department"])
        basic, priority = entry["basic_goal"] or {}, entry["priority_goal"] or {}
        project = find_project(organisation, entry["name"])
        if project is None:
            project = Project.objects.create(
                organisation=organisation,
                name=entry["name"][:300],
                department=department,
                plan_goal=basic.get("number"),
            )
        return ProjectStart.objects.create(
            revision=revision,
            project=project,
            start_month=_month(entry["start_month"]),
            start_text=entry["start_text"][:100],
            page=entry["page"],
            description=entry["description"],
            results=entry["results"],
            department=department,
            project_type=(entry["type"] or "")[:100],
            basic_goal_number=basic.get("number"),
            basic_goal_title=(basic.get("title") or "")[:300],
            priority_goal_number=priority.get("number"),
            priority_goal_title=(priority.get("title") or "")[:300],
            line=entry["line"],
        )


def _plan_item(plan: Plan, number: int | None) -> Item | None:
    if number is None:
        return None
    return Item.objects.filter(approach__policy__goal__plan=plan, number=number).first()


def revision_json(revision: PlanRevision, changed: bool) -> dict[str, Any]:
    """What an import stored, as ``import-revisions --json`` prints it."""
    return {
        "changed": changed,
        "plan": revision.plan.title,
        "organisation": revision.plan.organisation.name,
        "issued": revision.issued.isoformat()[:7] if revision.issued else None,
        "effective_fiscal_year": revision.effective_year,
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "page": i.page,
                "kind": i.kind,
                "before": i.before,
                "after": i.after,
            }
            for i in revision.items.all()
        ],
        "new_projects": [
            {
                "name": s.project.name,
                "start_month": s.start_month.isoformat()[:7] if s.start_month else None,
                "description": s.description,
                "department": s.department.name if s.department else None,
                "type": s.project_type,
                "basic_goal": s.basic_goal_number,
                "priority_goal": s.priority_goal_number,
            }
            for s in revision.new_projects.select_related("project", "department")
        ],
    }


class KpiImport(Action):
    """A funded project's KPI sheet (seed 004)."""

    def __init__(self, user: Any, data: bytes, name: str, fiscal_year: int | None = None) -> None:
        super().__init__(user)
        self.data, self.name, self.fiscal_year = data, name, fiscal_year
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.sheet: dict[str, Any] | None = None

    def check(self) -> None:
        _require_secretariat(self.user)
        if self.sheet is None:
            self.sheet = read_kpi(self.data, self.name)

    def execute(self) -> tuple[KpiSheet, bool]:
        self.check()
        assert self.sheet is not None
        with transaction.atomic():
            existing = KpiSheet.objects.filter(
                source_sha256=self.sha256, fiscal_year=self.fiscal_year
            ).first()
            if existing is not None:
                return existing, False
            return self._store(self.sheet), True

    def _store(self, data: dict[str, Any]) -> KpiSheet:
        organisation = find_organisation(data["municipality"], OrganisationKind.CITY)
        _require_own(self.user, organisation)
        budget = data["budget"]
        sheet, _ = KpiSheet.objects.update_or_create(
            organisation=organisation,
            project_name=data["project"][:300],
            fiscal_year=self.fiscal_year,
            defaults={
                "project_cost": _amount(budget.get("project_cost")),
                "grant": _amount(budget.get("grant")),
                "budget_unit": (budget.get("project_cost") or budget.get("grant") or {}).get("unit", ""),
                "context": "\n".join(data["context"]),
                "goals": "\n".join(data["goals"]),
                "future_issues": "\n".join(data["future_issues"]),
                "partners": data["partners"],
                "partners_open_ended": data["partners_open_ended"],
                "activities": data["activities"],
                "source_name": self.name[:300],
                "source_sha256": self.sha256,
            },
        )
        reasons = dict(sheet.kpis.values_list("name", "reason"))
        sheet.kpis.all().delete()
        for order, kpi in enumerate(data["kpis"]):
            _store_kpi(sheet, order, kpi, reasons.get(kpi["name"], ""))
        return sheet


def _amount(figure: dict[str, Any] | None) -> Decimal | None:
    return None if figure is None else Decimal(str(figure["value"]))


def _store_kpi(sheet: KpiSheet, order: int, kpi: dict[str, Any], reason: str) -> Kpi:
    target, actual, printed = kpi["target"] or {}, kpi["actual"] or {}, kpi["achievement_rate"]
    return Kpi.objects.create(
        sheet=sheet,
        order=order,
        kind=kpi["kind"][:40],
        name=kpi["name"][:300],
        indicator_type=(kpi["indicator_type"] or "")[:40],
        target_value=_amount(target or None),
        target_unit=target.get("unit") or "",
        actual_value=_amount(actual or None),
        actual_unit=actual.get("unit") or "",
        actual_as_of=(actual.get("as_of") or "")[:40],
        printed_rate=_amount(printed),
        # a printed "-" says no rate applies (the actual is, e.g., a survey baseline)
        rate_applies=kpi["text"]["achievement_rate"].strip() not in ("-", "－", "―", "—", ""),
        reason=reason,
        source_line=kpi["source_line"],
    )


def kpi_sheet_json(sheet: KpiSheet, changed: bool) -> dict[str, Any]:
    """The stored sheet, as ``import-kpi --json`` prints it."""
    return {
        "changed": changed,
        "organisation": sheet.organisation.name,
        "project": sheet.project_name,
        "fiscal_year": sheet.fiscal_year,
        "budget": {
            "project_cost": _number(sheet.project_cost),
            "grant": _number(sheet.grant),
            "unit": sheet.budget_unit,
        },
        "kpis": [
            {
                "kind": k.kind,
                "name": k.name,
                "target": _number(k.target_value),
                "target_unit": k.target_unit,
                "actual": _number(k.actual_value),
                "actual_unit": k.actual_unit,
                "printed_rate": _number(k.printed_rate),
                "computed_rate": _number(k.computed_rate),
                "rate_agrees": k.rate_agrees,
                "below_target": k.below_target,
            }
            for k in sheet.kpis.all()
        ],
        "partners": sheet.partners,
        "partners_open_ended": sheet.partners_open_ended,
        "future_issues": sheet.future_issues,
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


class GoalLinkImport(Action):
    """The goal links of a city plan's chapter on the council's plan (seed 003, chapter 5)."""

    def __init__(self, user: Any, data: bytes, name: str) -> None:
        super().__init__(user)
        self.data, self.name = data, name
        self.document: dict[str, Any] | None = None

    def check(self) -> None:
        _require_secretariat(self.user)
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
