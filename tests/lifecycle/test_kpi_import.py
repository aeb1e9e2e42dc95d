"""import-kpi: seed 004 with both KPIs, budget, partners; the computed rate checked against 106%."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sasaeai.cli import main
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.lifecycle.services.kpi_import import KpiImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def expected(gold):
    return json.loads(gold("004_kpi.json").read_text(encoding="utf-8"))


def test_import_kpi_json_gives_budget_kpis_and_partners(seed, expected, capsys):
    assert main(["import-kpi", str(seed("004")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["project"] == expected["project"]
    assert data["budget"] == {"project_cost": 13945, "grant": 10458, "unit": "千円"}
    assert [k["name"] for k in data["kpis"]] == [k["name"] for k in expected["kpis"]]
    assert data["partners"] == expected["partners"]
    assert data["partners_open_ended"] is True
    users = data["kpis"][1]
    assert (users["target"], users["actual"], users["printed_rate"]) == (1000, 1063, 106)
    assert users["computed_rate"] == 106.3
    assert users["rate_agrees"] is True
    survey = data["kpis"][0]
    assert (survey["target"], survey["actual"], survey["computed_rate"]) == (25, 12.4, None)


def test_importing_twice_changes_nothing(seed, capsys):
    assert main(["import-kpi", str(seed("004"))]) == 0
    assert main(["import-kpi", str(seed("004")), "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{") :])["changed"] is False
    assert (KpiSheet.objects.count(), Kpi.objects.count()) == (1, 2)


def test_reasons_written_on_the_web_survey_a_new_version_of_the_sheet(seed):
    path = seed("004")
    sheet, _ = KpiImport(None, path.read_bytes(), path.name).execute()
    kpi = sheet.kpis.get(kind="事業目標")
    kpi.reason = "調査は令和8年度に実施予定"
    kpi.save()
    changed_bytes = path.read_bytes().replace("1,063人".encode(), "1,064人".encode())
    sheet, changed = KpiImport(None, changed_bytes, path.name).execute()
    assert changed
    assert sheet.kpis.get(kind="事業目標").reason == "調査は令和8年度に実施予定"
    assert sheet.kpis.get(kind="事業KPI").actual_value == Decimal(1064)
    assert KpiSheet.objects.count() == 1
