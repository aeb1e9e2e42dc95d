"""Evaluating the stored plans: each indicator part's actuals from linked projects, graded by the core.

The web application only gathers figures; the rules (grades, rates,
projection, roll-up) are :mod:`sasaeai.core.evaluation`'s, and choosing the
linked quantity per fiscal year is :mod:`sasaeai.core.links`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
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
from sasaeai.reports.models import ProjectEntry, Report, Side

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
        outcome = link_actuals(spec, _observations(entries))
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
        IndicatorLink.objects.filter(part__in=parts)
        .select_related("project")
        .prefetch_related("project__aliases")
    )
    for link in query:
        links[link.part_id].append(link)
    return links


def _project_names(link: IndicatorLink) -> list[str]:
    """The linked project's name and every name it had (renamed projects keep their history)."""
    return [link.project.name, *(alias.name for alias in link.project.aliases.all())]


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


def evaluate_plans(
    user: Actor | None = None, year: int | None = None, plans: Iterable[Plan] | None = None
) -> dict[str, Any]:
    """``{"indicators": [...], "rollups": [...]}`` for the reports ``user`` may see, up to fiscal ``year``."""
    reports = Report.objects.visible_to(permissions.COMMAND_LINE if user is None else user)
    if year is not None:
        reports = reports.filter(fiscal_year__lte=year + 1)  # a later report's comparison column may give Y
    parts = _parts_of(list(plans if plans is not None else Plan.objects.all()))
    links = _links_by_part(parts)
    indicators: dict[int, dict[str, Any]] = {}
    grades: dict[Approach, list[str]] = defaultdict(list)
    for part in parts:
        indicator = part.indicator
        thresholds = _thresholds(part)
        found, misses = _actuals(part, links[part.pk], reports)
        actuals = [a for a in found if year is None or a.fiscal_year <= year]
        evaluated = rules.evaluate_part(core_part(part), actuals, thresholds)
        indicators.setdefault(indicator.pk, _indicator_json(indicator))["parts"].append(
            {
                "id": part.pk,
                **evaluated.to_json(),
                "linked": bool(links[part.pk]),
                "misses": [_miss_json(m) for m in misses if year is None or m.fiscal_year <= year],
            }
        )
        grades[indicator.approach].append(evaluated.grade_in(year))
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
