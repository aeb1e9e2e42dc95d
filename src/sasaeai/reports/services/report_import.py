"""Storing a business report (事業経過報告 / 事業実績報告) read by the core reader.

One code path for the upload page, the API and ``sasaeai import-report``:
``check()`` reads the file and decides what would happen; ``execute()`` stores
it in one transaction.  Importing the same bytes again changes nothing (the
content hash is kept); a different file for a period already stored replaces
a draft, and is refused once the report is submitted or approved.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from tqdm import tqdm

from sasaeai.audit.trail import audit, recorded_user
from sasaeai.core import ReportDocument, read_report_bytes, records
from sasaeai.core.text import squash
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department, Organisation, OrganisationKind
from sasaeai.people.roles import Actor
from sasaeai.reports.models import (
    Project,
    ProjectAlias,
    ProjectEntry,
    Quantity,
    Report,
    ReportStatus,
    Side,
)

# A council names itself after its municipality: 苫小牧市社会福祉協議会, 厚真町社会福祉協議会.
_COUNCIL_NAME_RE = re.compile(r"([一-龥ヶ]{1,8}?[市町村区])社会福祉協議会")
_TITLE_BREAK_RE = re.compile(r"報告|計画|事業|年度|[\s「」『』()（）\d、。・]")


@dataclass
class ReportImportResult:
    """What an import stored (or would store): the report, counts, and whether anything changed."""

    report: Report | None
    changed: bool
    projects: int = 0
    new_projects: list[str] = field(default_factory=list)
    quantities: int = 0
    replaced: bool = False

    def summary(self) -> str:
        report = self.report
        if report is None:
            return "nothing stored"
        what = f"{report.organisation} FY{report.fiscal_year} {report.period}"
        if not self.changed:
            return f"{what}: this file is already stored; nothing changed."
        verb = "replaced" if self.replaced else "stored"
        return (
            f"{what}: {verb} {self.projects} projects ({len(self.new_projects)} new) "
            f"and {self.quantities} quantities from {report.source_name}."
        )


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


class ReportImport(Operation):
    """Read a report file and store it for an organisation."""

    def __init__(
        self, user: Actor, data: bytes, name: str, organisation: str | Organisation | None = None
    ) -> None:
        super().__init__(user)
        self.data = data
        self.name = name
        self.organisation_hint = organisation
        self.document: ReportDocument | None = None
        self.organisation: Organisation | None = None
        self.existing: Report | None = None
        self.sha256 = hashlib.sha256(data).hexdigest()

    # --- check --------------------------------------------------------------

    def read(self) -> ReportDocument:
        """The document as the core reader sees it (read once; errors are one sentence)."""
        if self.document is None:
            self.document = read_report_bytes(self.data, self.name)
        return self.document

    def check(self) -> None:
        document = self.read()
        if not document.projects:
            refuse(f"{self.name} holds no project rows.", f"{self.name} に事業の行がありません。")
        organisation = self.organisation_hint
        if not isinstance(organisation, Organisation):
            organisation = find_organisation(
                organisation, OrganisationKind.COUNCIL, document.title, create=False
            )
        self.organisation = organisation
        self.existing = None
        if organisation.pk is not None:
            self.existing = Report.objects.filter(
                organisation=organisation, fiscal_year=document.fiscal_year, period=document.period
            ).first()
        existing = self.existing
        if (
            existing is not None
            and existing.source_sha256 != self.sha256
            and existing.status != ReportStatus.DRAFT
        ):
            refuse(
                f"FY{document.fiscal_year} {document.period} is already {existing.status}; "
                "an admin must reopen it before another file replaces it.",
                f"{existing} は{existing.get_status_display()}です。"
                "差し替えるには事務局が再開する必要があります。",
            )
        departments = {self._department_name(entry) for entry in document.projects}
        if not permissions.can_import_for(self.user, departments):
            refuse(
                "You may import only reports of your own departments' projects.",
                "担当課の事業以外を含む報告は取り込めません。",
            )

    def is_stored_already(self) -> bool:
        return self.existing is not None and self.existing.source_sha256 == self.sha256

    # --- execute ------------------------------------------------------------

    def execute(self, progress: bool = False) -> ReportImportResult:
        self.check()
        if self.is_stored_already():
            return ReportImportResult(report=self.existing, changed=False)
        document = self.read()
        try:
            with transaction.atomic():
                report, replaced = self._report(document)
                result = ReportImportResult(report=report, changed=True, replaced=replaced)
                entries = tqdm(
                    document.projects, desc=self.name, unit="project", disable=not progress, leave=False
                )
                for order, entry in enumerate(entries):
                    self.store_entry(report, order, entry, result)
        except IntegrityError:
            # Two imports of the same period at once: the other one won, and this one stored nothing.
            refuse(
                "Another import of the same period was stored at the same moment; nothing was changed, try again.",
                "同じ期間の報告が同時に取り込まれました。変更はしていません。もう一度お試しください。",
            )
        return result

    def _report(self, document: ReportDocument) -> tuple[Report, bool]:
        assert self.organisation is not None
        if self.organisation.pk is None:  # named by the file, stored with its first report
            self.organisation, _ = Organisation.objects.get_or_create(
                name=self.organisation.name, defaults={"kind": self.organisation.kind}
            )
        values = {
            "comparison_fiscal_year": document.comparison_fiscal_year,
            "title": document.title[:300],
            "source_name": self.name[:300],
            "source_sha256": self.sha256,
            "imported_by": recorded_user(self.user),
            "imported_at": timezone.now(),
            "status": ReportStatus.DRAFT,
        }
        if self.existing is None:
            report = Report.objects.create(
                organisation=self.organisation,
                fiscal_year=document.fiscal_year,
                period=document.period,
                **values,
            )
            return report, False
        report = Report.objects.select_for_update().get(pk=self.existing.pk)
        audit(
            self.user, report, "source_name", report.source_name, self.name, "another file replaced the draft"
        )
        for quantity in Quantity.objects.filter(entry__report=report):
            audit(self.user, quantity, "value", quantity.value, None, f"replaced by {self.name}")
        report.entries.all().delete()
        for key, value in values.items():
            setattr(report, key, value)
        report.save()
        return report, True

    def store_entry(
        self, report: Report, order: int, entry: records.ProjectEntry, result: ReportImportResult
    ) -> None:
        """Store one project's row and its quantities."""
        project, created = self._project(entry)
        if created:
            result.new_projects.append(project.name)
        stored = ProjectEntry.objects.create(
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
        quantities = [
            self._quantity(stored, side, index, quantity, entry.line)
            for side, found in ((Side.CURRENT, entry.current), (Side.COMPARISON, entry.comparison))
            for index, quantity in enumerate(found)
        ]
        Quantity.objects.bulk_create(quantities)
        result.projects += 1
        result.quantities += len(quantities)

    def _quantity(
        self, entry: ProjectEntry, side: str, order: int, quantity: records.Quantity, line: int
    ) -> Quantity:
        return Quantity(
            entry=entry,
            side=side,
            order=order,
            label=quantity.label[:300],
            value=quantity.value,
            unit=quantity.unit or "",
            qualifier=quantity.qualifier or "",
            as_of=quantity.as_of or "",
            source_file=self.name[:300],
            source_line=line or None,
            span_start=quantity.start,
            span_end=quantity.end,
            source_text=quantity.source_text[:500],
        )

    # --- projects and departments -------------------------------------------

    def _department_name(self, entry: records.ProjectEntry) -> str | None:
        """The entry's department: as the file names it, else the known project's."""
        assert self.organisation is not None
        if entry.department:
            return entry.department
        project = find_project(self.organisation, entry.name)
        return project.department.name if project and project.department else None

    def _department(self, entry: records.ProjectEntry) -> Department | None:
        assert self.organisation is not None
        if not entry.department:
            return None
        found, _ = Department.objects.get_or_create(organisation=self.organisation, name=entry.department)
        return found

    def _project(self, entry: records.ProjectEntry) -> tuple[Project, bool]:
        assert self.organisation is not None
        project = find_project(self.organisation, entry.name)
        department = self._department(entry)
        if project is None:
            project = Project.objects.create(
                organisation=self.organisation,
                name=entry.name[:300],
                segment=entry.segment or "",
                service=entry.service or "",
                number=entry.number,
                department=department,
                plan_goal=entry.plan_goal,
            )
            return project, True
        # Fill what earlier reports left blank; never overwrite what a person set.
        blanks = {
            "segment": entry.segment or "",
            "service": entry.service or "",
            "number": entry.number,
            "department": department,
            "plan_goal": entry.plan_goal,
        }
        changed = [key for key, value in blanks.items() if value and not getattr(project, key)]
        for key in changed:
            setattr(project, key, blanks[key])
        if changed:
            project.save(update_fields=changed)
        return project, False


def find_project(organisation: Organisation, name: str) -> Project | None:
    """The organisation's project called ``name`` or once called so (width and spaces ignored)."""
    if organisation.pk is None:
        return None
    exact = Project.objects.filter(organisation=organisation, name=name).first()
    if exact:
        return exact
    alias = (
        ProjectAlias.objects.filter(organisation=organisation, name=name).select_related("project").first()
    )
    if alias:
        return alias.project
    key = squash(name)
    for project in Project.objects.filter(organisation=organisation).prefetch_related("aliases"):
        if squash(project.name) == key or any(squash(a.name) == key for a in project.aliases.all()):
            return project
    return None
