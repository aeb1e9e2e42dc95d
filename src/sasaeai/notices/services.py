"""Working out which reminders are due, keeping each once, and e-mailing them.

:func:`send_reminders` is what ``sasaeai send-reminders`` (cron) runs; the
workflow's pages call :func:`deliver_for_report` after a step, so that a return
or an approval is told at once.  Every notice has a key naming its event; a key
already stored for the person is skipped, which makes both idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from sasaeai.audit.models import AuditEntry
from sasaeai.core.periods import wareki_date
from sasaeai.front.templatetags.wareki import period_label, wareki
from sasaeai.people.models import Role
from sasaeai.reports.models import OPEN_PART_STATUSES, PartStatus, Report, ReportPart, ReportStatus

from .models import NoticeKind, NoticePreference, Notification

log = logging.getLogger(__name__)

# Approvals older than this are not announced by a first run on an existing database.
RECENT = timedelta(days=14)


@dataclass(frozen=True)
class Pending:
    """A notice worked out but not yet kept: for whom, its key, and what it says."""

    user: User
    key: str
    kind: str
    subject: str
    body: str
    url: str
    report: Report


@dataclass(frozen=True)
class Sent:
    """What one run did: notices kept and e-mails sent."""

    notifications: int
    emails: int


def editors_of(part: ReportPart) -> QuerySet[User]:
    """Who enters the part's figures: its department's editors (the secretariat for the secretariat's part)."""
    people = User.objects.filter(is_active=True)
    if part.department_id is None:
        return people.filter(
            membership__role=Role.ADMIN, membership__organisation=part.report.organisation_id
        )
    return people.filter(membership__role=Role.EDITOR, membership__departments=part.department_id)


def _title(part: ReportPart) -> str:
    report = part.report
    return f"{wareki(report.fiscal_year)} {period_label(report.period)} {part.department or '事務局'}"


def _link(part: ReportPart) -> str:
    return reverse("report_detail", args=[part.report_id]) + f"#part-{part.pk}"


def _notices(
    part: ReportPart, kind: str, key: str, body: str, extra: Iterable[User | None] = ()
) -> Iterator[Pending]:
    subject = f"{_title(part)}: {NoticeKind(kind).label}"
    people = {user.pk: user for user in editors_of(part)}
    people.update({user.pk: user for user in extra if user is not None and user.is_active})
    for user in people.values():
        yield Pending(user, key, kind, subject, body, _link(part), part.report)


def _due_notices(part: ReportPart, today: date) -> Iterator[Pending]:
    """Opened, due soon, overdue: for a part not yet submitted of a report with a due date."""
    due = part.report.due_on
    if due is None:
        return
    when = wareki_date(due)
    if today > due:
        body = f"提出期限の{when}を過ぎています。実績を入力して提出してください。"
        yield from _notices(part, NoticeKind.OVERDUE, f"overdue:part-{part.pk}:{due}", body)
        return
    body = f"実績の入力を受け付けています。提出期限は{when}です。"
    yield from _notices(part, NoticeKind.OPENED, f"opened:part-{part.pk}", body)
    if (due - today).days <= settings.SASAEAI_REMINDER_DAYS:
        body = f"提出期限の{when}が近づいています。まだ提出されていません。"
        yield from _notices(part, NoticeKind.DUE_SOON, f"due_soon:part-{part.pk}:{due}", body)


def _returned_notices(part: ReportPart) -> Iterator[Pending]:
    step = (
        AuditEntry.objects.filter(
            content_type__app_label="reports",
            content_type__model="reportpart",
            object_id=str(part.pk),
            field="status",
            new=PartStatus.RETURNED,
        )
        .order_by("-sequence")
        .first()
    )
    if step is None:
        return
    body = f"差し戻されました。理由: {part.returned_reason}\n修正して再び提出してください。"
    yield from _notices(
        part, NoticeKind.RETURNED, f"returned:audit-{step.sequence}", body, [part.submitted_by]
    )


def _approved_notices(part: ReportPart, now: datetime) -> Iterator[Pending]:
    if part.approved_at is None or now - part.approved_at > RECENT:
        return
    approver = part.approved_by.get_full_name() or part.approved_by.username if part.approved_by else "課長"
    body = f"{approver}が承認しました。実績は確定されました。"
    key = f"approved:part-{part.pk}:{part.approved_at.isoformat()}"
    yield from _notices(part, NoticeKind.APPROVED, key, body, [part.submitted_by])


def pending_notices(today: date, reports: Iterable[Report] | None = None) -> list[Pending]:
    """Every notice that is due today, whether or not it was already kept."""
    parts = ReportPart.objects.select_related(
        "report__organisation", "department", "submitted_by", "approved_by"
    ).exclude(report__status=ReportStatus.PUBLISHED)
    if reports is not None:
        parts = parts.filter(report__in=[report.pk for report in reports])
    now = timezone.now()
    found: list[Pending] = []
    for part in parts:
        if part.status in OPEN_PART_STATUSES and part.report.status == ReportStatus.DRAFT:
            found.extend(_due_notices(part, today))
        if part.status == PartStatus.RETURNED:
            found.extend(_returned_notices(part))
        if part.status == PartStatus.APPROVED:
            found.extend(_approved_notices(part, now))
    return found


def _wants_email(user: User) -> bool:
    preference = NoticePreference.objects.filter(user=user).first()
    return bool(user.email) and (preference is None or preference.email_reminders)


def _absolute(url: str) -> str:
    return f"{settings.SASAEAI_SITE_URL}{url}"


def deliver(notice: Pending) -> tuple[bool, bool]:
    """Keep a notice unless its key is kept already, and e-mail it; (kept, e-mailed).

    Keeping and sending are one transaction: a mail server that fails leaves the
    notice unkept, so that the next run tries again.
    """
    if Notification.objects.filter(user=notice.user, key=notice.key).exists():
        return False, False
    mail = _wants_email(notice.user)
    try:
        with transaction.atomic():
            Notification.objects.create(
                user=notice.user,
                key=notice.key,
                kind=notice.kind,
                subject=notice.subject,
                body=notice.body,
                url=notice.url,
                report=notice.report,
                emailed_at=timezone.now() if mail else None,
            )
            if mail:
                send_mail(f"[支えあい] {notice.subject}", _mail_text(notice), None, [notice.user.email])
    except IntegrityError:  # kept by a run at the same moment
        return False, False
    return True, mail


def _mail_text(notice: Pending) -> str:
    settings_url = _absolute(reverse("notice_settings"))
    return f"{notice.body}\n\n{_absolute(notice.url)}\n\nメールの受け取りは通知の設定で止められます: {settings_url}\n"


def send_reminders(today: date | None = None, reports: Iterable[Report] | None = None) -> Sent:
    """Keep and e-mail every notice due today that was not sent before."""
    kept = emailed = 0
    for notice in pending_notices(today or timezone.localdate(), reports):
        stored, mailed = deliver(notice)
        kept += stored
        emailed += mailed
    return Sent(kept, emailed)


def deliver_for_report(report: Report) -> None:
    """After a step on the web: tell its news at once; a mail server that fails is left to the next run."""
    try:
        send_reminders(reports=[report])
    except OSError:
        log.warning("notices for report %s could not be e-mailed now; send-reminders tries again", report.pk)
