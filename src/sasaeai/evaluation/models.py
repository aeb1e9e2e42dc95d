"""Which reported quantity measures which indicator part, and the written evaluation of the results."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models

from sasaeai.people.models import Organisation
from sasaeai.plans.models import Approach, IndicatorPart, Plan
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


class TextStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    APPROVED = "approved", "承認済"


class EvaluationText(models.Model):
    """評価文: the written evaluation of one indicator part or one approach (取組方針) for a fiscal year.

    ``drafted`` is the text drafted from the numbers when it was last saved
    (:mod:`sasaeai.core.narrative`); ``text`` is what the secretariat made of
    it.  Only an approved text goes into the committee's sheet, its PDF and
    open data; changing an approved text makes it a draft again.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="evaluation_texts", verbose_name="計画"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    part = models.ForeignKey(
        IndicatorPart,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_texts",
        verbose_name="指標の項目",
    )
    approach = models.ForeignKey(
        Approach,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_texts",
        verbose_name="取組方針",
    )
    drafted = models.TextField("数値からの文案", blank=True)
    text = models.TextField("評価文")
    status = models.CharField("状態", max_length=16, choices=TextStatus.choices, default=TextStatus.DRAFT)
    edited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="編集者"
    )
    edited_at = models.DateTimeField("編集日時", null=True, blank=True)
    approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="承認者"
    )
    approved_at = models.DateTimeField("承認日時", null=True, blank=True)
    version = models.PositiveIntegerField("版", default=1)

    class Meta:
        verbose_name = "評価文"
        verbose_name_plural = "評価文"
        constraints = (
            models.CheckConstraint(
                condition=models.Q(part__isnull=False, approach__isnull=True)
                | models.Q(part__isnull=True, approach__isnull=False),
                name="evaluation_text_of_one_subject",
            ),
            models.UniqueConstraint(
                fields=["part", "fiscal_year"],
                condition=models.Q(part__isnull=False),
                name="evaluation_text_one_per_part_year",
            ),
            models.UniqueConstraint(
                fields=["approach", "fiscal_year"],
                condition=models.Q(approach__isnull=False),
                name="evaluation_text_one_per_approach_year",
            ),
        )

    @property
    def approved(self) -> bool:
        return self.status == TextStatus.APPROVED

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度 {self.part or self.approach}"


class Audience(models.TextChoices):
    """Whose figures an evaluation counts: published ones for the public, approved ones for the committee."""

    PUBLIC = "public", "公開（公開済みの報告）"
    COMMITTEE = "committee", "推進委員会（承認済みの報告）"


class EvaluationResult(models.Model):
    """評価結果: one indicator part's stored evaluation for one audience, as of a fiscal year.

    The row with ``as_of_year`` empty holds the whole evaluation (``data``: the
    part's JSON as ``sasaeai evaluate --json`` prints it, with its indicator's
    names) and the span of years it has figures for (``first_year`` …
    ``last_year``).  A row for each year of that span holds what changes with
    the year asked for: the grade of the latest complete year up to it and the
    projection drawn from the actuals up to it.  Kept up to date by every write
    it depends on (:mod:`sasaeai.evaluation.services.stored`).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name="計画")
    part = models.ForeignKey(
        IndicatorPart, on_delete=models.CASCADE, related_name="+", verbose_name="指標の項目"
    )
    indicator_id = models.PositiveIntegerField("評価指標")
    audience = models.CharField("対象", max_length=16, choices=Audience.choices)
    as_of_year = models.PositiveSmallIntegerField("評価年度", null=True, blank=True)
    order = models.PositiveIntegerField("順序")
    grade = models.CharField("評価", max_length=8)
    first_year = models.PositiveSmallIntegerField("実績の最初の年度", null=True, blank=True)
    last_year = models.PositiveSmallIntegerField("実績の最後の年度", null=True, blank=True)
    report_organisations = models.JSONField("報告する組織", default=list)
    # JSON as text: PostgreSQL's jsonb would reorder the keys that ``evaluate --json`` prints in a fixed order.
    data = models.TextField("評価の内容（JSON）", default="{}")

    class Meta:
        verbose_name = "評価結果"
        verbose_name_plural = "評価結果"
        indexes = (models.Index(fields=["plan", "audience", "as_of_year"], name="result_plan_year"),)
        constraints = (
            models.UniqueConstraint(
                fields=["part", "audience", "as_of_year"], name="result_one_per_part_year"
            ),
            models.UniqueConstraint(
                fields=["part", "audience"],
                condition=models.Q(as_of_year__isnull=True),
                name="result_one_whole_per_part",
            ),
        )

    def __str__(self) -> str:
        return f"{self.part} {self.audience} {self.as_of_year or '全年度'}: {self.grade}"


class RollupResult(models.Model):
    """総合評価: a goal's, policy's or approach's stored roll-up (A–D) for one audience, as of a fiscal year.

    ``level`` "plan" rows hold the plan's count of part grades (``data``) and
    the span of years with figures; the others one subject's grade, in the
    order the evaluation lists them.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name="計画")
    audience = models.CharField("対象", max_length=16, choices=Audience.choices)
    as_of_year = models.PositiveSmallIntegerField("評価年度", null=True, blank=True)
    level = models.CharField("階層", max_length=16)
    subject_id = models.PositiveIntegerField("対象の番号")
    number = models.PositiveIntegerField("番号", default=0)
    title = models.CharField("名称", max_length=500, blank=True)
    order = models.PositiveIntegerField("順序")
    grade = models.CharField("評価", max_length=8, null=True, blank=True)
    first_year = models.PositiveSmallIntegerField("実績の最初の年度", null=True, blank=True)
    last_year = models.PositiveSmallIntegerField("実績の最後の年度", null=True, blank=True)
    report_organisations = models.JSONField("報告する組織", default=list)
    data = models.JSONField("内容", default=dict)

    class Meta:
        verbose_name = "総合評価"
        verbose_name_plural = "総合評価"
        indexes = (models.Index(fields=["plan", "audience", "as_of_year"], name="rollup_plan_year"),)

    def __str__(self) -> str:
        return f"{self.level} {self.number} {self.audience} {self.as_of_year or '全年度'}: {self.grade}"
