"""What Sasaeai publishes as open data, read as an anonymous visitor would: the datasets and their rows.

Plans and indicators are public; reports, their figures and the evaluation
use published reports only.  ``docs/opendata.md`` documents every column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser

from sasaeai.core.periods import Period
from sasaeai.people.roles import Actor
from sasaeai.plans.models import IndicatorPart, Item, Plan
from sasaeai.reports.models import ProjectEntry, Quantity, Report

from .opendata import Column, Dataset, clean_rows, japanese_year, write_dataset
from .queries import plain_decimal


def _year_columns(key: str, heading: str) -> tuple[Column, Column]:
    return Column(key, f"{heading}（西暦）"), Column(f"{key}_wareki", f"{heading}（和暦）")


PLANS = Dataset(
    "plans",
    "計画",
    (
        Column("plan_id", "計画ID"),
        Column("title", "計画名"),
        Column("kind", "計画の種別"),
        Column("organisation", "策定主体"),
        *_year_columns("start_year", "開始年度"),
        *_year_columns("end_year", "終了年度"),
    ),
)
PLAN_ITEMS = Dataset(
    "plan_items",
    "計画体系（取組項目と担当課）",
    (
        Column("plan_id", "計画ID"),
        Column("goal_number", "基本目標番号"),
        Column("goal", "基本目標"),
        Column("policy_number", "施策番号"),
        Column("policy", "施策"),
        Column("approach_number", "取組方針番号"),
        Column("approach", "取組方針"),
        Column("item_number", "取組項目番号"),
        Column("item", "取組項目"),
        Column("department", "担当課"),
    ),
    "One row per item and responsible department (a department per cell).",
)
INDICATORS = Dataset(
    "indicators",
    "評価指標",
    (
        Column("part_id", "指標項目ID"),
        Column("plan_id", "計画ID"),
        Column("goal_number", "基本目標番号"),
        Column("policy_number", "施策番号"),
        Column("approach_number", "取組方針番号"),
        Column("approach", "取組方針"),
        Column("indicator", "評価指標"),
        Column("part", "項目"),
        Column("unit", "単位"),
        Column("direction", "目指す方向"),
        *_year_columns("baseline_year", "基準年度"),
        Column("baseline_value", "基準値"),
        Column("baseline_text", "基準値（原文）"),
        *_year_columns("target_year", "目標年度"),
        Column("target_value", "目標値"),
        Column("target_text", "目標値（原文）"),
        Column("target_qualifier", "目標の条件"),
    ),
)
EVALUATIONS = Dataset(
    "evaluations",
    "評価指標の実績と評価",
    (
        Column("part_id", "指標項目ID"),
        Column("indicator", "評価指標"),
        Column("part", "項目"),
        Column("unit", "単位"),
        *_year_columns("fiscal_year", "年度"),
        Column("value", "実績値"),
        Column("achievement_percent", "達成率（%）"),
        Column("progress_percent", "進捗率（%）"),
        Column("expected_progress_percent", "期待進捗率（%）"),
        Column("grade", "評価"),
        Column("partial", "年度途中の値（1=はい）"),
    ),
)
EVALUATION_TEXTS = Dataset(
    "evaluation_texts",
    "評価文（承認済み）",
    (
        Column("plan_id", "計画ID"),
        *_year_columns("fiscal_year", "年度"),
        Column("subject", "対象"),
        Column("approach_number", "取組方針番号"),
        Column("approach", "取組方針"),
        Column("part_id", "指標項目ID"),
        Column("indicator", "評価指標"),
        Column("part", "項目"),
        Column("text", "評価文"),
        Column("approved_on", "承認日"),
    ),
    "One row per approved evaluation text of an approach or an indicator part.",
)
REPORTS = Dataset(
    "reports",
    "事業報告（公開分）",
    (
        Column("report_id", "報告ID"),
        Column("organisation", "報告主体"),
        Column("title", "表題"),
        *_year_columns("fiscal_year", "年度"),
        Column("period", "期間"),
        Column("period_start", "期間の開始日"),
        Column("period_end", "期間の終了日"),
        *_year_columns("comparison_fiscal_year", "比較年度"),
    ),
)
REPORT_PROJECTS = Dataset(
    "report_projects",
    "事業報告の事業別内容（公開分）",
    (
        Column("report_id", "報告ID"),
        *_year_columns("fiscal_year", "年度"),
        Column("period", "期間"),
        Column("segment", "拠点区分"),
        Column("service", "サービス区分"),
        Column("number", "事業番号"),
        Column("project", "事業名"),
        Column("department", "担当課"),
        Column("plan_goal", "計画体系（基本目標番号）"),
        Column("activities", "具体的な実施事項"),
        Column("narrative", "事業実績内容"),
        Column("current_text", "今期実績（原文）"),
        Column("comparison_text", "比較期実績（原文）"),
    ),
)
REPORT_FIGURES = Dataset(
    "report_figures",
    "事業報告の実績数値（公開分）",
    (
        Column("report_id", "報告ID"),
        Column("period", "期間"),
        Column("side", "今期／比較期"),
        *_year_columns("fiscal_year", "実績の年度"),
        Column("project", "事業名"),
        Column("department", "担当課"),
        Column("label", "項目"),
        Column("value", "値"),
        Column("unit", "単位"),
        Column("qualifier", "区分"),
        Column("as_of", "時点"),
    ),
)
DATASETS = (
    PLANS,
    PLAN_ITEMS,
    INDICATORS,
    EVALUATIONS,
    EVALUATION_TEXTS,
    REPORTS,
    REPORT_PROJECTS,
    REPORT_FIGURES,
)
CHUNK = 2000  # rows fetched from the database at a time: the files are written a row at a time, never whole
PERIOD_WORDS = {"Q1": "第1四半期", "Q2": "第2四半期", "Q3": "第3四半期", "Q4": "第4四半期", "FY": "通年"}


def with_wareki(row: dict[str, Any]) -> dict[str, Any]:
    """Add the 和暦 column beside every Western-year column of a row."""
    years = {
        key: value for key, value in row.items() if key.endswith("year") and isinstance(value, int | None)
    }
    return {**row, **{f"{key}_wareki": japanese_year(value) for key, value in years.items()}}


def plan_rows() -> Iterator[dict[str, Any]]:
    for plan in Plan.objects.select_related("organisation").order_by("pk").iterator(CHUNK):
        yield with_wareki(
            {
                "plan_id": plan.pk,
                "title": plan.title,
                "kind": plan.get_kind_display(),
                "organisation": plan.organisation.name,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
            }
        )


def plan_item_rows() -> Iterator[dict[str, Any]]:
    items = Item.objects.select_related("approach__policy__goal").prefetch_related("departments")
    for item in items.in_plan_order().iterator(CHUNK):
        approach = item.approach
        base = {
            "plan_id": approach.policy.goal.plan_id,
            "goal_number": approach.policy.goal.number,
            "goal": approach.policy.goal.title,
            "policy_number": approach.policy.number,
            "policy": approach.policy.title,
            "approach_number": approach.number,
            "approach": approach.title,
            "item_number": item.number,
            "item": item.title,
        }
        for department in item.departments.all() or [None]:
            yield {**base, "department": department.name if department else None}


def indicator_rows() -> Iterator[dict[str, Any]]:
    parts = IndicatorPart.objects.select_related("indicator__approach__policy__goal").in_plan_order()
    for part in parts.iterator(CHUNK):
        approach = part.indicator.approach
        yield with_wareki(
            {
                "part_id": part.pk,
                "plan_id": approach.policy.goal.plan_id,
                "goal_number": approach.policy.goal.number,
                "policy_number": approach.policy.number,
                "approach_number": approach.number,
                "approach": approach.title,
                "indicator": part.indicator.name,
                "part": part.label,
                "unit": part.unit,
                "direction": part.get_direction_display(),
                "baseline_year": part.baseline_year,
                "baseline_value": part.baseline_value,
                "baseline_text": part.baseline_text,
                "target_year": part.target_year,
                "target_value": part.target_value,
                "target_text": part.target_text,
                "target_qualifier": part.target_qualifier,
            }
        )


def evaluation_rows(user: Actor) -> Iterator[dict[str, Any]]:
    """Every graded actual of every plan's parts, from the reports ``user`` may read."""
    from .queries import indicator_sheet

    ids = {(row["indicator"], row["part"] or "", row["approach"]): row["part_id"] for row in indicator_rows()}
    for plan in Plan.objects.order_by("pk"):
        sheet = indicator_sheet(user, plan)
        for approach, indicator in sheet.indicators():
            for part in indicator.parts:
                for actual in part.actuals:
                    yield with_wareki(
                        {
                            "part_id": ids.get((indicator.name, part.label, approach.title)),
                            "indicator": indicator.name,
                            "part": part.label,
                            "unit": part.unit,
                            "fiscal_year": actual.fiscal_year,
                            "value": actual.value,
                            "achievement_percent": _percent(actual.achievement_rate),
                            "progress_percent": _percent(actual.progress),
                            "expected_progress_percent": _percent(actual.expected_progress),
                            "grade": actual.grade,
                            "partial": actual.partial,
                        }
                    )


