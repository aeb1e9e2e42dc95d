"""Consistency checks that help the secretariat: findings for review, never changes.

Three checks, each a pure function of plain records:

* a quantity far from the same quantity last year (×10 or ÷10: a typed zero
  too many, or thousands written as units);
* a result that reads like it belongs to a neighbouring project: its words
  match the neighbour's planned activities better than its own (a row pasted
  one line off);
* a KPI whose printed achievement rate disagrees with target and actual;
* a block of results printed one row off, and results whose row stays doubtful
  (:func:`result_alignment_findings`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .kpi import achievement_rate, rate_agrees
from .realign import ProjectRow, moved_blocks, realign_results
from .records import ReportDocument, json_number
from .similarity import bigrams, rarity_weights, word_overlap

JUMP_FACTOR = Decimal(10)
MIN_BIGRAMS = 8  # shorter results say too little to tell which project they describe
MISPLACED_MARGIN = 0.08
MIN_OVERLAP = 0.15  # below this a neighbour shares only a few words by chance


@dataclass(frozen=True)
class Finding:
    """One thing a person should look at; the data stays as it is."""

    kind: str  # quantity_jump / misplaced_result / kpi_rate
    subject: str
    message: str
    message_ja: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "message": self.message,
            "message_ja": self.message_ja,
            "details": self.details,
        }


@dataclass(frozen=True)
class Figure:
    """A reported quantity, named by project, label and unit, for comparing years."""

    project: str
    label: str
    unit: str | None
    value: Decimal


def _figure_key(figure: Figure) -> tuple[str, str, str]:
    return (
        unicodedata.normalize("NFKC", figure.project).replace(" ", ""),
        unicodedata.normalize("NFKC", figure.label).replace(" ", ""),
        figure.unit or "",
    )


def quantity_jumps(
    current: Iterable[Figure], previous: Iterable[Figure], factor: Decimal = JUMP_FACTOR
) -> list[Finding]:
    """Quantities that are ``factor`` times (or a ``factor``-th of) last year's same quantity."""
    before: dict[tuple[str, str, str], Figure] = {}
    for figure in previous:
        before.setdefault(_figure_key(figure), figure)
    findings = []
    for figure in current:
        old = before.get(_figure_key(figure))
        if old is None or old.value <= 0 or figure.value <= 0:
            continue
        ratio = figure.value / old.value
        if ratio >= factor or ratio <= 1 / factor:
            unit = figure.unit or ""
            findings.append(
                Finding(
                    "quantity_jump",
                    figure.project,
                    f"{figure.label} is {figure.value}{unit}, against {old.value}{unit} the year before.",
                    f"{figure.label}が{figure.value}{unit}で、前年の{old.value}{unit}と桁が違います（{_ratio_text(ratio)}）。",
                    {
                        "label": figure.label,
                        "unit": figure.unit,
                        "value": json_number(figure.value),
                        "previous": json_number(old.value),
                        "ratio": float(round(ratio, 3)),
                    },
                )
            )
    return findings


def _ratio_text(ratio: Decimal) -> str:
    return f"約{round(ratio)}倍" if ratio >= 1 else f"約{round(1 / ratio)}分の1"


@dataclass(frozen=True)
class ProjectText:
    """A project's row in report order: its planned activities and its reported result."""

    name: str
    activities: str
    result: str


def misplaced_results(projects: Sequence[ProjectText], margin: float = MISPLACED_MARGIN) -> list[Finding]:
    """Results whose words match the row above's or below's activities clearly better than their own."""
    findings = []
    weights = rarity_weights([p.activities for p in projects])
    for index, project in enumerate(projects):
        if len(bigrams(project.result)) < MIN_BIGRAMS:
            continue
        own = word_overlap(project.result, project.activities, weights)
        for neighbour_index in (index - 1, index + 1):
            if not 0 <= neighbour_index < len(projects):
                continue
            neighbour = projects[neighbour_index]
            other = word_overlap(project.result, neighbour.activities, weights)
            if other >= MIN_OVERLAP and other - own >= margin and other > 2 * own:
                findings.append(
                    Finding(
                        "misplaced_result",
                        project.name,
                        f"The result of {project.name} reads like {neighbour.name}'s activities "
                        f"({other:.0%} of its words against {own:.0%}).",
                        f"「{project.name}」の実績は、隣の「{neighbour.name}」の実施事項に近い内容です"
                        f"（語の一致 {other:.0%}、自事業 {own:.0%}）。行のずれがないか確認してください。",
                        {
                            "neighbour": neighbour.name,
                            "own_overlap": round(own, 3),
                            "neighbour_overlap": round(other, 3),
                        },
                    )
                )
    return findings


def kpi_rate_findings(kpis: Iterable[dict[str, Any]]) -> list[Finding]:
    """KPIs (as read by ``read_kpi``) whose printed rate is not actual / target."""
    findings = []
    for kpi in kpis:
        printed, target, actual = kpi.get("achievement_rate"), kpi.get("target"), kpi.get("actual")
        if not (printed and target and actual and target.get("value")):
            continue
        try:
            computed = achievement_rate(Decimal(str(target["value"])), Decimal(str(actual["value"])))
        except InvalidOperation:
            continue
        if rate_agrees(Decimal(str(printed["value"])), computed):
            continue
        findings.append(
            Finding(
                "kpi_rate",
                kpi.get("name") or "",
                f"The printed achievement rate {printed['value']}% is not {actual['value']} / {target['value']}"
                f" = {computed}%.",
                f"印字された達成率 {printed['value']}% が、実績 {actual['value']} ÷ 目標 {target['value']}"
                f" = {computed}% と一致しません。",
                {"printed": printed["value"], "computed": json_number(computed)},
            )
        )
    return findings


def report_rows(document: ReportDocument) -> list[ProjectRow]:
    """A report's projects as rows for :func:`result_alignment_findings`: name, plans, narrative, results."""
    return [
        ProjectRow(p.name, p.activities, p.narrative, f"{p.current_text} {p.comparison_text}".strip())
        for p in document.projects
    ]


def result_alignment_findings(rows: Sequence[ProjectRow]) -> list[Finding]:
    """Results that read like a neighbour's, decided block by block (:func:`realign_results`), and the
    placements that stay doubtful: for the secretariat to check against the printed report."""
    placements = realign_results(rows)
    findings = []
    for first, last, offset in moved_blocks(placements):
        names = [rows[k].name for k in range(first, last + 1)]
        where, where_ja = ("below", "下") if offset > 0 else ("above", "上")
        findings.append(
            Finding(
                "moved_results",
                names[0],
                f"The results of {', '.join(names)} stand one row {where} their projects.",
                f"「{'」「'.join(names)}」の実績が1行{where_ja}の行に印字されているようです。",
                {"projects": names, "offset": offset},
            )
        )
    for placement in placements:
        if placement.doubtful and placement.offset == 0 and rows[placement.project].result.strip():
            name = rows[placement.project].name
            findings.append(
                Finding(
                    "doubtful_result",
                    name,
                    f"The result printed beside {name} matches a neighbour's project about as well as its own.",
                    f"「{name}」の実績は、隣の事業の内容とも同じ程度に一致します。行のずれがないか確認してください。",
                    {"margin": round(placement.margin, 3)},
                )
            )
    return findings
