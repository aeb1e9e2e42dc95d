"""Drafting the evaluation text (評価文の文案) of an indicator part or an approach from its numbers.

The rules — which sentence fits which situation — are the functions below;
the wording is the TOML file ``wording/evaluation_text.toml``, which a council
may copy and change (``SASAEAI_EVALUATION_WORDING`` names its copy; keys it
leaves out keep the shipped wording).  ``docs/evaluation-text.md`` lists every
key and placeholder.

A part's text has up to four sentences, each only when its facts exist:

1. the latest complete year's actual against the target (with the
   achievement rate for a part to be increased: A/T of a part to be reduced
   would read as over-achievement), or against the baseline for a part that
   is to be kept (a gap in points for percentages);
2. the movement from the baseline (grade 達成/a: 順調, b: behind the straight
   path or level, c: the wrong way);
3. the outlook at the target year from the least-squares line, when the
   target year is still ahead and the line says something new;
4. a year in progress after it (第N四半期まで), beside the same period a year
   before — never graded.

An approach's text counts its parts' grades and names the roll-up grade.
"""

from __future__ import annotations

import os
import string
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ReaderError
from .evaluation import (
    ACHIEVED,
    DEFAULT_THRESHOLDS,
    GRADE_LABELS,
    IMPROVING,
    NOT_EVALUATED,
    ON_TRACK,
    PERCENT_UNITS,
    ROLLUP_LABELS,
    WORSENING,
    Actual,
    GradedActual,
    PartEvaluation,
    Thresholds,
    project,
)
from .periods import FiscalYear
from .records import format_number

WORDING_ENVIRONMENT = "SASAEAI_EVALUATION_WORDING"
SHIPPED_WORDING = Path(__file__).with_name("wording") / "evaluation_text.toml"

# Every key of the wording, with the placeholders its sentence may use.
PLACEHOLDERS: dict[str, dict[str, frozenset[str]]] = {
    "result": {
        key: frozenset({"year", "year_western", "actual", "target", "target_year", "baseline", "rate_note"})
        for key in (
            "above_target",
            "at_target",
            "below_target_reached",
            "short_of_target",
            "above_target_unreached",
            "no_target",
        )
    }
    | {
        "maintained": frozenset({"year", "year_western", "actual", "baseline", "target", "target_year"}),
        "not_maintained": frozenset(
            {"year", "year_western", "actual", "baseline", "target", "target_year", "gap"}
        ),
        "none_yet": frozenset({"year", "year_western"}),
        "rate_note": frozenset({"rate"}),
    },
    "trend": {
        key: frozenset({"baseline", "baseline_year", "actual", "target", "target_year"})
        for key in (
            "steady_increase",
            "steady_decrease",
            "slow_increase",
            "slow_decrease",
            "level",
            "fell",
            "rose",
        )
    },
    "outlook": {
        "will_reach": frozenset({"target_year", "target", "projected"}),
        "will_not_reach": frozenset({"target_year", "target", "projected"}),
    },
    "in_progress": {
        "with_last_year": frozenset({"year", "year_western", "quarter", "actual", "last_year"}),
        "alone": frozenset({"year", "year_western", "quarter", "actual"}),
    },
    "approach": {
        "summary": frozenset({"count", "breakdown", "rollup", "rollup_letter"}),
        "breakdown_item": frozenset({"grade", "n"}),
        "separator": frozenset(),
        "none_graded": frozenset(),
    },
}

_QUARTERS = {"Q1": "第1四半期", "Q2": "第2四半期", "Q3": "第3四半期"}


@dataclass(frozen=True)
class Wording:
    """The sentences of the evaluation text by section and key, checked against :data:`PLACEHOLDERS`."""

    sections: Mapping[str, Mapping[str, str]]

    def say(self, section: str, key: str, **values: Any) -> str:
        return self.sections[section][key].format(**values)


