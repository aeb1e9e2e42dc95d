"""データの点検 (doctor): data problems that the doors cannot let in but a database may still hold.

A figure written by SQL or stored before the range was enforced, a link whose
project appeared but was never resolved, an entry whose project belongs to
another organisation, a department without its part of a report: each is a
:class:`Finding` with where it is, what is wrong (in English and Japanese), how
bad it is, and where or how to mend it.  ``sasaeai doctor`` prints them; the
secretariat's page lists its organisation's and mends what can be mended there
(:mod:`sasaeai.front.views.doctor`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse

from sasaeai.audit.trail import audit
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.links_import import ProjectNames, resolve_pending_links
from sasaeai.evaluation.services.stored import plans_touched_by, refresh_for_organisations, refresh_plans
from sasaeai.figures import LARGEST, refuse_outside_range
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Organisation
from sasaeai.people.roles import Actor
from sasaeai.plans.models import IndicatorPart, RecordedActual
from sasaeai.reports.models import ProjectEntry, Quantity, Report
from sasaeai.reports.services.workflow import ensure_parts

ERROR, WARNING = "error", "warning"
SEVERITY_JA = {ERROR: "要修正", WARNING: "確認"}

UNREADABLE_FIGURE = "unreadable_figure"
UNRESOLVED_LINK = "unresolved_link"
PENDING_LINK = "pending_link"
FOREIGN_LINK = "foreign_link"
FOREIGN_ENTRY = "foreign_entry"
MISSING_PART = "missing_part"


@dataclass(frozen=True)
class Finding:
    """One data problem: its kind, severity, organisation, place, what is wrong, and how to mend it."""

    kind: str
    severity: str
    organisation_id: int | None
    where: str
    problem: str
    problem_ja: str
    fix_url: str = ""  # the page where a person mends it
    mend: dict[str, Any] = field(default_factory=dict)  # what the doctor page's mend button sends

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "organisation_id": self.organisation_id,
            "where": self.where,
            "problem": self.problem,
            "problem_ja": self.problem_ja,
            "fix_url": self.fix_url,
        }


@dataclass(frozen=True)
class FigureColumn:
    """A stored figure's column: its model, field, the path to its organisation and how to name a row."""

    model: type[models.Model]
    field: str
    organisation: str
    label: str
    nullable: bool
    describe: Callable[[Any], str]
    fix_url: Callable[[Any], str]


def _quantity(q: Quantity) -> str:
    report = q.entry.report
    return f"{report.fiscal_year}年度 {report.period} 「{q.entry.project.name}」の実績「{q.label or q.unit}」"


def _part(part: IndicatorPart) -> str:
    return f"指標「{part.indicator.name}{(' ' + part.label) if part.label else ''}」"


FIGURE_COLUMNS = (
    FigureColumn(
        Quantity,
        "value",
        "entry__report__organisation_id",
        "値",
        False,
        _quantity,
        lambda q: reverse("entry_edit", args=[q.entry_id]),
    ),
    *(
        FigureColumn(
            IndicatorPart,
            name,
            "indicator__approach__policy__goal__plan__organisation_id",
            label,
            True,
            _part,
            lambda p: reverse("plans:node_edit", args=["part", p.pk]),
        )
        for name, label in (("baseline_value", "基準値"), ("target_value", "目標値"), ("tolerance", "許容幅"))
    ),
    FigureColumn(
        RecordedActual,
        "value",
        "part__indicator__approach__policy__goal__plan__organisation_id",
        "計画に記載された実績",
        False,
        lambda r: f"{_part(r.part)}の{r.fiscal_year}年度",
        lambda r: reverse("plans:node_edit", args=["part", r.part_id]),
    ),
    *(
        FigureColumn(
            Kpi,
            name,
            "sheet__organisation_id",
            label,
            True,
            lambda k: f"KPI「{k.name}」",
            lambda k: reverse("lifecycle:kpi_edit", args=[k.pk]),
        )
        for name, label in (
            ("target_value", "目標"),
            ("actual_value", "実績"),
            ("printed_rate", "達成率（印字）"),
        )
    ),
    *(
        FigureColumn(
            KpiSheet,
            name,
            "organisation_id",
            label,
            True,
            lambda s: f"KPIシート「{s}」",
            lambda s: reverse("lifecycle:kpi_sheet", args=[s.pk]),
        )
        for name, label in (("project_cost", "個別事業費"), ("grant", "交付金額"))
    ),
)


