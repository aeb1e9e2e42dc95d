"""The department's grid: every project of one department in one period, saved at once.

A department enters its part of a report as it does in its Excel sheet: each
project's figures (label, value, unit) and its texts, with the same period of
last year beside each figure.  Saving checks every row first (the range, no
negative count, a note for a ×10 / ÷10 jump, a reason when the part was
submitted before) and then writes everything through the figure and text
services in one transaction: a figure or text someone else changed since the
page was loaded refuses the whole save (:class:`~.figures.StaleEdit`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from sasaeai.core.figure_rules import jump_ratio, negative_allowed, ratio_text
from sasaeai.figures import figure_problem
from sasaeai.operations import Operation, OperationRefused, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department
from sasaeai.people.roles import Actor
from sasaeai.reports.models import (
    OPEN_PART_STATUSES,
    ProjectEntry,
    Quantity,
    Report,
    ReportPart,
    ReportStatus,
    Side,
)
from sasaeai.reports.services.entries import ChangeEntryText
from sasaeai.reports.services.figures import AddQuantity, ChangeQuantity, RemoveQuantity, refuse_stale, shown


@dataclass
class FigureRow:
    """One figure row as the editor sent it; ``key`` names its fields on the page (e-12-f-0)."""

    key: str
    quantity_id: int | None = None
    version: int | None = None
    label: str = ""
    value: Decimal | None = None
    unit: str = ""
    remove: bool = False
    note: str = ""

    @property
    def blank(self) -> bool:
        return self.quantity_id is None and not self.label and self.value is None and not self.unit


@dataclass
class EntryRows:
    """One project's part of the grid: its texts (with the version they were loaded at) and figure rows."""

    entry_id: int
    version: int | None
    narrative: str
    activities: str
    figures: list[FigureRow] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """A row the save cannot take as it is: the field (its name on the page) and one Japanese sentence."""

    field: str
    message: str


class GridInvalid(OperationRefused):
    """Some rows must be corrected; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            f"{len(problems)} fields must be corrected; nothing was saved.",
            f"入力に誤りが{len(problems)}件あります。直してから保存してください（何も保存していません）。",
        )
        self.problems = problems


def _key(label: str, unit: str) -> tuple[str, str]:
    return unicodedata.normalize("NFKC", label).replace(" ", ""), unicodedata.normalize("NFKC", unit)


def department_entries(report: Report, department: Department) -> list[ProjectEntry]:
    """The department's entries of the report, in the report's order."""
    return list(
        report.entries.filter(project__department=department)
        .select_related("project", "report")
        .order_by("order", "id")
    )


def last_year(entries: list[ProjectEntry]) -> dict[int, dict[tuple[str, str], Decimal | None]]:
    """Per entry, last year's figure of the same period by label and unit.

    The entry's own comparison figures when it has them (a report read from a
    file, or a period opened with last year stored); else the current figures
    of the project's entry in the same period of last year.
    """
    found: dict[int, dict[tuple[str, str], Decimal | None]] = {e.pk: {} for e in entries}
    comparison = Quantity.objects.filter(entry__in=entries, side=Side.COMPARISON).order_by("order", "id")
    for quantity in comparison:
        found[quantity.entry_id].setdefault(_key(quantity.label, quantity.unit), quantity.value)
    missing = [e for e in entries if not found[e.pk]]
    if missing:
        report = missing[0].report
        earlier = ProjectEntry.objects.filter(
            report__organisation_id=report.organisation_id,
            report__fiscal_year=report.fiscal_year - 1,
            report__period=report.period,
            project__in=[e.project_id for e in missing],
        )
        by_project = {e.project_id: e.pk for e in missing}
        for quantity in Quantity.objects.filter(entry__in=earlier, side=Side.CURRENT).select_related("entry"):
            values = found[by_project[quantity.entry.project_id]]
            values.setdefault(_key(quantity.label, quantity.unit), quantity.value)
    return found


def last_year_figures(entry: ProjectEntry) -> list[Quantity]:
    """The figures beside the entry: its comparison side, else its project's same period of last year."""
    beside = list(entry.quantities.filter(side=Side.COMPARISON).order_by("order", "id"))
    if beside:
        return beside
    report = entry.report
    return list(
        Quantity.objects.filter(
            entry__report__organisation_id=report.organisation_id,
            entry__report__fiscal_year=report.fiscal_year - 1,
            entry__report__period=report.period,
            entry__project_id=entry.project_id,
            side=Side.CURRENT,
        ).order_by("order", "id")
    )


