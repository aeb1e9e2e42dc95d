"""Projects, reports and their figures on the admin site; statuses and figures change through the workflow only."""

from __future__ import annotations

from django.contrib import admin

from . import models


class AliasInline(admin.TabularInline[models.ProjectAlias, models.Project]):
    model = models.ProjectAlias
    extra = 0
    fields = (
        "name",
        "organisation",
    )


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin[models.Project]):
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
class ReportAdmin(admin.ModelAdmin[models.Report]):
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
class ProjectEntryAdmin(admin.ModelAdmin[models.ProjectEntry]):
    list_display = (
        "project",
        "report",
        "order",
    )
    list_filter = ("report",)
    search_fields = ("project__name",)
    inlines = (QuantityInline,)
