"""Consistency findings over stored data and the commands around them; the data stays untouched."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sasaeai.cli import main
from sasaeai.lifecycle.findings import all_findings, kpi_findings, report_findings
from sasaeai.lifecycle.services.kpi_import import KpiImport
from sasaeai.reports.models import Project, ProjectAlias, Quantity, Side
from sasaeai.reports.services.report_import import ReportImport

from ..web.base import Cast, cast_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_figure_ten_times_last_year_is_found_and_not_changed(cast: Cast):
    # the cast's draft (FY2025 Q4) says 87 箇所; the published FY2024 Q4 says 91
    assert [f.finding.kind for f in report_findings(cast.draft)] == []
    cast.salon_count.value = Decimal(1000)
    cast.salon_count.save()
    found = report_findings(cast.draft)
    assert [(f.finding.kind, f.finding.subject) for f in found] == [("quantity_jump", "ふれあいサロン事業")]
    assert found[0].finding.details["previous"] == 91
    assert "前年" in found[0].finding.message_ja
    cast.salon_count.refresh_from_db()
    assert cast.salon_count.value == Decimal(1000)


def test_the_comparison_column_counts_as_last_year(cast: Cast):
    Quantity.objects.create(
        entry=cast.newsletter_entry, side=Side.COMPARISON, label="発行", value=Decimal(34740), unit="部"
    )
    found = report_findings(cast.draft)
    assert [(f.finding.subject, f.finding.details["ratio"]) for f in found] == [("社協だより発行業務", 10.0)]


def test_seed_004_needs_no_reason_until_a_kpi_falls_below_target(seed):
    path = seed("004")
    sheet, _ = KpiImport(None, path.read_bytes(), path.name).execute()
    assert kpi_findings(sheet) == []
    sheet.kpis.filter(kind="事業KPI").update(actual_value=Decimal(900))
    kinds = sorted(f.finding.kind for f in kpi_findings(sheet))
    assert kinds == ["kpi_rate", "kpi_reason"]  # 106% printed against 90.0%, and no reason


def test_check_consistency_command_prints_json(cast: Cast, capsys):
    cast.salon_count.value = Decimal(9)
    cast.salon_count.save()
    assert main(["check-consistency", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["kind"], f["report"]) for f in findings] == [
        ("quantity_jump", {"fiscal_year": 2025, "period": "Q4"})
    ]


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
