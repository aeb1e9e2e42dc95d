"""担当課の入力表: one department's projects of one period on one page, like the Excel sheet they know.

The page posts as a plain form (every field named e-<entry>-…), so it works
without JavaScript; grid.js adds the spreadsheet keys, pasting a block from
Excel, adding rows and the warning on leaving unsaved.  Each row carries the
version it was loaded at: a save over someone else's change is refused whole,
and the page comes back with the editor's values over the versions stored now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from sasaeai.core.figure_rules import change, jump_ratio
from sasaeai.front.forms import FieldError, parse_figure
from sasaeai.front.views.access import guarded, report_to_read, require
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.models import Department, Role
from sasaeai.people.roles import department_ids, role_of
from sasaeai.reports.models import OPEN_PART_STATUSES, ProjectEntry, Quantity, Report, ReportStatus, Side
from sasaeai.reports.services.figures import StaleEdit
from sasaeai.reports.services.grid import (
    EntryRows,
    FigureRow,
    GridInvalid,
    Problem,
    SaveDepartmentGrid,
    department_entries,
    last_year,
    previous_value,
)

MAX_ROWS = 200  # figure rows of one project a post may carry
MAX_TEXT = 20000


@dataclass
class RowView:
    """A figure row as the page shows it."""

    key: str
    figure: FigureRow
    value_text: str
    previous: Decimal | None
    difference: Decimal | None = None
    note_shown: bool = False
    value_error: str = ""
    note_error: str = ""


@dataclass
class EntryView:
    entry: ProjectEntry
    version: int | None
    narrative: str
    activities: str
    rows: list[RowView] = field(default_factory=list)


def plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def grid_department(report: Report, pk: int) -> Department:
    return get_object_or_404(Department, pk=pk, organisation_id=report.organisation_id)


def may_read_grid(request: HttpRequest, report: Report, department: Department) -> bool:
    if permissions.may_enter_for(request.user, department.pk, report.organisation_id):
        return True
    return role_of(request.user) == Role.APPROVER and department.pk in department_ids(request.user)


def _rows_from_store(entries: list[ProjectEntry]) -> list[EntryView]:
    before = last_year(entries)
    views = []
    for entry in entries:
        view = EntryView(entry, entry.version, entry.narrative, entry.activities)
        figures = entry.quantities.filter(side=Side.CURRENT).order_by("order", "id")
        for index, q in enumerate(figures):
            row = FigureRow(f"e-{entry.pk}-f-{index}", q.pk, q.version, q.label, q.value, q.unit)
            view.rows.append(_row_view(row, plain(q.value), before[entry.pk]))
        view.rows.append(_blank_row(entry, len(view.rows), before[entry.pk]))
        views.append(view)
    return views


def _blank_row(entry: ProjectEntry, index: int, before: dict[Any, Decimal | None]) -> RowView:
    return _row_view(FigureRow(f"e-{entry.pk}-f-{index}"), "", before)


def _row_view(row: FigureRow, text: str, before: dict[Any, Decimal | None]) -> RowView:
    previous = previous_value(before, row.label, row.unit) if row.label else None
    view = RowView(row.key, row, text, previous, change(row.value, previous))
    view.note_shown = bool(row.note) or (
        row.value is not None and jump_ratio(row.value, previous) is not None
    )
    return view


def _number(data: QueryDict, name: str) -> int | None:
    text = data.get(name, "")
    return int(text) if text.isdecimal() and len(text) < 10 else None


def _posted(
    data: QueryDict, entries: list[ProjectEntry]
) -> tuple[list[EntryRows], list[EntryView], list[Problem]]:
    """The grid as posted: the rows for the service, the same rows for the page, and values that are no numbers."""
    before = last_year(entries)
    rows, views, problems = [], [], []
    for entry in entries:
        prefix = f"e-{entry.pk}"
        texts = {
            name: data.get(f"{prefix}-{name}", "")[:MAX_TEXT].replace("\r\n", "\n")
            for name in ("narrative", "activities")
        }
        posted = EntryRows(
            entry.pk, _number(data, f"{prefix}-version"), texts["narrative"], texts["activities"]
        )
        view = EntryView(entry, posted.version, posted.narrative, posted.activities)
        for index in range(min(_number(data, f"{prefix}-rows") or 0, MAX_ROWS)):
            key = f"{prefix}-f-{index}"
            text = data.get(f"{key}-value", "").strip()
            row = FigureRow(
                key,
                _number(data, f"{key}-id"),
                _number(data, f"{key}-version"),
                data.get(f"{key}-label", "").strip()[:300],
                None,
                data.get(f"{key}-unit", "").strip()[:40],
                bool(data.get(f"{key}-remove")),
                data.get(f"{key}-note", "").strip()[:300],
            )
            if text:
                try:
                    row.value = parse_figure(text)
                except forms.ValidationError as error:
                    problems.append(
                        Problem(
                            f"{key}-value",
                            f"「{entry.project.name}」の「{row.label or '（項目なし）'}」: {error.messages[0]}",
                        )
                    )
            posted.figures.append(row)
            view.rows.append(_row_view(row, text, before[entry.pk]))
        rows.append(posted)
        views.append(view)
    return rows, views, problems


def _over_stored_versions(views: list[EntryView]) -> None:
    """The editor's rows again, each with the version stored now (saving again is a decision taken knowingly)."""
    entries = dict(
        ProjectEntry.objects.filter(pk__in=[v.entry.pk for v in views]).values_list("pk", "version")
    )
    ids = [r.figure.quantity_id for v in views for r in v.rows if r.figure.quantity_id]
    figures = dict(Quantity.objects.filter(pk__in=ids).values_list("pk", "version"))
    for view in views:
        view.version = entries.get(view.entry.pk, view.version)
        for row in view.rows:
            if row.figure.quantity_id in figures:
                row.figure.version = figures[row.figure.quantity_id]
            elif row.figure.quantity_id is not None:  # removed meanwhile: saving again adds it anew
                row.figure.quantity_id = row.figure.version = None


