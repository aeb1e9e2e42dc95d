from django.contrib import admin

from sasaeai.audit.admin_site import AuditedAdmin

from .models import (
    FollowUp,
    GoalLink,
    ItemRevision,
    Kpi,
    KpiSheet,
    MergeDecision,
    PlanRevision,
    ProjectStart,
)


class ItemRevisionInline(admin.TabularInline[ItemRevision, PlanRevision]):
    model = ItemRevision
    extra = 0


class ProjectStartInline(admin.TabularInline[ProjectStart, PlanRevision]):
    model = ProjectStart
    extra = 0


@admin.register(PlanRevision)
class PlanRevisionAdmin(AuditedAdmin[PlanRevision]):
    list_display = ("plan", "title", "issued", "effective_year")
    inlines = (ItemRevisionInline, ProjectStartInline)


class KpiInline(admin.TabularInline[Kpi, KpiSheet]):
    model = Kpi
    extra = 0


@admin.register(KpiSheet)
class KpiSheetAdmin(AuditedAdmin[KpiSheet]):
    list_display = ("project_name", "organisation", "fiscal_year", "project_cost", "grant")
    inlines = (KpiInline,)


@admin.register(FollowUp)
class FollowUpAdmin(AuditedAdmin[FollowUp]):
    list_display = ("department", "description", "due_date", "status")
    list_filter = ("status", "department")


admin.site.register(GoalLink)
admin.site.register(MergeDecision)
