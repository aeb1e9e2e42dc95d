"""Hostile workbooks and text tables are refused with one sentence before they cost time or memory.

Every file is built here (``tests/core/hostile_files.py``); each is the honest
workbook with one thing wrong, and each test that a file is refused comes with
a check that the honest one, or openpyxl on its own, reads it: the guard refuses,
not an accident of the file.
"""

from __future__ import annotations

import csv
import io
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from sasaeai.core import ReaderError, limits, read_plan, read_report_bytes, read_table, workbook_parts
from sasaeai.core.workbooks import check_workbook, sheet_rows
from tests.core import hostile_files as hostile

READERS = {"read_table": read_table, "read_report_bytes": read_report_bytes, "read_plan": read_plan}
MB = 1024 * 1024


def _rows_beyond_the_limit(dimension: str) -> bytes:
    return hostile.workbook(hostile.many_rows(limits.MAX_ROWS + 1, dimension))


WORKBOOKS = {
    # name: (build, words of the Japanese refusal)
    "huge-dimension": (
        lambda: hostile.workbook(hostile.sheet(hostile.honest_rows(), "A1:XFD1048576")),
        "1,048,576行×16,384列 と宣言",
    ),
    "cell-in-column-XFD": (
        lambda: hostile.workbook(
            hostile.sheet(hostile.honest_rows() + '<row r="3"><c r="XFD3"><v>1</v></c></row>')
        ),
        "3行目の列が 200列を超えている",
    ),
    "row-of-201-cells": (
        lambda: hostile.workbook(hostile.sheet('<row r="1">' + "<c><v>1</v></c>" * 201 + "</row>")),
        "1行目の列が 200列を超えている",
    ),
    "rows-beyond-the-limit": (lambda: _rows_beyond_the_limit("A1:C3"), "行数が 10,000行を超えている"),
    "row-numbered-a-million": (
        lambda: hostile.workbook(
            hostile.sheet(hostile.honest_rows() + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
        ),
        "行数が 10,000行を超えている",
    ),
    "zip-bomb": (
        lambda: hostile.zip_bomb(64),
        "展開すると大きくなりすぎるため読み込めません（展開後20MBまで）",
    ),
    "compressed-1000-to-1": (lambda: hostile.zip_bomb(8), "圧縮率が異常に高く zip 爆弾の疑いがある"),
    "xxe": (
        lambda: hostile.workbook(shared=hostile.strings(hostile.HONEST_STRINGS, hostile.XXE, "xxe")),
        "xl/sharedStrings.xml に XML の文書型宣言（DOCTYPE・ENTITY）がある",
    ),
    "billion-laughs": (
        lambda: hostile.workbook(
            shared=hostile.strings(hostile.HONEST_STRINGS, hostile.BILLION_LAUGHS, "lol9")
        ),
        "xl/sharedStrings.xml に XML の文書型宣言（DOCTYPE・ENTITY）がある",
    ),
    "doctype-in-the-sheet": (
        lambda: hostile.workbook(hostile.sheet(hostile.honest_rows(), doctype="<!DOCTYPE worksheet>")),
        "xl/worksheets/sheet1.xml に XML の文書型宣言",
    ),
    "nested-archive": (
        lambda: hostile.workbook(extra={"xl/embeddings/inner.zip": hostile.workbook()}),
        "中に別の圧縮ファイルを含むため読み込めません（xl/embeddings/inner.zip）",
    ),
    "too-many-parts": (
        lambda: hostile.workbook(extra={f"xl/media/{i}.txt": b"x" for i in range(limits.MAX_PARTS)}),
        "中の部品が 1,000個を超えている",
    ),
    "truncated": (
        lambda: hostile.workbook()[:600],
        "xlsx として読めません（壊れているか途中で切れています）",
    ),
    "password-or-xls": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
        "パスワード付きか古い .xls 形式",
    ),
}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {name: build() for name, (build, _) in WORKBOOKS.items()}


def _assert_one_sentence(error: ReaderError) -> None:
    assert str(error).endswith(".") and ". " not in str(error)
    assert error.message_ja.endswith("。") and error.message_ja.count("。") == 1


def test_the_honest_hand_built_workbook_is_read():
    table = read_table(hostile.workbook(), "報告.xlsx")
    assert [row.cells for row in table.rows] == [list(row) for row in hostile.HONEST_ROWS]
    assert read_report_bytes(hostile.workbook(), "報告.xlsx").projects[0].name == "見守り訪問"


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", WORKBOOKS)
def test_refuses_a_hostile_workbook_with_one_sentence_saying_why(built, case, reader):
    with pytest.raises(ReaderError) as caught:
        READERS[reader](built[case], "報告.xlsx")
    assert WORKBOOKS[case][1] in caught.value.message_ja
    _assert_one_sentence(caught.value)


