"""A stored plan written by ``export-plan`` and read back by ``import-plan`` into an empty database is the
same plan; the invented plans of tests/core/plans import with the figures of their gold files.

This module needs an empty database for each test: it builds no cast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sasaeai.cli import main
from sasaeai.core.plan import read_plan
from sasaeai.people.models import Department, Organisation
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.plans.export import plan_json
from sasaeai.plans.models import Plan, RecordedActual
from sasaeai.plans.services.plan_edit import CreatePlan
from sasaeai.plans.services.tree_edit import AddIndicator, AddNode
from sasaeai.plans.services.tree_moves import MoveNode
from tests.core.test_plan_layouts import LAYOUTS, PLANS, gold_of, workbook_from_tsv

pytestmark = pytest.mark.django_db


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _evaluated(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """evaluate --json's indicators without the database's ids."""
    indicators = json.loads(_run(capsys, "evaluate", "--json"))["indicators"]
    return [
        {
            **{k: v for k, v in i.items() if k != "id"},
            "parts": [{k: v for k, v in p.items() if k != "id"} for p in i["parts"]],
        }
        for i in indicators
    ]


def _empty_the_database() -> None:
    Plan.objects.all().delete()
    Department.objects.all().delete()
    Organisation.objects.all().delete()
    assert not Plan.objects.exists() and not Organisation.objects.exists()


def _stored() -> dict[str, Any]:
    plan = plan_json(Plan.objects.get())
    plan.pop("source")
    return plan


def test_seed_003_exported_as_a_workbook_imports_as_the_same_plan(capsys, seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, "import-plan", str(seed("003")))
    before, plan_before = _evaluated(capsys), _stored()
    out = _run(capsys, "export-plan", "--format", "xlsx", "-o", str(tmp_path / "plan.xlsx"))
    assert "3 goals, 7 policies, 19 approaches, 69 items, 35 indicators, 41 indicator parts" in out
    _empty_the_database()
    out = _run(capsys, "import-plan", str(tmp_path / "plan.xlsx"))
    assert "3 goals, 7 policies, 19 approaches, 69 items, 35 indicators, 41 indicator parts" in out
    after = _evaluated(capsys)
    assert len(after) == 35 and sum(len(i["parts"]) for i in after) == 41
    assert after == before  # names, parts, baselines, targets, directions, qualifiers
    plan_after = _stored()
    # The one thing a workbook does not carry: a name as the document printed it beside the name read.
    for plan in (plan_before, plan_after):
        for goal in plan["goals"]:
            for policy in goal["policies"]:
                for approach in policy["approaches"]:
                    for indicator in approach["indicators"]:
                        indicator.pop("name_as_printed", None)
    assert plan_after == plan_before


def test_the_plan_json_round_trips_too(capsys, gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, "import-plan", str(gold("003_plan.json")))
    before = _stored()
    _run(capsys, "export-plan", "-o", str(tmp_path / "plan.json"))
    _empty_the_database()
    _run(capsys, "import-plan", str(tmp_path / "plan.json"), "--organisation", before["organisation"])
    assert _stored() == before


def _build_with_the_editor() -> Plan:
    organisation = Organisation.objects.create(name="あおば市", kind="city")
    plan = CreatePlan(
        COMMAND_LINE,
        organisation,
        {"title": "第3期あおば市地域福祉計画", "kind": "city", "start_year": 2024, "end_year": 2029},
    ).execute()
    goal = AddNode(COMMAND_LINE, "goal", plan, {"title": "つながりのあるまち"}).execute()
    AddNode(COMMAND_LINE, "goal", plan, {"title": "安心して暮らせるまち"}).execute()
    policy = AddNode(COMMAND_LINE, "policy", goal, {"title": "見守りの充実"}).execute()
    first = AddNode(
        COMMAND_LINE, "approach", policy, {"title": "声かけの輪", "departments": ["福祉課"]}
    ).execute()
    second = AddNode(
        COMMAND_LINE,
        "approach",
        policy,
        {"title": "見守り協力店", "printed_marker": "②", "departments": ["福祉課", "商工課"]},
    ).execute()
    MoveNode(COMMAND_LINE, second, 0).execute()
    AddNode(
        COMMAND_LINE, "item", first, {"number": 1, "title": "声かけ訪問", "departments": ["社会福祉協議会"]}
    ).execute()
    AddNode(COMMAND_LINE, "item", first, {"title": "見守りの講座"}).execute()  # takes its approach's 福祉課
    base = {"baseline_year": 2023, "target_year": 2029, "direction": "increase"}
    indicator = AddIndicator(
        COMMAND_LINE,
        second,
        "協力店の数と講座",
        {**base, "label": "協力店", "baseline_value": 120, "target_value": 150, "target_unit": "店"},
    ).execute()
    AddNode(
        COMMAND_LINE,
        "part",
        indicator,
        {
            **base,
            "label": "講座",
            "baseline_value": 1,
            "baseline_unit": "回",
            "target_value": 1,
            "target_qualifier": "以上",
            "target_text": "年1回以上",
        },
    ).execute()
    AddIndicator(
        COMMAND_LINE,
        first,
        "巡回体制",
        {**base, "baseline_value": 680, "baseline_unit": "回", "direction": "maintain"},
    ).execute()
    AddIndicator(
        COMMAND_LINE,
        first,
        "孤立を感じる人の割合",
        {
            **base,
            "baseline_value": 12.5,
            "target_value": 10,
            "target_unit": "%",
            "direction": "decrease",
            "tolerance": 3,
        },
    ).execute()
    return plan


def test_a_plan_built_in_the_editor_round_trips_through_the_workbook(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _build_with_the_editor()
    before = _stored()
    approaches = before["goals"][0]["policies"][0]["approaches"]
    assert [(a["number"], a["title"]) for a in approaches] == [(1, "見守り協力店"), (2, "声かけの輪")]
    assert approaches[1]["items"][1]["departments"] == ["福祉課"]
    parts = [p for i in approaches[0]["indicators"] for p in i["parts"]]
    assert [(p["target"]["text"], p["target"].get("qualifier")) for p in parts] == [
        ("150店", None),
        ("年1回以上", "以上"),
    ]
    _run(capsys, "export-plan", "-o", str(tmp_path / "plan.xlsx"))
    _empty_the_database()
    _run(capsys, "import-plan", str(tmp_path / "plan.xlsx"), "--organisation", "あおば市")
    after = _stored()
    assert after == before


def _projection(plan: dict[str, Any]) -> list[Any]:
    """What a stored plan must keep of a read one: the tree, departments (a set: they are stored as one)
    and every part's figures."""
    rows: list[Any] = []
    for goal in plan["goals"]:
        rows.append(("goal", goal["number"], goal["title"]))
        for policy in goal["policies"]:
            rows.append(("policy", policy["number"], policy["title"]))
            for approach in policy["approaches"]:
                rows.append(
                    ("approach", approach["number"], approach["title"], sorted(approach["departments"]))
                )
                rows += [
                    ("item", i["number"], i["title"], sorted(i["departments"])) for i in approach["items"]
                ]
                for indicator in approach["indicators"]:
                    rows.append(("indicator", indicator["name"]))
                    for part in indicator["parts"]:
                        measures = [
                            {k: part[side].get(k) for k in ("year", "value", "unit", "text", "qualifier")}
                            for side in ("baseline", "target")
                        ]
                        actuals = [
                            (a["fiscal_year"], a["value"])
                            for a in part.get("actuals") or []
                            if a["value"] is not None
                        ]
                        rows.append(("part", part["label"], *measures, part["direction"], actuals))
    return rows


