"""Text PDFs read into the same interchange JSON: round trips through WeasyPrint, scans refused."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from sasaeai.core import ReaderError, read_report, read_report_bytes, read_table
from sasaeai.core.tables import FORMATS
from tests.core.layout_corpus import load_scorer
from tests.core.pdf_tables import HEADINGS, report_pdf

TITLE = "令和6年度 第4四半期 事業経過報告"


def _invented_rows(count=24):
    rows = []
    for i in range(1, count + 1):
        segment = "社会福祉事業拠点\n地域福祉推進事業" if i % 8 == 1 else ""
        rows.append(
            [
                segment,
                f"{i} 見守り訪問事業その{i}\n（地域福祉課）",
                "基本目標2" if i % 3 else "〃",
                "一人暮らしの高齢者の自宅を訪ね、安否を確かめる。協力員の研修を年4回行う。" * 2,
                "訪問を続けた。協力員の研修を行い、新しい協力員を募った。" * 3,
                f"訪問 {i * 13}回\n協力員 {i + 20}人\n3月末: 登録世帯 1,{i:03d}世帯",
                f"訪問 {i * 11}回\n協力員 {i + 18}人",
            ]
        )
    return rows


def _summary(document):
    return [
        (p.segment, p.service, p.number, p.name, p.department, p.plan_goal,
         [(q.label, q.value, q.unit) for q in p.current], [(q.label, q.value, q.unit) for q in p.comparison])
        for p in document.projects
    ]  # fmt: skip


@pytest.fixture(scope="module")
def invented_pdf():
    return report_pdf(TITLE, _invented_rows())


def test_pdf_is_in_the_format_registry():
    assert ".pdf" in FORMATS


def test_a_multi_page_pdf_reads_like_the_same_table_as_text(invented_pdf):
    text = "\n".join(
        [TITLE, "\t".join(HEADINGS), *("\t".join(c.replace("\n", " ") for c in r) for r in _invented_rows())]
    )
    from_text = read_report_bytes(text.encode(), "report.tsv")
    from_pdf = read_report_bytes(invented_pdf, "report.pdf")
    assert (from_pdf.fiscal_year, from_pdf.period, from_pdf.comparison_fiscal_year) == (2024, "Q4", 2023)
    assert len(from_pdf.projects) == 24
    assert _summary(from_pdf) == _summary(from_text)
    assert from_pdf.encoding == "pdf"


def test_the_header_repeats_on_every_page(invented_pdf):
    rows = read_table(invented_pdf, "report.pdf").rows
    headers = [r for r in rows if r.cells[:2] == list(HEADINGS[:2])]
    assert len(headers) >= 2


def test_seed_000_printed_as_a_pdf_reads_back_to_its_gold(seed, gold):
    document = read_report(seed("000"))
    rows = [
        [
            "\n".join(x for x in (p.segment, p.service) if x),
            (f"{p.number} " if p.number is not None else "") + p.name + (f"\n（{p.department}）" if p.department else ""),
            p.plan_text, p.activities, p.narrative, p.current_text, p.comparison_text,
        ]
        for p in document.projects
    ]  # fmt: skip
    headings = tuple(h.replace("令和6", "令和7").replace("令和5", "令和6") for h in HEADINGS)
    pdf = report_pdf("令和7年度 第4四半期 事業経過報告", rows, headings)
    expected = json.loads(gold("000_report.json").read_text(encoding="utf-8"))
    with contextlib.redirect_stdout(io.StringIO()):
        result = load_scorer().score_report(expected, read_report_bytes(pdf, "000.pdf").to_json())
    assert result["projects"] == "26/26"
    assert result["quantity_f1"] >= 0.95
    assert result["label_agreement"] >= 0.95


def test_a_scanned_pdf_is_refused_in_one_sentence():
    from weasyprint import HTML

    scan = HTML(string='<div style="width:50mm;height:30mm;background:#888"></div>').write_pdf()
    with pytest.raises(ReaderError, match="scanned PDF") as caught:
        read_report_bytes(scan, "scan.pdf")
    assert caught.value.message_ja.endswith("。")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"not a pdf at all"])
def test_a_broken_pdf_is_refused(data):
    with pytest.raises(ReaderError, match="not a readable PDF"):
        read_report_bytes(data, "broken.pdf")


def test_a_table_without_rules_is_read_by_the_columns_of_its_header():
    rows = _invented_rows(6)
    text = "\n".join(
        [TITLE, "\t".join(HEADINGS), *("\t".join(c.replace("\n", " ") for c in r) for r in rows)]
    )
    from_text = read_report_bytes(text.encode(), "report.tsv")
    from_pdf = read_report_bytes(report_pdf(TITLE, rows, ruled=False), "unruled.pdf")
    assert _summary(from_pdf) == _summary(from_text)
