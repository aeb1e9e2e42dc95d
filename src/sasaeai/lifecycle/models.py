"""The plan's life cycle: revisions, new projects, linked goals, KPI sheets, follow-up actions, merges."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models

from sasaeai.core.kpi import rate_agrees
from sasaeai.core.periods import FiscalYear
from sasaeai.figures import FigureField, range_constraint
from sasaeai.people.models import Department, Organisation
from sasaeai.people.roles import Actor, organisation_ids
from sasaeai.plans.models import Comment, Goal, Item, Plan
from sasaeai.reports.models import Project


class RevisionKind(models.TextChoices):
    ADDED = "追加", "追加"
    CHANGED = "変更", "変更"
    DELETED = "削除", "削除"


class PlanRevision(models.Model):
    """中間見直し: a dated revision of a plan, as one document (e.g. a mid-term review)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions", verbose_name="計画")
    title = models.CharField("表題", max_length=300, blank=True)
    issued = models.DateField("発行年月", null=True, blank=True)
    issued_text = models.CharField("発行年月（原文）", max_length=100, blank=True)
    effective_year = models.PositiveSmallIntegerField("適用開始年度")
    source_name = models.CharField("取込ファイル", max_length=300, blank=True)
    source_sha256 = models.CharField("取込ファイルのSHA-256", max_length=64)
    imported_at = models.DateTimeField("取込日時", auto_now_add=True)

    class Meta:
        ordering = ("plan", "effective_year", "id")
        verbose_name = "計画の見直し"
        verbose_name_plural = "計画の見直し"
        constraints = (
            models.UniqueConstraint(fields=["plan", "source_sha256"], name="revision_unique_source"),
        )

    def __str__(self) -> str:
        return f"{self.title or self.plan}（{FiscalYear(self.effective_year).label()}から）"


class ItemRevision(models.Model):
    """取組項目の変更: one item's text before and after a revision, with the kind (追加 / 変更)."""

    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="items", verbose_name="見直し"
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="取組項目",
    )
    number = models.PositiveSmallIntegerField("番号", null=True, blank=True)
    title = models.CharField("事業項目", max_length=300)
    page = models.PositiveSmallIntegerField("計画書の頁", null=True, blank=True)
    kind = models.CharField("追加・変更", max_length=4, choices=RevisionKind.choices)
    before = models.TextField("現行の内容", blank=True)
    after = models.TextField("変更・追加の内容", blank=True)
    line = models.PositiveIntegerField("原文の行", null=True, blank=True)

    class Meta:
        ordering = ("revision", "line", "id")
        verbose_name = "取組項目の変更"
        verbose_name_plural = "取組項目の変更"

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.title}（{self.kind}）"

    @property
    def key(self) -> str:
        """What identifies the item across revisions: its number, else its title."""
        return f"no:{self.number}" if self.number is not None else f"title:{self.title}"


class ProjectStart(models.Model):
    """新規事業: a project started after the plan was written, with its start month and goals."""

    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="new_projects", verbose_name="見直し"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="starts", verbose_name="事業")
    start_month = models.DateField("事業開始", null=True, blank=True)
    start_text = models.CharField("事業開始（原文）", max_length=100, blank=True)
    page = models.PositiveSmallIntegerField("計画書の頁", null=True, blank=True)
    description = models.TextField("事業内容", blank=True)
    results = models.TextField("実績", blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="担当"
    )
    project_type = models.CharField("事業区分", max_length=100, blank=True)
    basic_goal_number = models.PositiveSmallIntegerField("基本目標", null=True, blank=True)
    basic_goal_title = models.CharField("基本目標の名称", max_length=300, blank=True)
    priority_goal_number = models.PositiveSmallIntegerField("重点目標", null=True, blank=True)
    priority_goal_title = models.CharField("重点目標の名称", max_length=300, blank=True)
    line = models.PositiveIntegerField("原文の行", null=True, blank=True)

    class Meta:
        ordering = ("revision", "line", "id")
        verbose_name = "新規事業"
        verbose_name_plural = "新規事業"

    def __str__(self) -> str:
        return f"{self.project}（{self.start_text}）"


class GoalLink(models.Model):
    """計画間の目標の対応: a city goal (基本目標) served by a council goal (重点目標)."""

    city_goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="+", verbose_name="市の基本目標"
    )
    council_goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="+", verbose_name="社協の重点目標"
    )

    class Meta:
        ordering = ("city_goal__number", "council_goal__number")
        verbose_name = "目標の対応"
        verbose_name_plural = "目標の対応"
        constraints = (
            models.UniqueConstraint(fields=["city_goal", "council_goal"], name="goal_link_unique"),
        )

    def __str__(self) -> str:
        return f"{self.city_goal} ↔ {self.council_goal}"


class KpiSheetQuerySet(models.QuerySet["KpiSheet"]):
    def visible_to(self, user: Actor) -> KpiSheetQuerySet:
        """Published sheets for everyone; unpublished ones for the staff of their organisation."""
        organisations = organisation_ids(user)
        if organisations is None:
            return self.all()
        return self.filter(models.Q(published_at__isnull=False) | models.Q(organisation_id__in=organisations))


