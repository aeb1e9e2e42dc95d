"""The committee's indicator sheet: goal → policy → approach → indicator → part.

Plain records with the core's evaluation inside; the xlsx, PDF and page draw
them.  :func:`sheet_from_plan_json` builds one from the plan interchange JSON
(the plan JSON of ``docs/plan-format.md``) and a table of actuals, so it
needs no database; the query layer builds the same records from stored plans.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sasaeai.core.evaluation import (
    DEFAULT_THRESHOLDS,
    GRADE_LABELS,
    NOT_EVALUATED,
    ROLLUP_LABELS,
    Actual,
    GradedActual,
    IndicatorPart,
    PartEvaluation,
    Thresholds,
    evaluate_part,
    roll_up,
)
from sasaeai.core.periods import FiscalYear
from sasaeai.core.records import format_number

from .charts import TrendSeries, describe, svg_data_uri, trend_svg


@dataclass(frozen=True)
class SheetComment:
    """A committee member's remark (推進委員会の意見) shown under what it is about."""

    fiscal_year: int | None
    author: str
    text: str


@dataclass
class SheetPart:
    """One row of the sheet: a part's baseline, actuals up to the sheet's year, target and grade."""

    evaluation: PartEvaluation
    indicator_name: str
    up_to_year: int | None = None
    text: str = ""  # the approved evaluation text (評価文) of the sheet's year

    @property
    def part(self) -> IndicatorPart:
        return self.evaluation.part

    @property
    def label(self) -> str:
        return self.part.label or ""

    @property
    def unit(self) -> str:
        return self.part.unit or ""

    @property
    def actuals(self) -> list[GradedActual]:
        year = self.up_to_year
        return [a for a in self.evaluation.actuals if year is None or a.fiscal_year <= year]

    @property
    def latest(self) -> GradedActual | None:
        """The latest complete year: what the grade and 達成率 are of (a year in progress is never graded)."""
        complete = [a for a in self.actuals if a.complete]
        return complete[-1] if complete else None

    @property
    def grade(self) -> str:
        latest = self.latest
        return (latest.grade or NOT_EVALUATED) if latest else NOT_EVALUATED

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS.get(self.grade, self.grade)

    @property
    def achievement_percent(self) -> Decimal | None:
        latest = self.latest
        if latest is None or latest.achievement_rate is None:
            return None
        return (latest.achievement_rate * 100).quantize(Decimal("0.1"))

    @property
    def baseline_text(self) -> str:
        return _measure_text(self.part.baseline.value, self.part.baseline.text)

    @property
    def target_text(self) -> str:
        measure = self.part.target
        return _measure_text(measure.value, measure.text) + (measure.qualifier or "")

    @property
    def achievement_text(self) -> str:
        percent = self.achievement_percent
        return "" if percent is None else f"{format_number(percent)}%"

    @property
    def grade_reason(self) -> str:
        """The numbers behind the grade, in one line: 令和6年度の実績 91か所／目標値 83か所（令和8年度）…"""
        latest, part, unit = self.latest, self.part, self.unit
        if latest is None:
            return "1年分の実績がまだないため評価していません。"
        said = [f"{FiscalYear(latest.fiscal_year).era_label()}の実績 {format_number(latest.value)}{unit}"]
        for word, measure in (("目標値", part.target), ("基準値", part.baseline)):
            if measure.value is not None:
                year = f"（{FiscalYear(measure.fiscal_year).era_label()}）" if measure.fiscal_year else ""
                said.append(f"{word} {format_number(measure.value)}{unit}{measure.qualifier or ''}{year}")
        if latest.achievement_rate is not None:
            said.append(f"達成率 {self.achievement_text}")
        if latest.progress is not None and latest.expected_progress is not None:
            said.append(
                f"進捗 {_percent(latest.progress)}（直線の道のりでは {_percent(latest.expected_progress)}）"
            )
        return "／".join(said)

    def actual_in(self, fiscal_year: int) -> GradedActual | None:
        return next((a for a in self.actuals if a.fiscal_year == fiscal_year), None)

    def series(self) -> TrendSeries:
        part = self.part
        title = f"{self.indicator_name} {self.label}".strip()
        return TrendSeries(
            title=title,
            unit=self.unit,
            baseline=_point(part.baseline.fiscal_year, part.baseline.value),
            target=_point(part.target.fiscal_year, part.target.value),
            # a year in progress would draw a false dip
            actuals=tuple((a.fiscal_year, a.value) for a in self.actuals if a.complete),
        )

    @property
    def chart_svg(self) -> str:
        return trend_svg(self.series())

    @property
    def has_chart(self) -> bool:
        series = self.series()
        return bool(series.actuals) or (series.baseline is not None and series.target is not None)

    @property
    def chart_data_uri(self) -> str:
        return svg_data_uri(self.chart_svg)

    @property
    def chart_text(self) -> str:
        return describe(self.series())


