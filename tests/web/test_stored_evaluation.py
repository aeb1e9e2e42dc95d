"""The stored evaluation (評価結果): every write keeps it as a full recompute would build it."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management.sql import emit_post_migrate_signal

from sasaeai.cli import main
from sasaeai.evaluation.models import Audience, EvaluationResult, RollupResult
from sasaeai.evaluation.services.evaluate import evaluate_plans
from sasaeai.evaluation.services.results import stored_evaluation
from sasaeai.evaluation.services.stored import recompute, refreshed_once
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.plans.models import IndicatorPart, Plan
from sasaeai.plans.services.tree_edit import ChangeNode
from sasaeai.reports.models import Quantity, Report
from sasaeai.reports.services.workflow import ApprovePart, PublishReport, ReopenReport, ReturnPart, SubmitPart
from tests.exports.seeded import build_seeded_database

from .test_figure_range import _write_by_sql

pytestmark = pytest.mark.django_db


def stored_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every stored result row, without its id, in a fixed order."""

    def rows(model: Any) -> list[tuple[Any, ...]]:
        names = [f.attname for f in model._meta.fields if f.name != "id"]
        return sorted(tuple(str(v) for v in row) for row in model.objects.values_list(*names))

    return {"results": rows(EvaluationResult), "rollups": rows(RollupResult)}


def assert_as_recomputed() -> None:
    incremental = stored_rows()
    recompute()
    assert stored_rows() == incremental


def test_incremental_updates_equal_a_full_recompute() -> None:
    build_seeded_database()  # the plan, reports 000 and 001 as drafts, the links
    assert_as_recomputed()
    q4 = Report.objects.get(fiscal_year=2025, period="Q4")
    for part in q4.parts.all():
        SubmitPart(COMMAND_LINE, part).execute()
        ApprovePart(COMMAND_LINE, part).execute()
    assert Report.objects.get(pk=q4.pk).status == "approved"
    assert_as_recomputed()
    PublishReport(COMMAND_LINE, q4).execute()
    assert_as_recomputed()
    ReopenReport(COMMAND_LINE, q4, "数値の訂正").execute()
    assert_as_recomputed()
    part = q4.parts.first()
    assert part is not None
    SubmitPart(COMMAND_LINE, part).execute()
    ReturnPart(COMMAND_LINE, part, "確認してください").execute()
    assert_as_recomputed()
    indicator_part = IndicatorPart.objects.exclude(target_value=None).order_by("pk").first()
    assert indicator_part is not None
    target = indicator_part.target_value
    assert target is not None
    ChangeNode(COMMAND_LINE, indicator_part, {"target_value": target + 1}, "目標の見直し").execute()
    assert_as_recomputed()


def _approve_and_publish(report: Report) -> None:
    for part in report.parts.all():
        SubmitPart(COMMAND_LINE, part).execute()
        ApprovePart(COMMAND_LINE, part).execute()
    PublishReport(COMMAND_LINE, report).execute()


def test_a_batch_of_writes_stores_each_plan_once_at_its_end_as_a_recompute_would() -> None:
    build_seeded_database()
    q4 = Report.objects.get(fiscal_year=2025, period="Q4")
    before = stored_rows()
    with refreshed_once():
        _approve_and_publish(q4)
        with refreshed_once():  # a batch inside a batch waits for the outer one
            ReopenReport(COMMAND_LINE, q4, "数値の訂正").execute()
            _approve_and_publish(q4)
        assert stored_rows() == before  # nothing is evaluated until the batch ends
    assert stored_rows() != before
    assert_as_recomputed()


def test_a_batch_that_fails_changes_neither_the_figures_nor_the_stored_results() -> None:
    build_seeded_database()
    q4 = Report.objects.get(fiscal_year=2025, period="Q4")
    before = stored_rows()
    with pytest.raises(RuntimeError), refreshed_once():
        _approve_and_publish(q4)
        raise RuntimeError("the batch stops half way")
    assert Report.objects.get(pk=q4.pk).status == "draft"
    assert stored_rows() == before
    _approve_and_publish(q4)  # and writes after it refresh at once again
    assert stored_rows() != before
    assert_as_recomputed()


