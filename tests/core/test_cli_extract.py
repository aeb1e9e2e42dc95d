"""The core commands through the real entry point: JSON on stdout, one sentence and exit 2 on refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sasaeai.cli import main


def test_extract_report_prints_the_interchange_json(seed, capsys):
    assert main(["extract-report", str(seed("000"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["fiscal_year"], data["period"], data["compare_fiscal_year"]) == (2025, "Q4", 2024)
    first = data["projects"][0]
    assert first["name"] == "社協だより発行業務"
    assert {"label", "value", "unit"} <= set(first["current"][0])


def test_extract_quantities_reads_stdin(monkeypatch, capsys):
    import io

    stdin = io.TextIOWrapper(io.BytesIO("参加者 41人、延べ 120人".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract-quantities", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(q["label"], q["value"], q["unit"]) for q in data["quantities"]] == [
        ("参加者", 41, "人"),
        ("参加者", 120, "人"),
    ]


def test_extract_quantities_uses_items_for_markers(tmp_path, capsys):
    path = tmp_path / "results.txt"
    path.write_text("① 23件 ② 41件", encoding="cp932")
    assert main(["extract-quantities", str(path), "--item", "見守り訪問", "--item", "移動支援"]) == 0
    labels = [q["label"] for q in json.loads(capsys.readouterr().out)["quantities"]]
    assert labels == ["見守り訪問", "移動支援"]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.txt"),
        (b"\x00\x01\x02binary", "data.bin"),
        (b"PK\x03\x04truncated", "book.xlsx"),
        (None, "missing.txt"),
    ],
)
def test_refusals_exit_2_with_one_line_on_stderr(tmp_path, capsys, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["extract-report", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("command", ["extract-report", "extract-quantities"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert command in capsys.readouterr().out


def test_console_script_is_installed_and_refuses_plainly(tmp_path):
    script = Path(sys.executable).with_name("sasaeai")
    assert script.exists(), "make setup installs the sasaeai command into .venv/bin"
    empty = tmp_path / "empty.tsv"
    empty.write_bytes(b"")
    run = subprocess.run(
        [str(script), "extract-report", str(empty)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "sasaeai extract-report: empty.tsv is empty."


def test_extract_report_reads_a_pdf_and_a_year_given_on_the_command_line(tmp_path, capsys):
    from tests.core.pdf_tables import report_pdf

    headings = (
        "拠点区分",
        "事業名（担当課）",
        "計画体系",
        "具体的な実施事項",
        "実施内容",
        "実績",
        "前年度実績",
    )
    rows = [
        [
            "",
            "1 配食サービス\n（高齢福祉課）",
            "基本目標1",
            "弁当を届ける。",
            "届けた。",
            "配食 1,240食",
            "配食 1,180食",
        ]
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf("みどり町社会福祉協議会 事業報告", rows, headings))
    assert main(["extract-report", str(path), "--fiscal-year", "2024", "--period", "FY", "--compact"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["fiscal_year"], data["compare_fiscal_year"], data["fiscal_year_source"]) == (
        2024,
        2023,
        "given",
    )
    (project,) = data["projects"]
    assert (project["number"], project["name"], project["department"]) == (1, "配食サービス", "高齢福祉課")
    assert [(q["value"], q["unit"]) for q in project["current"] + project["previous"]] == [
        (1240, "食"),
        (1180, "食"),
    ]