@pytest.mark.parametrize(
    "case",
    [
        "huge-dimension",
        "cell-in-column-XFD",
        "row-of-201-cells",
        "rows-beyond-the-limit",
        "row-numbered-a-million",
    ],
)
def test_openpyxl_alone_would_read_the_oversized_sheets(built, case):
    """These files are well formed: without the guard openpyxl opens them and reads on."""
    workbook = openpyxl.load_workbook(io.BytesIO(built[case]), read_only=True)
    first = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert first[:3] in (hostile.HEADER, (1, 1, 1))
    workbook.close()


@pytest.mark.parametrize("case", ["xxe", "billion-laughs"])
def test_the_attacks_are_what_refuses_the_xml(case):
    """The same shared strings without the declaration are read; openpyxl uses defusedxml as a second
    wall, and refuses the entities when the guard is bypassed."""
    assert openpyxl.DEFUSEDXML
    check_workbook(hostile.workbook(shared=hostile.strings(hostile.HONEST_STRINGS)), "報告.xlsx")
    entity = "xxe" if case == "xxe" else "lol9"
    doctype = hostile.XXE if case == "xxe" else hostile.BILLION_LAUGHS
    data = hostile.workbook(shared=hostile.strings(hostile.HONEST_STRINGS, doctype, entity))
    with pytest.raises(Exception) as caught:
        openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    chain = [caught.value]
    while chain[-1].__cause__ or chain[-1].__context__:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)
    assert any(isinstance(error, DefusedXmlException) for error in chain)


def test_a_sheet_declaring_too_little_is_stopped_at_the_real_row_limit(built):
    """The checks count the rows the sheet holds, not the A1:C3 it declares; and were they to miss
    them, the capped stream the readers use stops at the same row."""
    data = built["rows-beyond-the-limit"]
    assert (
        '<dimension ref="A1:C3"/>'
        in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    )
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)  # past the checks
    with pytest.raises(ReaderError, match="more than 10,000 rows"):
        for _ in sheet_rows(workbook.worksheets[0], "報告.xlsx"):
            pass
    workbook.close()


def test_a_plan_workbook_whose_sheet_breaks_off_is_refused_not_raised():
    """The check leaves XML that breaks off to openpyxl, which stops there; the plan reader's first
    look at the 体系 sheet turns that into the one sentence too."""
    broken = hostile.sheet('<row r="1"><c r="A1"><v>1</v></c><<')  # breaks off inside the first row
    data = hostile.workbook(broken, titles=("体系", "指標"))
    check_workbook(data, "計画.xlsx")
    with pytest.raises(ReaderError) as caught:
        read_plan(data, "計画.xlsx")
    assert "xlsx として読めません" in caught.value.message_ja


def test_a_value_right_of_the_declared_width_is_read_not_dropped():
    data = hostile.workbook(
        hostile.sheet(hostile.honest_rows() + '<row r="3"><c r="E3"><v>7</v></c></row>', "A1:C3")
    )
    assert read_table(data, "報告.xlsx").rows[2].cells == ["", "", "", "", "7"]


def test_refuses_too_many_elements(monkeypatch):
    monkeypatch.setattr(workbook_parts, "MAX_XML_ELEMENTS", 20)
    with pytest.raises(ReaderError, match="more than 20 XML elements") as caught:
        read_table(hostile.workbook(), "報告.xlsx")
    _assert_one_sentence(caught.value)
    monkeypatch.setattr(workbook_parts, "MAX_XML_ELEMENTS", 100)
    assert len(read_table(hostile.workbook(), "報告.xlsx").rows) == 2  # the honest book has 44 elements


def test_an_encrypted_part_is_refused():
    """zipfile writes no encrypted part, so the flag is set in the directory afterwards."""
    data = bytearray(hostile.workbook(extra={"xl/secret.bin": b"ciphertext"}))
    entry = data.rfind(b"PK\x01\x02")  # the directory entry of the last part written
    data[entry + 8] |= 0x1
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/secret.bin").flag_bits & 0x1
    with pytest.raises(ReaderError, match="encrypted") as caught:
        read_table(bytes(data), "報告.xlsx")
    assert "暗号化されているか特殊な方法で圧縮された部品がある" in caught.value.message_ja
    _assert_one_sentence(caught.value)


def test_a_picture_with_a_doctype_is_no_attack():
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    assert len(read_table(hostile.workbook(extra={"xl/media/image1.svg": svg}), "報告.xlsx").rows) == 2


