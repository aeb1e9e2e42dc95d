"""Keeping the stored evaluation (評価結果) in step with what it depends on.

Every write that changes what an evaluation counts — a report approved,
published, reopened or returned, a links file, a baseline, target or
threshold, a mended figure — calls :func:`refresh_plans` (or one of the
helpers that find the plans) inside its own transaction, so that pages read
results that are never older than the figures.  :func:`recompute` rebuilds
them all (``sasaeai recompute``); the two must always agree.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from sasaeai.core.evaluation import NOT_EVALUATED
from sasaeai.evaluation.models import Audience, EvaluationResult, IndicatorLink, RollupResult
from sasaeai.people.models import Organisation
from sasaeai.plans.models import Plan
from sasaeai.reports.models import ReportStatus

from .evaluate import GatheredPart, gather_by_status, indicator_json, part_json, rollups

# The reports each audience counts, as :func:`counted_reports` gives them to an anonymous visitor
# (published) and to the committee (approved or published).
COUNTED: dict[str, tuple[str, ...]] = {
    Audience.PUBLIC: (ReportStatus.PUBLISHED,),
    Audience.COMMITTEE: (ReportStatus.APPROVED, ReportStatus.PUBLISHED),
}
GRADE_ORDER = ("達成", "a", "b", "c", NOT_EVALUATED)
_batch = threading.local()  # the plans a batch of writes (:func:`refreshed_once`) will refresh at its end


@contextmanager
def refreshed_once() -> Iterator[None]:
    """Run a batch of writes in one transaction and refresh each plan they touch once, at the end.

    Without it every approval in a batch (loading the demo city, say) evaluates its plans again;
    inside it :func:`refresh_plans` only notes the plans.  A batch inside a batch belongs to the outer one.
    """
    if getattr(_batch, "plans", None) is not None:
        yield
        return
    _batch.plans = set()
    try:
        with transaction.atomic():
            yield
            plans, _batch.plans = _batch.plans, None
            refresh_plans(plans)
    finally:
        _batch.plans = None


def refresh_plans(plans: Iterable[Plan | int]) -> None:
    """Store the evaluation of each plan afresh, for every audience (at the end of the batch, inside one)."""
    ids = sorted({plan if isinstance(plan, int) else plan.pk for plan in plans})
    if not ids:
        return
    if getattr(_batch, "plans", None) is not None:
        _batch.plans.update(ids)
        return
    with transaction.atomic():
        # Two approvals at once must not both delete the old rows and then both insert new ones: the plan
        # rows are locked first (in one order), so the second refresh waits and then sees the first's rows.
        plans_found = list(Plan.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        EvaluationResult.objects.filter(plan_id__in=ids).delete()
        RollupResult.objects.filter(plan_id__in=ids).delete()
        for plan in plans_found:
            _store(plan)


def plans_measured_by(organisations: Iterable[Organisation | int]) -> list[int]:
    """The plans with an indicator part measured by the organisations' reports (linked or pending)."""
    ids = [o if isinstance(o, int) else o.pk for o in organisations]
    query = IndicatorLink.objects.filter(organisation_id__in=ids)
    return sorted(set(query.values_list("part__indicator__approach__policy__goal__plan_id", flat=True)))


def refresh_for_organisations(organisations: Iterable[Organisation | int]) -> None:
    """Refresh every plan that the organisations' reports measure."""
    refresh_plans(plans_measured_by(organisations))


def refresh_for_report(report: Any, statuses: Iterable[str]) -> None:
    """Refresh the plans a report measures when it counted before or counts now (approved or published)."""
    counted = {ReportStatus.APPROVED, ReportStatus.PUBLISHED}
    if counted & {*statuses, report.status}:
        refresh_for_organisations([report.organisation_id])


def store_missing() -> int:
    """Store the evaluation of every plan that has none (a database migrated from a version before stored
    evaluations, or restored from its backup); how many plans were evaluated."""
    stored = RollupResult.objects.filter(level="plan", as_of_year=None).values_list("plan_id", flat=True)
    missing = list(Plan.objects.exclude(pk__in=stored).values_list("pk", flat=True))
    refresh_plans(missing)
    return len(missing)


def recompute(organisation: Organisation | None = None) -> int:
    """Rebuild the stored evaluation of every plan (of one organisation: its own and those its reports
    measure); how many plans were evaluated."""
    if organisation is None:
        ids = list(Plan.objects.values_list("pk", flat=True))
        with transaction.atomic():
            EvaluationResult.objects.all().delete()
            RollupResult.objects.all().delete()
            refresh_plans(ids)
        return len(ids)
    own = Plan.objects.filter(organisation=organisation).values_list("pk", flat=True)
    ids = sorted(set(own) | set(plans_measured_by([organisation])))
    refresh_plans(ids)
    return len(ids)