def _percent(rate: Decimal) -> str:
    return f"{format_number((rate * 100).quantize(Decimal('1')))}%"


def _measure_text(value: Decimal | None, text: str) -> str:
    return text if value is None else format_number(value)


def _point(year: int | None, value: Decimal | None) -> tuple[int, Decimal] | None:
    return None if year is None or value is None else (year, value)


@dataclass
class SheetIndicator:
    """評価指標 on the sheet, with its parts and the committee's comments on it."""

    name: str
    parts: list[SheetPart]
    comments: list[SheetComment] = field(default_factory=list)
    indicator_id: int | None = None  # the stored indicator, for a link to its page


@dataclass
class SheetNode:
    """A goal, policy or approach: number, title, children, and the roll-up grade of every part below."""

    level: str  # "goal", "policy" or "approach"
    number: int | None
    title: str
    children: list[SheetNode] = field(default_factory=list)
    indicators: list[SheetIndicator] = field(default_factory=list)
    comments: list[SheetComment] = field(default_factory=list)
    rollup: str | None = None
    text: str = ""  # the approved evaluation text of an approach

    @property
    def heading(self) -> str:
        prefix = {"goal": "基本目標", "policy": "施策", "approach": "取組方針"}[self.level]
        number = "" if self.number is None else str(self.number)
        return f"{prefix}{number} {self.title}".strip()

    @property
    def rollup_label(self) -> str:
        if self.rollup is None:
            return "未評価"
        return f"{self.rollup}（{ROLLUP_LABELS[self.rollup]}）"

    def parts(self) -> Iterator[SheetPart]:
        for indicator in self.indicators:
            yield from indicator.parts
        for child in self.children:
            yield from child.parts()


@dataclass
class IndicatorSheet:
    """The whole sheet: the plan, the years shown, and its goals."""

    plan_title: str
    goals: list[SheetNode]
    up_to_year: int | None = None
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    @property
    def heading(self) -> str:
        year = f"（{FiscalYear(self.up_to_year).label()}まで）" if self.up_to_year else ""
        return f"評価指標の進捗状況{year}"

    @property
    def years(self) -> list[int]:
        """Every fiscal year that has an actual on the sheet, in order."""
        return sorted({a.fiscal_year for part in self.parts() for a in part.actuals})

    @property
    def baseline_heading(self) -> str:
        return _year_heading("基準値", {p.part.baseline.fiscal_year for p in self.parts()})

    @property
    def target_heading(self) -> str:
        return _year_heading("目標値", {p.part.target.fiscal_year for p in self.parts()})

    @property
    def year_headings(self) -> list[str]:
        return [f"R{year - 2018}（{year}）" if year >= 2019 else str(year) for year in self.years]

    def rows(self) -> list[SheetRow]:
        return sheet_rows(self)

    def parts(self) -> Iterator[SheetPart]:
        for goal in self.goals:
            yield from goal.parts()

    def indicators(self) -> Iterator[tuple[SheetNode, SheetIndicator]]:
        """(approach, indicator) in sheet order."""
        for node in self.nodes():
            for indicator in node.indicators:
                yield node, indicator

    def nodes(self) -> Iterator[SheetNode]:
        def walk(node: SheetNode) -> Iterator[SheetNode]:
            yield node
            for child in node.children:
                yield from walk(child)

        for goal in self.goals:
            yield from walk(goal)

    def finish(self) -> IndicatorSheet:
        """Set the year on every part and compute every roll-up grade; returns self."""
        for part in self.parts():
            part.up_to_year = self.up_to_year
        for node in self.nodes():
            node.rollup = roll_up((part.grade for part in node.parts()), self.thresholds)
        return self


