"""Indicator links: which reported quantity measures which indicator part.

A links file is YAML (``docs/links-format.md``)::

    links:
      - indicator: 市民後見人数          # the indicator's name as printed in the plan
        part: 求職                      # optional: the part's label, or its unit when parts have no label
        project: 成年後見支援センター事業  # the project's name in the reports, or a list of its names
        label: 市民後見人               # optional: the quantity's label; omitted = the one quantity with the unit
        unit: 人                        # the quantity's unit

Names are compared ignoring whitespace and width (:func:`~sasaeai.core.text.squash`);
units by class (名 = 人; 箇所 = か所 = ヶ所 = カ所 = ヵ所 = 個所).
Quarterly reports (事業経過報告) are year-to-date totals, so the Q4 or
full-year figure is the year's actual; without either, the latest quarter's
figure stands in and is marked partial.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .errors import ReaderError
from .evaluation import Actual
from .records import Quantity
from .tables import read_file_bytes, read_text_input
from .text import squash

UNIT_CLASSES: dict[str, str] = {
    "名": "人",
    "か所": "箇所",
    "ヶ所": "箇所",
    "ケ所": "箇所",
    "カ所": "箇所",
    "ヵ所": "箇所",
    "个所": "箇所",
    "個所": "箇所",
}
_KEYS = frozenset({"indicator", "part", "project", "label", "unit", "year_value"})
# Full-year reports outrank Q4 (both give the year's actual), Q4 outranks earlier quarters.
_PERIOD_RANK = {"FY": 5, "Q4": 4, "Q3": 3, "Q2": 2, "Q1": 1}


@dataclass(frozen=True)
class IndicatorLink:
    """指標の紐付け: one indicator part measured by one quantity of one project (under any of its names)."""

    indicator: str
    projects: tuple[str, ...]
    unit: str
    part: str | None = None
    label: str | None = None
    number: int = 0  # 1-based position in the file, for messages
    year_value: str | None = None  # how the part's year value is formed (YEAR_VALUE_RULES); None keeps it

    def matches_project(self, name: str) -> bool:
        """True when ``name`` is one of the project's names, whitespace and width ignored."""
        key = squash(name)
        return any(squash(project) == key for project in self.projects)

    def matches_indicator(self, name: str) -> bool:
        return squash(name) == squash(self.indicator)

    def matches_part(self, label: str | None, unit: str | None) -> bool:
        """True when a part (its label, or its unit for unlabelled parts) is the one this link names.

        A link without ``part`` names an indicator's only part, so it matches any part.
        """
        if self.part is None:
            return True
        if label and squash(label) == squash(self.part):
            return True
        return not label and same_unit(unit, self.part)


def unit_class(unit: str | None) -> str:
    """The class a unit compares by: 名 -> 人, ヶ所 -> 箇所; other units stand for themselves."""
    key = squash(unit or "")
    return UNIT_CLASSES.get(key, key)


def same_unit(left: str | None, right: str | None) -> bool:
    """名 = 人 and 箇所 = か所 = ヶ所 = カ所 = ヵ所 = 個所; an empty unit equals nothing."""
    return bool(left and right) and unit_class(left) == unit_class(right)


class Observation(NamedTuple):
    """One report's quantities for one project in one fiscal year and period (Q1–Q4 or FY)."""

    fiscal_year: int
    period: str
    project: str
    quantities: Sequence[Quantity]
    source: str = ""


@dataclass(frozen=True)
class QuantityChoice:
    """The quantity a link takes from a project's quantities, or why there is none."""

    quantity: Quantity | None
    reason: str = ""
    reason_ja: str = ""


def choose_quantity(link: IndicatorLink, quantities: Iterable[Quantity]) -> QuantityChoice:
    """The quantity with the link's label and unit class, or the one quantity of that unit when no label.

    With a label, the first figure so labelled is taken: a results cell writes
    its headline first ("7月21日開催 30名 【分科会】 ① … 51名"), and the reason
    says how many there were.  Without a label, several figures of the unit
    with different values, or none, give no quantity and a reason.
    """
    candidates = [q for q in quantities if same_unit(q.unit, link.unit)]
    what = f"unit {link.unit}"
    what_ja = f"単位「{link.unit}」"
    if link.label is not None:
        key = squash(link.label)
        candidates = [q for q in candidates if squash(q.label) == key]
        what, what_ja = f"label {link.label} and {what}", f"項目「{link.label}」・{what_ja}"
    if not candidates:
        return QuantityChoice(None, f"No quantity with {what}.", f"{what_ja}の実績がありません。")
    if link.label is not None and len({q.value for q in candidates}) > 1:
        return QuantityChoice(
            candidates[0],
            f"The first of {len(candidates)} quantities with {what} was taken.",
            f"{what_ja}の実績が{len(candidates)}件あり、最初のものを使いました。",
        )
    if len({q.value for q in candidates}) > 1:
        return QuantityChoice(
            None,
            f"{len(candidates)} quantities with {what}; name the label in the link.",
            f"{what_ja}の実績が{len(candidates)}件あり、どれか決められません（項目名を指定してください）。",
        )
    return QuantityChoice(candidates[0])


