"""Which departments an import may write, and which department each row of the file belongs to.

A department's staff replace only their own departments' entries; the
department of a row is the stored project's, never the file's (a file can
say anything), and a row of another department stops the whole import with its
line number.  The secretariat may import the whole report or name departments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sasaeai.core import records
from sasaeai.operations import refuse
from sasaeai.people.models import Department, Organisation, Role
from sasaeai.people.roles import Actor, department_ids, role_of
from sasaeai.reports.models import Project

from .projects import ProjectIndex

MAX_LISTED = 10


@dataclass
class PlacedRow:
    """A row of the file with the stored project it is (None: a new project) and its department."""

    entry: records.ProjectEntry
    project: Project | None
    department: Department | None
    department_name: str | None  # a department the file names that is not stored yet (secretariat only)


def import_scope(user: Actor, organisation: Organisation, names: Sequence[str]) -> set[int] | None:
    """The department ids whose entries the import replaces; None: the whole report (the secretariat's)."""
    departments = {d.name: d for d in organisation.departments.all()} if organisation.pk else {}
    unknown = [name for name in names if name not in departments]
    if unknown:
        refuse(
            f"{organisation} has no department called {unknown[0]}.",
            f"{organisation}に担当課「{unknown[0]}」は登録されていません。",
        )
    asked: set[int] = {departments[name].pk for name in names}
    if role_of(user) == Role.ADMIN:
        return asked or None
    own = {pk for pk in department_ids(user) if pk in {d.pk for d in departments.values()}}
    if not own:
        refuse(
            f"You enter the figures of no department of {organisation}.",
            f"{organisation}の担当課の報告を取り込む権限がありません。",
        )
    if asked - set(own):
        refuse("You may import only your own departments.", "自分の担当課以外の報告は取り込めません。")
    return asked or set(own)


def place_rows(
    rows: Sequence[records.ProjectEntry], organisation: Organisation, scope: set[int] | None
) -> list[PlacedRow]:
    """Each row with its stored project and department; refuse rows outside the scope, naming their lines."""
    index = ProjectIndex(organisation)
    by_name = {d.name: d for d in organisation.departments.all()} if organisation.pk else {}
    in_scope = [d for d in by_name.values() if scope is None or d.pk in scope]
    placed: list[PlacedRow] = []
    foreign: list[tuple[records.ProjectEntry, str]] = []
    unplaced: list[records.ProjectEntry] = []
    for entry in rows:
        project = index.find(entry.name)
        row = _placed(entry, project, by_name, in_scope, whole=scope is None)
        if scope is not None and row.department is None and project is None:
            unplaced.append(entry)
        elif scope is not None and (row.department is None or row.department.pk not in scope):
            foreign.append((entry, row.department.name if row.department else "担当課なし"))
        placed.append(row)
    _refuse_foreign(foreign)
    _refuse_unplaced(unplaced)
    return placed


def _placed(
    entry: records.ProjectEntry,
    project: Project | None,
    by_name: dict[str, Department],
    in_scope: list[Department],
    whole: bool,
) -> PlacedRow:
    """A stored project keeps its department; only the secretariat's whole-report import takes the file's word
    for a project that has none yet."""
    if project is not None and (project.department is not None or not whole or not entry.department):
        return PlacedRow(entry, project, project.department, None)
    if not whole:
        named_elsewhere = by_name.get(entry.department or "")
        if named_elsewhere is not None and named_elsewhere not in in_scope:
            return PlacedRow(entry, project, named_elsewhere, None)  # the file itself says it is not theirs
        return PlacedRow(entry, project, _new_project_department(entry, in_scope), None)
    named = by_name.get(entry.department or "")
    return PlacedRow(entry, project, named, None if named else entry.department)


def _new_project_department(entry: records.ProjectEntry, in_scope: list[Department]) -> Department | None:
    """A new project's department: the one of the importer's the file names, or their only one."""
    named = [d for d in in_scope if d.name == entry.department]
    if named:
        return named[0]
    return in_scope[0] if len(in_scope) == 1 else None


def _lines(rows: list[tuple[records.ProjectEntry, str]]) -> tuple[str, str]:
    shown = rows[:MAX_LISTED]
    more = len(rows) - len(shown)
    english = "; ".join(f"line {e.line} {e.name} ({d})" for e, d in shown) + (
        f"; {more} more" if more else ""
    )
    japanese = "、".join(f"{e.line}行目「{e.name}」（{d}）" for e, d in shown) + (
        f" ほか{more}行" if more else ""
    )
    return english, japanese


def _refuse_foreign(foreign: list[tuple[records.ProjectEntry, str]]) -> None:
    if not foreign:
        return
    english, japanese = _lines(foreign)
    refuse(
        f"The file holds projects of other departments; nothing was stored: {english}.",
        f"他の担当課の事業が含まれているため取り込みませんでした: {japanese}。",
    )


def _refuse_unplaced(unplaced: list[records.ProjectEntry]) -> None:
    if not unplaced:
        return
    english, japanese = _lines([(entry, entry.department or "担当課の記載なし") for entry in unplaced])
    refuse(
        f"New projects whose department cannot be told (name one of yours in the file); nothing was stored: {english}.",
        f"新しい事業の担当課を決められないため取り込みませんでした（ファイルに自分の担当課名を書いてください）: {japanese}。",
    )
