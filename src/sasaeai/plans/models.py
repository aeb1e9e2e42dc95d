"""A plan's tree: goals, policies, approaches, items, the indicators that measure them, and committee comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sasaeai.figures import FigureField, range_constraint
from sasaeai.people.models import Department, Organisation

from .querysets import (
    ApproachQuerySet,
    CommentQuerySet,
    GoalQuerySet,
    IndicatorPartQuerySet,
    IndicatorQuerySet,
    ItemQuerySet,
    PolicyQuerySet,
)


class PlanKind(models.TextChoices):
    CITY = "city", "地域福祉計画"
    COUNCIL = "council", "地域福祉実践計画"


class Plan(models.Model):
    """地域福祉計画 / 地域福祉実践計画: a city's or a council's plan for a period of fiscal years."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plans", verbose_name="組織"
    )
    kind = models.CharField("種別", max_length=16, choices=PlanKind.choices)
    title = models.CharField("名称", max_length=300)
    start_year = models.PositiveSmallIntegerField("開始年度")
    end_year = models.PositiveSmallIntegerField("終了年度")
    # Evaluation thresholds that differ from DESIGN.md's defaults, e.g. {"tolerance_percent": 3}.
    thresholds = models.JSONField("評価の基準", default=dict, blank=True)
    source_name = models.CharField("取込ファイル", max_length=300, blank=True)
    source_sha256 = models.CharField("取込ファイルのSHA-256", max_length=64, blank=True)

    class Meta:
        ordering = (
            "organisation",
            "start_year",
        )
        verbose_name = "計画"
        verbose_name_plural = "計画"
        constraints = (
            models.UniqueConstraint(fields=["organisation", "kind", "start_year"], name="plan_unique_period"),
        )

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """基本目標 / 重点目標: a plan's goal (city plans say 基本目標, council plans 重点目標)."""

    objects = GoalQuerySet.as_manager()

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name="計画")
    number = models.PositiveSmallIntegerField("番号")
    title = models.CharField("名称", max_length=300)

    class Meta:
        ordering = (
            "plan",
            "number",
        )
        verbose_name = "基本目標"
        verbose_name_plural = "基本目標"
        constraints = (models.UniqueConstraint(fields=["plan", "number"], name="goal_unique_number"),)

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Policy(models.Model):
    """施策: a policy under a goal."""

    objects = PolicyQuerySet.as_manager()

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="policies", verbose_name="基本目標")
    number = models.PositiveSmallIntegerField("番号")
    title = models.CharField("名称", max_length=300)

    class Meta:
        ordering = (
            "goal",
            "number",
        )
        verbose_name = "施策"
        verbose_name_plural = "施策"
        constraints = (models.UniqueConstraint(fields=["goal", "number"], name="policy_unique_number"),)

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Approach(models.Model):
    """取組方針: an approach under a policy, with its responsible departments."""

    objects = ApproachQuerySet.as_manager()

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="approaches", verbose_name="施策"
    )
    number = models.PositiveSmallIntegerField("番号")
    title = models.CharField("名称", max_length=300)
    printed_marker = models.CharField("印字された番号", max_length=40, blank=True)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="approaches", verbose_name="担当課"
    )

    class Meta:
        ordering = (
            "policy",
            "number",
        )
        verbose_name = "取組方針"
        verbose_name_plural = "取組方針"
        constraints = (models.UniqueConstraint(fields=["policy", "number"], name="approach_unique_number"),)

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Item(models.Model):
    """取組項目: a numbered item of an approach (numbered across the whole plan)."""

    objects = ItemQuerySet.as_manager()

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="items", verbose_name="取組方針"
    )
    number = models.PositiveSmallIntegerField("番号")
    title = models.CharField("名称", max_length=300)
    departments = models.ManyToManyField(Department, blank=True, related_name="items", verbose_name="担当課")

    class Meta:
        ordering = (
            "approach",
            "number",
        )
        verbose_name = "取組項目"
        verbose_name_plural = "取組項目"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Indicator(models.Model):
    """評価指標: an indicator of an approach, measured by one or more parts."""

    objects = IndicatorQuerySet.as_manager()

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="indicators", verbose_name="取組方針"
    )
    order = models.PositiveSmallIntegerField("順序", default=0)
    name = models.CharField("名称", max_length=300)
    name_as_printed = models.CharField("印字された名称", max_length=500, blank=True)
    baseline_text = models.CharField("基準値（原文）", max_length=300, blank=True)
    target_text = models.CharField("目標値（原文）", max_length=300, blank=True)
    source_line = models.PositiveIntegerField("原文の行", null=True, blank=True)

    class Meta:
        ordering = (
            "approach",
            "order",
        )
        verbose_name = "評価指標"
        verbose_name_plural = "評価指標"

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    INCREASE = "increase", "増加"
    DECREASE = "decrease", "減少"
    MAINTAIN = "maintain", "維持"


class YearValue(models.TextChoices):
    CUMULATIVE = "cumulative", "累計（第4四半期で1年分）"
    STOCK = "stock", "年度末（3月末）時点"
    SUM = "sum", "四半期ごとの合計"
    ANNUAL = "annual", "年1回の数値（調査など）"


