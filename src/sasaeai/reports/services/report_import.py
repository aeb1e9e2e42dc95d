"""Storing a business report (事業経過報告 / 事業実績報告) read by the core reader.

One code path for the upload page, the API and ``sasaeai import-report``:
``check()`` reads the file and decides what would happen; ``execute()`` stores
it in one transaction.  A department's staff replace only their departments'
entries (:mod:`.import_scope`); the secretariat may import the whole report.
Importing the same bytes again changes nothing (the content hash is kept); a
file for a part already submitted or approved is refused until it is returned
or the report reopened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from sasaeai.audit.trail import audit, audit_many, recorded_user
from sasaeai.core import ReportDocument, read_report_bytes, records
from sasaeai.evaluation.services.links_import import resolve_pending_links
from sasaeai.evaluation.services.stored import refresh_for_organisations, refresh_for_report
from sasaeai.operations import Operation, refuse
from sasaeai.people.models import Department, Organisation, OrganisationKind, Role
from sasaeai.people.roles import Actor, CommandLine, membership_of, role_of, works_for
from sasaeai.reports.models import (
    OPEN_PART_STATUSES,
    PartStatus,
    Project,
    ProjectEntry,
    Quantity,
    Report,
    ReportPart,
    ReportStatus,
    Side,
)

from .figures import refuse_figures_outside_range
from .import_scope import PlacedRow, import_scope, place_rows
from .projects import find_organisation
from .workflow import ensure_parts, settle_status

__all__ = ["ReportImport", "ReportImportResult", "find_organisation"]


@dataclass
class ReportImportResult:
    """What an import stored (or would store): the report, counts, and whether anything changed."""

    report: Report | None
    changed: bool
    projects: int = 0
    new_projects: list[str] = field(default_factory=list)
    quantities: int = 0
    replaced: bool = False
    departments: list[str] = field(default_factory=list)  # the parts replaced; empty for the whole report
    source_name: str = ""

    def summary(self) -> str:
        report = self.report
        if report is None:
            return "nothing stored"
        what = f"{report.organisation} FY{report.fiscal_year} {report.period}"
        if self.departments:
            what += f" ({', '.join(self.departments)})"
        if not self.changed:
            return f"{what}: this file is already stored; nothing changed."
        verb = "replaced" if self.replaced else "stored"
        return (
            f"{what}: {verb} {self.projects} projects ({len(self.new_projects)} new) "
            f"and {self.quantities} quantities from {self.source_name}."
        )


class ReportImport(Operation):
    """Read a report file and store it for an organisation, the whole report or some departments' parts."""

    def __init__(
        self,
        user: Actor,
        data: bytes,
        name: str,
        organisation: str | Organisation | None = None,
        *,
        fiscal_year: int | None = None,
        period: str | None = None,
        departments: Sequence[str] = (),
        published: bool = False,
    ) -> None:
        super().__init__(user)
        self.data, self.name = data, name
        self.organisation_hint = organisation
        self.fiscal_year, self.period, self.department_names = fiscal_year, period, list(departments)
        self.published = published
        self.document: ReportDocument | None = None
        self.organisation: Organisation | None = None
        self.existing: Report | None = None
        self.scope: set[int] | None = None
        self.rows: list[PlacedRow] = []
        self.sha256 = hashlib.sha256(data).hexdigest()

    # --- check --------------------------------------------------------------

    def read(self) -> ReportDocument:
        """The document as the core reader sees it (read once; errors are one sentence)."""
        if self.document is None:
            self.document = read_report_bytes(self.data, self.name, self.fiscal_year, self.period)
        return self.document

    def check(self) -> None:
        document = self.read()
        if not document.projects:
            refuse(f"{self.name} holds no project rows.", f"{self.name} に事業の行がありません。")
        refuse_figures_outside_range(document)
        if role_of(self.user) not in (Role.ADMIN, Role.EDITOR):
            refuse(
                "Only the secretariat and the departments' staff import reports.",
                "報告を取り込めるのは事務局と担当課の職員だけです。",
            )
        organisation = self._organisation(document)
        self.organisation = organisation
        if self.published and (self.department_names or role_of(self.user) != Role.ADMIN):
            refuse(
                "Only the secretariat loads a whole report as published.",
                "公開済みの報告として取り込めるのは事務局だけです（報告全体を取り込んでください）。",
            )
        self.scope = import_scope(self.user, organisation, self.department_names)
        self.rows = place_rows(document.projects, organisation, self.scope)
        self.existing = None
        if organisation.pk is not None:
            self.existing = Report.objects.filter(
                organisation=organisation, fiscal_year=document.fiscal_year, period=document.period
            ).first()
        if self.existing is not None and not self.is_stored_already():
            self._refuse_locked(self.existing)

    def _organisation(self, document: ReportDocument) -> Organisation:
        """The organisation named, else the importer's own, else the one the file names (command line only)."""
        hint = self.organisation_hint
        if isinstance(hint, Organisation):
            organisation = hint
        elif hint is None and (own := self._own_organisation()) is not None:
            organisation = own
        else:
            organisation = find_organisation(hint, OrganisationKind.COUNCIL, document.title, create=False)
        new = organisation.pk is None and not isinstance(self.user, CommandLine)
        if new or not works_for(self.user, organisation.pk):
            refuse(
                f"You may not import reports of {organisation}.",
                f"{organisation} の報告を取り込む権限がありません。",
            )
        return organisation

    def _own_organisation(self) -> Organisation | None:
        membership = membership_of(self.user)
        if membership is None:
            return None
        if membership.organisation is not None:
            return membership.organisation
        owners = {d.organisation for d in membership.departments.select_related("organisation")}
        return owners.pop() if len(owners) == 1 else None

    def _parts_in_scope(self, report: Report) -> list[ReportPart]:
        parts = report.parts.select_related("department")
        return [p for p in parts if self.scope is None or p.department_id in self.scope]

    def _refuse_locked(self, report: Report) -> None:
        locked = [p for p in self._parts_in_scope(report) if p.status not in OPEN_PART_STATUSES]
        if report.status == ReportStatus.DRAFT and not locked:
            return
        english = ", ".join(f"{p.department or 'secretariat'} ({p.status})" for p in locked) or report.status
        japanese = "、".join(f"{p.department or '事務局'}（{p.get_status_display()}）" for p in locked)
        refuse(
            f"FY{report.fiscal_year} {report.period} is locked: {english}; it must be returned "
            "or reopened before another file replaces it.",
            f"{report} の報告は{japanese or report.get_status_display()}のため差し替えられません。"
            "差戻しを受けるか、事務局が再開する必要があります。",
        )

    def is_stored_already(self) -> bool:
        """The same bytes were stored for the same report (or for every part this import would replace)."""
        report = self.existing
        if report is None:
            return False
        if self.scope is None:
            return report.source_sha256 == self.sha256
        parts = self._parts_in_scope(report)
        return bool(parts) and all(p.source_sha256 == self.sha256 for p in parts)

    # --- execute ------------------------------------------------------------

    def execute(self) -> ReportImportResult:
        self.check()
        names = self._scope_names()
        if self.is_stored_already():
            return ReportImportResult(self.existing, changed=False, departments=names, source_name=self.name)
        try:
            with transaction.atomic():
                report, replaced = self._report(self.read())
                result = ReportImportResult(
                    report, True, replaced=replaced, departments=names, source_name=self.name
                )
                before = report.status
                store_rows(self, report, result)
                resolved = resolve_pending_links(report.organisation)
                self._record_source(report)
                audit(self.user, report, "import", "", f"{self.name} ({result.quantities} figures)", "import")
                if self.published:
                    publish_as_imported(self.user, report)
                settle_status(self.user, report)
                if resolved:
                    refresh_for_organisations([report.organisation_id])
                else:
                    refresh_for_report(report, [before])
        except IntegrityError:
            # Two imports of the same period at once: the other one won, and this one stored nothing.
            refuse(
                "Another import of the same period was stored at the same moment; nothing was changed, try again.",
                "同じ期間の報告が同時に取り込まれました。変更はしていません。もう一度お試しください。",
            )
        return result

    def _scope_names(self) -> list[str]:
        if self.scope is None or self.organisation is None:
            return []
        return sorted(Department.objects.filter(pk__in=self.scope).values_list("name", flat=True))

    def _report(self, document: ReportDocument) -> tuple[Report, bool]:
        assert self.organisation is not None
        if self.organisation.pk is None:  # named by the file, stored with its first report
            self.organisation, _ = Organisation.objects.get_or_create(
                name=self.organisation.name, defaults={"kind": self.organisation.kind}
            )
        if self.existing is None:
            report = Report.objects.create(
                organisation=self.organisation,
                fiscal_year=document.fiscal_year,
                period=document.period,
                comparison_fiscal_year=document.comparison_fiscal_year,
                title=document.title[:300],
            )
            return report, False
        report = Report.objects.select_for_update().get(pk=self.existing.pk)
        self._refuse_locked(report)  # read again under the lock: a part may have been submitted meanwhile
        replaced = self._remove_entries(report)
        return report, replaced

    def _remove_entries(self, report: Report) -> bool:
        """Remove the entries this import replaces, keeping their figures in the audit trail."""
        entries = report.entries.all()
        if self.scope is not None:
            entries = entries.filter(project__department_id__in=self.scope)
        replaced = [(q, "value", q.value, None) for q in Quantity.objects.filter(entry__in=entries)]
        audit_many(self.user, replaced, f"replaced by {self.name}")
        removed, _ = entries.delete()
        return bool(removed)

    def _record_source(self, report: Report) -> None:
        ensure_parts(report)
        user, now = recorded_user(self.user), timezone.now()
        if self.scope is None:
            report.source_name, report.source_sha256 = self.name[:300], self.sha256
            report.imported_by, report.imported_at = user, now
            report.save(update_fields=["source_name", "source_sha256", "imported_by", "imported_at"])
        parts = self._parts_in_scope(report)
        for part in parts:
            part.source_name, part.source_sha256 = self.name[:300], self.sha256
        ReportPart.objects.bulk_update(parts, ["source_name", "source_sha256"])


