"""Indicator links on the admin site."""

from __future__ import annotations

from django.contrib import admin

from . import models


@admin.register(models.IndicatorLink)
class IndicatorLinkAdmin(admin.ModelAdmin[models.IndicatorLink]):
    list_display = (
        "part",
        "project",
        "label",
        "unit",
    )
