"""The N-organisation database of ``make bench-scale``, built through the real import path.

Each organisation is a city with the demo's plan (the same document for every city: it is stored once
for each) and its council, whose quarterly reports the demo generator writes for ``projects`` projects
(the demo's own and numbered copies of them) and whose indicator links name both organisations.  Every
document is imported by the same services as ``sasaeai import-plan``, ``import-report [--published]`` and
``import-links``; all reports but the last two quarters are stored as published, so that the public pages
and the open data have figures to show.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LAST_YEAR = 2025  # the reports run up to FY2025 Q4, as many fiscal years back as asked
UNPUBLISHED = 2  # the last quarters stay drafts


def quarters(reports: int) -> list[tuple[int, int]]:
    """The last ``reports`` quarters up to FY2025 Q4, oldest first: (fiscal year, quarter)."""
    ending = [(LAST_YEAR - back // 4, 4 - back % 4) for back in range(reports)]
    return sorted(ending)


@dataclass
class Organisations:
    """What was built: the names, how many of each thing, and the seconds the imports took."""

    cities: list[str] = field(default_factory=list)
    councils: list[str] = field(default_factory=list)
    reports: int = 0
    seconds: float = 0.0


def names(index: int) -> tuple[str, str]:
    """The city and council of organisation ``index`` (1, 2, …): 楓01市 and 楓01市社会福祉協議会."""
    city = f"楓{index:02d}市"
    return city, f"{city}社会福祉協議会"


def report_file(council: str, projects: int, fiscal_year: int, quarter: int, seed: int = 7) -> bytes:
    """A council's quarterly report of ``projects`` projects as the demo generator writes it."""
    from sasaeai.demo.documents import Figures, many_projects, report_text

    chosen = many_projects(projects)
    return report_text(Figures(seed), fiscal_year, quarter, council=council, projects=chosen).encode()


def write_documents(directory: Path, count: int, projects: int, reports: int) -> list[dict[str, Any]]:
    """Every organisation's plan, reports and links, written as files before any import is timed."""
    from sasaeai.demo.documents import links_document, plan_document

    directory.mkdir(parents=True, exist_ok=True)
    plan = directory / "city_plan.json"
    plan.write_text(json.dumps(plan_document(), ensure_ascii=False, indent=1), encoding="utf-8")
    made = []
    for index in range(1, count + 1):
        city, council = names(index)
        links = {"plan_organisation": city, "report_organisation": council, **links_document()}
        links_path = directory / f"links_{index:02d}.json"
        links_path.write_text(json.dumps(links, ensure_ascii=False), encoding="utf-8")
        written = []
        for fiscal_year, quarter in quarters(reports):
            path = directory / f"report_{index:02d}_{fiscal_year}_Q{quarter}.tsv"
            path.write_bytes(report_file(council, projects, fiscal_year, quarter))
            written.append(path)
        made.append({"city": city, "council": council, "plan": plan, "links": links_path, "reports": written})
    return made


def build(directory: Path, count: int, projects: int, reports: int) -> Organisations:
    """Import every organisation's documents; returns what was built and how long the imports took."""
    from sasaeai.evaluation.services.links_import import LinksImport
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.plans.services.plan_import import PlanImport
    from sasaeai.reports.services.report_import import ReportImport

    documents = write_documents(directory, count, projects, reports)
    built = Organisations()
    started = time.perf_counter()
    for found in documents:
        plan: Path = found["plan"]
        PlanImport(COMMAND_LINE, plan.read_bytes(), plan.name, organisation=found["city"]).execute()
        reports: list[Path] = found["reports"]
        for number, path in enumerate(reports):
            published = number < len(reports) - UNPUBLISHED
            ReportImport(
                COMMAND_LINE, path.read_bytes(), path.name, organisation=found["council"], published=published
            ).execute()
            built.reports += 1
        links: Path = found["links"]
        LinksImport(COMMAND_LINE, links.read_bytes(), links.name).execute()
        built.cities.append(found["city"])
        built.councils.append(found["council"])
    built.seconds = time.perf_counter() - started
    return built
