"""Grading an indicator part's actuals against its baseline and target.

The rules are those of DESIGN.md's "Evaluation" section.  For a part with
baseline B in year y0, target T in year y1 and an actual A in year y:

- achievement rate = A / T (also for decreasing indicators, as printed by
  Japanese cities' evaluation sheets); progress = (A - B) / (T - B);
  expected progress = (y - y0) / (y1 - y0), a straight path.
- grade, in this order:

  ``達成``  A has reached T (A >= T; A <= T for a decreasing part; a target
          qualified ``以上``/``以下`` is reached on the qualified side whatever
          the direction);
  ``a``     progress >= expected progress (順調);
  ``b``     A is better than B but behind the path, or equal to B within the
          tolerance (改善・維持);
  ``c``     A is worse than B beyond the tolerance (悪化);
  ``未評価`` no actual, or no number to compare it with.

- ``maintain`` parts, and parts whose target equals their baseline, are ``a``
  while A holds B (T when there is no B) within the tolerance and ``c``
  otherwise, above as well as below (a part that can still move in its
  direction gets ``達成`` once it reaches T).
- a part without a numeric baseline ("—") is graded from its target alone:
  ``達成`` when reached; for an increasing part ``a`` when A / T keeps up with
  the expected progress (a straight path from zero), ``b`` otherwise; a
  decreasing part that has not reached T is ``b``.
- a part without a numeric target is graded only when it is ``maintain``
  (against its baseline); otherwise it is ``未評価``.
- the tolerance is ``Thresholds.percent_tolerance`` points for units in
  ``PERCENT_UNITS`` and ``Thresholds.default_tolerance`` for any other unit.

Comparisons are exact (cross-multiplied :class:`~decimal.Decimal` values);
the rates in the records are rounded to four places for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal, cast

from .errors import ReaderError
from .plan_indicators import direction_of
from .records import json_number

Direction = Literal["increase", "decrease", "maintain"]
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "maintain")

ACHIEVED = "達成"
ON_TRACK = "a"
IMPROVING = "b"
WORSENING = "c"
NOT_EVALUATED = "未評価"
GRADES = (ACHIEVED, ON_TRACK, IMPROVING, WORSENING, NOT_EVALUATED)

ROLLUP_LABELS = {"A": "順調", "B": "概ね順調", "C": "やや遅れ", "D": "遅れ"}
GRADE_LABELS = {
    ACHIEVED: "達成",
    ON_TRACK: "順調",
    IMPROVING: "改善・維持",
    WORSENING: "悪化",
    NOT_EVALUATED: "未評価",
}

PERCENT_UNITS = frozenset({"%", "％", "ポイント", "pt"})
_RATE_PLACES = Decimal("0.0001")
_VALUE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Thresholds:
    """A plan's evaluation thresholds (評価基準); every field has the published-practice default.

    - ``percent_tolerance``: points within which a percent actual counts as
      equal to its baseline (surveys: ±3 points).
    - ``default_tolerance``: the same for every other unit (0: counts must
      not fall at all).
    - roll-up (A 順調 / B 概ね順調 / C やや遅れ / D 遅れ), from the shares of the
      graded parts below (達成 counts as a; 未評価 parts are left out):
      A when the share of a >= ``rollup_a``; else B when the share of a or b
      >= ``rollup_b``; else C when the share of a or b >= ``rollup_c``; else D.
    """

    percent_tolerance: Decimal = Decimal("3")
    default_tolerance: Decimal = Decimal("0")
    rollup_a: Decimal = Decimal("0.8")
    rollup_b: Decimal = Decimal("0.5")
    rollup_c: Decimal = Decimal("0.2")

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                raise ReaderError(
                    f"Threshold {item.name} must be a number of zero or more, not {value!r}.",
                    f"評価基準 {item.name} には0以上の数値を指定してください（{value!r}）。",
                )
        if not self.rollup_c <= self.rollup_b <= 1 or self.rollup_a > 1:
            raise ReaderError(
                "Roll-up shares must satisfy rollup_c <= rollup_b <= 1 and rollup_a <= 1.",
                "総合評価の割合は rollup_c ≦ rollup_b ≦ 1、rollup_a ≦ 1 としてください。",
            )

    def tolerance_for(self, unit: str | None) -> Decimal:
        """The tolerance that applies to a part measured in ``unit``."""
        return self.percent_tolerance if (unit or "").strip() in PERCENT_UNITS else self.default_tolerance

    def to_json(self) -> dict[str, int | float]:
        """``{"percent_tolerance": 3, "default_tolerance": 0, "rollup_a": 0.8, ...}``."""
        return {item.name: json_number(getattr(self, item.name)) for item in fields(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Thresholds:
        """Thresholds from :meth:`to_json`'s form; missing keys keep their default.

        Raises :class:`ReaderError` for unknown keys or values that are not numbers.
        """
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise ReaderError(
                "Thresholds must be a JSON object.", "評価基準はJSONオブジェクトで指定してください。"
            )
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ReaderError(
                f"Unknown threshold {unknown[0]!r}.", f"評価基準に不明な項目 {unknown[0]!r} があります。"
            )
        return cls(**{key: _to_decimal(key, value) for key, value in data.items()})


def _to_decimal(key: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ReaderError(f"Threshold {key} must be a number.", f"評価基準 {key} は数値で指定してください。")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ReaderError(
            f"Threshold {key} must be a number.", f"評価基準 {key} は数値で指定してください。"
        ) from None


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Measure:
    """A baseline (基準値) or target (目標値): fiscal year, value, the text as printed, qualifier (以上/以下)."""

    fiscal_year: int | None
    value: Decimal | None
    text: str = ""
    qualifier: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "fiscal_year": self.fiscal_year,
            "value": None if self.value is None else json_number(self.value),
            "text": self.text,
        }
        if self.qualifier:
            data["qualifier"] = self.qualifier
        return data


@dataclass(frozen=True)
class IndicatorPart:
    """One measured part of an indicator (評価指標), e.g. 求職 of 求職数・求人数・マッチング成功数.

    ``tolerance``, when given, replaces the plan's tolerance for this part's unit.
    """

    label: str | None
    unit: str | None
    direction: Direction
    baseline: Measure
    target: Measure
    tolerance: Decimal | None = None

    @classmethod
    def from_plan(cls, part: Mapping[str, Any]) -> IndicatorPart:
        """Build from a part of the plan reader's dict (``{"label", "baseline": {"year", ...}, ...}``).

        Without a ``direction`` key the direction is derived as the plan reader does.
        """
        baseline = part.get("baseline") or {}
        target = part.get("target") or {}
        direction = part.get("direction") or direction_of(baseline, target)
        if direction not in DIRECTIONS:
            raise ReaderError(f"Unknown direction {direction!r}.", f"不明な方向 {direction!r} です。")
        return cls(
            label=part.get("label"),
            unit=target.get("unit") or baseline.get("unit"),
            direction=cast(Direction, direction),
            baseline=_measure(baseline),
            target=_measure(target),
            tolerance=None if part.get("tolerance") is None else _to_decimal("tolerance", part["tolerance"]),
        )


def _measure(data: Mapping[str, Any]) -> Measure:
    value = data.get("value")
    return Measure(
        fiscal_year=data.get("year", data.get("fiscal_year")),
        value=None if value is None else _to_decimal("value", value),
        text=data.get("text") or "",
        qualifier=data.get("qualifier"),
    )


@dataclass(frozen=True)
class Actual:
    """One fiscal year's actual (実績) of a part; ``source`` names where it came from (given by the caller).

    ``period`` is the report period the figure was read from (FY, Q4 … Q1).
    ``partial`` is true when the figure is not yet the year's (a year-to-date
    figure of a quarter before Q4, 年度途中): it is shown, never graded as the
    year, and kept out of projections and roll-ups.  ``same_period_last_year``
    is the figure of the same period a year before, for the pace of a year in
    progress.
    """

    fiscal_year: int
    value: Decimal
    source: str = ""
    partial: bool = False
    period: str = "FY"
    same_period_last_year: Decimal | None = None

    @property
    def complete(self) -> bool:
        return not self.partial


@dataclass(frozen=True)
class GradedActual:
    """An actual with its achievement rate, progress, expected progress and grade.

    A year in progress (``complete`` false) has no grade, rate or progress:
    half a year is never measured against a whole year's target.  Its
    ``pace`` is its ratio to the same period a year before, when that is known.
    """

    fiscal_year: int
    value: Decimal
    achievement_rate: Decimal | None
    progress: Decimal | None
    expected_progress: Decimal | None
    grade: str | None
    source: str = ""
    period: str = "FY"
    complete: bool = True
    same_period_last_year: Decimal | None = None

    @property
    def partial(self) -> bool:
        return not self.complete

    @property
    def pace(self) -> Decimal | None:
        """This year's figure over the same period's a year before (1.05: 5 % ahead), for a year in progress."""
        if self.complete or not self.same_period_last_year:
            return None
        return _rate(self.value, self.same_period_last_year)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "fiscal_year": self.fiscal_year,
            "period": self.period,
            "complete": self.complete,
            "value": json_number(self.value),
            "achievement_rate": _json_or_none(self.achievement_rate),
            "progress": _json_or_none(self.progress),
            "expected_progress": _json_or_none(self.expected_progress),
            "grade": self.grade,
            "source": self.source,
        }
        if not self.complete:
            data["pace"] = {
                "same_period_last_year": _json_or_none(self.same_period_last_year),
                "ratio": _json_or_none(self.pace),
            }
        return data


@dataclass(frozen=True)
class Projection:
    """The least-squares straight line through the actuals, read at the target year."""

    fiscal_year: int
    value: Decimal
    slope: Decimal
    meets_target: bool | None
    actuals_used: int

    def to_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "value": json_number(self.value),
            "slope": json_number(self.slope),
            "meets_target": self.meets_target,
            "actuals_used": self.actuals_used,
        }


@dataclass(frozen=True)
class PartEvaluation:
    """A part with every actual graded and the projection to its target year."""

    part: IndicatorPart
    actuals: list[GradedActual] = field(default_factory=list)
    projection: Projection | None = None

    def grade_in(self, fiscal_year: int | None = None) -> str:
        """The grade of the latest complete year up to ``fiscal_year`` (all years when None)."""
        graded = [
            a for a in self.actuals if a.complete and (fiscal_year is None or a.fiscal_year <= fiscal_year)
        ]
        return graded[-1].grade or NOT_EVALUATED if graded else NOT_EVALUATED

    def to_json(self) -> dict[str, Any]:
        """The per-part JSON that ``sasaeai evaluate --json`` prints."""
        part = self.part
        return {
            "label": part.label,
            "unit": part.unit,
            "direction": part.direction,
            "baseline": part.baseline.to_json(),
            "target": part.target.to_json(),
            "actuals": [actual.to_json() for actual in self.actuals],
            "projection": self.projection.to_json() if self.projection else None,
        }


def _json_or_none(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def _rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(_RATE_PLACES, rounding=ROUND_HALF_UP)


def _sign(direction: Direction) -> int:
    return {"increase": 1, "decrease": -1, "maintain": 0}[direction]


def _reached(qualifier: str | None, sign: int, actual: Decimal, target: Decimal) -> bool:
    if qualifier == "以上" or (qualifier is None and sign > 0):
        return actual >= target
    if qualifier == "以下" or (qualifier is None and sign < 0):
        return actual <= target
    return False


def grade_value(
    part: IndicatorPart, value: Decimal | None, fiscal_year: int, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> str:
    """The grade (達成, a, b, c, 未評価) of ``value`` as the actual of ``fiscal_year``; rules in the module docstring."""
    if value is None:
        return NOT_EVALUATED
    base, goal = part.baseline.value, part.target.value
    sign = _sign(part.direction)
    tolerance = part.tolerance if part.tolerance is not None else thresholds.tolerance_for(part.unit)
    if goal is not None and _reached(part.target.qualifier, sign, value, goal):
        return ACHIEVED
    if sign == 0 or (goal is not None and base is not None and sign * (goal - base) <= 0):
        reference = base if base is not None else goal
        if reference is None:
            return NOT_EVALUATED
        return ON_TRACK if abs(value - reference) <= tolerance else WORSENING
    if goal is None:
        return NOT_EVALUATED
    years = (part.baseline.fiscal_year, part.target.fiscal_year)
    if base is None:
        expected = _expected(years, fiscal_year)
        if sign > 0 and goal > 0 and expected is not None and value / goal >= expected:
            return ON_TRACK
        return IMPROVING
    gain, gap = sign * (value - base), sign * (goal - base)
    y0, y1 = years
    if y0 is not None and y1 is not None and y1 > y0 and gain * (y1 - y0) >= gap * (fiscal_year - y0):
        return ON_TRACK
    return IMPROVING if gain >= -tolerance else WORSENING


def _expected(years: tuple[int | None, int | None], fiscal_year: int) -> Decimal | None:
    y0, y1 = years
    if y0 is None or y1 is None or y1 <= y0:
        return None
    return Decimal(fiscal_year - y0) / Decimal(y1 - y0)


def evaluate_actual(
    part: IndicatorPart, actual: Actual, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> GradedActual:
    """Grade one actual and compute its achievement rate, progress and expected progress.

    A year in progress is shown with its pace and never graded.
    """
    if actual.partial:
        return GradedActual(
            fiscal_year=actual.fiscal_year,
            value=actual.value,
            achievement_rate=None,
            progress=None,
            expected_progress=None,
            grade=None,
            source=actual.source,
            period=actual.period,
            complete=False,
            same_period_last_year=actual.same_period_last_year,
        )
    base, goal = part.baseline.value, part.target.value
    expected = _expected((part.baseline.fiscal_year, part.target.fiscal_year), actual.fiscal_year)
    return GradedActual(
        fiscal_year=actual.fiscal_year,
        value=actual.value,
        achievement_rate=None if goal is None else _rate(actual.value, goal),
        progress=None if base is None or goal is None else _rate(actual.value - base, goal - base),
        expected_progress=None
        if expected is None
        else expected.quantize(_RATE_PLACES, rounding=ROUND_HALF_UP),
        grade=grade_value(part, actual.value, actual.fiscal_year, thresholds),
        source=actual.source,
        period=actual.period,
    )


def project(
    part: IndicatorPart, actuals: Iterable[Actual], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> Projection | None:
    """Fit a least-squares straight line through the actuals and read it at the target year.

    None with fewer than two distinct fiscal years or no target year.
    ``meets_target`` says whether the projected value reaches the target
    (for ``maintain``: stays within the tolerance of the baseline); None when
    there is nothing to compare with.
    """
    points = [(Decimal(a.fiscal_year), a.value) for a in actuals]
    target_year = part.target.fiscal_year
    if target_year is None or len({x for x, _ in points}) < 2:
        return None
    mean_x = sum((x for x, _ in points), Decimal(0)) / len(points)
    mean_y = sum((y for _, y in points), Decimal(0)) / len(points)
    spread = sum(((x - mean_x) ** 2 for x, _ in points), Decimal(0))
    slope = sum(((x - mean_x) * (y - mean_y) for x, y in points), Decimal(0)) / spread
    value = mean_y + slope * (Decimal(target_year) - mean_x)
    grade = grade_value(part, value, target_year, thresholds)
    meets: bool | None = None
    if grade != NOT_EVALUATED:
        meets = grade == ACHIEVED or (grade == ON_TRACK and part.direction == "maintain")
    return Projection(
        fiscal_year=target_year,
        value=value.quantize(_VALUE_PLACES, rounding=ROUND_HALF_UP),
        slope=slope.quantize(_RATE_PLACES, rounding=ROUND_HALF_UP),
        meets_target=meets,
        actuals_used=len(points),
    )


def evaluate_part(
    part: IndicatorPart, actuals: Iterable[Actual], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> PartEvaluation:
    """Grade every actual (sorted by fiscal year; one per year, the last given wins) and project the trend.

    Only complete years enter the projection: a year in progress would pull the line down.
    """
    by_year = {actual.fiscal_year: actual for actual in actuals}
    ordered = [by_year[year] for year in sorted(by_year)]
    return PartEvaluation(
        part=part,
        actuals=[evaluate_actual(part, actual, thresholds) for actual in ordered],
        projection=project(part, [actual for actual in ordered if actual.complete], thresholds),
    )


def roll_up(grades: Iterable[str], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """A/B/C/D for an approach, policy or goal from its parts' grades (None when none is graded).

    See :class:`Thresholds` for the rule; ``ROLLUP_LABELS`` names the letters.
    """
    graded = [grade for grade in grades if grade in (ACHIEVED, ON_TRACK, IMPROVING, WORSENING)]
    if not graded:
        return None
    total = Decimal(len(graded))
    share_a = Decimal(sum(grade in (ACHIEVED, ON_TRACK) for grade in graded)) / total
    share_ab = Decimal(sum(grade != WORSENING for grade in graded)) / total
    if share_a >= thresholds.rollup_a:
        return "A"
    if share_ab >= thresholds.rollup_b:
        return "B"
    if share_ab >= thresholds.rollup_c:
        return "C"
    return "D"
