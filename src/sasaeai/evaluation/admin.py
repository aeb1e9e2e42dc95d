"""Indicator links on the admin site."""

from __future__ import annotations

from django.contrib import admin

from sasaeai.audit.admin_site import AuditedAdmin

from . import models


@admin.register(models.IndicatorLink)
class IndicatorLinkAdmin(AuditedAdmin[models.IndicatorLink]):
    list_display = (
        "part",
        "project",
        "label",
        "unit",
    )
