"""Evaluating the stored plans: each indicator part's actuals from linked projects, graded by the core.

The web application only gathers figures; the rules (grades, rates,
projection, roll-up) are :mod:`sasaeai.core.evaluation`'s, and choosing the
linked quantity per fiscal year is :mod:`sasaeai.core.links`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
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
from sasaeai.reports.models import ProjectEntry, Quantity, Report, ReportStatus, Side

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


@dataclass(frozen=True)
class _Entry:
    """A linked project's entry in a report, read as plain values (no model instances)."""

    status: str
    fiscal_year: int
    comparison_fiscal_year: int | None
    period: str
    report_name: str
    line: int | None
    order: int
    project_id: int
    project_name: str
    quantities: list[tuple[str, Decimal | None, str, str]]  # side, value, unit, label

    def sort_key(self) -> tuple[int, str, int]:
        return (-self.fiscal_year, self.period, self.order)


def entries_of(reports: QuerySet[Report], project_ids: Collection[int]) -> list[_Entry]:
    """The entries of the projects in the reports, newest year first, in two set-based queries."""
    found: dict[int, list[tuple[str, Decimal | None, str, str]]] = defaultdict(list)
    quantities = Quantity.objects.filter(entry__report__in=reports, entry__project_id__in=project_ids)
    for entry_id, side, value, unit, label in quantities.order_by("order", "id").values_list(
        "entry_id", "side", "value", "unit", "label"
    ):
        found[entry_id].append((side, value, unit, label))
    rows = ProjectEntry.objects.filter(report__in=reports, project_id__in=project_ids).values_list(
        "id",
        "report__status",
        "report__fiscal_year",
        "report__comparison_fiscal_year",
        "report__period",
        "report__source_name",
        "report__organisation__name",
        "line",
        "order",
        "project_id",
        "project__name",
    )
    entries = [
        _Entry(
            status,
            year,
            comparison,
            period,
            source or f"{organisation} {year} {period}",  # as the report names itself
            line,
            order,
            project_id,
            project_name,
            found[entry_id],
        )
        for (
            entry_id,
            status,
            year,
            comparison,
            period,
            source,
            organisation,
            line,
            order,
            project_id,
            project_name,
        ) in rows
    ]
    return sorted(entries, key=_Entry.sort_key)


def _observations(entries: Iterable[_Entry]) -> list[Observation]:
    """A report's own figures first, then the comparison columns (the core takes the first of a rank)."""
    found: dict[str, list[Observation]] = {Side.CURRENT: [], Side.COMPARISON: []}
    for entry in entries:
        for side, year in (
            (Side.CURRENT, entry.fiscal_year),
            (Side.COMPARISON, entry.comparison_fiscal_year),
        ):
            quantities = [
                records.Quantity(value=value, unit=unit or None, label=label)
                for which, value, unit, label in entry.quantities
                if which == side and value is not None  # None: stored outside the range, unreadable
            ]
            if year is None or not quantities:
                continue
            line = f" line {entry.line}" if entry.line else ""
            source = f"{entry.report_name}{line} ({SIDE_WORDS[side]} FY{year} {entry.period})"
            found[side].append(Observation(year, entry.period, entry.project_name, quantities, source))
    return found[Side.CURRENT] + found[Side.COMPARISON]


EntriesOf = Callable[[list[int]], list[_Entry]]


def _actuals(
    part: IndicatorPart, links: list[IndicatorLink], entries: EntriesOf
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
        projects = [link.project_id for link in group if link.project_id is not None]
        outcome = link_actuals(spec, _observations(entries(projects)), part.year_value)
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


@dataclass(frozen=True)
class GatheredPart:
    """A stored indicator part with every year's actual found in the given reports, before grading."""

    part: IndicatorPart
    thresholds: rules.Thresholds
    actuals: list[rules.Actual]
    misses: list[Miss]
    linked: bool

    def evaluate(self, year: int | None = None) -> EvaluatedPart:
        """The part evaluated from its actuals up to ``year`` (all years when None)."""
        actuals = [a for a in self.actuals if year is None or a.fiscal_year <= year]
        return EvaluatedPart(
            self.part,
            rules.evaluate_part(core_part(self.part), actuals, self.thresholds),
            self.thresholds,
            [m for m in self.misses if year is None or m.fiscal_year <= year],
            self.linked,
        )


def gather_parts(reports: QuerySet[Report], plans: Iterable[Plan]) -> list[GatheredPart]:
    """Every indicator part of the plans (in plan order) with its actuals from ``reports``."""
    return gather_by_status(plans, {"": None}, reports)[""]


def gather_by_status(
    plans: Iterable[Plan],
    audiences: Mapping[str, Collection[str] | None],
    reports: QuerySet[Report] | None = None,
) -> dict[str, list[GatheredPart]]:
    """Every indicator part of the plans with its actuals, for each audience: the reports of the given
    statuses (all of ``reports`` for None), the figures read once for them all."""
    tree = _parts_of(list(plans))
    parts = list(tree)
    links = _links_by_part(tree)
    projects = sorted({link.project_id for found in links.values() for link in found if link.project_id})
    if reports is None:
        every = {status for chosen in audiences.values() for status in chosen or ()}
        reports = Report.objects.filter(status__in=every)
    by_project: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries_of(reports, projects):
        by_project[entry.project_id].append(entry)

    def entries_for(statuses: Collection[str] | None) -> EntriesOf:
        def chosen(ids: list[int]) -> list[_Entry]:
            found = [e for pid in ids for e in by_project[pid] if statuses is None or e.status in statuses]
            return sorted(found, key=_Entry.sort_key)

        return chosen

    gathered: dict[str, list[GatheredPart]] = {}
    for audience, statuses in audiences.items():
        entries = entries_for(statuses)
        gathered[audience] = []
        for part in parts:
            found, misses = _actuals(part, links[part.pk], entries)
            gathered[audience].append(
                GatheredPart(part, _thresholds(part), found, misses, bool(links[part.pk]))
            )
    return gathered


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
    chosen = plans if plans is not None else Plan.objects.all()
    return [gathered.evaluate(year) for gathered in gather_parts(reports, chosen)]


def part_json(found: EvaluatedPart) -> dict[str, Any]:
    """The per-part JSON of ``sasaeai evaluate --json``."""
    return {
        "id": found.part.pk,
        **found.evaluation.to_json(),
        "linked": found.linked,
        "misses": [_miss_json(m) for m in found.misses],
    }


def indicator_json(indicator: Any) -> dict[str, Any]:
    """An indicator's names in ``sasaeai evaluate --json`` (its parts follow)."""
    return _indicator_json(indicator)


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
        indicators.setdefault(indicator.pk, _indicator_json(indicator))["parts"].append(part_json(found))
        grades[indicator.approach].append(found.grade_in(year))
    return {"indicators": list(indicators.values()), "rollups": rollups(grades)}


def rollups(grades: dict[Approach, list[str]]) -> list[dict[str, Any]]:
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
