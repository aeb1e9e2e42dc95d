"""Organisations, departments and people's roles on the admin site."""

from __future__ import annotations

from django.contrib import admin

from sasaeai.audit.admin_site import AuditedAdmin

from . import models


class DepartmentInline(admin.TabularInline[models.Department, models.Organisation]):
    model = models.Department
    extra = 0


@admin.register(models.Organisation)
class OrganisationAdmin(AuditedAdmin[models.Organisation]):
    list_display = (
        "name",
        "kind",
    )
    inlines = (DepartmentInline,)


@admin.register(models.Department)
class DepartmentAdmin(AuditedAdmin[models.Department]):
    list_display = (
        "name",
        "organisation",
    )
    list_filter = ("organisation",)
    search_fields = ("name",)


@admin.register(models.Membership)
class MembershipAdmin(AuditedAdmin[models.Membership]):
    list_display = (
        "user",
        "role",
    )
    list_filter = ("role",)
    filter_horizontal = ("departments",)
