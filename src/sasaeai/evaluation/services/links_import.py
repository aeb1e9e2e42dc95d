"""Storing indicator links: which project's quantity measures which indicator part.

The file (format in ``docs/links-format.md``) is read by
:func:`sasaeai.core.links.read_links`.  Every link must resolve to a stored
indicator part and at least one stored project, or nothing is stored.
Importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sasaeai.core.links import IndicatorLink as LinkSpec
from sasaeai.core.links import read_links
from sasaeai.core.text import squash
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.plans.models import IndicatorPart
from sasaeai.reports.models import Project, ProjectAlias


@dataclass
class LinksImportResult:
    created: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"stored {self.created} new indicator links; {self.unchanged} were already stored."


class LinksImport(Operation):
    """Read a links file and store a link per indicator part and project."""

    def __init__(self, user: Actor, data: bytes, name: str) -> None:
        super().__init__(user)
        self.data, self.name = data, name
        self.resolved: list[tuple[LinkSpec, IndicatorPart, list[Project]]] = []

    def check(self) -> None:
        if not permissions.is_secretariat(self.user):
            refuse("Only the secretariat links indicators.", "指標の紐付けは事務局だけが行えます。")
        specs = read_links(self.data, self.name)
        parts = list(IndicatorPart.objects.select_related("indicator"))
        projects = list(Project.objects.all())
        aliases = list(ProjectAlias.objects.select_related("project"))
        self.resolved = [(spec, _part(spec, parts), _projects(spec, projects, aliases)) for spec in specs]

    def execute(self) -> LinksImportResult:
        self.check()
        result = LinksImportResult()
        with transaction.atomic():
            for spec, part, projects in self.resolved:
                for project in projects:
                    _, created = IndicatorLink.objects.get_or_create(
                        part=part, project=project, label=spec.label or "", unit=spec.unit
                    )
                    result.created += created
                    result.unchanged += not created
        return result


def _part(spec: LinkSpec, parts: list[IndicatorPart]) -> IndicatorPart:
    candidates = [p for p in parts if spec.matches_indicator(p.indicator.name)]
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


def _projects(spec: LinkSpec, projects: list[Project], aliases: list[ProjectAlias]) -> list[Project]:
    found = {p.pk: p for p in projects if spec.matches_project(p.name)}
    found.update({a.project.pk: a.project for a in aliases if spec.matches_project(a.name)})
    if not found:
        names = "、".join(spec.projects)
        refuse(
            f"Link {spec.number}: no report so far has the project {spec.projects[0]}; import the reports first.",
            f"{spec.number}番目の紐付け: 事業「{names}」はまだどの報告にもありません。先に報告を取り込んでください。",
        )
    return sorted(found.values(), key=lambda p: squash(p.name))