class KpiSheet(models.Model):
    """交付金事業の実績シート: a funded project's budget, KPIs, partners and issues."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="kpi_sheets", verbose_name="組織"
    )
    project_name = models.CharField("事業名", max_length=300)
    fiscal_year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    project_cost = FigureField("個別事業費", null=True, blank=True)
    grant = FigureField("交付金額", null=True, blank=True)
    budget_unit = models.CharField("金額の単位", max_length=10, blank=True, default="千円")
    context = models.TextField("地域の実情と課題", blank=True)
    goals = models.TextField("目的・目標", blank=True)
    future_issues = models.TextField("今後の課題", blank=True)
    partners = models.JSONField("連携団体", default=list, blank=True)
    partners_open_ended = models.BooleanField("連携団体は「等」で終わる", default=False)
    activities = models.JSONField("事業の概要", default=list, blank=True)
    source_name = models.CharField("取込ファイル", max_length=300, blank=True)
    source_sha256 = models.CharField("取込ファイルのSHA-256", max_length=64, blank=True)
    # A sheet is the secretariat's working document until it is published; then anyone may read it.
    published_at = models.DateTimeField("公開日時", null=True, blank=True)

    objects = KpiSheetQuerySet.as_manager()

    class Meta:
        ordering = ("organisation", "project_name", "fiscal_year")
        verbose_name = "KPIシート"
        verbose_name_plural = "KPIシート"
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "project_name", "fiscal_year"], name="kpi_sheet_unique_year"
            ),
            range_constraint("project_cost", "kpi_sheet_cost_in_range"),
            range_constraint("grant", "kpi_sheet_grant_in_range"),
        )

    def __str__(self) -> str:
        return self.project_name


class Kpi(models.Model):
    """目標・KPI: one target with its actual and achievement rate (達成率), printed and computed."""

    sheet = models.ForeignKey(
        KpiSheet, on_delete=models.CASCADE, related_name="kpis", verbose_name="KPIシート"
    )
    order = models.PositiveSmallIntegerField("順序", default=0)
    kind = models.CharField("区分", max_length=40, blank=True)
    name = models.CharField("目標・KPI", max_length=300)
    indicator_type = models.CharField("指標の種類", max_length=40, blank=True)
    target_value = FigureField("目標", null=True, blank=True)
    target_unit = models.CharField("目標の単位", max_length=20, blank=True)
    actual_value = FigureField("実績", null=True, blank=True)
    actual_unit = models.CharField("実績の単位", max_length=20, blank=True)
    actual_as_of = models.CharField("実績の時点", max_length=40, blank=True)
    printed_rate = FigureField("達成率（印字）", null=True, blank=True)
    rate_applies = models.BooleanField("達成率を算出する", default=True)
    reason = models.TextField("目標未達の理由", blank=True)
    source_line = models.PositiveIntegerField("原文の行", null=True, blank=True)
    # Counts the changes on the KPI page: a save based on an older version is refused (no lost update).
    version = models.PositiveIntegerField("版", default=1)

    class Meta:
        ordering = ("sheet", "order")
        verbose_name = "目標・KPI"
        verbose_name_plural = "目標・KPI"
        constraints = (
            range_constraint("target_value", "kpi_target_in_range"),
            range_constraint("actual_value", "kpi_actual_in_range"),
            range_constraint("printed_rate", "kpi_printed_rate_in_range"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def computed_rate(self) -> Decimal | None:
        """Actual over target in percent, one decimal; None when no rate applies."""
        if not self.rate_applies or self.actual_value is None or not self.target_value:
            return None
        return (self.actual_value / self.target_value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def rate_agrees(self) -> bool | None:
        computed = self.computed_rate
        if computed is None or self.printed_rate is None:
            return None
        return rate_agrees(self.printed_rate.normalize(), computed)

    @property
    def below_target(self) -> bool:
        return (
            self.rate_applies
            and self.actual_value is not None
            and self.target_value is not None
            and self.actual_value < self.target_value
        )


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "未着手"
    IN_PROGRESS = "in_progress", "対応中"
    DONE = "done", "完了"


class FollowUp(models.Model):
    """意見への対応: what a department does about a committee comment, by when, and how far it got."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="意見"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="follow_ups", verbose_name="担当課"
    )
    description = models.TextField("対応内容")
    due_date = models.DateField("期限", null=True, blank=True)
    status = models.CharField(
        "状況", max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        ordering = ("status", "due_date", "id")
        verbose_name = "意見への対応"
        verbose_name_plural = "意見への対応"

    def __str__(self) -> str:
        return f"{self.department}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status != FollowUpStatus.DONE


class MergeStatus(models.TextChoices):
    MERGED = "merged", "統合済"
    REJECTED = "rejected", "別事業"


class MergeDecision(models.Model):
    """事業の統合判断: an admin's answer to a merge proposal (merged, or two different projects)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    keep_name = models.CharField("残す事業名", max_length=300)
    merge_name = models.CharField("統合する事業名", max_length=300)
    score = models.FloatField("類似度")
    status = models.CharField("判断", max_length=16, choices=MergeStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("判断日時", auto_now_add=True)

    class Meta:
        ordering = ("-decided_at",)
        verbose_name = "事業の統合判断"
        verbose_name_plural = "事業の統合判断"
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "keep_name", "merge_name"], name="merge_unique_pair"
            ),
        )

    def __str__(self) -> str:
        return f"{self.merge_name} → {self.keep_name}（{self.get_status_display()}）"
