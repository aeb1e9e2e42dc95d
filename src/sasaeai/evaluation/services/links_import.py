"""Storing indicator links: which project's quantity measures which indicator part.

The file (format in ``docs/links-format.md``) is read by
:func:`sasaeai.core.links.read_links_document`.  Links are resolved within
one plan's organisation (its indicators) and one reporting organisation (its
projects), named by the file or by the caller; every link must name one
indicator part, or nothing is stored.  A link to a project that no report holds
yet is stored as pending and resolves when the project appears
(:func:`resolve_pending_links`).  Importing the same file again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from sasaeai.audit.trail import audit
from sasaeai.core.links import IndicatorLink as LinkSpec
from sasaeai.core.links import LinksDocument, read_links_document
from sasaeai.core.text import squash
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Organisation, OrganisationKind
from sasaeai.people.roles import Actor
from sasaeai.plans.models import IndicatorPart, Plan
from sasaeai.reports.models import Project, ProjectAlias

from .stored import refresh_plans


@dataclass
class LinksImportResult:
    created: int = 0
    unchanged: int = 0
    pending: int = 0
    rules_changed: int = 0

    def summary(self) -> str:
        waiting = f"; {self.pending} wait for projects no report holds yet" if self.pending else ""
        rules = (
            f"; changed how {self.rules_changed} parts form their year value" if self.rules_changed else ""
        )
        return f"stored {self.created} new indicator links; {self.unchanged} were already stored{waiting}{rules}."


class ProjectNames:
    """An organisation's projects by every name they have had (width and spaces ignored), read once."""

    def __init__(self, organisation: Organisation) -> None:
        self.by_name: dict[str, dict[int, Project]] = defaultdict(dict)
        for project in Project.objects.filter(organisation=organisation):
            self.by_name[squash(project.name)][project.pk] = project
        for alias in ProjectAlias.objects.filter(organisation=organisation).select_related("project"):
            self.by_name[squash(alias.name)][alias.project.pk] = alias.project

    def matching(self, names: list[str] | tuple[str, ...]) -> list[Project]:
        found: dict[int, Project] = {}
        for name in names:
            found.update(self.by_name.get(squash(name), {}))
        return sorted(found.values(), key=lambda p: squash(p.name))


class LinksImport(Operation):
    """Read a links file and store a link per indicator part and project (pending while no report has it)."""

    def __init__(
        self,
        user: Actor,
        data: bytes,
        name: str,
        plan_organisation: str | None = None,
        report_organisation: str | None = None,
    ) -> None:
        super().__init__(user)
        self.data, self.name = data, name
        self.plan_organisation_name, self.report_organisation_name = plan_organisation, report_organisation
        self.reporter: Organisation | None = None
        self.resolved: list[tuple[LinkSpec, IndicatorPart, list[Project]]] = []

    def check(self) -> None:
        if not permissions.is_secretariat(self.user):
            refuse("Only the secretariat links indicators.", "指標の紐付けは事務局だけが行えます。")
        document = read_links_document(self.data, self.name)
        planner = self._plan_organisation(document)
        if not permissions.can_manage(self.user, planner):
            refuse(f"You may not link the indicators of {planner}.", f"{planner} の指標は紐付けできません。")
        self.reporter = self._report_organisation(document)
        parts = _parts_by_name(planner)
        projects = ProjectNames(self.reporter)
        self.resolved = [
            (spec, _part(spec, parts), projects.matching(spec.projects)) for spec in document.links
        ]

    def _plan_organisation(self, document: LinksDocument) -> Organisation:
        name = self.plan_organisation_name or document.plan_organisation
        if name:
            return _named(name)
        indicators = {squash(link.indicator) for link in document.links}
        owners = {
            plan.organisation
            for plan in Plan.objects.select_related("organisation").prefetch_related("goals")
            if any(squash(i) in indicators for i in _indicator_names(plan))
        }
        return _the_one(owners, "plan", "--plan-organisation", "計画の組織")

    def _report_organisation(self, document: LinksDocument) -> Organisation:
        name = self.report_organisation_name or document.report_organisation
        if name:
            return _named(name)
        councils = set(Organisation.objects.filter(kind=OrganisationKind.COUNCIL))
        return _the_one(councils, "reporting", "--report-organisation", "報告する組織")

    def execute(self) -> LinksImportResult:
        self.check()
        assert self.reporter is not None
        result = LinksImportResult()
        with transaction.atomic():
            for spec, part, projects in self.resolved:
                if spec.year_value is not None and spec.year_value != part.year_value:
                    audit(self.user, part, "year_value", part.year_value, spec.year_value, self.name)
                    part.year_value = spec.year_value
                    part.save(update_fields=["year_value"])
                    result.rules_changed += 1
                targets: list[Project | None] = [*projects] or [None]
                for project in targets:
                    link, created = IndicatorLink.objects.get_or_create(
                        part=part,
                        organisation=self.reporter,
                        project=project,
                        label=spec.label or "",
                        unit=spec.unit,
                        defaults={"names": list(spec.projects)},
                    )
                    if created:
                        audit(self.user, link, "link", "", str(link), self.name)
                    result.created += created
                    result.unchanged += not created
                    result.pending += project is None
            if result.created or result.rules_changed:
                refresh_plans(_plans_of(part for _, part, _ in self.resolved))
        return result