def read_wording(text: str, name: str, base: Wording | None = None) -> Wording:
    """Wording from TOML text, over ``base``; refuse unknown keys and placeholders with one sentence."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReaderError(
            f"{name} is not valid TOML ({error}).", f"{name} をTOMLとして読めません（{error}）。"
        ) from None
    sections: dict[str, dict[str, str]] = {s: dict(k) for s, k in (base.sections if base else {}).items()}
    for section, keys in document.items():
        allowed = PLACEHOLDERS.get(section)
        if allowed is None or not isinstance(keys, dict):
            raise ReaderError(
                f"{name} has an unknown section [{section}].",
                f"{name} に不明な見出し [{section}] があります。",
            )
        for key, sentence in keys.items():
            if key not in allowed or not isinstance(sentence, str):
                raise ReaderError(
                    f"{name} has an unknown key {section}.{key}.",
                    f"{name} に不明な項目 {section}.{key} があります。",
                )
            for field in _fields(sentence, f"{section}.{key}", name):
                if field not in allowed[key]:
                    raise ReaderError(
                        f"{name}: {section}.{key} uses {{{field}}}, which it cannot; it may use "
                        f"{', '.join(sorted(allowed[key])) or 'none'}.",
                        f"{name} の {section}.{key} では {{{field}}} は使えません。",
                    )
            sections.setdefault(section, {})[key] = sentence
    missing = [f"{s}.{k}" for s, keys in PLACEHOLDERS.items() for k in keys if k not in sections.get(s, {})]
    if missing:
        raise ReaderError(f"{name} lacks {missing[0]}.", f"{name} に {missing[0]} がありません。")
    return Wording(sections)


def _fields(sentence: str, key: str, name: str) -> list[str]:
    try:
        return [field for _, field, _, _ in string.Formatter().parse(sentence) if field is not None]
    except ValueError:
        raise ReaderError(
            f"{name}: {key} has an unmatched brace.", f"{name} の {key} の {{ }} が対になっていません。"
        ) from None


@cache
def _wording_from(path: str) -> Wording:
    shipped = read_wording(SHIPPED_WORDING.read_text(encoding="utf-8"), SHIPPED_WORDING.name)
    if not path:
        return shipped
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ReaderError(
            f"The evaluation wording {path} cannot be read as UTF-8 text.",
            f"評価文の文言ファイル {path} を読めません。",
        ) from None
    return read_wording(text, Path(path).name, shipped)


def wording() -> Wording:
    """The wording in use: the council's file named by ``SASAEAI_EVALUATION_WORDING`` over the shipped one."""
    return _wording_from(os.environ.get(WORDING_ENVIRONMENT, ""))


# --- a part ------------------------------------------------------------------------------------


def amount(value: Decimal | None, unit: str | None) -> str:
    """206件 / 45.2% / 1,234人: a figure as the text writes it."""
    return f"{format_number(value)}{unit or ''}"


def percent(rate: Decimal) -> str:
    """103% for 1.0300 (whole percent, rounded half up)."""
    return f"{(rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def draft_part_text(
    evaluation: PartEvaluation,
    up_to_year: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    words: Wording | None = None,
) -> str:
    """The drafted text of one indicator part from its evaluation, up to ``up_to_year`` (all years when None)."""
    words = words or wording()
    actuals = [a for a in evaluation.actuals if up_to_year is None or a.fiscal_year <= up_to_year]
    complete = [a for a in actuals if a.complete]
    latest = complete[-1] if complete else None
    sentences: list[str] = []
    if latest is not None:
        sentences.append(_result(evaluation, latest, thresholds, words))
        sentences.append(_trend(evaluation, latest, thresholds, words))
        sentences.append(_outlook(evaluation, complete, thresholds, words))
    elif up_to_year is not None or actuals:
        year = up_to_year if up_to_year is not None else actuals[-1].fiscal_year
        sentences.append(words.say("result", "none_yet", **_year(year)))
    in_progress = [
        a for a in actuals if not a.complete and (latest is None or a.fiscal_year > latest.fiscal_year)
    ]
    if in_progress:
        sentences.append(_in_progress(evaluation, in_progress[-1], words))
    return "".join(sentence for sentence in sentences if sentence)


def _year(fiscal_year: int) -> dict[str, Any]:
    return {"year": FiscalYear(fiscal_year).era_label(), "year_western": f"{fiscal_year}年度"}


def _measures(evaluation: PartEvaluation) -> dict[str, str]:
    part = evaluation.part
    return {
        "target": _measure(part.target.value, part.target.text, part.unit) + (part.target.qualifier or ""),
        "baseline": _measure(part.baseline.value, part.baseline.text, part.unit),
        "target_year": ""
        if part.target.fiscal_year is None
        else FiscalYear(part.target.fiscal_year).era_label(),
        "baseline_year": ""
        if part.baseline.fiscal_year is None
        else FiscalYear(part.baseline.fiscal_year).era_label(),
    }


def _measure(value: Decimal | None, text: str, unit: str | None) -> str:
    return text if value is None else amount(value, unit)


def _kept(evaluation: PartEvaluation) -> bool:
    """A part to be kept where it is: ``maintain``, or a target equal to the baseline."""
    part = evaluation.part
    base, goal = part.baseline.value, part.target.value
    return part.direction == "maintain" or (base is not None and goal is not None and base == goal)


