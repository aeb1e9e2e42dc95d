"""A database made from the shared seeds: the city plan (seed 003), reports 000 and 001, and the links.

Built once per test class through the web system's own import actions, as the
commands do; each test runs inside a transaction that is rolled back.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import TestCase

from sasaeai.people.permissions import COMMAND_LINE
from sasaeai.reports.models import Report, ReportStatus

SHARED = Path(os.environ.get("SASAEAI_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SEEDS, GOLD, LINKS = SHARED / "data" / "seeds", SHARED / "data" / "gold", SHARED / "data" / "links"


def shared(folder: Path, prefix: str) -> Path:
    """The shared file whose name starts with ``prefix`` (the same rule as tests/conftest.py)."""
    matches = sorted(folder.glob(f"{prefix}*")) if folder.is_dir() else []
    if not matches:
        pytest.fail(
            f"no {prefix}* in {folder}: these tests read the shared seed documents; check out ../shared"
        )
    return matches[0]


def build_seeded_database() -> None:
    from sasaeai.evaluation.services.links_import import LinksImport
    from sasaeai.plans.services.plan_import import PlanImport
    from sasaeai.reports.services.report_import import ReportImport

    plan = shared(SEEDS, "003")
    PlanImport(COMMAND_LINE, plan.read_bytes(), plan.name).execute()
    for prefix in ("000", "001"):
        report = shared(SEEDS, prefix)
        ReportImport(COMMAND_LINE, report.read_bytes(), report.name).execute()
    links = shared(LINKS, "tomakomai.yaml")
    LinksImport(COMMAND_LINE, links.read_bytes(), links.name).execute()


class SeededTestCase(TestCase):
    """Seeds 003 + 000 (+ 001, which the links need) + links; the FY2025 Q4 report is published."""

    @classmethod
    def setUpTestData(cls) -> None:
        build_seeded_database()
        cls.q4 = Report.objects.get(fiscal_year=2025, period="Q4")
        Report.objects.filter(pk=cls.q4.pk).update(status=ReportStatus.PUBLISHED)
        cls.q4.refresh_from_db()