def _store(plan: Plan) -> None:
    organisations = _report_organisations(plan)
    results: list[EvaluationResult] = []
    summaries: list[RollupResult] = []
    for audience, gathered in gather_by_status([plan], COUNTED).items():
        results.extend(_part_rows(plan, audience, gathered, organisations))
        summaries.extend(_rollup_rows(plan, audience, gathered, organisations))
    EvaluationResult.objects.bulk_create(results, batch_size=500)
    RollupResult.objects.bulk_create(summaries, batch_size=500)


def _report_organisations(plan: Plan) -> dict[int, list[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    links = IndicatorLink.objects.filter(part__indicator__approach__policy__goal__plan=plan)
    for part_id, organisation_id in links.values_list("part_id", "organisation_id"):
        found[part_id].add(organisation_id)
    return {part_id: sorted(ids) for part_id, ids in found.items()}


def _years(gathered: GatheredPart) -> list[int]:
    return sorted({a.fiscal_year for a in gathered.actuals} | {m.fiscal_year for m in gathered.misses})


def _part_rows(
    plan: Plan, audience: str, gathered: list[GatheredPart], organisations: dict[int, list[int]]
) -> Iterable[EvaluationResult]:
    for order, found in enumerate(gathered):
        part = found.part
        years = _years(found)
        whole = found.evaluate()
        common: dict[str, Any] = {
            "plan": plan,
            "part": part,
            "indicator_id": part.indicator_id,
            "audience": audience,
            "order": order,
        }
        yield EvaluationResult(
            **common,
            as_of_year=None,
            grade=whole.grade_in(None),
            first_year=years[0] if years else None,
            last_year=years[-1] if years else None,
            report_organisations=organisations.get(part.pk, []),
            data=json.dumps(
                {**part_json(whole), "indicator": indicator_json(part.indicator)}, ensure_ascii=False
            ),
        )
        for year in range(years[0], years[-1] + 1) if years else ():
            then = found.evaluate(year)
            projection = then.evaluation.projection
            yield EvaluationResult(
                **common,
                as_of_year=year,
                grade=then.grade_in(year),
                data=json.dumps({"projection": projection.to_json() if projection else None}),
            )


def _rollup_rows(
    plan: Plan, audience: str, gathered: list[GatheredPart], organisations: dict[int, list[int]]
) -> Iterable[RollupResult]:
    years = sorted({year for found in gathered for year in _years(found)})
    reporting = sorted({o for ids in organisations.values() for o in ids})
    for year in [None, *(range(years[0], years[-1] + 1) if years else ())]:
        grades: dict[Any, list[str]] = defaultdict(list)
        counts: dict[str, int] = dict.fromkeys(GRADE_ORDER, 0)
        for found in gathered:
            grade = found.evaluate(year).grade_in(year)
            grades[found.part.indicator.approach].append(grade)
            counts[grade] = counts.get(grade, 0) + 1
        yield RollupResult(
            plan=plan,
            audience=audience,
            as_of_year=year,
            level="plan",
            subject_id=plan.pk,
            order=0,
            first_year=years[0] if years and year is None else None,
            last_year=years[-1] if years and year is None else None,
            report_organisations=reporting if year is None else [],
            data={"counts": counts, "parts": len(gathered)},
        )
        for order, row in enumerate(rollups(grades), start=1):
            yield RollupResult(
                plan=plan,
                audience=audience,
                as_of_year=year,
                level=row["level"],
                subject_id=row["id"],
                number=row["number"],
                title=row["title"][:500],
                order=order,
                grade=row["grade"],
            )


def plans_touched_by(obj: object) -> list[int]:
    """The plans whose evaluation a stored object takes part in (for writes that may touch any model)."""
    from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Policy
    from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, ReportPart

    tree = {
        Plan: "pk",
        Goal: "plan_id",
        Policy: "goal__plan_id",
        Approach: "policy__goal__plan_id",
        Indicator: "approach__policy__goal__plan_id",
        IndicatorPart: "indicator__approach__policy__goal__plan_id",
        IndicatorLink: "part__indicator__approach__policy__goal__plan_id",
    }
    reporting = {
        Report: "organisation_id",
        ReportPart: "report__organisation_id",
        ProjectEntry: "report__organisation_id",
        Quantity: "entry__report__organisation_id",
        Project: "organisation_id",
    }
    model = type(obj)
    pk = getattr(obj, "pk", None)
    if pk is None:
        return []
    if model in tree:
        return sorted(set(model._default_manager.filter(pk=pk).values_list(tree[model], flat=True)))
    if model in reporting:
        ids = model._default_manager.filter(pk=pk).values_list(reporting[model], flat=True)
        return plans_measured_by(list(ids))
    return []
