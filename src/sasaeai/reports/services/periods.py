"""Opening a period: the secretariat starts a quarter's (or a year's) report for its organisation.

Every active project gets an entry carried over from its latest earlier entry:
name, department, plan goal (from the project), the planned activities
(具体的な実施事項) and the labels and units of that entry's figures with empty
values, for the department to fill.  When the same period of last year is
stored, its figures stand beside them as the comparison.  Projects that ended
(:attr:`Project.ended_in` before the year) are not carried; projects with no
earlier entry get an empty one.  Opening a period that is already open adds
only what is missing, so running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from sasaeai.audit.trail import audit
from sasaeai.core.errors import PeriodError
from sasaeai.core.periods import Period
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Organisation
from sasaeai.people.roles import Actor
from sasaeai.reports.models import (
    Project,
    ProjectEntry,
    Quantity,
    Report,
    ReportPeriod,
    ReportStatus,
    Side,
)
from sasaeai.reports.services.workflow import ensure_parts

PERIOD_ORDER = {code: index for index, code in enumerate(ReportPeriod.values)}  # Q1 < … < Q4 < FY


def period_key(fiscal_year: int, period: str) -> tuple[int, int]:
    """Where a period stands in time among the stored reports (the year comes after its Q4)."""
    return fiscal_year, PERIOD_ORDER[period]


def earlier_reports(organisation: Organisation, fiscal_year: int, period: str) -> list[Report]:
    """The organisation's reports before the period, the latest first."""
    key = period_key(fiscal_year, period)
    reports = Report.objects.filter(organisation=organisation, fiscal_year__lte=fiscal_year)
    return sorted(
        (r for r in reports if period_key(r.fiscal_year, r.period) < key),
        key=lambda r: period_key(r.fiscal_year, r.period),
        reverse=True,
    )


def active_projects(organisation: Organisation, fiscal_year: int) -> list[Project]:
    """The organisation's projects that still run in the year (not ended by a review)."""
    running = Q(ended_in__isnull=True) | Q(ended_in__gte=fiscal_year)
    return list(Project.objects.filter(running, organisation=organisation).select_related("department"))


@dataclass
class OpenedPeriod:
    """What opening a period did: the report, and the entries and figures it created."""

    report: Report
    report_created: bool = False
    due_changed: bool = False
    entries: list[ProjectEntry] = field(default_factory=list)
    figures: int = 0
    skipped_ended: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.report_created or self.due_changed or bool(self.entries)

    def summary(self) -> str:
        report = self.report
        what = f"{report.organisation} FY{report.fiscal_year} {report.period}"
        due = f", due {report.due_on:%Y-%m-%d}" if report.due_on else ""
        if not self.changed:
            return f"{what} is already open{due}; nothing changed."
        verb = "opened" if self.report_created else "updated"
        lines = [
            f"{verb} {what}{due}: {len(self.entries)} entries carried over with {self.figures} empty figures."
        ]
        lines += [f"  {entry.project.name}" for entry in self.entries]
        if self.skipped_ended:
            lines.append(f"not carried (ended): {', '.join(self.skipped_ended)}")
        return "\n".join(lines)

    def summary_ja(self) -> str:
        period = Period.from_code(self.report.fiscal_year, self.report.period).label()
        if not self.changed:
            return f"{period}はすでに開始しています。変更はありません。"
        return (
            f"{period}を開始しました（事業 {len(self.entries)} 件、実績の項目 {self.figures} 件を引き継ぎ）。"
        )


