"""The query layer: stored plans and reports → the plain records the writers draw.

Every function takes the user it reads for and asks :mod:`sasaeai.people.permissions`
what that user may see, so the command line, the pages and the API export
exactly what their reader may read.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from sasaeai.core import records
from sasaeai.core.errors import SasaeaiError
from sasaeai.core.evaluation import GradedActual, IndicatorPart, Measure, PartEvaluation, Thresholds
from sasaeai.core.periods import FiscalYear, Period
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Comment, Plan
from sasaeai.reports.models import ProjectEntry, Quantity, Report, ReportStatus, Side

from .evaluation_sheet import IndicatorSheet, SheetComment, SheetIndicator, SheetNode, SheetPart
from .report_sheet import ReportSheet


class NotFound(SasaeaiError):
    """What was asked for is not stored, or the reader may not see it."""


# --- reports -----------------------------------------------------------------------------------


def find_report(user: Actor, fiscal_year: int, period: str, organisation: str | None = None) -> Report:
    """The one report of a fiscal year and period that ``user`` may read."""
    reports = Report.objects.visible_to(user).filter(fiscal_year=fiscal_year, period=period.upper())
    if organisation:
        reports = reports.filter(organisation__name=organisation)
    found = list(reports.select_related("organisation")[:2])
    label = Period.from_code(fiscal_year, period).label()
    if not found:
        raise NotFound(f"There is no report for FY{fiscal_year} {period}.", f"{label}の報告はありません。")
    if len(found) > 1:
        raise NotFound(
            f"Several organisations reported FY{fiscal_year} {period}; name one with --organisation.",
            f"{label}の報告が複数の組織にあります。組織を指定してください。",
        )
    return found[0]


def report_entries(report: Report) -> QuerySet[ProjectEntry]:
    return report.entries.select_related("project", "project__department").prefetch_related(
        Prefetch("quantities", queryset=Quantity.objects.in_report_order())
    )


def quantity_record(quantity: Quantity) -> records.Quantity:
    assert quantity.value is not None, "an unreadable figure is left out before"
    return records.Quantity(
        value=plain_decimal(quantity.value),
        unit=quantity.unit or None,
        label=quantity.label,
        qualifier=quantity.qualifier or None,
        as_of=quantity.as_of or None,
        start=quantity.span_start or 0,
        end=quantity.span_end or 0,
        source_text=quantity.source_text,
    )


def plain_decimal(value: Decimal) -> Decimal:
    """46 for a stored 46.0000, 90.08 for 90.0800 (the database pads to four places)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def entry_record(entry: ProjectEntry) -> records.ProjectEntry:
    project = entry.project
    quantities = list(entry.quantities.all())
    return records.ProjectEntry(
        line=entry.line or 0,
        name=project.name,
        segment=project.segment or None,
        service=project.service or None,
        number=project.number,
        department=project.department.name if project.department else None,
        plan_goal=project.plan_goal,
        plan_text=entry.plan_text,
        activities=entry.activities,
        narrative=entry.narrative,
        current_text=entry.current_text,
        comparison_text=entry.comparison_text,
        # A figure stored outside the range is unreadable (None): the export leaves it out.
        current=[quantity_record(q) for q in quantities if q.side == Side.CURRENT and q.value is not None],
        comparison=[
            quantity_record(q) for q in quantities if q.side == Side.COMPARISON and q.value is not None
        ],
    )


def report_sheet(report: Report) -> ReportSheet:
    """The printable sheet of a stored report (the caller has checked that it may be read)."""
    period = Period.from_code(report.fiscal_year, report.period)
    compare = None
    if report.comparison_fiscal_year:
        compare = Period(FiscalYear(report.comparison_fiscal_year), period.quarter)
    return ReportSheet(
        organisation=report.organisation.name,
        period=period,
        comparison_period=compare,
        projects=[entry_record(entry) for entry in report_entries(report)],
        title=report.title,
        report_id=report.pk,
        status="" if report.status == ReportStatus.PUBLISHED else report.get_status_display(),
    )


# --- indicator sheet ---------------------------------------------------------------------------


def find_plan(plan_id: int | None = None) -> Plan:
    """The plan asked for, or the only plan with indicators, or the newest city plan."""
    plans = Plan.objects.select_related("organisation")
    if plan_id is not None:
        plan = plans.filter(pk=plan_id).first()
    else:
        plan = (
            plans.filter(goals__policies__approaches__indicators__isnull=False)
            .order_by("-start_year")
            .first()
        )
    if plan is None:
        raise NotFound(
            "No plan with indicators is stored; import one first.", "評価指標のある計画がありません。"
        )
    return plan


