"""What an indicator part (指標の項目) must satisfy before it is stored, in English and Japanese.

The editor's form shows these beside the fields; the operations refuse with
the first of them, whatever door the part came in by.  The rules: a target
year inside the plan's period, a baseline year at or before its start (and
before the target year), a year for every value, units that agree between
baseline and target, numbers that fit the stored digits
(:func:`sasaeai.figures.figure_problem`), a qualifier and a direction from their lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from sasaeai.core import FiscalYear
from sasaeai.core.plan_workbook import QUALIFIERS
from sasaeai.figures import figure_problem
from sasaeai.plans.models import Direction, IndicatorPart, Plan

FIRST_YEAR = 1900
NUMBER_WORDS = {"baseline_value": "基準値", "target_value": "目標値", "tolerance": "許容幅"}
TEXT_FIELDS = (
    "label",
    "marker",
    "baseline_unit",
    "baseline_text",
    "target_unit",
    "target_text",
    "target_qualifier",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a value: the field, and what to do about it in English and Japanese."""

    field: str
    message: str
    message_ja: str


def _year_label(year: int) -> str:
    return FiscalYear(year).label()


def as_decimal(value: object) -> Decimal | None:
    """A figure given as a Decimal, int, float or text as a Decimal; None when it is none of these."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def number_problem(field: str, given: object) -> Problem | None:
    """A value that the database cannot keep: not a number, too many decimals or whole digits (FIGURE)."""
    if given is None:
        return None
    word = NUMBER_WORDS.get(field, field)
    value = as_decimal(given)
    if value is None or not value.is_finite():
        return Problem(field, f"{field} is not a number.", f"{word}は数値で入力してください。")
    problem = figure_problem(value)
    if problem is not None:  # the one range of every stored figure, named by the field
        english, japanese = problem
        japanese = word + japanese[1:] if japanese.startswith("値") else f"{word}の{japanese}"
        return Problem(field, f"{field}: {english}", japanese)
    if field == "tolerance" and value < 0:
        return Problem(field, "The tolerance cannot be negative.", "許容幅は0以上にしてください。")
    return None


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A concrete field of a model (its verbose name and length are what the messages quote)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _lengths(values: Mapping[str, Any]) -> list[Problem]:
    found = []
    for name in TEXT_FIELDS:
        field = model_field(IndicatorPart, name)
        text = values.get(name) or ""
        if field.max_length is not None and len(text) > field.max_length:
            found.append(
                Problem(
                    name,
                    f"{name} has more than {field.max_length} characters.",
                    f"{field.verbose_name}は{field.max_length}文字以内にしてください。",
                )
            )
    return found


def _years(plan: Plan, values: Mapping[str, Any]) -> list[Problem]:
    found = []
    base, target = values.get("baseline_year"), values.get("target_year")
    if base is not None and base < FIRST_YEAR:
        found.append(
            Problem(
                "baseline_year",
                "The baseline year is not a fiscal year.",
                "基準年度を西暦か和暦で入れてください。",
            )
        )
    elif base is not None and base > plan.start_year:
        found.append(
            Problem(
                "baseline_year",
                f"The baseline year must be FY{plan.start_year} (the plan's first year) or earlier.",
                f"基準年度は計画期間の初年度（{_year_label(plan.start_year)}）以前にしてください。",
            )
        )
    if target is not None and not plan.start_year <= target <= plan.end_year:
        found.append(
            Problem(
                "target_year",
                f"The target year must lie in the plan's period, FY{plan.start_year}–FY{plan.end_year}.",
                f"目標年度は計画期間（{_year_label(plan.start_year)}〜{_year_label(plan.end_year)}）の中にしてください。",
            )
        )
    elif base is not None and target is not None and base >= target:
        found.append(
            Problem(
                "target_year",
                "The target year must come after the baseline year.",
                "目標年度は基準年度より後にしてください。",
            )
        )
    for side, word in (("baseline", "基準"), ("target", "目標")):
        if values.get(f"{side}_value") is not None and values.get(f"{side}_year") is None:
            found.append(
                Problem(
                    f"{side}_year",
                    f"Give the year of the {side} value.",
                    f"{word}値を入れたときは{word}年度も入れてください。",
                )
            )
    return found


def _units(values: Mapping[str, Any]) -> list[Problem]:
    base, target = (values.get("baseline_unit") or "").strip(), (values.get("target_unit") or "").strip()
    if base and target and base != target:
        return [
            Problem(
                "target_unit",
                f"The baseline's unit {base} and the target's unit {target} differ.",
                f"基準値の単位「{base}」と目標値の単位「{target}」が一致しません。",
            )
        ]
    return []


def _target(values: Mapping[str, Any]) -> list[Problem]:
    found = []
    words = (values.get("target_text") or "").strip()
    if values.get("target_value") is None and not words and values.get("direction") != Direction.MAINTAIN:
        found.append(
            Problem(
                "target_value",
                "Give a target value, or the target's words (e.g. 維持).",
                "目標値か、目標の表記（例：維持）を入れてください。",
            )
        )
    qualifier = values.get("target_qualifier") or ""
    if qualifier and qualifier not in QUALIFIERS:
        found.append(
            Problem(
                "target_qualifier",
                f"The qualifier must be one of {', '.join(QUALIFIERS)}.",
                f"目標の条件は {'・'.join(QUALIFIERS)} のどれかにしてください。",
            )
        )
    elif qualifier and values.get("target_value") is None:
        found.append(
            Problem(
                "target_qualifier",
                "A qualifier (以上, 以下 …) needs a target value.",
                "目標の条件（以上など）は目標値と一緒に入れてください。",
            )
        )
    if values.get("direction") not in Direction.values:
        found.append(
            Problem(
                "direction",
                "The direction must be 増加, 減少 or 維持.",
                "方向は 増加・減少・維持 から選んでください。",
            )
        )
    return found


def part_problems(plan: Plan, values: Mapping[str, Any]) -> list[Problem]:
    """Everything wrong with a part's values for ``plan``; an empty list when it may be stored.

    ``values`` holds the fields of :class:`IndicatorPart` (years as ints, values as Decimals).
    """
    found = [p for field in NUMBER_WORDS if (p := number_problem(field, values.get(field))) is not None]
    return found + _lengths(values) + _years(plan, values) + _units(values) + _target(values)


def printed(value: Decimal, unit: str, qualifier: str = "") -> str:
    """The text a plan would print for a value: 1840, 世帯 -> "1,840世帯"; 1, 回, 以上 -> "1回以上"."""
    return f"{format(value.normalize(), ',f')}{unit}{qualifier}"


def complete_part(values: Mapping[str, Any], before: IndicatorPart | None = None) -> dict[str, Any]:
    """The part as it is stored: the part's unit, each value's unit and printed text filled in.

    A blank unit beside a value takes the other side's unit; a blank text is
    printed from the value (or is 維持 for a target to maintain); a text left as
    it was while its value changed is printed afresh, since it described the old value.
    """
    done = dict(values)
    for name in NUMBER_WORDS:
        done[name] = as_decimal(done.get(name))
    for side in ("baseline", "target"):
        done[f"{side}_unit"] = (done.get(f"{side}_unit") or "").strip()
    unit = done["target_unit"] or done["baseline_unit"]
    done["unit"] = unit
    for side in ("baseline", "target"):
        value, text = done.get(f"{side}_value"), (done.get(f"{side}_text") or "").strip()
        if value is not None and not done[f"{side}_unit"]:
            done[f"{side}_unit"] = unit
        stale = (
            before is not None
            and value != getattr(before, f"{side}_value")
            and text == getattr(before, f"{side}_text")
        )
        if value is not None and (stale or not text):
            qualifier = (done.get("target_qualifier") or "") if side == "target" else ""
            text = printed(value, done[f"{side}_unit"], qualifier)
        elif not text and side == "target" and done.get("direction") == Direction.MAINTAIN:
            text = "維持"
        done[f"{side}_text"] = text
    return done