def column_of(model_label: str, field_name: str) -> FigureColumn | None:
    """The figure column named ``app_label.Model`` and field, as the mend form sends it."""
    return next(
        (c for c in FIGURE_COLUMNS if c.model._meta.label == model_label and c.field == field_name), None
    )


def _scoped(query: models.QuerySet[Any], path: str, organisations: Iterable[int] | None) -> Any:
    return query if organisations is None else query.filter(**{f"{path}__in": list(organisations)})


def unreadable_figures(organisations: Iterable[int] | None = None) -> Iterator[Finding]:
    """Every stored figure outside the range: the pages read it as unreadable (None)."""
    ids = None if organisations is None else list(organisations)
    for column in FIGURE_COLUMNS:
        outside = Q(**{f"{column.field}__gt": LARGEST}) | Q(**{f"{column.field}__lt": -LARGEST})
        rows = _scoped(column.model._default_manager.filter(outside), column.organisation, ids)
        for row in rows.annotate(_organisation=F(column.organisation)).order_by("pk"):
            yield Finding(
                UNREADABLE_FIGURE,
                ERROR,
                row._organisation,
                f"{column.describe(row)}の{column.label}",
                f"{column.model.__name__} {row.pk}: {column.field} is outside the range and cannot be read.",
                "値が扱える範囲（±999,999,999,999.999）を超えていて読み取れません。正しい値を入れてください。",
                column.fix_url(row),
                {"model": column.model._meta.label, "field": column.field, "pk": row.pk},
            )


def link_findings(organisations: Iterable[int] | None = None) -> Iterator[Finding]:
    """Links that wait, links that could resolve but did not, links across organisations."""
    ids = None if organisations is None else list(organisations)
    links = _scoped(IndicatorLink.objects.all(), "organisation_id", ids).select_related(
        "part__indicator", "project", "organisation"
    )
    names: dict[int, ProjectNames] = {}
    for link in links.order_by("pk"):
        where = f"{_part(link.part)}の紐付け"
        if link.project is None:
            index = names.setdefault(link.organisation_id, ProjectNames(link.organisation))
            if index.matching(link.names):
                yield Finding(
                    UNRESOLVED_LINK,
                    ERROR,
                    link.organisation_id,
                    where,
                    f"Link {link.pk} waits for {link.names} although the project exists.",
                    f"事業「{'／'.join(link.names)}」は報告にあるのに紐付いていません。",
                    mend={"action": "resolve_links", "organisation": link.organisation_id},
                )
            else:
                yield Finding(
                    PENDING_LINK,
                    WARNING,
                    link.organisation_id,
                    where,
                    f"Link {link.pk} waits for a report of {link.names}.",
                    f"事業「{'／'.join(link.names)}」の報告がまだないため、実績を待っています。",
                )
        elif link.project.organisation_id != link.organisation_id:
            yield Finding(
                FOREIGN_LINK,
                ERROR,
                link.organisation_id,
                where,
                f"Link {link.pk} points at a project of another organisation.",
                f"紐付け先の事業「{link.project.name}」が別の組織のものです。紐付けを入れ直してください。",
            )


def entry_findings(organisations: Iterable[int] | None = None) -> Iterator[Finding]:
    """Entries of another organisation's project, and departments without their part of a report."""
    ids = None if organisations is None else list(organisations)
    entries = _scoped(ProjectEntry.objects.all(), "report__organisation_id", ids)
    foreign = entries.exclude(project__organisation_id=F("report__organisation_id"))
    for entry in foreign.select_related("report", "project").order_by("pk"):
        yield Finding(
            FOREIGN_ENTRY,
            ERROR,
            entry.report.organisation_id,
            f"{entry.report.fiscal_year}年度 {entry.report.period} の「{entry.project.name}」",
            f"Entry {entry.pk} holds a project of another organisation.",
            "別の組織の事業が報告に入っています。報告を取り込み直してください。",
            reverse("report_detail", args=[entry.report_id]),
        )
    reports = _scoped(Report.objects.all(), "organisation_id", ids)
    for report in _reports_missing_parts(reports):
        yield Finding(
            MISSING_PART,
            ERROR,
            report.organisation_id,
            f"{report.fiscal_year}年度 {report.period} の報告",
            f"Report {report.pk} has entries of a department without its part.",
            "担当課の提出単位がない事業があり、提出・承認できません。",
            reverse("report_detail", args=[report.pk]),
            {"action": "ensure_parts", "report": report.pk},
        )


