"""Which reported quantity measures which indicator part."""

from __future__ import annotations

from django.db import models

from sasaeai.plans.models import IndicatorPart
from sasaeai.reports.models import Project


class IndicatorLink(models.Model):
    """指標と実績の対応: which project's quantity (label and unit) measures an indicator part."""

    part = models.ForeignKey(
        IndicatorPart, on_delete=models.CASCADE, related_name="links", verbose_name="指標の項目"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicator_links", verbose_name="事業"
    )
    label = models.CharField("実績の項目", max_length=300, blank=True)
    unit = models.CharField("単位", max_length=40, blank=True)

    class Meta:
        verbose_name = "指標と実績の対応"
        verbose_name_plural = "指標と実績の対応"
        constraints = (
            models.UniqueConstraint(fields=["part", "project", "label", "unit"], name="link_unique"),
        )

    def __str__(self) -> str:
        return f"{self.part} ← {self.project} {self.label}"
