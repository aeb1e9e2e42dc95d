"""Projects, reports and their figures on the admin site; statuses and figures change through the workflow only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sasaeai.audit.admin_site import AuditedAdmin
from sasaeai.people import permissions
from sasaeai.people.roles import COMMAND_LINE

from . import models


class AliasInline(admin.TabularInline[models.ProjectAlias, models.Project]):
    model = models.ProjectAlias
    extra = 0
    fields = (
        "name",
        "organisation",
    )


@admin.register(models.Project)
class ProjectAdmin(AuditedAdmin[models.Project]):
    list_display = (
        "name",
        "organisation",
        "segment",
        "service",
        "number",
        "department",
    )
    list_filter = (
        "organisation",
        "segment",
    )
    search_fields = (
        "name",
        "aliases__name",
    )
    inlines = (AliasInline,)


@admin.register(models.Report)
class ReportAdmin(AuditedAdmin[models.Report]):
    list_display = (
        "organisation",
        "fiscal_year",
        "period",
        "status",
        "source_name",
        "imported_at",
    )
    list_filter = (
        "status",
        "fiscal_year",
        "period",
    )
    # Status changes go through the workflow (one audited code path), never through this form.
    readonly_fields = (
        "status",
        "source_sha256",
        "imported_by",
        "imported_at",
    )

    def is_locked(self, obj: models.Report) -> bool:
        """A report in the workflow or published is locked here as on the pages."""
        return obj.status != models.ReportStatus.DRAFT


@admin.register(models.ReportPart)
class ReportPartAdmin(AuditedAdmin[models.ReportPart]):
    """Department parts move through the workflow only: shown here, never changed here."""

    list_display = ("report", "department", "status", "submitted_by", "approved_by")
    list_filter = ("status",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def is_locked(self, obj: models.ReportPart) -> bool:
        return True


class QuantityInline(admin.TabularInline[models.Quantity, models.ProjectEntry]):
    model = models.Quantity
    extra = 0
    fields = (
        "side",
        "label",
        "value",
        "unit",
        "qualifier",
        "as_of",
        "source_text",
    )
    readonly_fields = fields  # figures change through the audited workflow only


@admin.register(models.ProjectEntry)
class ProjectEntryAdmin(AuditedAdmin[models.ProjectEntry]):
    list_display = (
        "project",
        "report",
        "order",
    )
    list_filter = ("report",)
    search_fields = ("project__name",)
    inlines = (QuantityInline,)

    def is_locked(self, obj: models.ProjectEntry) -> bool:
        """An entry of a submitted or approved part is locked here as on the pages."""
        return not permissions.can_edit_entry(COMMAND_LINE, obj)
