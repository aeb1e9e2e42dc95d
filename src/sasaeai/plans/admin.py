"""Plans, their trees and indicators, and committee comments on the admin site; baseline and target changes are
audited and listed in the plan's history."""

from __future__ import annotations

from django.contrib import admin

from sasaeai.plans.services.changes import record

from . import models


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin[models.Plan]):
    list_display = (
        "title",
        "organisation",
        "kind",
        "start_year",
        "end_year",
    )


class PolicyInline(admin.TabularInline[models.Policy, models.Goal]):
    model = models.Policy
    extra = 0


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin[models.Goal]):
    list_display = (
        "number",
        "title",
        "plan",
    )
    inlines = (PolicyInline,)


class ApproachInline(admin.TabularInline[models.Approach, models.Policy]):
    model = models.Approach
    extra = 0
    fields = (
        "number",
        "title",
        "printed_marker",
    )


@admin.register(models.Policy)
class PolicyAdmin(admin.ModelAdmin[models.Policy]):
    list_display = (
        "number",
        "title",
        "goal",
    )
    inlines = (ApproachInline,)


@admin.register(models.Approach)
class ApproachAdmin(admin.ModelAdmin[models.Approach]):
    list_display = (
        "number",
        "title",
        "policy",
    )
    filter_horizontal = ("departments",)
    search_fields = ("title",)


@admin.register(models.Item)
class ItemAdmin(admin.ModelAdmin[models.Item]):
    list_display = (
        "number",
        "title",
        "approach",
    )
    filter_horizontal = ("departments",)
    search_fields = ("title",)


class IndicatorPartInline(admin.StackedInline[models.IndicatorPart, models.Indicator]):
    model = models.IndicatorPart
    extra = 0


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin[models.Indicator]):
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
                record(
                    request.user,
                    form.instance.approach.policy.goal.plan,
                    part_form.instance,
                    field,
                    old,
                    new,
                    "admin site",
                )


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin[models.Comment]):
    list_display = (
        "author",
        "fiscal_year",
        "indicator",
        "approach",
        "goal",
        "created_at",
    )
    list_filter = ("fiscal_year",)