def _invented_file(name: str, tmp_path: Path) -> Path:
    path = PLANS / name
    if path.is_dir():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(workbook_from_tsv(PLANS / name))
    return path


@pytest.mark.parametrize("name", LAYOUTS)
def test_invented_plans_import_with_the_figures_of_their_gold(capsys, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = gold_of(name)
    keys = ("goals", "policies", "approaches", "items", "indicators", "indicator_parts")
    out = _run(capsys, "import-plan", str(_invented_file(name, tmp_path)))
    counts = ", ".join(f"{gold['counts'][k]} {k.replace('_', ' ')}" for k in keys)
    assert counts in out
    assert _projection(_stored()) == _projection(gold)
    recorded = sum(1 for _ in RecordedActual.objects.all())
    assert recorded == sum(len(row[-1]) for row in _projection(gold) if row[0] == "part")


@pytest.mark.parametrize("name", LAYOUTS)
def test_invented_plans_round_trip_through_the_workbook(capsys, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, "import-plan", str(_invented_file(name, tmp_path)))
    before = _stored()
    _run(capsys, "export-plan", "-o", str(tmp_path / "plan.xlsx"))
    assert read_plan((tmp_path / "plan.xlsx").read_bytes(), "plan.xlsx")["counts"] == gold_of(name)["counts"]
    _empty_the_database()
    _run(capsys, "import-plan", str(tmp_path / "plan.xlsx"), "--organisation", before["organisation"])
    after = _stored()
    for plan in (before, after):
        for goal in plan["goals"]:
            for policy in goal["policies"]:
                for approach in policy["approaches"]:
                    for indicator in approach["indicators"]:
                        indicator.pop("name_as_printed", None)
    assert after == before


def test_export_plan_names_the_plans_when_it_must_choose(capsys, seed, gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["export-plan", "-o", str(tmp_path / "p.xlsx")]) == 2
    assert "No plan is stored yet" in capsys.readouterr().err
    _run(capsys, "import-plan", str(seed("003")))
    _run(capsys, "import-plan", str(gold("003_plan.json")), "--kind", "council", "--organisation", "社協")
    assert main(["export-plan", "-o", str(tmp_path / "p.xlsx")]) == 2
    assert "choose one with --plan" in capsys.readouterr().err
    assert main(["export-plan", "--plan", "999", "-o", str(tmp_path / "p.xlsx")]) == 2
    assert main(["export-plan", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "--format xlsx or --format json" in capsys.readouterr().err


def test_export_plan_writes_the_empty_template(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, "export-plan", "--empty", "-o", str(tmp_path / "template.xlsx"))
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "template.xlsx").sheetnames == ["説明", "計画", "体系", "指標"]