@dataclass(frozen=True)
class LinkedActual:
    """The year's actual found for a link: the figure, the report period it came from, and the quantity."""

    fiscal_year: int
    value: Decimal
    period: str
    project: str
    quantity: Quantity
    source: str = ""
    partial: bool = False
    same_period_last_year: Decimal | None = None

    def as_actual(self) -> Actual:
        """The evaluation's :class:`~sasaeai.core.evaluation.Actual` for this figure."""
        return Actual(
            self.fiscal_year, self.value, self.source, self.partial, self.period, self.same_period_last_year
        )


@dataclass(frozen=True)
class Miss:
    """An observation of the linked project that gave no figure, and why."""

    fiscal_year: int
    period: str
    project: str
    reason: str
    reason_ja: str
    source: str = ""


@dataclass
class LinkOutcome:
    """The actual per fiscal year for one link, and the observations that gave none."""

    actuals: dict[int, LinkedActual] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)


# How a year's value is formed from the reports of an indicator part (指標の年度値の取り方).
YEAR_VALUE_RULES = {
    "cumulative": "四半期の報告は年度初めからの累計（第4四半期で1年分）",
    "stock": "年度末（3月末）時点の数",
    "sum": "四半期ごとの数を合計（4四半期そろって1年分）",
    "annual": "年1回の数値（調査など。年度・第4四半期の報告だけを使う）",
}


def link_actuals(
    link: IndicatorLink,
    observations: Iterable[Observation | tuple[Any, ...]],
    year_value: str = "cumulative",
) -> LinkOutcome:
    """The actual of each fiscal year for ``link`` from report observations.

    ``observations`` are :class:`Observation` or plain tuples
    ``(fiscal_year, period, project name, quantities[, source])``.  Among
    observations of the same year and period, the first given wins (list a
    report's own figures before the comparison columns of later reports).
    ``year_value`` (:data:`YEAR_VALUE_RULES`) says how a year's value is formed:
    for a cumulative figure or a year-end stock, a full-year (FY) or Q4 figure
    is the year's and an earlier quarter's is a year in progress; ``sum`` adds
    the quarters (complete with all four); ``annual`` takes FY and Q4 figures only.
    """
    if year_value not in YEAR_VALUE_RULES:
        raise ValueError(f"unknown year value rule {year_value!r}")
    outcome = LinkOutcome()
    by_period: dict[tuple[int, str], LinkedActual] = {}
    for raw in observations:
        seen = raw if isinstance(raw, Observation) else Observation(*raw)
        if not link.matches_project(seen.project):
            continue
        period = seen.period.strip().upper()
        choice = choose_quantity(link, seen.quantities)
        if choice.quantity is None:
            outcome.misses.append(
                Miss(seen.fiscal_year, period, seen.project, choice.reason, choice.reason_ja, seen.source)
            )
            continue
        by_period.setdefault(
            (seen.fiscal_year, period),
            LinkedActual(
                seen.fiscal_year, choice.quantity.value, period, seen.project, choice.quantity, seen.source
            ),
        )
    years = sorted({year for year, _ in by_period})
    for year in years:
        found = _year_actual(year, by_period, year_value)
        if found is not None:
            outcome.actuals[year] = found
    return outcome


def _year_actual(year: int, by_period: dict[tuple[int, str], LinkedActual], rule: str) -> LinkedActual | None:
    """The actual of one year under the rule, with the same period a year before for a year in progress."""
    if rule == "sum" and (year, "FY") not in by_period:
        return _summed(year, by_period)
    ranked = sorted(
        (seen for (y, _), seen in by_period.items() if y == year),
        key=lambda seen: _PERIOD_RANK.get(seen.period, 0),
        reverse=True,
    )
    if rule == "annual":
        ranked = [seen for seen in ranked if _PERIOD_RANK.get(seen.period, 0) >= _PERIOD_RANK["Q4"]]
    if not ranked:
        return None
    best = ranked[0]
    if _PERIOD_RANK.get(best.period, 0) >= _PERIOD_RANK["Q4"]:
        return best
    last_year = by_period.get((year - 1, best.period))
    return replace(best, partial=True, same_period_last_year=last_year.value if last_year else None)