def publish_as_imported(user: Actor, report: Report) -> None:
    """A document that was published long ago: every part approved and the report published, as the file was."""
    reason = "imported as published"
    for part in report.parts.exclude(status=PartStatus.APPROVED):
        audit(user, part, "status", part.status, PartStatus.APPROVED, reason)
        part.status, part.approved_at = PartStatus.APPROVED, timezone.now()
        part.save(update_fields=["status", "approved_at"])
    audit(user, report, "status", report.status, ReportStatus.PUBLISHED, reason)
    report.status = ReportStatus.PUBLISHED
    report.save(update_fields=["status"])


def store_rows(importer: ReportImport, report: Report, result: ReportImportResult) -> None:
    """Store every placed row: new departments and projects, then entries and their quantities in bulk."""
    assert importer.organisation is not None
    projects = _projects(importer.organisation, importer.rows, result)
    start = max(report.entries.values_list("order", flat=True), default=-1) + 1
    entries = ProjectEntry.objects.bulk_create(
        [_entry(report, project, row.entry, start + n) for n, (row, project) in enumerate(projects)]
    )
    quantities = [
        _quantity(importer.name, stored, side, index, quantity, row.entry.line)
        for stored, (row, _) in zip(entries, projects, strict=True)
        for side, found in ((Side.CURRENT, row.entry.current), (Side.COMPARISON, row.entry.comparison))
        for index, quantity in enumerate(found)
    ]
    Quantity.objects.bulk_create(quantities)
    result.projects, result.quantities = len(entries), len(quantities)


