"""My tasks (自分の作業): what waits for the person on the home page — to enter, to approve, to publish,
to comment — overdue first, then by due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from sasaeai.front.templatetags.wareki import period_label, wareki
from sasaeai.people import permissions
from sasaeai.people.models import Role
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Comment, Plan
from sasaeai.reports.models import OPEN_PART_STATUSES, PartStatus, Report, ReportPart, ReportStatus
from sasaeai.reports.stages import is_overdue, staged, with_figures


@dataclass(frozen=True)
class Task:
    """作業: one thing that waits for the person, with where to do it and by when."""

    action: str  # 入力して提出 / 差戻しを直して再提出 / 承認 / 公開 / 意見の記入
    subject: str  # 令和8年度（2026年度） 第1四半期 ・ 地域福祉課
    url: str
    due_on: date | None = None
    overdue: bool = False
    note: str = ""
    stage: str = ""
    stage_label: str = ""

    def order(self) -> tuple[int, date, str]:
        return (0 if self.overdue else 1, self.due_on or date.max, self.subject)


def _subject(report: Report, department: object = None) -> str:
    title = f"{wareki(report.fiscal_year)} {period_label(report.period)}"
    return f"{title} ・ {department}" if department else title


def _parts(user: Actor, statuses: tuple[str, ...], report_statuses: tuple[str, ...]) -> list[ReportPart]:
    visible = Report.objects.visible_to(user).filter(status__in=report_statuses)
    parts = ReportPart.objects.filter(status__in=statuses, report__in=visible).select_related(
        "report__organisation", "department"
    )
    return staged(with_figures(parts))


def _part_task(part: ReportPart, action: str, today: date, note: str = "", grid: bool = False) -> Task:
    """A part's task; ``grid``: it leads to the department's entry grid (入力表) rather than the report."""
    report = part.report
    url = reverse("report_detail", args=[report.pk]) + f"#part-{part.pk}"
    if grid and part.department_id is not None:
        url = reverse("department_grid", args=[report.pk, part.department_id])
    return Task(
        action=action,
        subject=_subject(report, part.department or "事務局"),
        url=url,
        due_on=report.due_on,
        overdue=is_overdue(report.due_on, today),
        note=note,
        stage=part.stage,  # type: ignore[attr-defined]
        stage_label=part.stage.label,  # type: ignore[attr-defined]
    )


def _to_enter(user: Actor, today: date) -> list[Task]:
    tasks = []
    for part in _parts(user, OPEN_PART_STATUSES, (ReportStatus.DRAFT,)):
        if not permissions.can_submit(user, part):
            continue
        if permissions.role_of(user) == Role.ADMIN and part.department_id is not None:
            continue  # the departments enter their own parts; the secretariat sees them on the board
        if part.status == PartStatus.RETURNED:
            note = f"理由: {part.returned_reason}"
            tasks.append(_part_task(part, "差戻しを直して再提出", today, note, grid=True))
        else:
            tasks.append(_part_task(part, "実績を入力して提出", today, grid=True))
    return tasks


def _to_approve(user: Actor, today: date) -> list[Task]:
    if permissions.role_of(user) != Role.APPROVER:
        return []
    parts = _parts(user, (PartStatus.SUBMITTED,), (ReportStatus.DRAFT, ReportStatus.SUBMITTED))
    return [_part_task(part, "確認して承認", today) for part in parts if permissions.can_approve(user, part)]


def _to_publish(user: Actor) -> list[Task]:
    reports = Report.objects.visible_to(user).filter(status=ReportStatus.APPROVED)
    return [
        Task("公開", _subject(report), reverse("report_detail", args=[report.pk]), report.due_on)
        for report in reports
        if permissions.can_publish(user, report)
    ]


def _to_comment(user: Actor) -> list[Task]:
    """For a committee member: each plan of the latest year whose fourth quarter is approved, until they comment."""
    if permissions.role_of(user) != Role.COMMITTEE or not isinstance(user, User):
        return []
    years = (
        Report.objects.visible_to(user).filter(period__in=("Q4", "FY")).values_list("fiscal_year", flat=True)
    )
    year = max(years, default=None)
    if year is None:
        return []
    # The plans already commented on, in one query whatever the number of plans (a comment sits on a goal, an
    # approach or an indicator).
    commented = {
        plan
        for paths in Comment.objects.filter(author=user, fiscal_year=year).values_list(
            "goal__plan", "approach__policy__goal__plan", "indicator__approach__policy__goal__plan"
        )
        for plan in paths
        if plan is not None
    }
    tasks = []
    for plan in Plan.objects.filter(start_year__lte=year, end_year__gte=year):
        if plan.pk not in commented:
            url = reverse("plan_tree", args=[plan.pk]) + f"?year={year}"
            tasks.append(Task("評価への意見を記入", f"{plan.title} ・ {wareki(year)}", url))
    return tasks


def tasks_for(user: Actor, today: date | None = None) -> list[Task]:
    """What waits for the person, overdue first, then the nearest due date (nothing for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    tasks = _to_enter(user, today) + _to_approve(user, today) + _to_publish(user) + _to_comment(user)
    return sorted(tasks, key=Task.order)
