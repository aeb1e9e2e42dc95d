"""Which reported quantity measures which indicator part."""

from __future__ import annotations

from django.db import models

from sasaeai.people.models import Organisation
from sasaeai.plans.models import IndicatorPart
from sasaeai.reports.models import Project


class IndicatorLink(models.Model):
    """指標と実績の対応: which project's quantity (label and unit) measures an indicator part.

    A link names the project as the links file does (``names``: the names it
    has had) within the organisation whose reports measure the part.  Until a
    report holds such a project the link is pending (``project`` empty); it
    resolves when the project appears.
    """

    part = models.ForeignKey(
        IndicatorPart, on_delete=models.CASCADE, related_name="links", verbose_name="指標の項目"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="報告する組織"
    )
    names = models.JSONField("事業名（ファイルの記載）", default=list)
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_links",
        verbose_name="事業",
    )
    label = models.CharField("実績の項目", max_length=300, blank=True)
    unit = models.CharField("単位", max_length=40, blank=True)

    class Meta:
        verbose_name = "指標と実績の対応"
        verbose_name_plural = "指標と実績の対応"
        constraints = (
            models.UniqueConstraint(
                fields=["part", "project", "label", "unit"],
                condition=models.Q(project__isnull=False),
                name="link_unique",
            ),
        )

    @property
    def pending(self) -> bool:
        """No report holds the project yet."""
        return self.project_id is None

    def __str__(self) -> str:
        who = self.project or "／".join(self.names) + "（未報告）"
        return f"{self.part} ← {who} {self.label}"
