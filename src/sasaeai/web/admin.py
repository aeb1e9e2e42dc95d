"""The secretariat's back office: every stored word, searchable; the audit trail read-only."""

from __future__ import annotations

from django.contrib import admin

from . import models
from .services.base import audit


class DepartmentInline(admin.TabularInline):
    model = models.Department
    extra = 0


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
    )
    inlines = (DepartmentInline,)


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "organisation",
    )
    list_filter = ("organisation",)
    search_fields = ("name",)


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "role",
    )
    list_filter = ("role",)
    filter_horizontal = ("departments",)


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "organisation",
        "kind",
        "start_year",
        "end_year",
    )


class PolicyInline(admin.TabularInline):
    model = models.Policy
    extra = 0


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "plan",
    )
    inlines = (PolicyInline,)


class ApproachInline(admin.TabularInline):
    model = models.Approach
    extra = 0
    fields = (
        "number",
        "title",
        "printed_marker",
    )


@admin.register(models.Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "goal",
    )
    inlines = (ApproachInline,)


@admin.register(models.Approach)
class ApproachAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "policy",
    )
    filter_horizontal = ("departments",)
    search_fields = ("title",)


@admin.register(models.Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "approach",
    )
    filter_horizontal = ("departments",)
    search_fields = ("title",)


class IndicatorPartInline(admin.StackedInline):
    model = models.IndicatorPart
    extra = 0


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Baselines and targets are figures too: every change made here is kept in the audit trail."""

    list_display = (
        "name",
        "approach",
        "baseline_text",
        "target_text",
    )
    search_fields = ("name",)
    inlines = (IndicatorPartInline,)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        changes = [
            (part_form, field, part_form.initial.get(field), part_form.cleaned_data.get(field))
            for part_form in formset.forms
            if part_form.instance.pk and part_form.has_changed()
            for field in part_form.changed_data
        ]
        super().save_formset(request, form, formset, change)
        for part_form, field, old, new in changes:
            if part_form.instance.pk:
                audit(request.user, part_form.instance, field, old, new, "admin site")


class AliasInline(admin.TabularInline):
    model = models.ProjectAlias
    extra = 0
    fields = (
        "name",
        "organisation",
    )


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
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
class ReportAdmin(admin.ModelAdmin):
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
        "returned_reason",
        "source_sha256",
        "imported_by",
        "imported_at",
    )


class QuantityInline(admin.TabularInline):
    model = models.ReportedQuantity
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


@admin.register(models.ProjectReport)
class ProjectReportAdmin(admin.ModelAdmin):
    list_display = (
        "project",
        "report",
        "order",
    )
    list_filter = ("report",)
    search_fields = ("project__name",)
    inlines = (QuantityInline,)


@admin.register(models.IndicatorLink)
class IndicatorLinkAdmin(admin.ModelAdmin):
    list_display = (
        "part",
        "project",
        "label",
        "unit",
    )


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "author",
        "fiscal_year",
        "indicator",
        "approach",
        "goal",
        "created_at",
    )
    list_filter = ("fiscal_year",)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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
