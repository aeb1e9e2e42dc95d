"""Plans, their trees and indicators, and committee comments on the admin site; baseline and target changes are
audited and listed in the plan's history."""

from __future__ import annotations

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model

from sasaeai.audit.admin_site import AuditedAdmin
from sasaeai.audit.models import AuditEntry

from . import models

M = TypeVar("M", bound=Model)
TREE = (
    models.Plan,
    models.Goal,
    models.Policy,
    models.Approach,
    models.Item,
    models.Indicator,
    models.IndicatorPart,
)


class PlanTreeAdmin(AuditedAdmin[M]):
    """Changes to a plan's tree made on the admin site are also filed in the plan's history."""

    def filed(self, entry: AuditEntry, obj: Model) -> None:
        from sasaeai.plans.services.changes import place_of, plan_of

        if isinstance(obj, TREE):
            models.PlanChange.objects.create(plan=plan_of(obj), entry=entry, place=place_of(obj)[:300])


@admin.register(models.Plan)
class PlanAdmin(PlanTreeAdmin[models.Plan]):
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
class GoalAdmin(PlanTreeAdmin[models.Goal]):
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
class PolicyAdmin(PlanTreeAdmin[models.Policy]):
    list_display = (
        "number",
        "title",
        "goal",
    )
    inlines = (ApproachInline,)


@admin.register(models.Approach)
class ApproachAdmin(PlanTreeAdmin[models.Approach]):
    list_display = (
        "number",
        "title",
        "policy",
    )
    filter_horizontal = ("departments",)
    search_fields = ("title",)


@admin.register(models.Item)
class ItemAdmin(PlanTreeAdmin[models.Item]):
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
class IndicatorAdmin(PlanTreeAdmin[models.Indicator]):
    """Baselines and targets are figures too: every change made here is kept in the audit trail."""

    list_display = (
        "name",
        "approach",
        "baseline_text",
        "target_text",
    )
    search_fields = ("name",)
    inlines = (IndicatorPartInline,)


@admin.register(models.Comment)
class CommentAdmin(AuditedAdmin[models.Comment]):
    list_display = (
        "author",
        "fiscal_year",
        "indicator",
        "approach",
        "goal",
        "created_at",
    )
    list_filter = ("fiscal_year",)
