"""Projects, the reports on them and the quantities those reports give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q

from sasaeai.figures import FigureField, range_constraint
from sasaeai.people.models import Department, Organisation, Role
from sasaeai.people.roles import Actor, department_ids, organisation_ids, role_of


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


class PartStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    SUBMITTED = "submitted", "提出済"
    RETURNED = "returned", "差戻し"
    APPROVED = "approved", "承認済"


# A department's part may be entered while it is a draft or has been returned.
OPEN_PART_STATUSES = (PartStatus.DRAFT, PartStatus.RETURNED)


class Side(models.TextChoices):
    CURRENT = "current", "今期"
    COMPARISON = "comparison", "比較期"


# A report prints the current period's figures before the comparison period's.
CURRENT_FIRST = models.Case(models.When(side="current", then=0), default=1)


# --- the access rules as queries -----------------------------------------------------------
# The same rules as sasaeai.people.permissions, asked of the database: Report.objects.visible_to(user)
# for a list, permissions.can_view_report(user, report) for one report already in hand.


def _visible(user: Actor, prefix: str = "") -> models.Q:
    """Published reports for everyone, approved ones for the committee, the rest for the organisation's staff."""
    published = models.Q(**{f"{prefix}status": ReportStatus.PUBLISHED})
    role = role_of(user)
    if role == Role.COMMITTEE:
        return models.Q(**{f"{prefix}status__in": (ReportStatus.APPROVED, ReportStatus.PUBLISHED)})
    if role not in (Role.ADMIN, Role.EDITOR, Role.APPROVER):
        return published
    organisations = organisation_ids(user)
    if organisations is None:
        return models.Q()
    return published | models.Q(**{f"{prefix}organisation_id__in": organisations})


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Actor) -> ReportQuerySet:
        """Published reports for everyone, approved ones for the committee, the rest for its organisation's staff."""
        return self.filter(_visible(user))

    def newest_first(self) -> ReportQuerySet:
        return self.order_by("-fiscal_year", "-period")


class ProjectQuerySet(models.QuerySet["Project"]):
    def editable_by(self, user: Actor) -> ProjectQuerySet:
        """Projects whose figures the user may enter: their departments' (the organisation's for its secretariat)."""
        role = role_of(user)
        if role == Role.ADMIN:
            organisations = organisation_ids(user)
            return self.all() if organisations is None else self.filter(organisation_id__in=organisations)
        if role != Role.EDITOR:
            return self.none()
        return self.filter(department_id__in=department_ids(user))


class ProjectEntryQuerySet(models.QuerySet["ProjectEntry"]):
    def visible_to(self, user: Actor) -> ProjectEntryQuerySet:
        return self.filter(_visible(user, "report__"))

    def editable_by(self, user: Actor) -> ProjectEntryQuerySet:
        """Entries whose department's part is open, on projects the user may enter figures for."""
        same_part = {
            "report": models.OuterRef("report"),
            "department": models.OuterRef("project__department"),
        }
        open_part = ReportPart.objects.filter(**same_part, status__in=OPEN_PART_STATUSES)
        no_part = ~models.Exists(ReportPart.objects.filter(**same_part))
        return self.filter(
            models.Exists(open_part) | no_part,
            report__status=ReportStatus.DRAFT,
            project__in=Project.objects.editable_by(user).values("pk"),
        )


class ReportPartQuerySet(models.QuerySet["ReportPart"]):
    def for_department(self, department_id: int | None) -> ReportPartQuerySet:
        """The part of a department (None: the secretariat's part, for projects without one)."""
        if department_id is None:
            return self.filter(department__isnull=True)
        return self.filter(department_id=department_id)


class QuantityQuerySet(models.QuerySet["Quantity"]):
    def visible_to(self, user: Actor) -> QuantityQuerySet:
        return self.filter(_visible(user, "entry__report__"))

    def in_report_order(self) -> QuantityQuerySet:
        """As a report prints them: the current period's figures, then the comparison's, each in order."""
        return self.order_by(CURRENT_FIRST, "order", "id")

    def with_stored_null(self) -> QuantityQuerySet:
        """Each figure with ``value_is_null``: its value is stored empty (a figure of an opened period not
        entered yet), which the ORM cannot tell from an unreadable one (both read as None)."""
        return self.annotate(
            value_is_null=ExpressionWrapper(Q(value__isnull=True), output_field=BooleanField())
        )


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
    # The last fiscal year it runs (a mid-term review may end it): later periods do not carry it over.
    ended_in = models.PositiveSmallIntegerField("終了年度", null=True, blank=True)

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
    # Follows the department parts (see reports.services.workflow); the secretariat publishes.
    status = models.CharField("状態", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
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
    # Set when the secretariat opens the period for entry: reminders and the status board count from it.
    due_on = models.DateField("提出期限", null=True, blank=True)

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


class ReportPart(models.Model):
    """報告の担当課分: one department's part of a report, which it submits and its head approves.

    A report has one part per department whose projects it holds (entries of
    projects without a department form the secretariat's part, ``department``
    empty).  Each part goes draft → submitted → approved; returning sends it
    back with a reason.  The report is approved when every part is.
    """

    objects = ReportPartQuerySet.as_manager()

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="parts", verbose_name="報告")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_parts",
        verbose_name="担当課",
    )
    status = models.CharField("状態", max_length=16, choices=PartStatus.choices, default=PartStatus.DRAFT)
    returned_reason = models.TextField("差戻しの理由", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="提出者",
    )
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承認者",
    )
    approved_at = models.DateTimeField("承認日時", null=True, blank=True)
    source_name = models.CharField("取込ファイル", max_length=300, blank=True)
    source_sha256 = models.CharField("取込ファイルのSHA-256", max_length=64, blank=True)

    class Meta:
        ordering = ("report", "department__name", "id")
        verbose_name = "報告の担当課分"
        verbose_name_plural = "報告の担当課分"
        constraints = (
            models.UniqueConstraint(
                fields=["report", "department"],
                condition=models.Q(department__isnull=False),
                name="part_unique_department",
            ),
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(department__isnull=True), name="part_unique_secretariat"
            ),
        )

    def __str__(self) -> str:
        return f"{self.report} {self.department or '事務局'}"

    @property
    def is_open(self) -> bool:
        """Whether its figures and texts may change (a draft, or returned with a reason)."""
        return self.status in OPEN_PART_STATUSES and self.report.status == ReportStatus.DRAFT


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
    # Counts the changes of the texts: a save based on an older version is refused (no lost update).
    version = models.PositiveIntegerField("版", default=1)

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
    # Empty while a carried-over figure waits for this period's value (opening a period leaves it so).
    value = FigureField("値", null=True, blank=True)
    unit = models.CharField("単位", max_length=40, blank=True)
    qualifier = models.CharField("区分", max_length=40, blank=True)
    as_of = models.CharField("時点", max_length=40, blank=True)
    source_file = models.CharField("原文ファイル", max_length=300, blank=True)
    source_line = models.PositiveIntegerField("原文の行", null=True, blank=True)
    span_start = models.PositiveIntegerField("原文の開始位置", null=True, blank=True)
    span_end = models.PositiveIntegerField("原文の終了位置", null=True, blank=True)
    source_text = models.CharField("原文", max_length=500, blank=True)
    # Counts the changes: a save based on an older version is refused (no lost update).
    version = models.PositiveIntegerField("版", default=1)

    class Meta:
        ordering = (
            "entry",
            CURRENT_FIRST,
            "order",
        )
        verbose_name = "実績"
        verbose_name_plural = "実績"
        constraints = (range_constraint("value", "quantity_value_in_range"),)

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"
