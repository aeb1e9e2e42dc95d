"""The committee's indicator sheet (xlsx, PDF) and its trend charts."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sasaeai.cli import main
from sasaeai.core.evaluation import Actual
from sasaeai.core.text import squash
from sasaeai.exports.charts import TrendSeries, describe, trend_svg
from sasaeai.exports.evaluation_sheet import sheet_from_plan_json
from sasaeai.exports.evaluation_xlsx import PARTS_SHEET
from sasaeai.exports.formats import EVALUATION_FORMATS
from tests.conftest import gold_path

from .seeded import Seeded
from .test_report_export import HEADER_ROW, pdf_text

D = Decimal
# openpyxl reads the workbook but not its sparklines (it says so); the XML is checked directly below.
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension is not supported")


def gold_indicator_names() -> list[str]:
    plan = json.loads(gold_path("003_plan.json").read_text(encoding="utf-8"))
    return [
        indicator["name"]
        for goal in plan["goals"]
        for policy in goal["policies"]
        for approach in policy["approaches"]
        for indicator in approach["indicators"]
    ]


def export(tmp: Path, fmt: str, *extra: str) -> bytes:
    """The indicator sheet exported by the command line in ``fmt`` into ``tmp``; the file's bytes."""
    path = tmp / f"sheet.{fmt}"
    assert main(["export-evaluation", "-o", str(path), *extra]) == 0
    return path.read_bytes()


def test_pdf_names_every_indicator_of_seed_003(seeded: Seeded, tmp_path: Path) -> None:
    text = squash(pdf_text(export(tmp_path, "pdf")))
    names = gold_indicator_names()
    assert len(names) == 35
    for name in names:
        assert squash(name) in text


def test_xlsx_has_a_row_per_part_with_linked_actuals_and_grades(seeded: Seeded, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(tmp_path, "xlsx", "--year", "2025")))[PARTS_SHEET]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    rows = [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]
    assert len(rows) == 41
    guardians = next(row for row in rows if row["評価指標"] == "市民後見人数")
    # seed 000: 市民後見人 46人 (FY2025 Q4) and 49人 (FY2024 Q4); target 40 in FY2026 → reached.
    assert guardians["実績 R7（2025）"] == 46
    assert guardians["実績 R6（2024）"] == 49
    assert guardians["評価"] == "達成"
    assert "令和7年度（2025年度） 46人" in guardians["推移"]


def test_sheet_from_plan_json_grades_and_rolls_up() -> None:
    plan = json.loads(gold_path("003_plan.json").read_text(encoding="utf-8"))
    actuals = {("市民後見人数", None): [Actual(2025, D(46))]}
    sheet = sheet_from_plan_json(plan, actuals, up_to_year=2025, title="地域福祉計画")
    parts = {part.indicator_name: part for part in sheet.parts()}
    assert len(list(sheet.parts())) == 41
    assert parts["市民後見人数"].grade == "達成"
    assert parts["市民後見人数"].achievement_text.endswith("%")
    graded = [node for node in sheet.nodes() if node.rollup is not None]
    assert {node.rollup for node in graded} == {"A"}  # the one graded part is 達成
    assert any(node.level == "goal" for node in graded)
    data = EVALUATION_FORMATS["xlsx"].write(sheet)
    assert openpyxl.load_workbook(io.BytesIO(data))[PARTS_SHEET].max_row == HEADER_ROW + 41
    parts_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert parts_xml.count("<x14:sparkline>") == 41  # a small trend line per part


def test_chart_is_svg_with_the_numbers_in_words() -> None:
    series = TrendSeries("市民後見人数", "人", (2019, D(20)), (2026, D(40)), ((2024, D(49)), (2025, D(46))))
    svg = trend_svg(series)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    words = describe(series)
    assert "<title>" + words in svg
    assert "基準値 令和元年度（2019年度） 20人" in words
    assert "目標値 令和8年度（2026年度） 40人" in words
    assert "令和7年度（2025年度） 46人" in words
    assert trend_svg(series) is svg  # drawn once


def test_chart_is_a_few_shapes_with_real_text() -> None:
    """Ticks, years and the unit are text in the PDF's font, not glyph outlines: a PDF lays it out quickly."""
    import xml.etree.ElementTree as ET

    series = TrendSeries("市民後見人数", "人", (2019, D(20)), (2026, D(40)), ((2024, D(49)), (2025, D(46))))
    root = ET.fromstring(trend_svg(series))
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"R1", "R6", "R7", "R8", "人", "20", "50"} <= set(texts)
    assert all(
        "IPAexGothic" in e.get("font-family", "") for e in root.iter("{http://www.w3.org/2000/svg}text")
    )
    assert len(list(root.iter())) < 40
    dots = [p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("fill") == "#1f5f99"]
    assert len(dots) == 1 and dots[0].get("d", "").count("M") == 2  # a dot an actual, in one path


@pytest.mark.parametrize(
    ("values", "ticks"),
    [
        ((D(20), D(40), D(49)), ["20", "30", "40", "50"]),
        ((D("0.2"), D("0.9")), ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        ((D(1200), D(5100)), ["0", "2,000", "4,000", "6,000"]),
        ((D(7), D(7)), ["6.0", "6.5", "7.0", "7.5", "8.0"]),
    ],
)
def test_chart_ticks_are_round_and_take_in_every_value(values: tuple[D, ...], ticks: list[str]) -> None:
    import xml.etree.ElementTree as ET

    actuals = tuple((2021 + n, value) for n, value in enumerate(values))
    root = ET.fromstring(trend_svg(TrendSeries("", "", None, None, actuals)))
    texts = [
        e.text for e in root.iter("{http://www.w3.org/2000/svg}text") if e.text and not e.text.startswith("R")
    ]
    assert texts == ticks


def test_chart_without_actuals_says_so() -> None:
    assert describe(TrendSeries("x", "件", None, (2026, D(3)), ())).endswith("実績なし。")
