"""What people said and what they changed: committee comments and the audit trail of figures."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from .plan import Approach, Goal, Indicator


class Comment(models.Model):
    """推進委員会の意見: a committee member's remark on an indicator, approach or goal for a year."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_comments", verbose_name="委員"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="評価指標",
    )
    approach = models.ForeignKey(
        Approach,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="取組方針",
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="基本目標",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    text = models.TextField("意見")
    created_at = models.DateTimeField("記入日時", auto_now_add=True)

    class Meta:
        ordering = (
            "-fiscal_year",
            "created_at",
        )
        verbose_name = "推進委員会の意見"
        verbose_name_plural = "推進委員会の意見"
        constraints = (
            models.CheckConstraint(
                condition=(
                    Q(indicator__isnull=False, approach__isnull=True, goal__isnull=True)
                    | Q(indicator__isnull=True, approach__isnull=False, goal__isnull=True)
                    | Q(indicator__isnull=True, approach__isnull=True, goal__isnull=False)
                ),
                name="comment_has_one_subject",
            ),
        )

    @property
    def subject(self) -> Indicator | Approach | Goal:
        return self.indicator or self.approach or self.goal  # type: ignore[return-value]

    def __str__(self) -> str:
        return f"{self.subject} {self.fiscal_year}"


class AuditEntry(models.Model):
    """変更履歴: one change of a figure or a status — who, when, which field, old and new, and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="変更者",
    )
    at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("対象", max_length=300)
    field = models.CharField("項目", max_length=100)
    old = models.TextField("変更前", blank=True)
    new = models.TextField("変更後", blank=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        ordering = (
            "-at",
            "-id",
        )
        verbose_name = "変更履歴"
        verbose_name_plural = "変更履歴"
        indexes = (models.Index(fields=["content_type", "object_id"], name="audit_subject"),)

    def __str__(self) -> str:
        return f"{self.object_repr} {self.field}: {self.old} → {self.new}"
