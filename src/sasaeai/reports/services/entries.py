"""Typed entries: a project's report written on the data-entry form instead of imported from a file.

A change of an entry's texts says which version of the entry it is based on
(``version``, left out by the command line only): when someone else changed the
texts since, it is refused with both texts and nothing is written.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from sasaeai.audit.trail import audit
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import (
    OPEN_PART_STATUSES,
    Project,
    ProjectEntry,
    Report,
    ReportPeriod,
    ReportStatus,
)
from sasaeai.reports.services.figures import refuse_stale
from sasaeai.reports.services.workflow import ensure_parts

ENTRY_TEXTS = ("activities", "narrative", "current_text", "comparison_text")
TEXT_WORDS = {
    "activities": "具体的な実施事項",
    "narrative": "事業実績内容",
    "current_text": "今期実績",
    "comparison_text": "比較期実績",
}


class OpenEntry(Operation):
    """The project's entry in its organisation's report for a period, created (as a draft) when missing."""

    def __init__(self, user: Actor, project: Project, fiscal_year: int, period: str) -> None:
        super().__init__(user)
        self.project, self.fiscal_year, self.period = project, fiscal_year, period

    def check(self) -> None:
        if self.period not in ReportPeriod.values:
            refuse(f"{self.period} is not a report period (Q1–Q4 or FY).", "報告の期間が不正です。")
        if not permissions.can_edit_project(self.user, self.project):
            refuse(
                f"You may not enter the report of {self.project.name}.",
                f"「{self.project.name}」の報告を入力する権限がありません。",
            )
        report = self._report()
        part = report.parts.for_department(self.project.department_id).first() if report else None
        locked_part = part is not None and part.status not in OPEN_PART_STATUSES
        if report is not None and (report.status != ReportStatus.DRAFT or locked_part):
            refuse(
                "The report is locked (submitted or approved); a return or a reopening unlocks it.",
                "この報告は提出済みまたは確定済みです。入力するには差戻しを受けるか、事務局が再開する必要があります。",
            )

    def _report(self) -> Report | None:
        return Report.objects.filter(
            organisation=self.project.organisation, fiscal_year=self.fiscal_year, period=self.period
        ).first()

    def execute(self) -> ProjectEntry:
        self.check()
        with transaction.atomic():
            report, _ = Report.objects.get_or_create(
                organisation=self.project.organisation,
                fiscal_year=self.fiscal_year,
                period=self.period,
                defaults={"comparison_fiscal_year": self.fiscal_year - 1},
            )
            entry = report.entries.filter(project=self.project).first()
            if entry is None:
                entry = ProjectEntry.objects.create(
                    report=report,
                    project=self.project,
                    order=report.entries.count(),
                    name_as_printed=self.project.name,
                    comparison_fiscal_year=report.comparison_fiscal_year,
                )
                audit(self.user, entry, "entry", None, self.project.name, "typed entry")
                ensure_parts(report)
        return entry


class ChangeEntryText(Operation):
    """Change an entry's planned activities, narrative or result texts (kept in the audit trail)."""

    def __init__(
        self,
        user: Actor,
        entry: ProjectEntry,
        texts: dict[str, str],
        reason: str = "",
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(user)
        self.entry, self.texts, self.reason, self.version = entry, texts, reason, version

    def check(self) -> None:
        unknown = sorted(set(self.texts) - set(ENTRY_TEXTS))
        if unknown:
            refuse(f"{unknown[0]} is not a text of an entry.", f"{unknown[0]} は変更できません。")
        if not permissions.can_edit_entry(self.user, self.entry):
            refuse(
                "You may not change this entry, or its report is locked.",
                "この事業報告を変更する権限がないか、報告が確定済みです。",
            )

    def execute(self) -> ProjectEntry:
        with transaction.atomic():
            self.entry = ProjectEntry.objects.select_related("project").get(pk=self.entry.pk)
            self.entry.report = Report.objects.select_for_update().get(pk=self.entry.report_id)
            self.check()
            changed = [field for field, text in self.texts.items() if getattr(self.entry, field) != text]
            if not changed:
                return self.entry
            self._claim()
            for field in changed:
                audit(
                    self.user, self.entry, field, getattr(self.entry, field), self.texts[field], self.reason
                )
                setattr(self.entry, field, self.texts[field])
            self.entry.save(update_fields=changed)
        return self.entry

    def _claim(self) -> None:
        """Move the entry's version on, or refuse when it is no longer the one the change is based on."""
        expected = self.entry.version if self.version is None else self.version
        entries = ProjectEntry.objects.filter(pk=self.entry.pk, version=expected)
        if not entries.update(version=F("version") + 1):
            stored = ProjectEntry.objects.get(pk=self.entry.pk)
            now = {field: getattr(stored, field) for field in self.texts}
            yours = {TEXT_WORDS[field]: text for field, text in self.texts.items()}
            name = self.entry.project.name
            refuse_stale(
                (f"The entry of {name}", f"「{name}」の事業報告"),
                yours,
                {TEXT_WORDS[field]: text for field, text in now.items()},
            )
        self.entry.version = expected + 1