def _printed(value: Decimal) -> str:
    """347,400 for Decimal('347400.000'), 87.5 for Decimal('87.500'), as a report prints a figure."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def results_text(figures: list[Quantity], blank: str = "") -> str:
    """The figures as a results cell prints them, one a line: 登録数 87箇所 (an empty value as ``blank``)."""
    lines = []
    for q in figures:
        if q.value is None and not blank:
            continue
        value = blank if q.value is None else _printed(q.value)
        lines.append(f"{q.label} {value}{q.unit}".strip())
    return "\n".join(lines)


def previous_value(values: dict[tuple[str, str], Decimal | None], label: str, unit: str) -> Decimal | None:
    return values.get(_key(label, unit))


class SaveDepartmentGrid(Operation):
    """Save a department's grid of one report: every text and figure, all or nothing."""

    def __init__(
        self, user: Actor, report: Report, department: Department, rows: list[EntryRows], reason: str = ""
    ) -> None:
        super().__init__(user)
        self.report, self.department, self.rows, self.reason = report, department, rows, reason.strip()
        self.entries: dict[int, ProjectEntry] = {}
        self.part: ReportPart | None = None

    def check(self) -> None:
        if not permissions.may_enter_for(self.user, self.department.pk, self.report.organisation_id):
            refuse(
                f"You may not enter the figures of {self.department}.",
                f"{self.department}の実績を入力する権限がありません。",
            )
        self.part = self.report.parts.for_department(self.department.pk).first()
        locked = self.part is not None and self.part.status not in OPEN_PART_STATUSES
        if self.report.status != ReportStatus.DRAFT or locked:
            refuse(
                "This part is locked (submitted or approved); a return or a reopening unlocks it.",
                "この担当課の報告は提出済みまたは確定済みです。変更するには差戻しを受けるか、事務局が再開する必要があります。",
            )
        self.entries = {e.pk: e for e in department_entries(self.report, self.department)}
        if any(row.entry_id not in self.entries for row in self.rows):
            refuse(
                "A row belongs to another department or report.",
                "この担当課・この報告の事業ではない行があります。",
            )
        problems = self.problems()
        if problems:
            raise GridInvalid(problems)

    def problems(self) -> list[Problem]:
        """Every row that cannot be saved as it is, in the page's order."""
        before = last_year(list(self.entries.values()))
        stored = {q.pk: q for q in Quantity.objects.filter(entry__in=list(self.entries))}
        problems: list[Problem] = []
        figures_change = False
        for rows in self.rows:
            name = self.entries[rows.entry_id].project.name
            for row in rows.figures:
                if row.blank or (row.remove and row.quantity_id is None):
                    continue
                old = stored.get(row.quantity_id) if row.quantity_id is not None else None
                figures_change |= row.remove or old is None or _differs(old, row)
                if not row.remove:
                    problems += _row_problems(
                        name, row, old, previous_value(before[rows.entry_id], row.label, row.unit)
                    )
        if figures_change and self._submitted_before() and not self.reason:
            problems.append(
                Problem("reason", "一度提出した報告の実績を変えるときは、変更の理由を入力してください。")
            )
        return problems

    def _submitted_before(self) -> bool:
        return self.part is not None and self.part.submitted_at is not None

    def execute(self) -> int:
        with transaction.atomic():
            self.report = Report.objects.select_for_update().get(pk=self.report.pk)
            self.check()
            return sum(self._save(rows) for rows in self.rows)

    def _save(self, rows: EntryRows) -> int:
        entry = self.entries[rows.entry_id]
        changed = 0
        texts = {"narrative": rows.narrative, "activities": rows.activities}
        if any(getattr(entry, name) != text for name, text in texts.items()):
            ChangeEntryText(self.user, entry, texts, self.reason, version=rows.version).execute()
            changed += 1
        stored = {q.pk: q for q in entry.quantities.filter(side=Side.CURRENT)}
        figures_changed = sum(self._save_figure(entry, stored, row) for row in rows.figures)
        if figures_changed:
            self._keep_results_text(entry)
        return changed + figures_changed

    def _keep_results_text(self, entry: ProjectEntry) -> None:
        """The printed results cell (今期実績) says what the figures now say, for the report's xlsx and PDF.

        A cell as a file printed it (prose around the numbers) is replaced too, so that no printed
        report shows an old number; the old text stays in the audit trail, and prose belongs in 事業実績内容.
        """
        entry.refresh_from_db(fields=["current_text", "version"])
        text = results_text(list(entry.quantities.filter(side=Side.CURRENT).order_by("order", "id")))
        if text != entry.current_text:
            ChangeEntryText(self.user, entry, {"current_text": text}, self.reason or "実績の入力").execute()

    def _save_figure(self, entry: ProjectEntry, stored: dict[int, Quantity], row: FigureRow) -> int:
        if row.blank or (row.remove and row.quantity_id is None):
            return 0
        reason = "、".join(filter(None, [self.reason, row.note]))
        if row.quantity_id is None:
            assert row.value is not None  # checked in problems()
            AddQuantity(
                self.user, entry, label=row.label, value=row.value, unit=row.unit, reason=reason
            ).execute()
            return 1
        quantity = stored.get(row.quantity_id)
        if quantity is None:  # removed by someone else since the page was loaded (refuse_stale raises)
            refuse_stale(("A figure", "実績"), {"value": row.value}, {"value": "（削除されました）"})
            return 0
        if row.remove:
            RemoveQuantity(self.user, quantity, reason, version=row.version).execute()
            return 1
        changes = {
            name: getattr(row, name)
            for name in ("label", "value", "unit")
            if getattr(row, name) != getattr(quantity, name)
        }
        if not changes:
            return 0
        ChangeQuantity(self.user, quantity, changes, reason, version=row.version).execute()
        return 1


