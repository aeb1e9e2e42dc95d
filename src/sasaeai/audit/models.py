"""The audit trail: every change of a figure, text or status — who, when, old, new and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


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