def test_a_published_figure_reaches_the_public_result_when_published() -> None:
    build_seeded_database()
    public = EvaluationResult.objects.filter(audience=Audience.PUBLIC, as_of_year=None)
    assert not any(json.loads(row)["actuals"] for row in public.values_list("data", flat=True))
    q4 = Report.objects.get(fiscal_year=2025, period="Q4")
    for part in q4.parts.all():
        SubmitPart(COMMAND_LINE, part).execute()
        ApprovePart(COMMAND_LINE, part).execute()
    assert not any(json.loads(row)["actuals"] for row in public.values_list("data", flat=True))
    committee = EvaluationResult.objects.filter(audience=Audience.COMMITTEE, as_of_year=None)
    assert any(json.loads(row)["actuals"] for row in committee.values_list("data", flat=True))
    PublishReport(COMMAND_LINE, q4).execute()
    assert any(json.loads(row)["actuals"] for row in public.values_list("data", flat=True))


@pytest.mark.parametrize("year", [None, 2018, 2021, 2023, 2024, 2025, 2030])
def test_stored_results_read_as_the_live_evaluation(year: int | None) -> None:
    build_seeded_database()
    for report in Report.objects.all():
        for part in report.parts.all():
            SubmitPart(COMMAND_LINE, part).execute()
            ApprovePart(COMMAND_LINE, part).execute()
    PublishReport(COMMAND_LINE, Report.objects.get(fiscal_year=2025, period="Q4")).execute()
    from django.contrib.auth.models import AnonymousUser

    for user in (None, AnonymousUser()):
        # As printed: the same keys in the same order, not only equal dictionaries.
        assert json.dumps(stored_evaluation(user, year)) == json.dumps(evaluate_plans(user, year))


def test_recompute_command_rebuilds_what_was_lost(capsys: pytest.CaptureFixture[str]) -> None:
    build_seeded_database()
    before = stored_rows()
    EvaluationResult.objects.all().delete()
    assert main(["recompute"]) == 0
    assert "recomputed the evaluation of 1 plans" in capsys.readouterr().out
    assert stored_rows() == before
    plan = Plan.objects.get()
    assert main(["recompute", "--organisation", plan.organisation.name]) == 0
    assert stored_rows() == before


def test_recompute_refuses_an_unknown_organisation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recompute", "--organisation", "どこにもない市"]) == 2
    assert "どこにもない市" in capsys.readouterr().err


def test_migrate_stores_the_evaluation_of_plans_that_have_none(capsys: pytest.CaptureFixture[str]) -> None:
    """A database of the version before stored evaluations: `migrate` fills them, so no page shows none."""
    build_seeded_database()
    before = stored_rows()
    EvaluationResult.objects.all().delete()
    RollupResult.objects.all().delete()
    # What `migrate` sends when it has run (migrate itself would end the test's transaction on SQLite).
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert stored_rows() == before
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # nothing missing: nothing changes
    assert stored_rows() == before


def test_a_mended_figure_is_evaluated_again(cast: Any) -> None:
    from sasaeai.doctor import MendFigure

    if not _write_by_sql(Quantity._meta.db_table, "value", cast.salon_count.pk):
        return  # PostgreSQL's numeric(15, 3) cannot hold the row: _write_by_sql has asserted the refusal
    Report.objects.filter(pk=cast.draft.pk).update(status="approved")
    recompute()
    MendFigure(
        cast.admin, "reports.Quantity", "value", cast.salon_count.pk, Decimal(88), "桁の誤り"
    ).execute()
    assert_as_recomputed()
    found = json.loads(EvaluationResult.objects.get(audience=Audience.COMMITTEE, as_of_year=None).data)
    assert [a["value"] for a in found["actuals"]] == [91, 88]