def _differs(old: Quantity, row: FigureRow) -> bool:
    return (old.label, old.value, old.unit) != (row.label, row.value, row.unit)


def _row_problems(name: str, row: FigureRow, old: Quantity | None, previous: Decimal | None) -> list[Problem]:
    label = row.label or "（項目なし）"
    where = f"「{name}」の「{label}」"
    if row.value is None:
        if old is not None and old.value is None:
            return []  # a carried-over figure still waiting for its value
        return [Problem(f"{row.key}-value", f"{where}の値を入力してください（不要な行は削除してください）。")]
    problem = figure_problem(row.value)
    if problem is not None:
        return [Problem(f"{row.key}-value", f"{where}: {problem[1]}")]
    if row.value < 0 and not negative_allowed(row.unit, row.label):
        return [Problem(f"{row.key}-value", f"{where}は負の数にできません（単位「{row.unit or 'なし'}」）。")]
    ratio = jump_ratio(row.value, previous)
    unchanged = old is not None and old.value == row.value
    if ratio is not None and not row.note.strip() and not unchanged:
        return [
            Problem(
                f"{row.key}-note",
                f"{where}が前年同期（{shown(previous)}{row.unit}）の{ratio_text(ratio)}です。"
                "値が正しければ、確認のメモを入力してください。",
            )
        ]
    return []