def evaluation_text_rows() -> Iterator[dict[str, Any]]:
    """Every approved evaluation text, approaches before their parts, in plan order."""
    from sasaeai.evaluation.models import EvaluationText, TextStatus

    texts = EvaluationText.objects.filter(status=TextStatus.APPROVED).select_related(
        "approach__policy__goal", "part__indicator__approach__policy__goal"
    )
    rows = []
    for text in texts:
        part = text.part
        approach = part.indicator.approach if part else text.approach
        assert approach is not None  # a text is of a part or of an approach (a database constraint)
        order = (
            text.plan_id,
            text.fiscal_year,
            approach.policy.goal.number or 0,
            approach.policy.number or 0,
        )
        place = (
            approach.number or 0,
            approach.pk,
            *((1, part.indicator.order, part.order, part.pk) if part else (0, 0, 0, 0)),
        )
        rows.append(
            (
                order + place,
                with_wareki(
                    {
                        "plan_id": text.plan_id,
                        "fiscal_year": text.fiscal_year,
                        "subject": "評価指標" if part else "取組方針",
                        "approach_number": approach.number,
                        "approach": approach.title,
                        "part_id": part.pk if part else None,
                        "indicator": part.indicator.name if part else None,
                        "part": part.label if part else None,
                        "text": text.text,
                        "approved_on": text.approved_at.date() if text.approved_at else None,
                    }
                ),
            )
        )
    for _, row in sorted(rows, key=lambda pair: pair[0]):
        yield row


