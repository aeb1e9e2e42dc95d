"""Storing a plan: seed 003 as text or as its JSON form, once; refused files leave nothing behind."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sasaeai.core import SasaeaiError
from sasaeai.operations import OperationRefused
from sasaeai.plans.models import Approach, Indicator, IndicatorPart, Item, Plan, Policy
from sasaeai.plans.services.plan_import import PlanImport

from .base import database_snapshot

pytestmark = pytest.mark.django_db


def _counts(plan: Plan) -> dict[str, int]:
    return {
        "goals": plan.goals.count(),
        "policies": Policy.objects.filter(goal__plan=plan).count(),
        "approaches": Approach.objects.filter(policy__goal__plan=plan).count(),
        "items": Item.objects.filter(approach__policy__goal__plan=plan).count(),
        "indicators": Indicator.objects.filter(approach__policy__goal__plan=plan).count(),
        "indicator_parts": IndicatorPart.objects.filter(indicator__approach__policy__goal__plan=plan).count(),
    }


@pytest.mark.parametrize("source", ["text", "json"])
def test_stores_seed_003_with_gold_counts(seed, gold, source: str) -> None:  # type: ignore[no-untyped-def]
    path = seed("003") if source == "text" else gold("003_plan.json")
    plan, changed = PlanImport(None, path.read_bytes(), path.name).execute()
    expected = json.loads(gold("003_plan.json").read_text(encoding="utf-8"))["counts"]
    assert changed
    assert _counts(plan) == expected
    assert (plan.kind, plan.start_year, plan.end_year) == ("city", 2021, 2026)
    assert plan.source_name == path.name


def test_parts_keep_values_years_and_printed_text(gold) -> None:  # type: ignore[no-untyped-def]
    path = gold("003_plan.json")
    PlanImport(None, path.read_bytes(), path.name).execute()
    bank = Indicator.objects.get(name="福祉人材バンク事業における求職数・求人数・マッチング成功数")
    labels = [(p.label, p.baseline_value, p.target_value, p.unit) for p in bank.parts.all()]
    assert labels == [("求職", 118, 130, "人"), ("求人", 241, 250, "人"), ("マッチング成功", 13, 20, "件")]
    rate = IndicatorPart.objects.get(indicator__name="自主防災組織世帯カバー率")
    assert (rate.baseline_value, rate.baseline_text, rate.baseline_year) == (
        Decimal("90.08"),
        "90.08%",
        2019,
    )
    qualified = IndicatorPart.objects.get(indicator__name="実務者ネットワーク会議開催回数")
    assert (qualified.target_text, qualified.target_qualifier) == ("年1回以上", "以上")
    patrol = IndicatorPart.objects.get(indicator__name="巡回体制")
    assert (patrol.direction, patrol.target_value) == ("maintain", None)
    missing = IndicatorPart.objects.get(indicator__name="農福連携農家数")
    assert (missing.baseline_value, missing.baseline_text) == (None, "—")


def test_departments_belong_to_the_plans_organisation(gold) -> None:  # type: ignore[no-untyped-def]
    path = gold("003_plan.json")
    plan, _ = PlanImport(None, path.read_bytes(), path.name, organisation="苫小牧市").execute()
    approach = Approach.objects.get(policy__goal__plan=plan, number=1)
    assert [d.name for d in approach.departments.order_by("id")] == [
        "介護福祉課",
        "障がい福祉課",
        "こども支援課",
        "総合福祉課",
    ]
    assert {d.organisation.name for d in approach.departments.all()} == {"苫小牧市"}


def test_importing_the_same_plan_again_changes_nothing(gold) -> None:  # type: ignore[no-untyped-def]
    path = gold("003_plan.json")
    PlanImport(None, path.read_bytes(), path.name).execute()
    before = database_snapshot()
    _, changed = PlanImport(None, path.read_bytes(), path.name).execute()
    assert not changed
    assert database_snapshot() == before


def test_another_file_for_the_same_period_is_refused(seed, gold) -> None:  # type: ignore[no-untyped-def]
    PlanImport(None, seed("003").read_bytes(), seed("003").name).execute()
    before = database_snapshot()
    with pytest.raises(OperationRefused) as refused:
        PlanImport(None, gold("003_plan.json").read_bytes(), "003_plan.json").execute()
    assert "revisions" in str(refused.value)
    assert database_snapshot() == before


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.json", b""),
        ("plan.json", b'{"goals": 3}'),
        ("binary.txt", bytes(range(256)) * 4),
        ("a.json", b"{"),
    ],
)
def test_refused_plan_files_leave_nothing_behind(name: str, data: bytes) -> None:
    with pytest.raises(SasaeaiError):
        PlanImport(None, data, name).execute()
    assert not Plan.objects.exists()


def test_plan_keeps_its_own_thresholds_and_refuses_unknown_ones(gold) -> None:  # type: ignore[no-untyped-def]
    plan = json.loads(gold("003_plan.json").read_text(encoding="utf-8"))
    plan["thresholds"] = {"rollup_z": 1}
    with pytest.raises(SasaeaiError) as refused:
        PlanImport(None, json.dumps(plan).encode(), "bad.json").execute()
    assert str(refused.value) == "Unknown threshold 'rollup_z'."
    plan["thresholds"] = {"percent_tolerance": 5}
    stored, _ = PlanImport(None, json.dumps(plan).encode(), "own.json").execute()
    assert stored.thresholds == {"percent_tolerance": 5}
