"""The council's report of the seeded database as xlsx and PDF: every project and figure, printable, fonts embedded."""

from __future__ import annotations

import io
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
from sasaeai.core.text import squash
from sasaeai.exports.report_xlsx import FIGURES_SHEET, REPORT_SHEET
from sasaeai.reports.models import Quantity, Report

from .seeded import Seeded

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


def export(tmp: Path, fmt: str) -> bytes:
    """FY2025 Q4 exported by the command line in ``fmt`` into ``tmp``; the file's bytes."""
    path = tmp / f"q4.{fmt}"
    code = main(
        ["export-report", "--fiscal-year", "2025", "--period", "Q4", "--format", fmt, "-o", str(path)]
    )
    assert code == 0
    return path.read_bytes()


def stored_figures(q4: Report) -> Counter[tuple[str, str, str, Decimal, str]]:
    headings = {
        "current": "令和7年度 第4四半期（2025年度）実績",
        "comparison": "令和6年度 第4四半期（2024年度）実績",
    }
    quantities = Quantity.objects.filter(entry__report=q4).select_related("entry__project")
    return Counter((q.entry.project.name, headings[q.side], q.label, q.value, q.unit) for q in quantities)


def test_xlsx_holds_every_project_and_every_figure_of_both_periods(seeded: Seeded, tmp_path: Path) -> None:
    data = export(tmp_path, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    names = [row[3] for row in book[REPORT_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    stored = list(seeded.q4.entries.order_by("order").values_list("project__name", flat=True))
    assert names == stored
    assert len(names) == 26
    got = figures_from_workbook(data)
    assert got == stored_figures(seeded.q4)
    assert any(key[1].startswith("令和6年度") for key in got)


def test_xlsx_is_a_printable_table(seeded: Seeded, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(tmp_path, "xlsx")))[REPORT_SHEET]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header[:3] == ["拠点区分", "サービス区分", "番号"]
    assert "令和7年度 第4四半期（2025年度）実績" in header
    assert "令和6年度 第4四半期（2024年度）実績" in header
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 page wide (Excel's default is 1)
    assert sheet.page_setup.fitToHeight == 0  # as many pages tall as needed
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.cell(HEADER_ROW + 1, 8).alignment.wrap_text
    assert list(sheet.tables) == ["Table_1"]


def test_pdf_text_is_extractable_and_names_every_project(seeded: Seeded, tmp_path: Path) -> None:
    data = export(tmp_path, "pdf")
    text = squash(pdf_text(data))
    assert squash("令和7年度（2025年度）第4四半期 事業経過報告") in text
    for name in seeded.q4.entries.values_list("project__name", flat=True):
        assert squash(name) in text
    for quantity in Quantity.objects.filter(entry__report=seeded.q4, side="current"):
        assert squash(quantity.source_text) in text


def test_pdf_repeats_the_header_on_every_page_and_cuts_no_cell(seeded: Seeded, tmp_path: Path) -> None:
    pages = [
        squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(export(tmp_path, "pdf"))).pages
    ]
    assert len(pages) > 1
    for page in pages:
        assert squash("具体的な実施事項") in page
        assert squash("令和6年度 第4四半期（2024年度）実績") in page
    text = "".join(pages)
    for entry in seeded.q4.entries.all():
        for cell in (entry.activities, entry.narrative, entry.current_text, entry.comparison_text):
            assert squash(cell)[-12:] in text, cell  # each cell's end is printed


def test_pdf_embeds_every_font(seeded: Seeded, tmp_path: Path) -> None:
    path = tmp_path / "q4.pdf"
    path.write_bytes(export(tmp_path, "pdf"))
    rows = pdffonts(path)
    assert rows
    for row in rows:
        assert re.search(r"IPAexGothic", row), row
        assert row.split()[-5] == "yes", row  # the emb column


def test_missing_report_is_one_sentence_and_exit_code_2(seeded: Seeded, tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    code = main(["export-report", "--fiscal-year", "2019", "--period", "Q1", "-o", str(path)])
    assert code == 2
    assert not path.exists()
