"""Evaluating the stored plans: each indicator part's actuals from linked projects, graded by the core.

The web application only gathers figures; the rules (grades, rates,
projection, roll-up) are :mod:`sasaeai.core.evaluation`'s, and choosing the
linked quantity per fiscal year is :mod:`sasaeai.core.links`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import QuerySet

from sasaeai.core import evaluation as rules
from sasaeai.core import records
from sasaeai.core.links import IndicatorLink as LinkSpec
from sasaeai.core.links import Miss, Observation, link_actuals
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Approach, IndicatorPart, Plan
from sasaeai.reports.models import ProjectEntry, Report, ReportStatus, Side

SIDE_WORDS = {Side.CURRENT: "current", Side.COMPARISON: "comparison"}


def core_part(part: IndicatorPart) -> rules.IndicatorPart:
    """The core's view of a stored indicator part."""
    return rules.IndicatorPart(
        label=part.label or None,
        unit=part.unit or None,
        direction=part.direction,  # type: ignore[arg-type]
        baseline=rules.Measure(part.baseline_year, part.baseline_value, part.baseline_text),
        target=rules.Measure(
            part.target_year, part.target_value, part.target_text, part.target_qualifier or None
        ),
    )


def _observations(entries: Iterable[ProjectEntry]) -> list[Observation]:
    """A report's own figures first, then the comparison columns (the core takes the first of a rank)."""
    found: dict[str, list[Observation]] = {Side.CURRENT: [], Side.COMPARISON: []}
    for entry in entries:
        report: Report = entry.report
        for side, year in (
            (Side.CURRENT, report.fiscal_year),
            (Side.COMPARISON, report.comparison_fiscal_year),
        ):
            quantities = [
                records.Quantity(value=q.value, unit=q.unit or None, label=q.label)
                for q in entry.quantities.all()
                if q.side == side and q.value is not None  # None: stored outside the range, unreadable
            ]
            if year is None or not quantities:
                continue
            line = f" line {entry.line}" if entry.line else ""
            source = f"{report.source_name or report}{line} ({SIDE_WORDS[side]} FY{year} {report.period})"
            found[side].append(Observation(year, report.period, entry.project.name, quantities, source))
    return found[Side.CURRENT] + found[Side.COMPARISON]


def _actuals(
    part: IndicatorPart, links: list[IndicatorLink], reports: QuerySet[Report]
) -> tuple[list[rules.Actual], list[Miss]]:
    """Every fiscal year's actual of a part from its links (the first link with a figure wins a year),
    and the reports of the linked projects that gave no figure for a year without one."""
    by_year: dict[int, rules.Actual] = {}
    misses: list[Miss] = []
    groups: dict[tuple[str, str], list[IndicatorLink]] = defaultdict(list)
    for link in links:
        groups[(link.label, link.unit)].append(link)
    for (label, unit), group in groups.items():
        names = tuple(name for link in group for name in _project_names(link))
        spec = LinkSpec(indicator=part.indicator.name, projects=names, unit=unit, label=label or None)
        entries = (
            ProjectEntry.objects.filter(report__in=reports, project__in=[link.project for link in group])
            .select_related("report", "project")
            .prefetch_related("quantities")
            .order_by("-report__fiscal_year", "report__period", "order")
        )
        outcome = link_actuals(spec, _observations(entries), part.year_value)
        for year, found in outcome.actuals.items():
            by_year.setdefault(year, found.as_actual())
        misses.extend(outcome.misses)
    return [by_year[year] for year in sorted(by_year)], [m for m in misses if m.fiscal_year not in by_year]


def _miss_json(miss: Miss) -> dict[str, Any]:
    return {
        "fiscal_year": miss.fiscal_year,
        "source": miss.source,
        "reason": miss.reason,
        "reason_ja": miss.reason_ja,
    }


def _parts_of(plans: list[Plan]) -> QuerySet[IndicatorPart]:
    """The plans' indicator parts in the order of the plan tree."""
    return (
        IndicatorPart.objects.of_plans(plans)
        .select_related("indicator__approach__policy__goal__plan")
        .in_plan_order()
    )


def _links_by_part(parts: QuerySet[IndicatorPart]) -> dict[int, list[IndicatorLink]]:
    links: dict[int, list[IndicatorLink]] = defaultdict(list)
    query = (
        IndicatorLink.objects.filter(part__in=parts, project__isnull=False)
        .select_related("project")
        .prefetch_related("project__aliases")
    )
    for link in query:
        links[link.part_id].append(link)
    return links


def _project_names(link: IndicatorLink) -> list[str]:
    """The linked project's name and every name it had (renamed projects keep their history)."""
    project = link.project
    assert project is not None  # pending links are left out before
    return [project.name, *(alias.name for alias in project.aliases.all())]


