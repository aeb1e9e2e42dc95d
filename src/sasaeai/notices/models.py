"""Notifications sent to the staff, and each person's choice whether to be e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sasaeai.reports.models import Report


class NoticeKind(models.TextChoices):
    OPENED = "opened", "報告の受付開始"
    DUE_SOON = "due_soon", "提出期限が近づいています"
    OVERDUE = "overdue", "提出期限を過ぎています"
    RETURNED = "returned", "差戻し"
    APPROVED = "approved", "承認"


class Notification(models.Model):
    """通知: one reminder or piece of news for one person; its key makes sure it is sent only once.

    The key names the event (``due_soon:part-12:2027-01-15``): a second run of
    ``sasaeai send-reminders`` finds the key stored and sends nothing again.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="宛先"
    )
    key = models.CharField("通知の鍵", max_length=200)
    kind = models.CharField("種類", max_length=16, choices=NoticeKind.choices)
    subject = models.CharField("件名", max_length=200)
    body = models.TextField("本文")
    url = models.CharField("リンク", max_length=300, blank=True)
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="報告"
    )
    created_at = models.DateTimeField("作成日時", default=timezone.now)
    emailed_at = models.DateTimeField("メール送信日時", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = "通知"
        verbose_name_plural = "通知"
        constraints = (models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key"),)

    def __str__(self) -> str:
        return f"{self.user} {self.subject}"


class NoticePreference(models.Model):
    """通知の設定: whether a person receives reminders by e-mail (they stay listed in the app either way)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preference",
        verbose_name="利用者",
    )
    email_reminders = models.BooleanField("通知をメールで受け取る", default=True)

    class Meta:
        verbose_name = "通知の設定"
        verbose_name_plural = "通知の設定"

    def __str__(self) -> str:
        return f"{self.user} {'メールあり' if self.email_reminders else 'メールなし'}"
