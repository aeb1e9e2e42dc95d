"""A report's timeline, read from the audit trail: who moved the report or one of its parts, when, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from sasaeai.audit.models import AuditEntry
from sasaeai.reports.models import PartStatus, Report, ReportPart, ReportStatus

PART_STEPS: dict[str, str] = {
    PartStatus.SUBMITTED: "提出",
    PartStatus.APPROVED: "承認",
    PartStatus.RETURNED: "差戻し",
    PartStatus.DRAFT: "再開",
}
REPORT_STEPS: dict[str, str] = {
    ReportStatus.DRAFT: "作成中に戻る",
    ReportStatus.SUBMITTED: "全担当課が提出",
    ReportStatus.APPROVED: "全担当課が承認",
    ReportStatus.PUBLISHED: "公開",
}
STATUS_NAMES: dict[str, str] = {**dict(PartStatus.choices), **dict(ReportStatus.choices)}


@dataclass(frozen=True)
class Event:
    """経過: one step in a report's timeline."""

    at: datetime
    actor: str
    subject: str  # 地域福祉課 / 報告全体
    step: str  # 提出, 承認, 差戻し …
    old: str
    new: str
    reason: str


def _actor(entry: AuditEntry) -> str:
    if entry.user is not None:
        return entry.user.get_full_name() or entry.user.username
    return "コマンド" if entry.actor == "command line" else entry.actor


def timeline_of(report: Report) -> list[Event]:
    """The status changes of the report and of its department parts, and its due dates, oldest first."""
    parts = {str(part.pk): part for part in report.parts.select_related("department")}
    report_type = ContentType.objects.get_for_model(Report)
    part_type = ContentType.objects.get_for_model(ReportPart)
    entries = (
        AuditEntry.objects.filter(
            Q(content_type=report_type, object_id=str(report.pk))
            | Q(content_type=part_type, object_id__in=list(parts)),
            field__in=("status", "due_on"),
        )
        .select_related("user")
        .order_by("sequence")
    )
    events = []
    for entry in entries:
        if entry.content_type_id == part_type.pk:
            part = parts[entry.object_id]
            subject, step = str(part.department or "事務局"), PART_STEPS.get(entry.new, entry.new)
        elif entry.field == "due_on":
            subject, step = "報告全体", "提出期限の設定"
        elif not entry.old:
            subject, step = "報告全体", "期間の開始"
        else:
            subject, step = "報告全体", REPORT_STEPS.get(entry.new, entry.new)
        old, new = STATUS_NAMES.get(entry.old, entry.old), STATUS_NAMES.get(entry.new, entry.new)
        events.append(Event(entry.at, _actor(entry), subject, step, old, new, entry.reason))
    return events