@dataclass(frozen=True)
class SheetRow:
    """A flat row for templates and workbooks: a heading (goal/policy/approach), a part or a comment."""

    kind: str  # "node", "part", "text" (評価文) or "comment"
    node: SheetNode | None = None
    indicator: SheetIndicator | None = None
    part: SheetPart | None = None
    first_of_indicator: bool = False
    year_values: tuple[str, ...] = ()
    comment: SheetComment | None = None
    text: str = ""


def sheet_rows(sheet: IndicatorSheet) -> list[SheetRow]:
    """The sheet top to bottom: each node's heading and evaluation text, its parts (one row each, each
    followed by its evaluation text), then comments."""
    years = sheet.years
    rows: list[SheetRow] = []
    for node in sheet.nodes():
        rows.append(SheetRow("node", node=node))
        if node.text:
            rows.append(SheetRow("text", node=node, text=node.text))
        rows.extend(SheetRow("comment", node=node, comment=c) for c in node.comments)
        for indicator in node.indicators:
            for index, part in enumerate(indicator.parts):
                values = tuple(_actual_text(part.actual_in(year)) for year in years)
                rows.append(SheetRow("part", node, indicator, part, index == 0, values))
                if part.text:
                    rows.append(SheetRow("text", node, indicator, part, text=part.text))
            rows.extend(SheetRow("comment", node, indicator, comment=c) for c in indicator.comments)
    return rows


def _actual_text(actual: GradedActual | None) -> str:
    if actual is None:
        return ""
    if not actual.complete:  # 年度途中: the year to date, never the year's
        return f"{format_number(actual.value)}（{_QUARTER_WORDS.get(actual.period, actual.period)}まで）"
    return format_number(actual.value)


_QUARTER_WORDS = {"Q1": "第1四半期", "Q2": "第2四半期", "Q3": "第3四半期"}


def _year_heading(word: str, years: set[int | None]) -> str:
    known = sorted(year for year in years if year is not None)
    if len(known) == 1:
        year = known[0]
        return f"{word}（R{year - 2018}・{year}年度）" if year >= 2019 else f"{word}（{year}年度）"
    return word


# --- from the plan interchange JSON ------------------------------------------------------------

ActualsTable = Mapping[tuple[str, str | None], Sequence[Actual]]


def sheet_from_plan_json(
    plan: Mapping[str, Any],
    actuals: ActualsTable | None = None,
    *,
    up_to_year: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    title: str = "",
) -> IndicatorSheet:
    """The sheet of a plan in interchange JSON; ``actuals[(indicator name, part label)]`` lists its actuals."""
    table = actuals or {}
    goals = [
        SheetNode(
            "goal",
            goal.get("number"),
            goal.get("title") or "",
            children=[_policy(policy, table, thresholds) for policy in goal.get("policies") or []],
        )
        for goal in plan.get("goals") or []
    ]
    sheet = IndicatorSheet(title or plan.get("title") or "", goals, up_to_year, thresholds)
    return sheet.finish()


def _policy(policy: Mapping[str, Any], table: ActualsTable, thresholds: Thresholds) -> SheetNode:
    approaches = [
        SheetNode(
            "approach",
            approach.get("number"),
            approach.get("title") or "",
            indicators=[_indicator(i, table, thresholds) for i in approach.get("indicators") or []],
        )
        for approach in policy.get("approaches") or []
    ]
    return SheetNode("policy", policy.get("number"), policy.get("title") or "", children=approaches)


def _indicator(indicator: Mapping[str, Any], table: ActualsTable, thresholds: Thresholds) -> SheetIndicator:
    name = indicator.get("name") or ""
    parts = []
    for data in indicator.get("parts") or []:
        part = IndicatorPart.from_plan(data)
        evaluation = evaluate_part(part, table.get((name, part.label), ()), thresholds)
        parts.append(SheetPart(evaluation, name))
    return SheetIndicator(name, parts)
