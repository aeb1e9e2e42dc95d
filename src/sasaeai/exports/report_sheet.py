"""The printed form of a business report: the council's own columns, one row per project.

A :class:`ReportSheet` is what the xlsx and PDF writers (and the report page)
draw.  It is built from the core's report records, so it needs no database:
the query layer turns stored reports into the same records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sasaeai.core.periods import FiscalYear, Period
from sasaeai.core.records import ProjectEntry, Quantity, ReportDocument

# The printed headings, in the order councils print them in their progress reports.
SEGMENT_HEADING = "拠点区分"
SERVICE_HEADING = "サービス区分"
PROJECT_HEADING = "事業名（担当課）"
PLAN_HEADING = "計画体系"
ACTIVITIES_HEADING = "具体的な実施事項"


@dataclass(frozen=True)
class Figure:
    """One reported quantity as a flat row: which project, which period, what was counted."""

    project_number: int | None
    project_name: str
    department: str
    period_role: str  # "current" or "comparison"
    label: str
    value: Decimal
    unit: str
    qualifier: str
    as_of: str


@dataclass
class ReportSheet:
    """事業経過報告 / 事業実績報告 ready to print: headings, periods and the project rows."""

    organisation: str
    period: Period
    comparison_period: Period | None
    projects: list[ProjectEntry]
    title: str = ""
    report_id: int | None = None
    status: str = ""  # shown on drafts so that a printed draft is never taken for the published report

    @property
    def kind(self) -> str:
        return "事業経過報告" if self.period.quarter else "事業実績報告"

    @property
    def heading(self) -> str:
        """令和7年度（2025年度）第4四半期 事業経過報告."""
        return f"{self.period.label()} {self.kind}"

    @property
    def narrative_heading(self) -> str:
        return f"{self.period.fiscal_year.era_label()}の事業実績内容"

    @property
    def current_heading(self) -> str:
        return f"{period_short_label(self.period)}実績"

    @property
    def comparison_heading(self) -> str:
        if self.comparison_period is None:
            return "前年同期実績"
        return f"{period_short_label(self.comparison_period)}実績"

    def figures(self) -> Iterator[Figure]:
        """Every quantity of both periods, project by project."""
        for entry in self.projects:
            for role, quantities in (("current", entry.current), ("comparison", entry.comparison)):
                for quantity in quantities:
                    yield figure_of(entry, role, quantity)


def period_short_label(period: Period) -> str:
    """令和7年度 第4四半期 (2025) — the column heading form, era first, Western year beside."""
    fiscal_year = period.fiscal_year
    suffix = f" 第{period.quarter}四半期" if period.quarter else ""
    return f"{fiscal_year.era_label()}{suffix}（{fiscal_year.year}年度）"


def figure_of(entry: ProjectEntry, role: str, quantity: Quantity) -> Figure:
    return Figure(
        project_number=entry.number,
        project_name=entry.name,
        department=entry.department or "",
        period_role=role,
        label=quantity.label,
        value=quantity.value,
        unit=quantity.unit or "",
        qualifier=quantity.qualifier or "",
        as_of=quantity.as_of or "",
    )


def project_title(entry: ProjectEntry) -> str:
    """1 社協だより発行業務（総務課）, as the report prints the name cell."""
    number = f"{entry.number} " if entry.number is not None else ""
    department = f"（{entry.department}）" if entry.department else ""
    return f"{number}{entry.name}{department}"


def sheet_from_document(document: ReportDocument, organisation: str = "") -> ReportSheet:
    """A sheet for a report as read from a file (no database needed)."""
    period = Period.from_code(document.fiscal_year, document.period)
    compare = None
    if document.comparison_fiscal_year is not None:
        compare = Period(FiscalYear(document.comparison_fiscal_year), period.quarter)
    return ReportSheet(
        organisation=organisation,
        period=period,
        comparison_period=compare,
        projects=list(document.projects),
        title=document.title,
    )
