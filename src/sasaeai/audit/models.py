"""The audit trail: every change of a figure, text or status — who, when, old, new and why — in a hash chain."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntry(models.Model):
    """変更履歴: one change of a figure, a text, a status or a setting — who, when, what, old, new and why.

    Rows form a chain: each carries the SHA-256 of its own content and of the
    row before it (:mod:`sasaeai.audit.chain`), so that a row altered or
    removed afterwards is found by ``sasaeai verify-audit``.  The actor's name
    is kept as text, so it survives the removal of their account.
    """

    sequence = models.PositiveBigIntegerField("通番", unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="変更者",
    )
    actor = models.CharField("変更者名", max_length=150)
    at = models.DateTimeField("日時", db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("対象", max_length=300)
    field = models.CharField("項目", max_length=100)
    old = models.TextField("変更前", blank=True)
    new = models.TextField("変更後", blank=True)
    reason = models.TextField("理由", blank=True)
    previous_hash = models.CharField("前の行のハッシュ", max_length=64)
    hash = models.CharField("ハッシュ", max_length=64)

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


class AuditHead(models.Model):
    """監査の末尾: the last row of the chain, one row locked by every writer so that the chain never forks."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "変更履歴の末尾"
        verbose_name_plural = "変更履歴の末尾"
