"""Consistency findings and the life-cycle commands on the seed documents, in an empty database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sasaeai.cli import main
from sasaeai.lifecycle.findings import all_findings, kpi_findings
from sasaeai.lifecycle.services.kpi_import import KpiImport
from sasaeai.reports.models import Project, ProjectAlias
from sasaeai.reports.services.report_import import ReportImport

pytestmark = pytest.mark.django_db


def test_seed_004_needs_no_reason_until_a_kpi_falls_below_target(seed):
    path = seed("004")
    sheet, _ = KpiImport(None, path.read_bytes(), path.name).execute()
    assert kpi_findings(sheet) == []
    sheet.kpis.filter(kind="事業KPI").update(actual_value=Decimal(900))
    kinds = sorted(f.finding.kind for f in kpi_findings(sheet))
    assert kinds == ["kpi_rate", "kpi_reason"]  # 106% printed against 90.0%, and no reason


def test_seeds_000_and_001_as_printed(seed):
    for prefix in ("000", "001"):
        path = seed(prefix)
        ReportImport(None, path.read_bytes(), path.name).execute()
    found = all_findings()
    assert {f.finding.kind for f in found} <= {"quantity_jump"}
    assert not [f for f in found if f.finding.kind == "misplaced_result"]


def test_merge_projects_command_keeps_the_alias(seed, capsys):
    for prefix in ("000", "001"):
        path = seed(prefix)
        ReportImport(None, path.read_bytes(), path.name).execute()
    assert main(["merge-projects", "市民ボランティア講座", "市民ボランティア講座開催"]) == 0
    assert ProjectAlias.objects.get(name="市民ボランティア講座開催").project.name == "市民ボランティア講座"
    assert not Project.objects.filter(name="市民ボランティア講座開催").exists()
    assert main(["merge-projects", "市民ボランティア講座", "ない事業"]) == 2
    assert "ない事業" in capsys.readouterr().err


def test_import_goal_links_needs_the_plans_first(seed, capsys):
    assert main(["import-goal-links", str(seed("003"))]) == 2
    err = capsys.readouterr().err
    assert "first" in err and err.count("\n") == 1
