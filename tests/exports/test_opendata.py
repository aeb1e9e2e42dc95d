"""Open data: 総務省's machine-readable rules, published data only, and the documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from sasaeai.cli import main
from sasaeai.exports.opendata import has_platform_dependent, machine_text
from sasaeai.exports.opendata_export import DATASETS
from sasaeai.reports.models import Quantity

from .seeded import Seeded

REPO = Path(__file__).resolve().parents[2]
CIRCLED_DIGITS = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("① 講座の回数 ② 訪問の件数", "(1) 講座の回数 (2) 訪問の件数"),
        ("⑳件 ㉑件 ㊿", "(20)件 (21)件 (50)"),
        ("❶ ➀ ⓫", "(1) (1) (11)"),
        ("⑴ 概要 ⒈ 目的", "(1) 概要 1. 目的"),
        ("㈱苫小牧 ㈲ ㈹", "(株)苫小牧 (有) (代)"),
        ("㊤ ㊥ ㊦", "(上) (中) (下)"),
        ("㍻31年 ㋿元年 ㍼", "平成31年 令和元年 昭和"),
        ("㌔ ㍍ ㎡ ㎏ ㏄", "キロ メートル m2 kg cc"),
        ("第Ⅲ期 ⅱ", "第III期 ii"),
        ("№5 ℡", "No.5 TEL"),
        ("ｶﾞｲﾄﾞﾍﾙﾊﾟｰ", "ガイドヘルパー"),
        ("一行目\n二行目\r\n三行目", "一行目 二行目 三行目"),
        ("3,121件 令和7年度（2025年度）〃", "3,121件 令和7年度（2025年度）〃"),
    ],
)
def test_machine_text_spells_out_platform_dependent_characters(text: str, expected: str) -> None:
    assert machine_text(text) == expected
    assert not has_platform_dependent(machine_text(text))


def test_docs_list_every_column_of_every_dataset() -> None:
    docs = (REPO / "docs" / "opendata.md").read_text(encoding="utf-8")
    for dataset in DATASETS:
        assert f"`{dataset.name}`" in docs
        for column in dataset.columns:
            assert f"| {column.heading} | `{column.key}` |" in docs


def export(directory: Path) -> Path:
    """The open data exported by the command line into ``directory``."""
    assert main(["export-opendata", "-o", str(directory)]) == 0
    return directory


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_every_csv_starts_with_a_bom_and_holds_no_circled_digit(seeded: Seeded, tmp_path: Path) -> None:
    directory = export(tmp_path)
    names = sorted(p.name for p in directory.glob("*.csv"))
    assert names == sorted(f"{d.name}.csv" for d in DATASETS)
    for path in directory.glob("*.csv"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name
        text = data.decode("utf-8-sig")
        assert CIRCLED_DIGITS.search(text) is None, path.name
        assert not has_platform_dependent(text), path.name
    indicators = read_csv(directory / "indicators.csv")
    assert "(1) 1回" in {row["基準値（原文）"] for row in indicators}


def test_json_has_the_same_records_as_the_csv(seeded: Seeded, tmp_path: Path) -> None:
    directory = export(tmp_path)
    for dataset in DATASETS:
        document = json.loads((directory / f"{dataset.name}.json").read_text(encoding="utf-8"))
        rows = read_csv(directory / f"{dataset.name}.csv")
        assert len(document["records"]) == len(rows), dataset.name
        text = (directory / f"{dataset.name}.csv").read_bytes().decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(text)))  # written also when a dataset has no rows yet
        assert [c["heading"] for c in document["columns"]] == header, dataset.name


def test_only_published_reports_and_all_their_figures(seeded: Seeded, tmp_path: Path) -> None:
    directory = export(tmp_path)
    reports = read_csv(directory / "reports.csv")
    assert [row["報告ID"] for row in reports] == [str(seeded.q4.pk)]
    assert reports[0]["年度（西暦）"] == "2025"
    assert reports[0]["年度（和暦）"] == "令和7年度"
    assert reports[0]["期間の開始日"] == "2026-01-01"
    assert reports[0]["期間の終了日"] == "2026-03-31"
    figures = read_csv(directory / "report_figures.csv")
    assert len(figures) == Quantity.objects.filter(entry__report=seeded.q4).count()
    years = {(row["今期／比較期"], row["実績の年度（西暦）"], row["実績の年度（和暦）"]) for row in figures}
    assert years == {("今期", "2025", "令和7年度"), ("比較期", "2024", "令和6年度")}


def test_indicators_list_every_part_of_the_plan(seeded: Seeded, tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path) / "indicators.csv")
    assert len(rows) == 41
    assert len({row["評価指標"] for row in rows}) == 35


def test_unwritable_folder_is_one_sentence_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["export-opendata", "-o", str(blocker / "out")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("sasaeai export-opendata: Cannot write")
    assert "Traceback" not in error