def _summed(year: int, by_period: dict[tuple[int, str], LinkedActual]) -> LinkedActual | None:
    """Quarters that each count their own quarter, added up; complete when all four are in."""
    quarters = [by_period[(year, q)] for q in ("Q1", "Q2", "Q3", "Q4") if (year, q) in by_period]
    if not quarters:
        return None
    total = sum((seen.value for seen in quarters), Decimal(0))
    latest = quarters[-1]
    if len(quarters) == 4:
        return replace(latest, value=total, period="Q4")
    before = [by_period.get((year - 1, seen.period)) for seen in quarters]
    last_year = sum((seen.value for seen in before if seen), Decimal(0)) if all(before) else None
    return replace(latest, value=total, partial=True, same_period_last_year=last_year)


@dataclass(frozen=True)
class LinksDocument:
    """A links file: its links, and the organisations it names (the plan's, and the one whose reports measure it)."""

    links: list[IndicatorLink]
    plan_organisation: str | None = None
    report_organisation: str | None = None


def read_links_document(data: bytes, name: str) -> LinksDocument:
    """Read a links file (YAML, format in the module docstring); refuse a malformed one with :class:`ReaderError`.

    Besides ``links:``, the file may name ``plan_organisation:`` (whose plan the
    indicators are) and ``report_organisation:`` (whose reports' projects measure them).
    """
    text = read_text_input(data, name)
    try:
        document = yaml.safe_load(text)
    except RecursionError:
        raise ReaderError(f"{name} is nested too deeply.", f"{name} は入れ子が深すぎます。") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        where_ja = f"{mark.line + 1}行目" if mark is not None else ""
        raise ReaderError(
            f"{name} is not valid YAML{where}.", f"{name} の{where_ja}がYAMLとして読めません。"
        ) from None
    entries = document.get("links") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ReaderError(
            f"{name} has no list of links under 'links:'.", f"{name} に「links:」の紐付け一覧がありません。"
        )
    links = [_read_link(entry, number, name) for number, entry in enumerate(entries, 1)]
    _refuse_duplicates(links, name)
    assert isinstance(document, dict)
    return LinksDocument(
        links,
        _organisation(document.get("plan_organisation"), "plan_organisation", name),
        _organisation(document.get("report_organisation"), "report_organisation", name),
    )


def _organisation(value: object, key: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ReaderError(f"{key} in {name} is not a name.", f"{name} の {key} が組織名ではありません。")
    return value.strip()


def read_links(data: bytes, name: str) -> list[IndicatorLink]:
    """The links of a links file (:func:`read_links_document` without the organisations)."""
    return read_links_document(data, name).links


def read_links_file(path: Path | str) -> list[IndicatorLink]:
    """:func:`read_links` of a file on disk."""
    path = Path(path)
    return read_links(read_file_bytes(path), path.name)


def _read_link(entry: object, number: int, name: str) -> IndicatorLink:
    if not isinstance(entry, Mapping):
        raise _entry_error(name, number, "is not a mapping of keys", "が「キー: 値」の形ではありません")
    unknown = sorted(str(key) for key in entry if key not in _KEYS)
    if unknown:
        raise _entry_error(
            name, number, f"has an unknown key {unknown[0]!r}", f"に不明なキー {unknown[0]!r} があります"
        )
    for key in ("indicator", "project", "unit"):
        if entry.get(key) in (None, "", []):
            raise _entry_error(name, number, f"has no {key}", f"に {key} がありません")
    projects = entry["project"] if isinstance(entry["project"], list) else [entry["project"]]
    year_value = entry.get("year_value")
    if year_value is not None and year_value not in YEAR_VALUE_RULES:
        choices = ", ".join(YEAR_VALUE_RULES)
        raise _entry_error(
            name,
            number,
            f"has a year_value that is not one of {choices}",
            f"の year_value は {choices} のどれかです",
        )
    return IndicatorLink(
        indicator=_name(entry["indicator"], "indicator", number, name),
        projects=tuple(_name(project, "project", number, name) for project in projects),
        unit=_name(entry["unit"], "unit", number, name),
        part=None if entry.get("part") is None else _name(entry["part"], "part", number, name),
        label=None if entry.get("label") is None else _name(entry["label"], "label", number, name),
        number=number,
        year_value=year_value,
    )


def _name(value: object, key: str, number: int, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise _entry_error(name, number, f"has a {key} that is not a name", f"の {key} が名前ではありません")
    return str(value).strip()


def _entry_error(name: str, number: int, problem: str, problem_ja: str) -> ReaderError:
    return ReaderError(f"Link {number} in {name} {problem}.", f"{name} の{number}番目の紐付け{problem_ja}。")


def _refuse_duplicates(links: list[IndicatorLink], name: str) -> None:
    seen: dict[tuple[str, str], int] = {}
    for link in links:
        key = (squash(link.indicator), squash(link.part or ""))
        if key in seen:
            raise _entry_error(
                name,
                link.number,
                f"links the same indicator part as link {seen[key]}",
                f"は{seen[key]}番目と同じ指標に紐付いています",
            )
        seen[key] = link.number
