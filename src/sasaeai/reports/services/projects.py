"""Finding the organisation a document belongs to, and its projects under any name they have had."""

from __future__ import annotations

import re

from sasaeai.core.text import squash
from sasaeai.operations import refuse
from sasaeai.people.models import Organisation, OrganisationKind
from sasaeai.reports.models import Project, ProjectAlias

# A council names itself after its municipality: 苫小牧市社会福祉協議会, 厚真町社会福祉協議会.
_COUNCIL_NAME_RE = re.compile(r"([一-龥ヶ]{1,8}?[市町村区])社会福祉協議会")
_TITLE_BREAK_RE = re.compile(r"報告|計画|事業|年度|[\s「」『』()（）\d、。・]")


def find_organisation(name: str | None, kind: str, hint: str = "", create: bool = True) -> Organisation:
    """The organisation named, else one named in ``hint``, else the one of its kind.

    A named organisation that is not stored yet is created, or with
    ``create=False`` returned unsaved (for a ``check()`` that must not write).
    """
    if not name and kind == OrganisationKind.COUNCIL:
        for piece in _TITLE_BREAK_RE.split(hint):
            match = _COUNCIL_NAME_RE.search(piece)
            if match:
                name = match.group(0)
                break
    if name:
        found = Organisation.objects.filter(name=name).first()
        if found is None:
            found = Organisation(name=name, kind=kind)
            if create:
                found.save()
        return found
    candidates = list(Organisation.objects.filter(kind=kind)[:2])
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        refuse(
            "Several organisations could have written this; name one with --organisation.",
            "複数の組織が該当します。組織を指定してください。",
        )
    refuse(
        "No organisation is known yet; name one with --organisation.",
        "組織が登録されていません。組織名を指定してください。",
    )


class ProjectIndex:
    """An organisation's projects by every name they have had, read once (width and spaces ignored).

    Looking a name up costs no query, so an import of many rows stays linear.
    """

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self._exact: dict[str, Project] = {}
        self._squashed: dict[str, Project] = {}
        if organisation.pk is None:
            return
        projects = Project.objects.filter(organisation=organisation).select_related("department")
        for project in projects:
            self.add(project)
        aliases = ProjectAlias.objects.filter(organisation=organisation).select_related("project__department")
        for alias in aliases:
            self._exact.setdefault(alias.name, alias.project)
            self._squashed.setdefault(squash(alias.name), alias.project)

    def add(self, project: Project) -> None:
        self._exact[project.name] = project
        self._squashed.setdefault(squash(project.name), project)

    def find(self, name: str) -> Project | None:
        """The project called ``name`` or once called so."""
        return self._exact.get(name) or self._squashed.get(squash(name))