def _percent(rate: Any) -> Any:
    return None if rate is None else (rate * 100).quantize(rate.__class__("0.01"))


def report_rows(user: Actor) -> Iterator[dict[str, Any]]:
    reports = Report.objects.visible_to(user).select_related("organisation")
    for report in reports.order_by("fiscal_year", "period").iterator(CHUNK):
        period = Period.from_code(report.fiscal_year, report.period)
        yield with_wareki(
            {
                "report_id": report.pk,
                "organisation": report.organisation.name,
                "title": report.title,
                "fiscal_year": report.fiscal_year,
                "period": PERIOD_WORDS[report.period],
                "period_start": period.start,
                "period_end": period.end,
                "comparison_fiscal_year": report.comparison_fiscal_year,
            }
        )


def report_project_rows(user: Actor) -> Iterator[dict[str, Any]]:
    entries = ProjectEntry.objects.visible_to(user)
    entries = entries.select_related("report", "project__department").order_by("report_id", "order")
    for entry in entries.iterator(CHUNK):
        project = entry.project
        yield with_wareki(
            {
                "report_id": entry.report_id,
                "fiscal_year": entry.report.fiscal_year,
                "period": PERIOD_WORDS[entry.report.period],
                "segment": project.segment,
                "service": project.service,
                "number": project.number,
                "project": project.name,
                "department": project.department.name if project.department else None,
                "plan_goal": project.plan_goal,
                "activities": entry.activities,
                "narrative": entry.narrative,
                "current_text": entry.current_text,
                "comparison_text": entry.comparison_text,
            }
        )


def report_figure_rows(user: Actor) -> Iterator[dict[str, Any]]:
    quantities = Quantity.objects.visible_to(user)
    quantities = quantities.select_related("entry__report", "entry__project__department")
    for quantity in quantities.order_by("entry__report_id", "entry__order", "side", "order").iterator(CHUNK):
        entry, report = quantity.entry, quantity.entry.report
        current = quantity.side == "current"
        year = (
            report.fiscal_year if current else (entry.comparison_fiscal_year or report.comparison_fiscal_year)
        )
        yield with_wareki(
            {
                "report_id": report.pk,
                "period": PERIOD_WORDS[report.period],
                "side": "今期" if current else "比較期",
                "fiscal_year": year,
                "project": entry.project.name,
                "department": entry.project.department.name if entry.project.department else None,
                "label": quantity.label,
                "value": None if quantity.value is None else plain_decimal(quantity.value),
                "unit": quantity.unit,
                "qualifier": quantity.qualifier,
                "as_of": quantity.as_of,
            }
        )


def dataset_rows(dataset: Dataset, user: Actor) -> Iterator[dict[str, Any]]:
    sources: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
        PLANS.name: plan_rows,
        PLAN_ITEMS.name: plan_item_rows,
        INDICATORS.name: indicator_rows,
        EVALUATIONS.name: lambda: evaluation_rows(user),
        EVALUATION_TEXTS.name: evaluation_text_rows,
        REPORTS.name: lambda: report_rows(user),
        REPORT_PROJECTS.name: lambda: report_project_rows(user),
        REPORT_FIGURES.name: lambda: report_figure_rows(user),
    }
    return sources[dataset.name]()


def clean_dataset_rows(dataset: Dataset, user: Actor) -> list[dict[str, Any]]:
    """A dataset's rows with every cell made machine-readable, all at once (the files stream them instead)."""
    return list(clean_rows(dataset, dataset_rows(dataset, user)))


def export_opendata(directory: Path) -> list[Path]:
    """Write every dataset as CSV and JSON into ``directory`` (created if missing); returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    public = AnonymousUser()
    written: list[Path] = []
    for dataset in DATASETS:
        written.extend(write_dataset(directory, dataset, dataset_rows(dataset, public)))
    return written