def _result(evaluation: PartEvaluation, latest: GradedActual, thresholds: Thresholds, words: Wording) -> str:
    part = evaluation.part
    values = {**_year(latest.fiscal_year), **_measures(evaluation), "actual": amount(latest.value, part.unit)}
    # A/T of a part to be reduced reads as over-achievement (173% for 52 against 30): left out of the text.
    rate = latest.achievement_rate if part.direction == "increase" else None
    values["rate_note"] = "" if rate is None else words.say("result", "rate_note", rate=percent(rate))
    goal, base = part.target.value, part.baseline.value
    if _kept(evaluation) and (base is not None or goal is not None):
        reference = base if base is not None else goal
        assert reference is not None
        values["baseline"] = amount(reference, part.unit)
        if latest.grade in (ON_TRACK, ACHIEVED):
            return words.say("result", "maintained", **values)
        gap_unit = "ポイント" if part.unit in PERCENT_UNITS else part.unit
        gap = amount(abs(latest.value - reference), gap_unit)
        return words.say("result", "not_maintained", **values, gap=gap)
    if goal is None:
        return words.say("result", "no_target", **values)
    if latest.grade == ACHIEVED:
        key = (
            "at_target"
            if latest.value == goal
            else "above_target"
            if latest.value > goal
            else "below_target_reached"
        )
    else:
        key = "above_target_unreached" if part.direction == "decrease" else "short_of_target"
    return words.say("result", key, **values)


def _trend(evaluation: PartEvaluation, latest: GradedActual, thresholds: Thresholds, words: Wording) -> str:
    part = evaluation.part
    base = part.baseline.value
    if base is None or _kept(evaluation) or latest.grade in (None, NOT_EVALUATED):
        return ""
    values = {**_measures(evaluation), "actual": amount(latest.value, part.unit)}
    increasing = part.direction != "decrease"
    if latest.grade in (ACHIEVED, ON_TRACK):
        key = "steady_increase" if increasing else "steady_decrease"
    elif latest.grade == IMPROVING:
        tolerance = part.tolerance if part.tolerance is not None else thresholds.tolerance_for(part.unit)
        gain = (latest.value - base) * (1 if increasing else -1)
        key = ("slow_increase" if increasing else "slow_decrease") if gain > tolerance else "level"
    else:
        assert latest.grade == WORSENING
        key = "fell" if increasing else "rose"
    return words.say("trend", key, **values)


def _outlook(
    evaluation: PartEvaluation, complete: list[GradedActual], thresholds: Thresholds, words: Wording
) -> str:
    part, latest = evaluation.part, complete[-1]
    # the line through the complete years shown, not through later ones
    projection = project(part, [Actual(a.fiscal_year, a.value) for a in complete], thresholds)
    if projection is None or projection.meets_target is None or _kept(evaluation):
        return ""
    if projection.fiscal_year <= latest.fiscal_year:
        return ""
    if projection.meets_target and latest.grade == ACHIEVED:
        return ""  # already reached and staying there: nothing new to say
    values = {
        "target_year": FiscalYear(projection.fiscal_year).era_label(),
        "target": _measures(evaluation)["target"],
        "projected": amount(projection.value, part.unit),
    }
    return words.say("outlook", "will_reach" if projection.meets_target else "will_not_reach", **values)


def _in_progress(evaluation: PartEvaluation, actual: GradedActual, words: Wording) -> str:
    unit = evaluation.part.unit
    values = {
        **_year(actual.fiscal_year),
        "quarter": _QUARTERS.get(actual.period, actual.period),
        "actual": amount(actual.value, unit),
    }
    if actual.same_period_last_year is None:
        return words.say("in_progress", "alone", **values)
    return words.say(
        "in_progress", "with_last_year", **values, last_year=amount(actual.same_period_last_year, unit)
    )


# --- an approach -------------------------------------------------------------------------------


def draft_approach_text(grades: Iterable[str], rollup: str | None, words: Wording | None = None) -> str:
    """The drafted summary of an approach (取組方針) from its parts' grades and its roll-up letter."""
    words = words or wording()
    counted = Counter(grades)
    graded = sum(counted[g] for g in (ACHIEVED, ON_TRACK, IMPROVING, WORSENING))
    if rollup is None or not graded:
        return words.say("approach", "none_graded")
    separator = words.say("approach", "separator")
    breakdown = separator.join(
        words.say("approach", "breakdown_item", grade=GRADE_LABELS[grade], n=counted[grade])
        for grade in (ACHIEVED, ON_TRACK, IMPROVING, WORSENING, NOT_EVALUATED)
        if counted[grade]
    )
    return words.say(
        "approach",
        "summary",
        count=sum(counted.values()),
        breakdown=breakdown,
        rollup=f"{rollup}（{ROLLUP_LABELS[rollup]}）",
        rollup_letter=rollup,
    )
