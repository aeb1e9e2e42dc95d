"""Deleting a draft report: the secretariat removes a period opened by mistake, with its entries and figures."""

from __future__ import annotations

from django.db import transaction

from sasaeai.audit.trail import audit
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import Quantity, Report


class DeleteDraftReport(Operation):
    """Delete a report that is still a draft (no part submitted or approved); the trail keeps what it held."""

    def __init__(self, user: Actor, report: Report, reason: str = "") -> None:
        super().__init__(user)
        self.report = report
        self.reason = (reason or "").strip()

    def check(self) -> None:
        if not permissions.can_delete_report(self.user, self.report):
            refuse(
                "Only the secretariat deletes a report, and only while it is a draft.",
                "削除できるのは作成中の報告だけで、事務局のみが削除できます。",
            )

    def execute(self) -> None:
        with transaction.atomic():
            self.report = (
                Report.objects.select_for_update().select_related("organisation").get(pk=self.report.pk)
            )
            self.check()
            entries = self.report.entries.count()
            figures = Quantity.objects.filter(entry__report=self.report).count()
            held = f"{self.report}（事業 {entries} 件、実績 {figures} 件）"
            audit(self.user, self.report, "deleted", held, "", self.reason or "作成中の報告を削除")
            self.report.delete()
