"""A fictional municipality for ``sasaeai demo``: かえで市 and its social welfare council.

Everything here is invented.  The generator writes the documents a real council
would hand over — the city plan in the JSON form of ``import-plan``, quarterly
business reports (事業経過報告) as tab-separated tables in the council's own
column layout, and an indicator-link file — so that the demo is loaded through
the same readers and import services as real documents.  Output depends only on
the seed: the same seed writes the same bytes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sasaeai.core import FiscalYear
from sasaeai.demo.city import (
    BASELINE_YEAR,
    CITY,
    CITY_PLAN,
    CITY_PLAN_TITLE,
    COUNCIL,
    COUNCIL_GOALS,
    FIRST_GENERATED_YEAR,
    PLAN_END,
    PLAN_START,
    PROJECTS,
    REPORT_YEARS,
    DemoIndicator,
    DemoProject,
    Measure,
)

DEFAULT_SEED = 20251
QUARTER_SHARE = {1: 0.23, 2: 0.49, 3: 0.75, 4: 1.0}  # share of a year's flow reached by each quarter's end
QUARTER_END = {1: "6月末", 2: "9月末", 3: "12月末", 4: "3月末"}


def _number_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    shown = f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return f"{shown}{unit}"


def _value(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _part(
    label: str | None, unit: str, baseline: float | None, target: float | None, target_text: str
) -> dict[str, Any]:
    return {
        "label": label,
        "baseline": {
            "year": BASELINE_YEAR,
            "value": _value(baseline),
            "unit": unit or None,
            "text": _number_text(baseline, unit),
        },
        "target": {
            "year": PLAN_END,
            "value": _value(target),
            "unit": unit or None,
            "text": target_text or _number_text(target, unit),
        },
    }


def _indicator_json(indicator: DemoIndicator) -> dict[str, Any]:
    if indicator.parts:
        parts = [_part(label, label, base, target, "") for label, base, target, _ in indicator.parts]
    else:
        parts = [_part(None, indicator.unit, indicator.baseline, indicator.target, indicator.target_text)]
    return {
        "name": indicator.name,
        "parts": parts,
        "baseline_text": " ".join(p["baseline"]["text"] for p in parts),
        "target_text": " ".join(p["target"]["text"] for p in parts),
    }


def plan_document() -> dict[str, Any]:
    """The city plan in the JSON form that ``import-plan`` reads (``docs/plan-format.md``)."""
    goals: list[dict[str, Any]] = []
    policy_no, approach_no, item_no = 0, 0, 0
    for goal_no, (goal_title, policies) in enumerate(CITY_PLAN, start=1):
        goal: dict[str, Any] = {"number": goal_no, "title": goal_title, "policies": []}
        for policy_title, approaches in policies:
            policy_no += 1
            policy: dict[str, Any] = {"number": policy_no, "title": policy_title, "approaches": []}
            for approach in approaches:
                approach_no += 1
                items = []
                for item_title in approach.items:
                    item_no += 1
                    items.append(
                        {"number": item_no, "title": item_title, "departments": list(approach.departments)}
                    )
                policy["approaches"].append(
                    {
                        "number": approach_no,
                        "title": approach.title,
                        "departments": list(approach.departments),
                        "items": items,
                        "indicators": [_indicator_json(i) for i in approach.indicators],
                    }
                )
            goal["policies"].append(policy)
        goals.append(goal)
    return {
        "source": "kaede_city_plan.json",
        "title": CITY_PLAN_TITLE,
        "organisation": CITY,
        "kind": "city",
        "period": {"start": PLAN_START, "end": PLAN_END},
        "chapter": "第4章 施策の推進",
        "goals": goals,
    }


def indicators() -> list[DemoIndicator]:
    return [
        i for _, policies in CITY_PLAN for _, approaches in policies for a in approaches for i in a.indicators
    ]


def links_document() -> dict[str, Any]:
    """Which reported quantity measures which indicator part, in the form of ``import-links``."""
    by_name = {p.name: p for p in PROJECTS}
    links = []
    for indicator in indicators():
        pairs = [(None, indicator.link)] if indicator.link else [(p[0], p[3]) for p in indicator.parts]
        for part, (project, label) in pairs:
            unit = next(m.unit for m in by_name[project].measures if m.label == label)
            link = {"indicator": indicator.name, "project": project, "label": label, "unit": unit}
            if part:
                link["part"] = part
            links.append(link)
    return {"links": links}


@dataclass
class DemoFiles:
    """The documents the generator wrote, in the order they are imported."""

    directory: Path
    plan: Path
    links: Path
    reports: list[Path] = field(default_factory=list)


class Figures:
    """Every figure of every project, drawn once from a seeded generator."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.seed = seed

    def _rng(self, *key: object) -> random.Random:
        return random.Random(":".join(str(k) for k in (self.seed, *key)))

    def year(self, project: DemoProject, measure: Measure, fiscal_year: int) -> int:
        """The year's total (a flow) or the level at its end (a stock)."""
        years = fiscal_year - FIRST_GENERATED_YEAR
        if years <= 0:
            return round(measure.start)
        noise = self._rng(project.name, measure.label, fiscal_year).uniform(-0.035, 0.035)
        return max(0, round(measure.start * (1 + measure.growth) ** years * (1 + noise)))

    def quarter(self, project: DemoProject, measure: Measure, fiscal_year: int, quarter: int) -> int:
        """The figure a quarterly report shows: the year to date, or the level at the quarter's end."""
        end = self.year(project, measure, fiscal_year)
        if quarter == 4:
            return end
        if measure.stock:
            before = self.year(project, measure, fiscal_year - 1)
            return round(before + (end - before) * quarter / 4)
        if project.event_month is not None:
            return end if _month_passed(project.event_month, quarter) else 0
        share = QUARTER_SHARE[quarter] * (
            1 + self._rng(project.name, measure.label, fiscal_year, quarter).uniform(-0.05, 0.05)
        )
        return min(end, round(end * share))