def _indicator_json(indicator: Any) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "approach": indicator.approach.title,
        "goal": indicator.approach.policy.goal.title,
        "policy": indicator.approach.policy.title,
        "parts": [],
    }


def _thresholds(part: IndicatorPart) -> rules.Thresholds:
    """The plan's thresholds, with the part's own tolerance when one is set."""
    thresholds = rules.Thresholds.from_json(part.indicator.approach.policy.goal.plan.thresholds)
    if part.tolerance is None:
        return thresholds
    return replace(thresholds, percent_tolerance=part.tolerance, default_tolerance=part.tolerance)


def counted_reports(user: Actor | None, include_unapproved: bool = False) -> QuerySet[Report]:
    """The reports whose figures count in an evaluation: approved ones (published ones for the public).

    A secretariat may preview its own organisation's figures that are not yet
    approved (``include_unapproved``), clearly labelled and never exported.
    """
    who = permissions.COMMAND_LINE if user is None else user
    visible = Report.objects.visible_to(who)
    approved = visible.filter(status__in=(ReportStatus.APPROVED, ReportStatus.PUBLISHED))
    if include_unapproved and permissions.is_secretariat(who):
        return visible
    return approved


@dataclass(frozen=True)
class EvaluatedPart:
    """A stored indicator part with the core's evaluation of its actuals, its thresholds and its misses."""

    part: IndicatorPart
    evaluation: rules.PartEvaluation
    thresholds: rules.Thresholds
    misses: list[Miss]
    linked: bool

    def grade_in(self, year: int | None) -> str:
        return self.evaluation.grade_in(year)


def evaluate_parts(
    user: Actor | None = None,
    year: int | None = None,
    plans: Iterable[Plan] | None = None,
    include_unapproved: bool = False,
) -> list[EvaluatedPart]:
    """Every indicator part of the plans (in plan order), evaluated from the reports that count, up to ``year``."""
    reports = counted_reports(user, include_unapproved)
    if year is not None:
        reports = reports.filter(fiscal_year__lte=year + 1)  # a later report's comparison column may give Y
    parts = _parts_of(list(plans if plans is not None else Plan.objects.all()))
    links = _links_by_part(parts)
    evaluated = []
    for part in parts:
        thresholds = _thresholds(part)
        found, misses = _actuals(part, links[part.pk], reports)
        actuals = [a for a in found if year is None or a.fiscal_year <= year]
        evaluated.append(
            EvaluatedPart(
                part,
                rules.evaluate_part(core_part(part), actuals, thresholds),
                thresholds,
                [m for m in misses if year is None or m.fiscal_year <= year],
                bool(links[part.pk]),
            )
        )
    return evaluated


def evaluate_plans(
    user: Actor | None = None,
    year: int | None = None,
    plans: Iterable[Plan] | None = None,
    include_unapproved: bool = False,
) -> dict[str, Any]:
    """``{"indicators": [...], "rollups": [...]}`` from the approved reports ``user`` may see, up to ``year``.

    A year in progress (Q1–Q3 figures of a cumulative part) is shown with its
    pace and kept out of grades, roll-ups and projections.
    """
    indicators: dict[int, dict[str, Any]] = {}
    grades: dict[Approach, list[str]] = defaultdict(list)
    for found in evaluate_parts(user, year, plans, include_unapproved):
        indicator = found.part.indicator
        indicators.setdefault(indicator.pk, _indicator_json(indicator))["parts"].append(
            {
                "id": found.part.pk,
                **found.evaluation.to_json(),
                "linked": found.linked,
                "misses": [_miss_json(m) for m in found.misses],
            }
        )
        grades[indicator.approach].append(found.grade_in(year))
    return {"indicators": list(indicators.values()), "rollups": _rollups(grades)}


def _rollups(grades: dict[Approach, list[str]]) -> list[dict[str, Any]]:
    """A–D for every approach, policy and goal that has graded parts below it."""
    rows: list[dict[str, Any]] = []
    levels: dict[tuple[str, Any], list[str]] = defaultdict(list)
    thresholds: dict[tuple[str, Any], rules.Thresholds] = {}
    for approach, found in grades.items():
        policy = approach.policy
        for key in (("goal", policy.goal), ("policy", policy), ("approach", approach)):
            levels[key].extend(found)
            thresholds[key] = rules.Thresholds.from_json(policy.goal.plan.thresholds)
    for (level, subject), found in levels.items():
        grade = rules.roll_up(found, thresholds[(level, subject)])
        rows.append(
            {
                "level": level,
                "id": subject.pk,
                "number": subject.number,
                "title": subject.title,
                "grade": grade,
            }
        )
    return rows