def _reports_missing_parts(reports: models.QuerySet[Report]) -> Iterator[Report]:
    """Reports holding an entry whose department has no part (two queries, whatever the size)."""
    wanted = set(
        reports.filter(entries__isnull=False).values_list("pk", "entries__project__department_id").distinct()
    )
    present = set(reports.filter(parts__isnull=False).values_list("pk", "parts__department_id").distinct())
    missing = sorted({pk for pk, department in wanted - present})
    yield from Report.objects.filter(pk__in=missing).order_by("pk")


def findings(organisations: Iterable[int] | None = None) -> list[Finding]:
    """Every finding, errors first, of the given organisations (all when None)."""
    ids = None if organisations is None else list(organisations)
    found = [*unreadable_figures(ids), *link_findings(ids), *entry_findings(ids)]
    return sorted(found, key=lambda f: (f.severity != ERROR, f.organisation_id or 0, f.kind))


def organisation_names() -> dict[int, str]:
    return dict(Organisation.objects.values_list("pk", "name"))


# --- mending ------------------------------------------------------------------------------------


class MendFigure(Operation):
    """Put the right value where a stored figure cannot be read (or clear it where it may be empty)."""

    def __init__(
        self, user: Actor, model: str, field_name: str, pk: int, value: Decimal | None, reason: str
    ) -> None:
        super().__init__(user)
        self.model, self.field_name, self.pk, self.value = model, field_name, pk, value
        self.reason = reason.strip()
        self.row: models.Model | None = None

    def check(self) -> None:
        column = column_of(self.model, self.field_name)
        if column is None:
            refuse("No such figure.", "その値はありません。")
        manager = column.model._default_manager
        row = manager.filter(pk=self.pk).annotate(_organisation=F(column.organisation)).first()
        if row is None or not permissions.can_manage(
            self.user, Organisation.objects.get(pk=row._organisation)
        ):
            refuse("No such figure.", "その値はありません。")
        outside = Q(**{f"{column.field}__gt": LARGEST}) | Q(**{f"{column.field}__lt": -LARGEST})
        if not manager.filter(outside, pk=self.pk).exists():
            refuse(
                "This figure can be read; change it where it is entered.",
                "この値はもう読み取れます。入力画面で直してください。",
            )
        if self.value is None and not column.nullable:
            refuse("Give the right value.", "正しい値を入れてください。")
        if self.value is not None:
            refuse_outside_range(self.value, "The value", "値")
        if not self.reason:
            refuse("Say why the value is mended.", "直す理由を書いてください。")
        self.row = row

    def execute(self) -> None:
        with transaction.atomic():
            self.check()
            assert self.row is not None
            column = column_of(self.model, self.field_name)
            assert column is not None
            changes: dict[str, Any] = {column.field: self.value}
            if any(f.name == "version" for f in column.model._meta.fields):
                changes["version"] = F("version") + 1  # an open form based on the old row must not win
            column.model._default_manager.filter(pk=self.pk).update(**changes)
            audit(
                self.user,
                self.row,
                column.field,
                "読み取れない値",
                self.value,
                f"データの点検: {self.reason}",
            )
            refresh_plans(plans_touched_by(self.row))


class ResolveLinks(Operation):
    """Point an organisation's waiting links at the projects that now exist."""

    def __init__(self, user: Actor, organisation_id: int) -> None:
        super().__init__(user)
        self.organisation = Organisation.objects.filter(pk=organisation_id).first()

    def check(self) -> None:
        if self.organisation is None or not permissions.can_manage(self.user, self.organisation):
            refuse("You may not link this organisation's indicators.", "この組織の紐付けは直せません。")

    def execute(self) -> int:
        with transaction.atomic():
            self.check()
            assert self.organisation is not None
            resolved = resolve_pending_links(self.organisation)
            audit(self.user, self.organisation, "links", "", f"{resolved} resolved", "データの点検")
            if resolved:
                refresh_for_organisations([self.organisation.pk])
            return resolved


class AddMissingParts(Operation):
    """Give every department of a report its part, so that its entries can be submitted and approved."""

    def __init__(self, user: Actor, report_id: int) -> None:
        super().__init__(user)
        self.report = Report.objects.select_related("organisation").filter(pk=report_id).first()

    def check(self) -> None:
        if self.report is None or not permissions.can_manage(self.user, self.report.organisation):
            refuse("No such report.", "その報告はありません。")

    def execute(self) -> int:
        with transaction.atomic():
            self.check()
            assert self.report is not None
            before = self.report.parts.count()
            parts = ensure_parts(self.report)
            audit(self.user, self.report, "parts", before, len(parts), "データの点検")
            return len(parts) - before