def _place_errors(views: list[EntryView], problems: list[Problem]) -> None:
    """Each problem beside its field (the summary at the top links to it)."""
    by_field = {p.field: p.message for p in problems}
    for view in views:
        for row in view.rows:
            row.value_error = by_field.get(f"{row.key}-value", "")
            row.note_error = by_field.get(f"{row.key}-note", "")
            row.note_shown = row.note_shown or bool(row.note_error)


@guarded
def department_grid(request: HttpRequest, pk: int, department: int) -> HttpResponse:
    report = report_to_read(request, pk)
    dept = grid_department(report, department)
    require(request, may_read_grid(request, report, dept))
    entries = department_entries(report, dept)
    part = report.parts.for_department(dept.pk).first()
    may_enter = permissions.may_enter_for(request.user, dept.pk, report.organisation_id)
    editable = (
        may_enter
        and report.status == ReportStatus.DRAFT
        and (part is None or part.status in OPEN_PART_STATUSES)
    )
    problems: list[Problem] = []
    reason = ""
    if request.method == "POST" and editable:
        rows, views, problems = _posted(request.POST, entries)
        reason = request.POST.get("reason", "").strip()[:500]
        if not problems:
            try:
                changed = SaveDepartmentGrid(request.user, report, dept, rows, reason).execute()
            except GridInvalid as error:
                problems = error.problems
            except StaleEdit as error:
                messages.error(request, error.message_ja)
                _over_stored_versions(views)
            except OperationRefused as error:
                messages.error(request, error.message_ja)
            else:
                messages.success(request, f"保存しました（変更 {changed} 件）。変更は履歴に残ります。")
                return redirect("department_grid", pk=report.pk, department=dept.pk)
    else:
        views = _rows_from_store(entries)
    _place_errors(views, problems)
    context = {
        "report": report,
        "department": dept,
        "part": part,
        "entries": views,
        "editable": editable,
        "may_submit": part is not None and permissions.can_submit(request.user, part),
        "errors": [FieldError(p.field, "", p.message) for p in problems],
        "reason": reason,
        "needs_reason": part is not None and part.submitted_at is not None,
        "nav": "reports",
    }
    return render(request, "sasaeai/department_grid.html", context, status=200)
