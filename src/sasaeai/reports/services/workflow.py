"""A report's way from draft to published: submit, approve or return, publish, reopen.

draft → submitted → approved → published; returning sends a submitted report
back to draft with a reason; an admin reopens an approved or published report
(back to draft) to unlock its figures.  Every step is kept in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from sasaeai.audit.trail import audit
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import Report, ReportStatus


class _ReportStep(Operation):
    """One step of the workflow; subclasses name the permission, the new status and the words."""

    allowed: Callable[[Any, Report], bool]
    new_status: str
    verb: str  # "submit"
    verb_ja: str  # "提出"
    needs_reason = False

    def __init__(self, user: Actor, report: Report, reason: str = "") -> None:
        super().__init__(user)
        self.report = report
        self.reason = (reason or "").strip()

    def check(self) -> None:
        if not type(self).allowed(self.user, self.report):
            status = self.report.get_status_display()
            refuse(
                f"You may not {self.verb} this report (it is {self.report.status}).",
                f"この報告（{status}）を{self.verb_ja}する権限がありません。",
            )
        if self.needs_reason and not self.reason:
            refuse(f"Say why you {self.verb} the report.", f"{self.verb_ja}の理由を入力してください。")

    def execute(self) -> Report:
        with transaction.atomic():
            # Lock the row so that two people cannot move the same report at once.
            self.report = Report.objects.select_for_update().get(pk=self.report.pk)
            self.check()
            old = self.report.status
            self.report.status = self.new_status
            self.apply()
            self.report.save()
            audit(self.user, self.report, "status", old, self.new_status, self.reason)
        return self.report

    def apply(self) -> None:
        """Anything else the step changes besides the status."""


class SubmitReport(_ReportStep):
    allowed = staticmethod(permissions.can_submit)
    new_status = ReportStatus.SUBMITTED
    verb, verb_ja = "submit", "提出"

    def apply(self) -> None:
        self.report.returned_reason = ""


class ApproveReport(_ReportStep):
    allowed = staticmethod(permissions.can_approve)
    new_status = ReportStatus.APPROVED
    verb, verb_ja = "approve", "承認"


class ReturnReport(_ReportStep):
    allowed = staticmethod(permissions.can_return)
    new_status = ReportStatus.DRAFT
    verb, verb_ja = "return", "差戻し"
    needs_reason = True

    def apply(self) -> None:
        self.report.returned_reason = self.reason


class PublishReport(_ReportStep):
    allowed = staticmethod(permissions.can_publish)
    new_status = ReportStatus.PUBLISHED
    verb, verb_ja = "publish", "公開"


class ReopenReport(_ReportStep):
    allowed = staticmethod(permissions.can_reopen)
    new_status = ReportStatus.DRAFT
    verb, verb_ja = "reopen", "再開"
    needs_reason = True