def _plans_of(parts: Iterable[IndicatorPart]) -> set[int]:
    ids = {part.pk for part in parts}
    return set(
        IndicatorPart.objects.filter(pk__in=ids).values_list(
            "indicator__approach__policy__goal__plan_id", flat=True
        )
    )


def resolve_pending_links(organisation: Organisation) -> int:
    """Point the organisation's pending links at the projects that now exist; how many were resolved."""
    pending = list(IndicatorLink.objects.filter(organisation=organisation, project__isnull=True))
    if not pending:
        return 0
    projects = ProjectNames(organisation)
    resolved = 0
    for link in pending:
        found = projects.matching(link.names)
        for project in found:
            IndicatorLink.objects.get_or_create(
                part=link.part,
                organisation=organisation,
                project=project,
                label=link.label,
                unit=link.unit,
                defaults={"names": link.names},
            )
        if found:
            link.delete()
            resolved += 1
    return resolved


def _named(name: str) -> Organisation:
    found = Organisation.objects.filter(name=name).first()
    if found is None:
        refuse(f"No organisation is called {name}.", f"組織「{name}」は登録されていません。")
    return found


def _the_one(candidates: set[Organisation], what: str, option: str, what_ja: str) -> Organisation:
    if len(candidates) == 1:
        return candidates.pop()
    refuse(
        f"Name the {what} organisation ({option}, or in the file): {len(candidates)} could be meant.",
        f"{what_ja}を一つに決められません。ファイルか {option} で指定してください。",
    )


def _indicator_names(plan: Plan) -> list[str]:
    return list(IndicatorPart.objects.of_plan(plan).values_list("indicator__name", flat=True))


def _parts_by_name(organisation: Organisation) -> dict[str, list[IndicatorPart]]:
    parts: dict[str, list[IndicatorPart]] = defaultdict(list)
    query = IndicatorPart.objects.filter(indicator__approach__policy__goal__plan__organisation=organisation)
    for part in query.select_related("indicator"):
        parts[squash(part.indicator.name)].append(part)
    return parts


def _part(spec: LinkSpec, parts: dict[str, list[IndicatorPart]]) -> IndicatorPart:
    candidates = parts.get(squash(spec.indicator), [])
    if not candidates:
        refuse(
            f"Link {spec.number}: no indicator is called {spec.indicator}.",
            f"{spec.number}番目の紐付け: 指標「{spec.indicator}」は登録されていません。",
        )
    matching = [p for p in candidates if spec.matches_part(p.label or None, p.unit)]
    if spec.part is None and len(candidates) > 1:
        matching = []
    if len(matching) != 1:
        refuse(
            f"Link {spec.number}: {spec.indicator} has no single part {spec.part or ''}; name the part.",
            f"{spec.number}番目の紐付け: 指標「{spec.indicator}」の項目を一つに決められません。",
        )
    return matching[0]
