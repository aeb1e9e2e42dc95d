"""The council's report as xlsx and PDF: every project and figure, printable, fonts embedded."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from sasaeai.cli import main
from sasaeai.core.records import ReportDocument
from sasaeai.core.text import squash
from sasaeai.exports.formats import REPORT_FORMATS
from sasaeai.exports.report_sheet import sheet_from_document
from sasaeai.exports.report_xlsx import FIGURES_SHEET, REPORT_SHEET
from sasaeai.reports.models import Quantity

from .seeded import SeededTestCase

HEADER_ROW = 3  # 1-based row of the table header (title, blank line, header)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdffonts(path: Path) -> list[str]:
    """The font rows that poppler's pdffonts prints (Debian poppler-utils; make setup installs it)."""
    program = shutil.which("pdffonts")
    if program is None:
        pytest.fail("pdffonts is missing: install Debian's poppler-utils (make system-deps)")
    output = subprocess.run([program, str(path)], check=True, capture_output=True, text=True).stdout
    return output.splitlines()[2:]


def figures_from_workbook(data: bytes) -> Counter[tuple[str, str, str, Decimal, str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[FIGURES_SHEET]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    return Counter(
        (name, period, label, Decimal(str(value)), unit or "")
        for _, name, _, period, label, value, unit, *_ in rows
    )


class ReportExportFromSeeds(SeededTestCase):
    def export(self, tmp: Path, fmt: str) -> bytes:
        path = tmp / f"q4.{fmt}"
        code = main(
            ["export-report", "--fiscal-year", "2025", "--period", "Q4", "--format", fmt, "-o", str(path)]
        )
        self.assertEqual(code, 0)
        return path.read_bytes()

    def stored_figures(self) -> Counter[tuple[str, str, str, Decimal, str]]:
        headings = {
            "current": "令和7年度 第4四半期（2025年度）実績",
            "comparison": "令和6年度 第4四半期（2024年度）実績",
        }
        quantities = Quantity.objects.filter(entry__report=self.q4).select_related("entry__project")
        return Counter((q.entry.project.name, headings[q.side], q.label, q.value, q.unit) for q in quantities)

    def test_xlsx_holds_every_project_and_every_figure_of_both_periods(self) -> None:
        data = self.export(self.tmp_path(), "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(data))
        names = [row[3] for row in book[REPORT_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
        stored = list(self.q4.entries.order_by("order").values_list("project__name", flat=True))
        self.assertEqual(names, stored)
        self.assertEqual(len(names), 26)
        got = figures_from_workbook(data)
        self.assertEqual(got, self.stored_figures())
        self.assertTrue(any(key[1].startswith("令和6年度") for key in got))

    def test_xlsx_is_a_printable_table(self) -> None:
        sheet = openpyxl.load_workbook(io.BytesIO(self.export(self.tmp_path(), "xlsx")))[REPORT_SHEET]
        header = [cell.value for cell in sheet[HEADER_ROW]]
        self.assertEqual(header[:3], ["拠点区分", "サービス区分", "番号"])
        self.assertIn("令和7年度 第4四半期（2025年度）実績", header)
        self.assertIn("令和6年度 第4四半期（2024年度）実績", header)
        self.assertEqual(sheet.freeze_panes, f"A{HEADER_ROW + 1}")
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertEqual(str(sheet.page_setup.paperSize), "9")  # A4
        self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
        self.assertIn(sheet.page_setup.fitToWidth, (None, 1))  # 1 page wide (Excel's default is 1)
        self.assertEqual(sheet.page_setup.fitToHeight, 0)  # as many pages tall as needed
        self.assertEqual(sheet.print_title_rows, f"${HEADER_ROW}:${HEADER_ROW}")
        self.assertTrue(sheet.cell(HEADER_ROW + 1, 8).alignment.wrap_text)
        self.assertEqual(list(sheet.tables), ["Table_1"])

    def test_pdf_text_is_extractable_and_names_every_project(self) -> None:
        data = self.export(self.tmp_path(), "pdf")
        text = squash(pdf_text(data))
        self.assertIn(squash("令和7年度（2025年度）第4四半期 事業経過報告"), text)
        for name in self.q4.entries.values_list("project__name", flat=True):
            self.assertIn(squash(name), text)
        for quantity in Quantity.objects.filter(entry__report=self.q4, side="current"):
            self.assertIn(squash(quantity.source_text), text)

    def test_pdf_repeats_the_header_on_every_page_and_cuts_no_cell(self) -> None:
        pages = [
            squash(page.extract_text() or "")
            for page in PdfReader(io.BytesIO(self.export(self.tmp_path(), "pdf"))).pages
        ]
        self.assertGreater(len(pages), 1)
        for page in pages:
            self.assertIn(squash("具体的な実施事項"), page)
            self.assertIn(squash("令和6年度 第4四半期（2024年度）実績"), page)
        text = "".join(pages)
        for entry in self.q4.entries.all():
            for cell in (entry.activities, entry.narrative, entry.current_text, entry.comparison_text):
                self.assertIn(squash(cell)[-12:], text, cell)  # each cell's end is printed

    def test_pdf_embeds_every_font(self) -> None:
        path = self.tmp_path() / "q4.pdf"
        path.write_bytes(self.export(self.tmp_path(), "pdf"))
        rows = pdffonts(path)
        self.assertTrue(rows)
        for row in rows:
            self.assertRegex(row, r"IPAexGothic")
            self.assertEqual(row.split()[-5], "yes", row)  # the emb column

    def test_missing_report_is_one_sentence_and_exit_code_2(self) -> None:
        path = self.tmp_path() / "none.xlsx"
        code = main(["export-report", "--fiscal-year", "2019", "--period", "Q1", "-o", str(path)])
        self.assertEqual(code, 2)
        self.assertFalse(path.exists())

    def tmp_path(self) -> Path:
        if not hasattr(self, "_tmp"):
            import tempfile

            self._tmp = tempfile.TemporaryDirectory()
            self.addCleanup(self._tmp.cleanup)
        return Path(self._tmp.name)


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