class IndicatorPart(models.Model):
    """指標の項目: one measured part of an indicator (e.g. 求職 / 求人 / マッチング成功).

    Baseline and target keep the text as printed beside the value read from it;
    ``target_qualifier`` keeps the words that make a target qualitative (以上, 維持).
    """

    objects = IndicatorPartQuerySet.as_manager()

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="parts", verbose_name="評価指標"
    )
    order = models.PositiveSmallIntegerField("順序", default=0)
    label = models.CharField("項目名", max_length=200, blank=True)
    marker = models.CharField("番号記号", max_length=8, blank=True)
    unit = models.CharField("単位", max_length=40, blank=True)
    direction = models.CharField("方向", max_length=16, choices=Direction.choices, default=Direction.INCREASE)
    # How a year's value is formed from the reports (sasaeai.core.links.YEAR_VALUE_RULES).
    year_value = models.CharField(
        "年度値の取り方", max_length=16, choices=YearValue.choices, default="cumulative"
    )
    # Survey percentages are graded with a tolerance (±3 points by default); null means exact.
    tolerance = FigureField("許容幅", null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("基準年度", null=True, blank=True)
    baseline_value = FigureField("基準値", null=True, blank=True)
    baseline_unit = models.CharField("基準値の単位", max_length=40, blank=True)
    baseline_text = models.CharField("基準値（原文）", max_length=300, blank=True)
    target_year = models.PositiveSmallIntegerField("目標年度", null=True, blank=True)
    target_value = FigureField("目標値", null=True, blank=True)
    target_unit = models.CharField("目標値の単位", max_length=40, blank=True)
    target_text = models.CharField("目標値（原文）", max_length=300, blank=True)
    target_qualifier = models.CharField("目標の条件", max_length=40, blank=True)

    class Meta:
        ordering = (
            "indicator",
            "order",
        )
        verbose_name = "指標の項目"
        verbose_name_plural = "指標の項目"
        constraints = (
            range_constraint("tolerance", "part_tolerance_in_range"),
            range_constraint("baseline_value", "part_baseline_in_range"),
            range_constraint("target_value", "part_target_in_range"),
        )

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.label}".strip()


class RecordedActual(models.Model):
    """計画に記載された実績: an actual of an indicator part as the plan's own evaluation sheet printed it.

    Read with the plan (a 実績値 row or a ``2025年度実績`` column of the template) and kept beside
    the part; the evaluation still takes its actuals from the reports.
    """

    part = models.ForeignKey(
        IndicatorPart, on_delete=models.CASCADE, related_name="recorded_actuals", verbose_name="指標の項目"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    value = FigureField("実績値")
    source = models.CharField("出典", max_length=300, blank=True)

    class Meta:
        ordering = ("part", "fiscal_year")
        verbose_name = "計画に記載された実績"
        verbose_name_plural = "計画に記載された実績"
        constraints = (
            models.UniqueConstraint(fields=["part", "fiscal_year"], name="recorded_actual_unique_year"),
            range_constraint("value", "recorded_actual_in_range"),
        )

    def __str__(self) -> str:
        return f"{self.part} {self.fiscal_year}"


class PlanChange(models.Model):
    """計画の変更履歴: one audited change of a plan's tree, found by its plan after the changed thing is gone.

    The change itself (who, when, old, new, why) is the audit trail's row; this
    row says which plan it belongs to and where in the tree it was made.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes", verbose_name="計画")
    entry = models.OneToOneField(
        "audit.AuditEntry", on_delete=models.PROTECT, related_name="+", verbose_name="変更履歴"
    )
    place = models.CharField("箇所", max_length=300, blank=True)

    class Meta:
        ordering = ("-entry__sequence",)
        verbose_name = "計画の変更履歴"
        verbose_name_plural = "計画の変更履歴"

    def __str__(self) -> str:
        return f"{self.plan} {self.place}"


class Comment(models.Model):
    """推進委員会の意見: a committee member's remark on an indicator, approach or goal for a year."""

    objects = CommentQuerySet.as_manager()

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_comments", verbose_name="委員"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="評価指標",
    )
    approach = models.ForeignKey(
        Approach,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="取組方針",
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="基本目標",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    text = models.TextField("意見")
    created_at = models.DateTimeField("記入日時", auto_now_add=True)

    class Meta:
        ordering = (
            "-fiscal_year",
            "created_at",
        )
        verbose_name = "推進委員会の意見"
        verbose_name_plural = "推進委員会の意見"
        constraints = (
            models.CheckConstraint(
                condition=(
                    Q(indicator__isnull=False, approach__isnull=True, goal__isnull=True)
                    | Q(indicator__isnull=True, approach__isnull=False, goal__isnull=True)
                    | Q(indicator__isnull=True, approach__isnull=True, goal__isnull=False)
                ),
                name="comment_has_one_subject",
            ),
        )

    @property
    def plan(self) -> Plan:
        """The plan the remark is about."""
        if self.indicator is not None:
            return self.indicator.approach.policy.goal.plan
        if self.approach is not None:
            return self.approach.policy.goal.plan
        assert self.goal is not None
        return self.goal.plan

    @property
    def subject(self) -> Indicator | Approach | Goal:
        return self.indicator or self.approach or self.goal  # type: ignore[return-value]

    def __str__(self) -> str:
        return f"{self.subject} {self.fiscal_year}"
