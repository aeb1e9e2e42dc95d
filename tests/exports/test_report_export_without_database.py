"""The council's report written from a gold document, and a refusal that comes before the database is touched.

These tests run without a database (pytest-django blocks it), so they live apart
from the tests on the seeded database, which stays open for the rest of its module.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from decimal import Decimal

import openpyxl

from sasaeai.cli import main
from sasaeai.core.records import ReportDocument
from sasaeai.exports.formats import REPORT_FORMATS
from sasaeai.exports.report_sheet import sheet_from_document
from sasaeai.exports.report_xlsx import FIGURES_SHEET

from .test_report_export import HEADER_ROW


def test_sheet_from_gold_document_writes_both_formats(gold) -> None:
    document = ReportDocument.from_json(json.loads(gold("000_report.json").read_text(encoding="utf-8")))
    sheet = sheet_from_document(document, "苫小牧市社会福祉協議会")
    book = openpyxl.load_workbook(io.BytesIO(REPORT_FORMATS["xlsx"].write(sheet)))
    expected = Counter()
    for entry in document.projects:
        for side, quantities in (("令和7年度", entry.current), ("令和6年度", entry.comparison)):
            for q in quantities:
                expected[(entry.name, side, q.label, q.value, q.unit or "")] += 1
    rows = book[FIGURES_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    got = Counter(
        (name, period[:5], label, Decimal(str(value)), unit or "")
        for _, name, _, period, label, value, unit, *_ in rows
    )
    assert got == expected
    assert re.search(r"\d", "".join(str(k) for k in got))


def test_unknown_output_suffix_is_refused_before_touching_the_database(tmp_path, capsys) -> None:
    code = main(["export-report", "--fiscal-year", "2025", "--period", "Q4", "-o", str(tmp_path / "q4.doc")])
    assert code == 2
    assert "--format" in capsys.readouterr().err
