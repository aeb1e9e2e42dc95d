"""What PlanImport keeps besides the tree: the actuals a plan prints, and the import in the plan's history.

This module imports into an empty database: it builds no cast.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from sasaeai.plans.models import Plan, PlanChange, RecordedActual
from sasaeai.plans.services.plan_import import PlanImport
from tests.core.test_plan_layouts import PLANS

from .base import database_snapshot

pytestmark = pytest.mark.django_db


def _import(name: str, organisation: str | None = None) -> tuple[Plan, bool]:
    path = PLANS / name
    return PlanImport(None, path.read_bytes(), path.name, organisation).execute()


def test_the_actuals_of_an_evaluation_sheet_are_kept_with_their_parts() -> None:
    plan, _ = _import("hinata_evaluation.tsv")
    recorded = RecordedActual.objects.filter(part__indicator__approach__policy__goal__plan=plan)
    assert recorded.count() == 24
    first = recorded.filter(part__indicator__name="見守り協力事業者数").order_by("fiscal_year")
    assert [(a.fiscal_year, a.value, a.source) for a in first] == [
        (2012, Decimal(148), "hinata_evaluation.tsv"),
        (2013, Decimal(175), "hinata_evaluation.tsv"),
        (2014, Decimal(188), "hinata_evaluation.tsv"),
        (2015, Decimal(204), "hinata_evaluation.tsv"),
    ]


def test_a_plan_without_actuals_records_none() -> None:
    _import("kaede_chapters.txt")
    assert not RecordedActual.objects.exists()


def test_the_import_is_the_first_line_of_the_plans_history() -> None:
    plan, _ = _import("kaede_chapters.txt")
    change = PlanChange.objects.get(plan=plan)
    assert (change.place, change.entry.field, change.entry.new, change.entry.actor) == (
        "計画",
        "imported",
        "kaede_chapters.txt",
        "command line",
    )


def test_the_same_file_again_changes_nothing() -> None:
    _import("hinata_evaluation.tsv")
    before = database_snapshot()
    _, changed = _import("hinata_evaluation.tsv")
    assert not changed
    assert database_snapshot() == before


def test_the_same_file_for_another_organisation_is_its_own_plan() -> None:
    first, _ = _import("kaede_chapters.txt", "かえで市")
    second, changed = _import("kaede_chapters.txt", "もみじ町")
    assert changed
    assert (first.organisation.name, second.organisation.name) == ("かえで市", "もみじ町")