def _projects(
    organisation: Organisation, rows: list[PlacedRow], result: ReportImportResult
) -> list[tuple[PlacedRow, Project]]:
    """The stored project of each row; new departments (named by the secretariat's file) and projects created.

    A few queries whatever the rows: new departments and projects are inserted in bulk, and the blanks
    of known projects filled in one update.
    """
    departments = _departments(organisation, rows)
    made: dict[str, Project] = {}
    filled: dict[int, Project] = {}
    fields: set[str] = set()
    placed = []
    for row in rows:
        department = row.department
        if department is None and row.department_name:
            department = departments[row.department_name[:200]]
        project = row.project or made.get(row.entry.name)
        if project is None:
            project = _new_project(organisation, row.entry, department)
            made[row.entry.name] = project
            result.new_projects.append(project.name)
        elif project.pk is not None:
            changed = _fill_blanks(project, row.entry, department)
            if changed:
                filled[project.pk] = project
                fields.update(changed)
        placed.append((row, project))
    Project.objects.bulk_create(made.values())
    if filled:
        Project.objects.bulk_update(filled.values(), sorted(fields))
    return placed


def _departments(organisation: Organisation, rows: list[PlacedRow]) -> dict[str, Department]:
    """The organisation's departments by name, with those the file names for the first time stored."""
    departments = {d.name: d for d in organisation.departments.all()}
    new = {row.department_name[:200] for row in rows if row.department is None and row.department_name}
    missing = [Department(organisation=organisation, name=name) for name in sorted(new - set(departments))]
    for department in Department.objects.bulk_create(missing):
        departments[department.name] = department
    return departments


def _new_project(
    organisation: Organisation, entry: records.ProjectEntry, department: Department | None
) -> Project:
    return Project(
        organisation=organisation,
        name=entry.name[:300],
        segment=(entry.segment or "")[:200],
        service=(entry.service or "")[:200],
        number=entry.number,
        department=department,
        plan_goal=entry.plan_goal,
    )


def _fill_blanks(project: Project, entry: records.ProjectEntry, department: Department | None) -> list[str]:
    """Fill what earlier reports left blank; never overwrite what a person set.  Returns the fields filled."""
    blanks = {
        "segment": (entry.segment or "")[:200],
        "service": (entry.service or "")[:200],
        "number": entry.number,
        "department": department,
        "plan_goal": entry.plan_goal,
    }
    changed = [key for key, value in blanks.items() if value and not getattr(project, key)]
    for key in changed:
        setattr(project, key, blanks[key])
    return changed


def _entry(report: Report, project: Project, entry: records.ProjectEntry, order: int) -> ProjectEntry:
    return ProjectEntry(
        report=report,
        project=project,
        order=order,
        name_as_printed=entry.name[:300],
        line=entry.line or None,
        plan_text=entry.plan_text,
        activities=entry.activities,
        narrative=entry.narrative,
        current_text=entry.current_text,
        comparison_text=entry.comparison_text,
        comparison_fiscal_year=report.comparison_fiscal_year,
    )


def _quantity(
    source: str, entry: ProjectEntry, side: str, order: int, quantity: records.Quantity, line: int
) -> Quantity:
    return Quantity(
        entry=entry,
        side=side,
        order=order,
        label=quantity.label[:300],
        value=quantity.value,
        unit=(quantity.unit or "")[:40],
        qualifier=(quantity.qualifier or "")[:40],
        as_of=(quantity.as_of or "")[:40],
        source_file=source[:300],
        source_line=line or None,
        span_start=quantity.start,
        span_end=quantity.end,
        source_text=quantity.source_text[:500],
    )