class OpenPeriod(Operation):
    """期間の開始: open a period's report for entry, carrying every active project over from the last period."""

    def __init__(
        self, user: Actor, organisation: Organisation, fiscal_year: int, period: str, due_on: date | None
    ) -> None:
        super().__init__(user)
        self.organisation, self.fiscal_year, self.period, self.due_on = (
            organisation,
            fiscal_year,
            (period or "").strip().upper(),
            due_on,
        )

    def check(self) -> None:
        if not permissions.can_manage(self.user, self.organisation):
            refuse(
                f"Only the secretariat of {self.organisation} opens its periods.",
                f"{self.organisation}の期間を開始できるのは事務局だけです。",
            )
        if self.period not in ReportPeriod.values:
            refuse(
                f"A period is Q1, Q2, Q3, Q4 or FY, not {self.period or 'nothing'}.",
                "期間は第1～第4四半期か年度で指定してください。",
            )
        if not 2000 <= self.fiscal_year <= 2100:
            refuse(
                f"{self.fiscal_year} is not a fiscal year this system keeps (2000–2100).",
                "年度は2000年度から2100年度の間で指定してください。",
            )
        try:
            period = Period.from_code(self.fiscal_year, self.period)
        except PeriodError as error:  # pragma: no cover - the codes are checked above
            refuse(error.message, error.message_ja)
        if self.due_on is not None and self.due_on < period.start:
            refuse(
                f"The due date {self.due_on} comes before the period begins ({period.start}).",
                f"提出期限（{self.due_on:%Y年%m月%d日}）が期間の始まり（{period.start:%Y年%m月%d日}）より前です。",
            )

    def execute(self) -> OpenedPeriod:
        self.check()
        with transaction.atomic():
            report, created = Report.objects.select_for_update().get_or_create(
                organisation=self.organisation,
                fiscal_year=self.fiscal_year,
                period=self.period,
                defaults={"comparison_fiscal_year": self.fiscal_year - 1, "due_on": self.due_on},
            )
            result = OpenedPeriod(report, report_created=created)
            if created:
                audit(self.user, report, "status", None, report.status, "期間の開始")
            elif self.due_on is not None and report.due_on != self.due_on:
                audit(self.user, report, "due_on", report.due_on, self.due_on, "提出期限の変更")
                report.due_on = self.due_on
                report.save(update_fields=["due_on"])
                result.due_changed = True
            if report.status == ReportStatus.DRAFT:
                self._carry_over(report, result)
                ensure_parts(report)
        return result

    def _carry_over(self, report: Report, result: OpenedPeriod) -> None:
        present = set(report.entries.values_list("project_id", flat=True))
        earlier = earlier_reports(self.organisation, self.fiscal_year, self.period)
        last_year = Report.objects.filter(
            organisation=self.organisation, fiscal_year=self.fiscal_year - 1, period=self.period
        ).first()
        order = report.entries.count()
        ended = Project.objects.filter(organisation=self.organisation, ended_in__lt=self.fiscal_year)
        result.skipped_ended = [p.name for p in ended if p.pk not in present]
        for project in sorted(active_projects(self.organisation, self.fiscal_year), key=_project_order):
            if project.pk in present:
                continue
            previous = _latest_entry(project, earlier)
            entry = ProjectEntry.objects.create(
                report=report,
                project=project,
                order=order,
                name_as_printed=project.name,
                plan_text=previous.plan_text if previous else "",
                activities=previous.activities if previous else "",
                comparison_fiscal_year=report.comparison_fiscal_year,
            )
            order += 1
            result.figures += _carry_figures(entry, previous)
            _place_last_year(entry, last_year)
            audit(self.user, entry, "entry", None, project.name, "前期からの引継ぎ")
            result.entries.append(entry)


def _project_order(project: Project) -> tuple[str, int, str]:
    return (project.department.name if project.department else "", project.number or 0, project.name)


def _latest_entry(project: Project, earlier: list[Report]) -> ProjectEntry | None:
    """The project's entry in the latest earlier report that has one."""
    entries = {e.report_id: e for e in ProjectEntry.objects.filter(project=project, report__in=earlier)}
    return next((entries[r.pk] for r in earlier if r.pk in entries), None)


def _carry_figures(entry: ProjectEntry, previous: ProjectEntry | None) -> int:
    """The labels and units of the previous entry's figures, each with an empty value."""
    if previous is None:
        return 0
    figures = previous.quantities.filter(side=Side.CURRENT).order_by("order", "id")
    created = Quantity.objects.bulk_create(
        Quantity(
            entry=entry,
            side=Side.CURRENT,
            order=index,
            label=figure.label,
            value=None,
            unit=figure.unit,
            qualifier=figure.qualifier,
        )
        for index, figure in enumerate(figures)
    )
    return len(created)


def _place_last_year(entry: ProjectEntry, last_year: Report | None) -> None:
    """The same period of last year beside the entry: its figures become the comparison side."""
    source = last_year.entries.filter(project=entry.project_id).first() if last_year else None
    if source is None:
        return
    entry.comparison_text = source.current_text
    entry.save(update_fields=["comparison_text"])
    Quantity.objects.bulk_create(
        Quantity(
            entry=entry,
            side=Side.COMPARISON,
            order=index,
            label=figure.label,
            value=figure.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            as_of=figure.as_of,
        )
        for index, figure in enumerate(source.quantities.filter(side=Side.CURRENT).order_by("order", "id"))
    )
