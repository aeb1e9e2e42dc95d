"""A database made from the shared seeds: the city plan (seed 003), reports 000 and 001, and the links.

Built through the web system's own import operations, as the commands do, once
per test module by the ``module_seeded`` fixture (tests/conftest.py); tests ask
for ``seeded`` and get :class:`Seeded`, with the FY2025 Q4 report published.
"""

from __future__ import annotations

from dataclasses import dataclass

from sasaeai.people.permissions import COMMAND_LINE
from sasaeai.reports.models import Report
from tests.conftest import links_path, seed_path


@dataclass
class Seeded:
    q4: Report  # FY2025 Q4 of seed 000, published


def build_seeded_database() -> None:
    """Seeds 003 + 000 (+ 001, which the links need) + links, imported as the commands import them."""
    from sasaeai.evaluation.services.links_import import LinksImport
    from sasaeai.plans.services.plan_import import PlanImport
    from sasaeai.reports.services.report_import import ReportImport

    plan = seed_path("003")
    PlanImport(COMMAND_LINE, plan.read_bytes(), plan.name).execute()
    for prefix in ("000", "001"):
        report = seed_path(prefix)
        ReportImport(COMMAND_LINE, report.read_bytes(), report.name).execute()
    links = links_path()
    LinksImport(COMMAND_LINE, links.read_bytes(), links.name).execute()