def _month_passed(month: int, quarter: int) -> bool:
    """Whether a month of the fiscal year has ended by the end of the quarter (April = month 1 of the year)."""
    return ((month - 4) % 12) // 3 + 1 <= quarter


def _event_date(project: DemoProject, fiscal_year: int) -> str:
    day = 8 + (len(project.name) * 3 + fiscal_year) % 20
    return f"{project.event_month}/{day}"


def results_cell(figures: Figures, project: DemoProject, fiscal_year: int, quarter: int) -> str:
    """今期実績 / 前年同期実績 as a council writes it: "3月末: 登録者 260人 配食 31,000食"."""
    if project.event_month is not None and not _month_passed(project.event_month, quarter):
        return f"{project.event_month}月開催予定"
    parts = []
    if project.event_month is not None:
        parts.append(f"{_event_date(project, fiscal_year)}開催")
    for measure in project.measures:
        value = figures.quarter(project, measure, fiscal_year, quarter)
        prefix = f"{QUARTER_END[quarter]}: " if measure.stock else ""
        parts.append(f"{prefix}{measure.label} {value:,}{measure.unit}")
    return " ".join(parts)


def narrative_cell(figures: Figures, project: DemoProject, fiscal_year: int, quarter: int) -> str:
    """事業実績内容: what was done, with one figure written into the sentence."""
    measure = project.measures[0]
    value = figures.quarter(project, measure, fiscal_year, quarter)
    period = "今年度" if quarter == 4 else f"第{quarter}四半期まで"
    if project.event_month is not None and not _month_passed(project.event_month, quarter):
        return f"・{project.event_month}月の開催に向けて準備を進めた。"
    return f"・{project.narrative} {period}の{measure.label}は{value:,}{measure.unit}。"


HEADER_TEMPLATE = (
    "拠点区分",
    "サービス区分",
    "事業名 (担当課名)",
    "地域福祉実践 計画体系",
    "具体的な実施事項",
    "{fy}の事業実績内容",
    "{fy} {q}実績",
    "{prev} {q}実績",
)


def report_rows(
    figures: Figures,
    fiscal_year: int,
    quarter: int,
    departments: Collection[str] = (),
    projects: Sequence[DemoProject] = PROJECTS,
) -> list[list[str]]:
    """The rows of one quarterly report, in the council's column layout, header first.

    With ``departments``, only their projects' rows: the part of the report those departments upload.
    """
    fy, prev = FiscalYear(fiscal_year), FiscalYear(fiscal_year - 1)
    q = f"第{quarter}四半期"
    header = [h.format(fy=fy.era_label(), prev=prev.era_label(), q=q) for h in HEADER_TEMPLATE]
    rows, last = [header], ("", "", 0)
    for project in projects:
        if departments and project.department not in departments:
            continue
        segment = project.segment if project.segment != last[0] else ""
        service = project.service if project.service != last[1] else ""
        goal = f"基本目標{project.goal} {COUNCIL_GOALS[project.goal]}" if project.goal != last[2] else "〃"
        rows.append(
            [
                segment,
                service,
                f"{project.number} {project.name} ({project.department})",
                goal,
                project.activities,
                narrative_cell(figures, project, fiscal_year, quarter),
                results_cell(figures, project, fiscal_year, quarter),
                results_cell(figures, project, fiscal_year - 1, quarter),
            ]
        )
        last = (project.segment, project.service, project.goal)
    return rows


def report_text(
    figures: Figures,
    fiscal_year: int,
    quarter: int,
    departments: Collection[str] = (),
    council: str = COUNCIL,
    projects: Sequence[DemoProject] = PROJECTS,
) -> str:
    """One report (or the rows of ``departments``) as the tab-separated text of a spreadsheet export."""
    fy = FiscalYear(fiscal_year)
    title = f"{fy.era_label()}({fiscal_year}年度)第{quarter}四半期 事業経過報告 {council}"
    rows = report_rows(figures, fiscal_year, quarter, departments, projects)
    lines = ["", title, ""] + ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def many_projects(count: int) -> list[DemoProject]:
    """``count`` projects made from the demo's by numbering their names (事業 → 事業2, 事業3 …), for scale runs."""
    made = []
    for index in range(count):
        project = PROJECTS[index % len(PROJECTS)]
        round_ = index // len(PROJECTS)
        name = project.name if round_ == 0 else f"{project.name}{round_ + 1}"
        made.append(replace(project, name=name, number=index + 1))
    return made


def write_demo_files(directory: Path, seed: int = DEFAULT_SEED) -> DemoFiles:
    """Write the plan, the links and every quarterly report of :data:`REPORT_YEARS` into ``directory``."""
    import yaml

    directory.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(directory, directory / "city_plan.json", directory / "links.yaml")
    files.plan.write_text(json.dumps(plan_document(), ensure_ascii=False, indent=1), encoding="utf-8")
    files.links.write_text(
        yaml.safe_dump(links_document(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    figures = Figures(seed)
    for fiscal_year in REPORT_YEARS:
        for quarter in (1, 2, 3, 4):
            path = directory / f"report_{fiscal_year}_Q{quarter}.tsv"
            path.write_text(report_text(figures, fiscal_year, quarter), encoding="utf-8")
            files.reports.append(path)
    return files
