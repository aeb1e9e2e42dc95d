"""The audit trail on the admin site, read-only."""

from __future__ import annotations

from django.contrib import admin

from . import models


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[models.AuditEntry]):
    list_display = (
        "at",
        "user",
        "object_repr",
        "field",
        "old",
        "new",
        "reason",
    )
    list_filter = ("field",)

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