def _openpyxl_workbook(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("報告")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_largest_allowed_report_openpyxl_writes_passes_the_checks():
    """The invented report of the benchmarks at the row limit, as openpyxl writes it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from corpus import report_table

    lines = report_table(0, rows=limits.MAX_ROWS).splitlines()[: limits.MAX_ROWS]
    check_workbook(_openpyxl_workbook([line.split("\t") for line in lines]), "報告.xlsx")


def test_a_sheet_of_zeros_shrinks_well_within_the_ratio_limits():
    """Cells alike in everything but their reference shrink the most a real sheet does (some 16:1)."""
    zeros = _openpyxl_workbook([[0] * 20 for _ in range(4_000)])
    sheet = zipfile.ZipFile(io.BytesIO(zeros)).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > limits.RATIO_FLOOR_BYTES
    assert sheet.file_size / sheet.compress_size < limits.MAX_ARCHIVE_RATIO / 2
    check_workbook(zeros, "zeros.xlsx")


# Text tables

TEXT = {
    "rows.tsv": (lambda: "事業名\t実績\n".encode() + b"a\t1\n" * 100_000, "行数が 10,000行を超えている"),
    "breaks.tsv": (
        lambda: "事業名\t実績\n".encode() + b"\n" * (limits.MAX_FILE_BYTES - 20),
        "行数が 10,000行を超えている",
    ),
    "columns.tsv": (
        lambda: "事業名\t実績\n".encode() + b"a\t" * 200 + b"1\n",
        "2行目の列が 200列を超えている",
    ),
    "columns.csv": (lambda: "事業名,実績\n".encode() + b"a," * 200 + b"1\n", "2行目の列が 200列を超えている"),
    "commas.csv": (
        lambda: "事業名,実績\n".encode() + b'"' + b"," * 30_000 + b'"\n',
        "2行目の列が 200列を超えている",
    ),
    "field.csv": (
        lambda: "事業名,実績\n".encode() + b'"' + b"x" * 200_000 + b'"\n',
        "2行目に 131,072文字を超える長すぎるセルがある",
    ),
    "rows.csv": (lambda: "事業名,実績\n".encode() + b"a,1\n" * 100_000, "行数が 10,000行を超えている"),
    "garbage.txt": (lambda: b"\x82\xa0\xff\xfe\x80\x81" * 10, "文字コードを判別できません"),
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", TEXT)
def test_refuses_a_hostile_text_table_with_one_sentence_saying_why(case, reader):
    with pytest.raises(ReaderError) as caught:
        READERS[reader](TEXT[case][0](), case)
    assert TEXT[case][1] in caught.value.message_ja
    _assert_one_sentence(caught.value)


@pytest.mark.parametrize("reader", READERS)
def test_a_table_at_the_limits_is_read(reader):
    """10,000 lines (most of them blank, which costs the readers nothing) of up to 200 cells."""
    lines = [
        "令和7年度 事業報告",
        "事業名\t具体的な実施事項\t令和7年度実績",
        "見守り訪問\t訪問する\t訪問 3件" + "\t" * 197,
    ]
    data = ("\n".join(lines + [""] * (limits.MAX_ROWS - len(lines))) + "\n").encode()
    assert len(data.decode().splitlines()) == limits.MAX_ROWS
    assert len(data.decode().splitlines()[2].split("\t")) == limits.MAX_COLUMNS
    if reader == "read_plan":  # no plan in it, and refused for that only
        with pytest.raises(ReaderError, match="no plan"):
            read_plan(data, "limits.tsv")
    else:
        assert READERS[reader](data, "limits.tsv")


def test_the_field_limit_is_the_csv_modules(monkeypatch):
    """A cell longer than csv.field_size_limit() is refused by it, whatever the limit is set to."""
    data = "事業名,実績\n".encode() + b"x" * 2_000 + b"\n"
    assert read_table(data, "short.csv").rows[1].cells == ["x" * 2_000]
    previous = csv.field_size_limit(1_000)
    try:
        with pytest.raises(ReaderError, match="longer than 1,000 characters"):
            read_table(data, "short.csv")
    finally:
        csv.field_size_limit(previous)


def test_a_csv_with_a_50_mb_field_is_refused_by_its_size_before_it_is_decoded():
    """One 50 MB field of zero bytes: the size check reads only the length, and bytes(n) is pages of
    zeros the test never writes, so it costs no memory."""
    for reader in READERS.values():
        with pytest.raises(ReaderError, match="larger than 20 MB") as caught:
            reader(bytes(50 * MB), "field.csv")
        _assert_one_sentence(caught.value)


# The command line


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("case", ["huge-dimension", "zip-bomb"])
def test_the_command_refuses_with_one_line_and_exit_2(built, tmp_path, case):
    """Through the real entry point, in a child that may use 1 GB at most: a regression fails
    instead of eating the machine."""
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(built[case])
    script = Path(sys.executable).with_name("sasaeai")
    run = subprocess.run(
        [str(script), "extract-report", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith(f"sasaeai extract-report: {path.name} ")