def part_evaluation(data: dict[str, Any]) -> PartEvaluation:
    """A part's evaluation from the per-part JSON of :func:`evaluate_plans` (grades kept as given)."""
    part = IndicatorPart(
        label=data.get("label"),
        unit=data.get("unit"),
        direction=data.get("direction") or "increase",
        baseline=_measure(data.get("baseline") or {}),
        target=_measure(data.get("target") or {}),
    )
    actuals = [
        GradedActual(
            fiscal_year=int(actual["fiscal_year"]),
            value=_decimal(actual["value"]) or Decimal(0),
            achievement_rate=_decimal(actual.get("achievement_rate")),
            progress=_decimal(actual.get("progress")),
            expected_progress=_decimal(actual.get("expected_progress")),
            grade=actual.get("grade"),
            source=actual.get("source") or "",
            period=actual.get("period") or "FY",
            complete=actual.get("complete", True),
            same_period_last_year=_decimal((actual.get("pace") or {}).get("same_period_last_year")),
        )
        for actual in data.get("actuals") or []
    ]
    return PartEvaluation(part, actuals)


def _measure(data: dict[str, Any]) -> Measure:
    return Measure(
        data.get("fiscal_year"), _decimal(data.get("value")), data.get("text") or "", data.get("qualifier")
    )


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def indicator_sheet(
    user: Actor, plan: Plan, up_to_year: int | None = None, preview: bool = False
) -> IndicatorSheet:
    """The committee's indicator sheet of a stored plan, graded from the reports ``user`` may read.

    Grades come from the stored evaluation (:func:`stored_evaluation`, the same
    results ``evaluate --json`` prints); ``preview`` evaluates live with the
    figures not yet approved, for the secretariat's page only (never an export).
    This only arranges them under the plan's tree with the comments.
    """
    from sasaeai.evaluation.services.evaluate import evaluate_plans
    from sasaeai.evaluation.services.results import stored_evaluation
    from sasaeai.evaluation.services.texts import APPROACH, PART, approved_texts

    evaluated: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    if preview:
        indicators_json = evaluate_plans(user, up_to_year, [plan], include_unapproved=True)["indicators"]
    else:
        indicators_json = stored_evaluation(user, up_to_year, [plan], with_rollups=False)["indicators"]
    for entry in indicators_json:
        evaluated[(entry["goal"], entry["policy"], entry["approach"], entry["name"])].append(entry)
    texts = approved_texts(plan, up_to_year or _latest_complete_year(indicators_json))
    thresholds = Thresholds.from_json(_known_thresholds(plan.thresholds))
    # Committee remarks are working notes: staff and committee see them, anonymous visitors do not.
    comments = _comments(plan, up_to_year) if permissions.can_view_unpublished(user) else defaultdict(list)
    goals = []
    for goal in plan.goals.prefetch_related("policies__approaches__indicators"):
        policies = []
        for policy in goal.policies.all():
            approaches = []
            for approach in policy.approaches.all():
                indicators = []
                for indicator in approach.indicators.all():
                    found = evaluated[(goal.title, policy.title, approach.title, indicator.name)]
                    entry = found.pop(0) if found else {"parts": []}
                    parts = [
                        SheetPart(
                            part_evaluation(part), indicator.name, text=texts.get((PART, part["id"]), "")
                        )
                        for part in entry["parts"]
                    ]
                    indicators.append(
                        SheetIndicator(
                            indicator.name, parts, comments[("indicator", indicator.pk)], indicator.pk
                        )
                    )
                approaches.append(
                    SheetNode(
                        "approach",
                        approach.number,
                        approach.title,
                        indicators=indicators,
                        comments=comments[("approach", approach.pk)],
                        text=texts.get((APPROACH, approach.pk), ""),
                    )
                )
            policies.append(SheetNode("policy", policy.number, policy.title, children=approaches))
        goals.append(
            SheetNode(
                "goal", goal.number, goal.title, children=policies, comments=comments[("goal", goal.pk)]
            )
        )
    return IndicatorSheet(plan.title, goals, up_to_year, thresholds).finish()


def _latest_complete_year(indicators: list[dict[str, Any]]) -> int | None:
    """The latest year with a complete actual: the year a sheet of all years is evaluated in."""
    years = [
        actual["fiscal_year"]
        for indicator in indicators
        for part in indicator["parts"]
        for actual in part["actuals"]
        if actual.get("complete", True)
    ]
    return max(years, default=None)


def _known_thresholds(stored: dict[str, Any] | None) -> dict[str, Any]:
    known = {"percent_tolerance", "default_tolerance", "rollup_a", "rollup_b", "rollup_c"}
    return {key: value for key, value in (stored or {}).items() if key in known}


def _comments(plan: Plan, up_to_year: int | None) -> dict[tuple[str, int], list[SheetComment]]:
    found: dict[tuple[str, int], list[SheetComment]] = defaultdict(list)
    stored = Comment.objects.about_plan(plan).select_related("author").order_by("fiscal_year", "created_at")
    if up_to_year is not None:
        stored = stored.filter(fiscal_year__lte=up_to_year)
    for comment in stored:
        author = comment.author.get_full_name() or comment.author.get_username()
        record = SheetComment(comment.fiscal_year, author, comment.text)
        for level in ("indicator", "approach", "goal"):
            key = getattr(comment, f"{level}_id")
            if key is not None:
                found[(level, key)].append(record)
    return found
