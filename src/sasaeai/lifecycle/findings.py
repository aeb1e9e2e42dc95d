"""Consistency findings over the stored data, for the secretariat to review (nothing is changed).

The checks themselves are the core's pure functions
(:mod:`sasaeai.core.consistency`); this module only gathers their inputs from
the database: each report's figures against last year's (the comparison
column the report printed, else the same period's report a year earlier),
each report's rows in order, and the stored KPI sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sasaeai.core.consistency import (
    Figure,
    Finding,
    ProjectText,
    kpi_rate_findings,
    misplaced_results,
    quantity_jumps,
)
from sasaeai.core.periods import Period
from sasaeai.core.records import json_number
from sasaeai.people.roles import COMMAND_LINE, Actor
from sasaeai.reports.models import ProjectEntry, Quantity, Report, Side

from .models import Kpi, KpiSheet


@dataclass(frozen=True)
class Located:
    """A finding and where to look: a report (and its year and period), or a KPI sheet."""

    finding: Finding
    report: Report | None = None
    sheet: KpiSheet | None = None

    def where(self) -> str:
        if self.report is not None:
            return Period.from_code(self.report.fiscal_year, self.report.period).label()
        return str(self.sheet) if self.sheet is not None else ""

    def to_json(self) -> dict[str, Any]:
        data = self.finding.to_json()
        if self.report is not None:
            data["report"] = {"fiscal_year": self.report.fiscal_year, "period": self.report.period}
        if self.sheet is not None:
            data["kpi_sheet"] = self.sheet.project_name
        return data


def _figures(quantities: list[Quantity], name: str) -> list[Figure]:
    # 3.0000 as stored -> 3, so that messages show the figure as the report printed it
    # An unreadable figure (stored outside the range) is not compared.
    return [
        Figure(name, q.label, q.unit or None, Decimal(str(json_number(q.value))))
        for q in quantities
        if q.value is not None
    ]


def _report_figures(report: Report) -> tuple[list[Figure], list[Figure]]:
    current: list[Figure] = []
    previous: list[Figure] = []
    entries = report.entries.select_related("project").prefetch_related("quantities")
    for entry in entries:
        quantities = list(entry.quantities.all())
        current += _figures([q for q in quantities if q.side == Side.CURRENT], entry.project.name)
        previous += _figures([q for q in quantities if q.side == Side.COMPARISON], entry.project.name)
    return current, previous


def report_findings(report: Report) -> list[Located]:
    """Quantity jumps against last year and results that read like a neighbour's, for one report."""
    current, previous = _report_figures(report)
    if not previous:
        earlier = Report.objects.filter(
            organisation=report.organisation, period=report.period, fiscal_year=report.fiscal_year - 1
        ).first()
        if earlier is not None:
            previous = _report_figures(earlier)[0]
    findings = quantity_jumps(current, previous)
    entries = ProjectEntry.objects.filter(report=report).select_related("project").order_by("order")
    texts = [ProjectText(e.project.name, e.activities, e.narrative) for e in entries]
    findings += misplaced_results(texts)
    return [Located(finding, report=report) for finding in findings]


def kpi_findings(sheet: KpiSheet) -> list[Located]:
    """Printed rates that disagree with target and actual; KPIs below target without a reason."""
    kpis = list(sheet.kpis.all())
    as_read = [
        {
            "name": k.name,
            "target": {"value": k.target_value},
            "actual": {"value": k.actual_value},
            "achievement_rate": None if k.printed_rate is None else {"value": k.printed_rate.normalize()},
        }
        for k in kpis
        if k.rate_applies and k.target_value is not None and k.actual_value is not None
    ]
    found = [Located(f, sheet=sheet) for f in kpi_rate_findings(as_read)]
    found += [
        Located(_missing_reason(k), sheet=sheet) for k in kpis if k.below_target and not k.reason.strip()
    ]
    return found


def _missing_reason(kpi: Kpi) -> Finding:
    return Finding(
        "kpi_reason",
        kpi.name,
        f"{kpi.name} is below its target and no reason is written.",
        f"「{kpi.name}」は目標を下回っていますが、理由が記入されていません。",
        {"target": str(kpi.target_value), "actual": str(kpi.actual_value)},
    )


def all_findings(user: Actor | None = None) -> list[Located]:
    """Every finding over the reports ``user`` may read (all for the command line) and the KPI sheets."""
    found: list[Located] = []
    reports = Report.objects.visible_to(COMMAND_LINE if user is None else user)
    for report in reports.select_related("organisation").order_by("-fiscal_year", "-period"):
        found += report_findings(report)
    for sheet in KpiSheet.objects.visible_to(COMMAND_LINE if user is None else user).prefetch_related("kpis"):
        found += kpi_findings(sheet)
    return found
