"""A report's way, department by department: submit, approve or return each part; publish and reopen the report.

Each department's part goes draft → submitted → approved; returning sends a
submitted part back (status 差戻し) with a reason, and the department can change
and submit it again.  Nobody approves a part they submitted (four eyes).  The
report follows its parts: draft while any part is open, submitted once every
part is in, approved when every part is approved; then the organisation's
secretariat publishes it, or reopens it (every part back to draft) to unlock
its figures.  Every step is kept in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sasaeai.audit.trail import audit, recorded_user
from sasaeai.evaluation.services.stored import refresh_for_report
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import (
    OPEN_PART_STATUSES,
    PartStatus,
    Report,
    ReportPart,
    ReportStatus,
)
from sasaeai.reports.stages import stage_of, with_figures


def ensure_parts(report: Report) -> list[ReportPart]:
    """One part per department whose projects the report holds; parts left without entries go (if open)."""
    wanted: set[int | None] = set(report.entries.values_list("project__department_id", flat=True))
    parts: dict[int | None, ReportPart] = {part.department_id: part for part in report.parts.all()}
    missing = [ReportPart(report=report, department_id=d) for d in wanted - set(parts)]
    for part in ReportPart.objects.bulk_create(missing):
        parts[part.department_id] = part
    unused = [d for d in set(parts) - wanted if parts[d].status in OPEN_PART_STATUSES]
    if unused:
        ReportPart.objects.filter(pk__in=[parts.pop(d).pk for d in unused]).delete()
    return list(parts.values())


def settle_status(user: Actor, report: Report, reason: str = "") -> None:
    """Bring the report's status in line with its parts (a published report stays published)."""
    if report.status == ReportStatus.PUBLISHED:
        return
    counts = dict(report.parts.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    if any(counts.get(status) for status in OPEN_PART_STATUSES) or not counts:
        status = ReportStatus.DRAFT
    elif set(counts) == {PartStatus.APPROVED}:
        status = ReportStatus.APPROVED
    else:
        status = ReportStatus.SUBMITTED
    if status != report.status:
        audit(user, report, "status", report.status, status, reason)
        report.status = status
        report.save(update_fields=["status"])


def _locked_part(part: ReportPart) -> ReportPart:
    """The part read afresh with its report locked, so that two people cannot move it at once."""
    report = Report.objects.select_for_update().get(pk=part.report_id)
    fresh = ReportPart.objects.select_related("department").get(pk=part.pk)
    fresh.report = report
    return fresh


def _part_name(part: ReportPart) -> str:
    return part.department.name if part.department else "事務局"


class _PartStep(Operation):
    """One step of a department part; subclasses name the permission, the new status and the words."""

    allowed: Callable[[Actor, ReportPart], bool]
    new_status: str
    verb: str  # "submit"
    verb_ja: str  # "提出"
    needs_reason = False

    def __init__(self, user: Actor, part: ReportPart, reason: str = "") -> None:
        super().__init__(user)
        self.part = part
        self.reason = (reason or "").strip()

    def check(self) -> None:
        if self.verb == "approve" and permissions.submitted_it(self.user, self.part):
            refuse(
                "Someone else must approve what you submitted.",
                "自分で提出した報告は承認できません。別の方（課長など）が承認してください。",
            )
        if not type(self).allowed(self.user, self.part):
            status = self.part.get_status_display()
            refuse(
                f"You may not {self.verb} this part (it is {self.part.status}).",
                f"{_part_name(self.part)}の報告（{status}）を{self.verb_ja}する権限がありません。",
            )
        if self.needs_reason and not self.reason:
            refuse(f"Say why you {self.verb} the report.", f"{self.verb_ja}の理由を入力してください。")

    def execute(self) -> ReportPart:
        with transaction.atomic():
            self.part = _locked_part(self.part)
            self.check()
            before = self.part.report.status
            old = self.part.status
            self.part.status = self.new_status
            self.apply()
            self.part.save()
            audit(self.user, self.part, "status", old, self.new_status, self.reason)
            settle_status(self.user, self.part.report, self.reason)
            refresh_for_report(self.part.report, [before])
        return self.part

    def apply(self) -> None:
        """Anything else the step changes besides the status."""


class SubmitPart(_PartStep):
    allowed = staticmethod(permissions.can_submit)
    new_status = PartStatus.SUBMITTED
    verb, verb_ja = "submit", "提出"

    def apply(self) -> None:
        self.part.returned_reason = ""
        self.part.submitted_by = recorded_user(self.user)
        self.part.submitted_at = timezone.now()


class ApprovePart(_PartStep):
    allowed = staticmethod(permissions.can_approve)
    new_status = PartStatus.APPROVED
    verb, verb_ja = "approve", "承認"

    def apply(self) -> None:
        self.part.approved_by = recorded_user(self.user)
        self.part.approved_at = timezone.now()


class ReturnPart(_PartStep):
    allowed = staticmethod(permissions.can_return)
    new_status = PartStatus.RETURNED
    verb, verb_ja = "return", "差戻し"
    needs_reason = True

    def apply(self) -> None:
        self.part.returned_reason = self.reason


class _ReportStep(Operation):
    """Publishing and reopening act on the whole report, as its secretariat."""

    allowed: Callable[[Actor, Report], bool]
    verb: str
    verb_ja: str
    needs_reason = False

    def __init__(self, user: Actor, report: Report, reason: str = "") -> None:
        super().__init__(user)
        self.report = report
        self.reason = (reason or "").strip()

    def check(self) -> None:
        if not type(self).allowed(self.user, self.report):
            refuse(
                f"You may not {self.verb} this report (it is {self.report.status}).",
                f"この報告（{self.report.get_status_display()}）を{self.verb_ja}する権限がありません。",
            )
        if self.needs_reason and not self.reason:
            refuse(f"Say why you {self.verb} the report.", f"{self.verb_ja}の理由を入力してください。")

    def execute(self) -> Report:
        with transaction.atomic():
            self.report = Report.objects.select_for_update().get(pk=self.report.pk)
            self.check()
            before = self.report.status
            self.apply()
            refresh_for_report(self.report, [before])
        return self.report

    def apply(self) -> None:
        raise NotImplementedError


class PublishReport(_ReportStep):
    allowed = staticmethod(permissions.can_publish)
    verb, verb_ja = "publish", "公開"

    def apply(self) -> None:
        audit(self.user, self.report, "status", self.report.status, ReportStatus.PUBLISHED, self.reason)
        self.report.status = ReportStatus.PUBLISHED
        self.report.save(update_fields=["status"])


class ReopenReport(_ReportStep):
    """Every part back to draft, so that the departments may correct their figures again."""

    allowed = staticmethod(permissions.can_reopen)
    verb, verb_ja = "reopen", "再開"
    needs_reason = True

    def apply(self) -> None:
        for part in self.report.parts.exclude(status=PartStatus.DRAFT):
            audit(self.user, part, "status", part.status, PartStatus.DRAFT, self.reason)
            part.status = PartStatus.DRAFT
            part.save(update_fields=["status"])
        audit(self.user, self.report, "status", self.report.status, ReportStatus.DRAFT, self.reason)
        self.report.status = ReportStatus.DRAFT
        self.report.save(update_fields=["status"])


def parts_for(user: Actor, report: Report) -> Iterable[tuple[ReportPart, dict[str, bool]]]:
    """Each part of the report, given its ``stage``, with the steps the user may take on it (the report page)."""
    for part in with_figures(report.parts.select_related("department", "submitted_by", "approved_by")):
        part.report = report
        part.stage = stage_of(part, part.has_figures)  # type: ignore[attr-defined]
        yield (
            part,
            {
                "submit": permissions.can_submit(user, part),
                "approve": permissions.can_approve(user, part),
                "return": permissions.can_return(user, part),
                "enter": part.department_id is not None
                and permissions.may_enter_for(user, part.department_id, report.organisation_id),
            },
        )


__all__ = [
    "ApprovePart",
    "PublishReport",
    "ReopenReport",
    "ReturnPart",
    "SubmitPart",
    "ensure_parts",
    "parts_for",
    "settle_status",
]
