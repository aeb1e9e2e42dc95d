"""Figures outside the range every database keeps exactly (|value| < 10^12, a multiple of 0.001).

Such a value cannot come in through any door, the database refuses it, and a
row that holds one all the same (written by SQL) breaks no page, export, API
answer or evaluation: it reads as unreadable.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from sasaeai.cli import main
from sasaeai.figures import figure_problem, readable
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.plans.models import IndicatorPart
from sasaeai.reports.models import Quantity

from .base import Cast, client_for

HUGE = "100000000000000000000000"  # 10^23


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("999999999999.999", True),
        ("-999999999999.999", True),
        ("87.5000", True),
        ("0.001", True),
        ("1000000000000", False),
        ("9999999999999995", False),
        ("0.0005", False),
        ("1E+23", False),
        ("NaN", False),
    ],
)
def test_the_range_is_twelve_digits_and_three_decimals(text: str, ok: bool) -> None:
    assert (figure_problem(Decimal(text)) is None) is ok


def test_a_value_outside_the_range_reads_as_unreadable() -> None:
    assert readable(Decimal(HUGE)) is None
    assert readable(Decimal("NaN")) is None
    assert readable(Decimal("87.5")) == Decimal("87.500")


def test_the_database_refuses_a_value_outside_the_range(cast: Cast) -> None:
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Quantity.objects.filter(pk=cast.salon_count.pk).update(value=Decimal("1000000000000"))
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        IndicatorPart.objects.filter(pk=cast.part.pk).update(target_value=Decimal("-1000000000000"))


def _write_by_sql(table: str, column: str, pk: int) -> bool:
    """Store 10^23 by SQL past the check constraint; False when the database cannot hold it at all."""
    if connection.vendor != "sqlite":
        # numeric(15, 3) holds no such value: the row cannot exist there.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {column} = {HUGE} WHERE id = %s", [pk])
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            cursor.execute(f"UPDATE {table} SET {column} = {HUGE} WHERE id = %s", [pk])
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")
    return True


@pytest.fixture
def broken(cast: Cast) -> Cast:
    """The cast with 10^23 stored by SQL in the draft's and the published report's figures and in a target."""
    published = cast.published.entries.get().quantities.get()
    sheet = KpiSheet.objects.create(organisation=cast.council, project_name="見守り事業", fiscal_year=2025)
    kpi = Kpi.objects.create(
        sheet=sheet, name="訪問件数", target_value=Decimal(100), actual_value=Decimal(90)
    )
    stored = [
        _write_by_sql("reports_quantity", "value", cast.salon_count.pk),
        _write_by_sql("reports_quantity", "value", published.pk),
        _write_by_sql("plans_indicatorpart", "target_value", cast.part.pk),
        _write_by_sql("lifecycle_kpi", "actual_value", kpi.pk),
        _write_by_sql("lifecycle_kpisheet", "grant", sheet.pk),
    ]
    cast.kpi = kpi  # type: ignore[attr-defined]
    cast.stored = all(stored)  # type: ignore[attr-defined]
    return cast


def _pages(cast: Cast) -> list[str]:
    kpi = cast.kpi  # type: ignore[attr-defined]
    return [
        "/",
        f"/plans/{cast.plan.pk}/",
        f"/indicators/{cast.indicator.pk}/",
        f"/reports/{cast.draft.pk}/",
        f"/reports/{cast.published.pk}/",
        f"/entries/{cast.salon_entry.pk}/",
        f"/projects/{cast.salon.pk}/",
        f"/plans/{cast.plan.pk}/indicator-sheet/",
        f"/reports/{cast.published.pk}/download.xlsx",
        f"/reports/{cast.draft.pk}/download.xlsx",
        f"/kpi/{kpi.sheet_id}/",
        f"/kpi/{kpi.sheet_id}/xlsx/",
        f"/kpi/items/{kpi.pk}/edit/",
        "/findings/",
        "/opendata/",
        "/api/plans/",
        f"/api/plans/{cast.plan.pk}/",
        f"/api/plans/{cast.plan.pk}/evaluation/",
        f"/api/reports/{cast.draft.pk}/",
        f"/api/reports/{cast.draft.pk}/entries/",
        f"/api/quantities/{cast.salon_count.pk}/",
    ]


@pytest.mark.parametrize("role", ["admin", "editor", "committee", "public"])
def test_every_page_answers_over_an_unreadable_figure(broken: Cast, role: str) -> None:
    client = client_for(broken, role)
    for url in _pages(broken):
        status = client.get(url).status_code
        assert status in (200, 302, 403, 404), f"{url} answers {status} to {role}"


def test_the_pages_say_which_figure_is_unreadable(broken: Cast) -> None:
    if not broken.stored:  # type: ignore[attr-defined]
        return  # PostgreSQL: the database refused the value (asserted in _write_by_sql)
    page = client_for(broken, "editor").get(f"/reports/{broken.draft.pk}/").content.decode()
    assert "読み取れない値" in page
    body = client_for(broken, "editor").get(f"/api/quantities/{broken.salon_count.pk}/").json()
    assert body["value"] is None


def test_evaluate_json_answers_over_an_unreadable_figure(broken: Cast) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["evaluate", "--json"]) == 0
    json.loads(out.getvalue())


def test_an_imported_figure_outside_the_range_is_refused_naming_its_line(cast: Cast) -> None:
    from sasaeai.operations import OperationRefused
    from sasaeai.reports.services.report_import import ReportImport

    from .test_department_import import report_file

    row = "社会福祉事業拠点\t地域福祉推進事業\t1 ふれあいサロン事業 (地域福祉課)\t基本目標1\t支援\t開いた\t登録数 9999999999999995箇所\t登録数 80箇所"
    before = list(Quantity.objects.values_list("pk", "value"))
    with pytest.raises(OperationRefused) as refused:
        ReportImport(cast.editor, report_file(row), "report.tsv").execute()
    assert refused.value.message_ja.startswith(
        "5行目（ふれあいサロン事業）の「登録数」9999999999999995: 値が大きすぎます"
    )
    assert list(Quantity.objects.values_list("pk", "value")) == before


def test_migrate_stops_naming_the_figures_outside_the_range(broken: Cast) -> None:
    from types import SimpleNamespace

    from sasaeai.core.errors import SasaeaiError
    from sasaeai.figures import refuse_rows_outside_range

    check = refuse_rows_outside_range(("reports_quantity", "value"), ("plans_indicatorpart", "target_value"))
    schema_editor = SimpleNamespace(connection=connection)
    if not broken.stored:  # type: ignore[attr-defined]
        check(None, schema_editor)  # PostgreSQL holds no such row: nothing to name
        return
    with pytest.raises(SasaeaiError) as refused:
        check(None, schema_editor)
    assert f"reports_quantity.value id {broken.salon_count.pk}" in str(refused.value)
    assert f"plans_indicatorpart.target_value id {broken.part.pk}" in str(refused.value)
    assert refused.value.message_ja.startswith(
        "範囲（±999,999,999,999.999の範囲、小数点以下3桁まで）を超える値が3件"
    )
