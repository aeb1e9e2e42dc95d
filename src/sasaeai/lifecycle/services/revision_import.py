"""Storing a practice plan's mid-term review (中間見直し): item revisions and new projects."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sasaeai.core.revisions import read_revisions
from sasaeai.evaluation.services.stored import refresh_plans
from sasaeai.lifecycle.models import ItemRevision, PlanRevision, ProjectStart
from sasaeai.operations import Operation, refuse
from sasaeai.people.models import OrganisationKind
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Item, Plan, PlanKind
from sasaeai.reports.models import Project
from sasaeai.reports.services.projects import ProjectIndex, find_organisation

from .checks import department_named, month_of, require_own, require_secretariat


class RevisionImport(Operation):
    """A mid-term review (中間見直し): item revisions and new projects of a council's practice plan."""

    def __init__(self, user: Actor, data: bytes, name: str, organisation: str | None = None) -> None:
        super().__init__(user)
        self.data, self.name, self.organisation_name = data, name, organisation
        self.document: dict[str, Any] | None = None

    def check(self) -> None:
        require_secretariat(self.user)
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
            revision = self._store(plan, self.document)
            refresh_plans([plan])
            return revision, True

    def _plan(self, document: dict[str, Any]) -> Plan:
        organisation = find_organisation(
            self.organisation_name or document["organisation"], OrganisationKind.COUNCIL, document["title"]
        )
        require_own(self.user, organisation)
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
            issued=month_of(document["issued"]),
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
        projects = ProjectIndex(revision.plan.organisation)  # read once, not once a row
        for entry in document["new_projects"]:
            self._new_project(revision, entry, projects)
        return revision

    def _new_project(
        self, revision: PlanRevision, entry: dict[str, Any], projects: ProjectIndex
    ) -> ProjectStart:
        organisation = revision.plan.organisation
        department = department_named(organisation, entry["department"])
        basic, priority = entry["basic_goal"] or {}, entry["priority_goal"] or {}
        project = projects.find(entry["name"])
        if project is None:
            project = Project.objects.create(
                organisation=organisation,
                name=entry["name"][:300],
                department=department,
                plan_goal=basic.get("number"),
            )
            projects.add(project)
        return ProjectStart.objects.create(
            revision=revision,
            project=project,
            start_month=month_of(entry["start_month"]),
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
    return Item.objects.of_plan(plan).filter(number=number).first()


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
