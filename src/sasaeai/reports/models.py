"""Projects, the reports on them and the quantities those reports give."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sasaeai.figures import FIGURE
from sasaeai.people.models import Department, Organisation, Role
from sasaeai.people.roles import PUBLIC, Actor, department_ids, role_of


class ReportPeriod(models.TextChoices):
    Q1 = "Q1", "第1四半期"
    Q2 = "Q2", "第2四半期"
    Q3 = "Q3", "第3四半期"
    Q4 = "Q4", "第4四半期"
    FY = "FY", "年度"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    SUBMITTED = "submitted", "提出済"
    APPROVED = "approved", "承認済"
    PUBLISHED = "published", "公開"


class Side(models.TextChoices):
    CURRENT = "current", "今期"
    COMPARISON = "comparison", "比較期"


# A report prints the current period's figures before the comparison period's.
CURRENT_FIRST = models.Case(models.When(side="current", then=0), default=1)


# --- the access rules as queries -----------------------------------------------------------
# The same rules as sasaeai.people.permissions, asked of the database: Report.objects.visible_to(user)
# for a list, permissions.can_view_report(user, report) for one report already in hand.


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Actor) -> ReportQuerySet:
        """Everything for staff and committee; published reports for the public."""
        if role_of(user) == PUBLIC:
            return self.filter(status=ReportStatus.PUBLISHED)
        return self.all()

    def newest_first(self) -> ReportQuerySet:
        return self.order_by("-fiscal_year", "-period")


class ProjectQuerySet(models.QuerySet["Project"]):
    def editable_by(self, user: Actor) -> ProjectQuerySet:
        """The projects whose figures the user may enter: their departments' (all for the secretariat)."""
        role = role_of(user)
        if role == Role.ADMIN:
            return self.all()
        if role != Role.EDITOR:
            return self.none()
        return self.filter(department_id__in=department_ids(user))


class ProjectEntryQuerySet(models.QuerySet["ProjectEntry"]):
    def visible_to(self, user: Actor) -> ProjectEntryQuerySet:
        if role_of(user) == PUBLIC:
            return self.filter(report__status=ReportStatus.PUBLISHED)
        return self.all()

    def editable_by(self, user: Actor) -> ProjectEntryQuerySet:
        """Entries of draft reports on projects the user may enter figures for."""
        return self.filter(
            report__status=ReportStatus.DRAFT, project__in=Project.objects.editable_by(user).values("pk")
        )


class QuantityQuerySet(models.QuerySet["Quantity"]):
    def visible_to(self, user: Actor) -> QuantityQuerySet:
        if role_of(user) == PUBLIC:
            return self.filter(entry__report__status=ReportStatus.PUBLISHED)
        return self.all()

    def in_report_order(self) -> QuantityQuerySet:
        """As a report prints them: the current period's figures, then the comparison's, each in order."""
        return self.order_by(CURRENT_FIRST, "order", "id")


class Project(models.Model):
    """事業: what a council reports on, under a segment (拠点区分) and a service (サービス区分)."""

    objects = ProjectQuerySet.as_manager()

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="projects", verbose_name="組織"
    )
    name = models.CharField("事業名", max_length=300)
    segment = models.CharField("拠点区分", max_length=200, blank=True)
    service = models.CharField("サービス区分", max_length=200, blank=True)
    number = models.PositiveSmallIntegerField("番号", null=True, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name="担当課",
    )
    plan_goal = models.PositiveSmallIntegerField("計画体系（基本目標）", null=True, blank=True)

    class Meta:
        ordering = (
            "organisation",
            "segment",
            "service",
            "number",
            "name",
        )
        verbose_name = "事業"
        verbose_name_plural = "事業"
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="project_unique_name"),)

    def __str__(self) -> str:
        return self.name


class ProjectAlias(models.Model):
    """事業の別名: a name a project had in other reports (renamed projects keep their history)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="aliases", verbose_name="事業"
    )
    name = models.CharField("別名", max_length=300)

    class Meta:
        verbose_name = "事業の別名"
        verbose_name_plural = "事業の別名"
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="alias_unique_name"),)

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """事業経過報告 / 事業実績報告: one organisation's report for a quarter or a fiscal year."""

    objects = ReportQuerySet.as_manager()

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reports", verbose_name="組織"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    period = models.CharField("期間", max_length=2, choices=ReportPeriod.choices)
    # Quarterly progress reports give year-to-date totals, so a Q4 figure is the year's.
    cumulative = models.BooleanField("累計", default=True)
    comparison_fiscal_year = models.PositiveSmallIntegerField("比較年度", null=True, blank=True)
    title = models.CharField("表題", max_length=300, blank=True)
    status = models.CharField("状態", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    returned_reason = models.TextField("差戻しの理由", blank=True)
    source_name = models.CharField("取込ファイル", max_length=300, blank=True)
    source_sha256 = models.CharField("取込ファイルのSHA-256", max_length=64, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="取込者",
    )
    imported_at = models.DateTimeField("取込日時", null=True, blank=True)

    class Meta:
        ordering = (
            "organisation",
            "-fiscal_year",
            "-period",
        )
        verbose_name = "報告"
        verbose_name_plural = "報告"
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year", "period"], name="report_unique_period"
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation} {self.fiscal_year} {self.period}"


class ProjectEntry(models.Model):
    """事業報告: one project's entry in a report, with the cells as the council wrote them."""

    objects = ProjectEntryQuerySet.as_manager()

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries", verbose_name="報告")
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="entries", verbose_name="事業"
    )
    order = models.PositiveIntegerField("順序", default=0)
    name_as_printed = models.CharField("報告上の事業名", max_length=300, blank=True)
    line = models.PositiveIntegerField("原文の行", null=True, blank=True)
    plan_text = models.TextField("計画体系（原文）", blank=True)
    activities = models.TextField("具体的な実施事項", blank=True)
    narrative = models.TextField("事業実績内容", blank=True)
    current_text = models.TextField("今期実績（原文）", blank=True)
    comparison_text = models.TextField("比較期実績（原文）", blank=True)
    comparison_fiscal_year = models.PositiveSmallIntegerField("比較年度", null=True, blank=True)

    class Meta:
        ordering = (
            "report",
            "order",
        )
        verbose_name = "事業報告"
        verbose_name_plural = "事業報告"

    def __str__(self) -> str:
        return f"{self.report} {self.project}"


class Quantity(models.Model):
    """実績: a number with unit and label from a project's results, and where it was read."""

    objects = QuantityQuerySet.as_manager()

    entry = models.ForeignKey(
        ProjectEntry, on_delete=models.CASCADE, related_name="quantities", verbose_name="事業報告"
    )
    side = models.CharField("期", max_length=16, choices=Side.choices)
    order = models.PositiveIntegerField("順序", default=0)
    label = models.CharField("項目", max_length=300, blank=True)
    value = models.DecimalField("値", **FIGURE)
    unit = models.CharField("単位", max_length=40, blank=True)
    qualifier = models.CharField("区分", max_length=40, blank=True)
    as_of = models.CharField("時点", max_length=40, blank=True)
    source_file = models.CharField("原文ファイル", max_length=300, blank=True)
    source_line = models.PositiveIntegerField("原文の行", null=True, blank=True)
    span_start = models.PositiveIntegerField("原文の開始位置", null=True, blank=True)
    span_end = models.PositiveIntegerField("原文の終了位置", null=True, blank=True)
    source_text = models.CharField("原文", max_length=500, blank=True)

    class Meta:
        ordering = (
            "entry",
            CURRENT_FIRST,
            "order",
        )
        verbose_name = "実績"
        verbose_name_plural = "実績"

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"
