"""Wrong, empty, binary, truncated and undecodable files are refused with one sentence, never a traceback."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from sasaeai.core import ReaderError, read_report, read_report_bytes
from sasaeai.core.tables import MAX_FILE_BYTES


def _xlsx_bytes():
    workbook = Workbook()
    workbook.active.append(["事業名", "令和7年度実績", "令和6年度実績", "具体的な実施事項"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\t\n", "blank.tsv", "no table"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "picture.txt", "binary"),
        (b"PK\x03\x04" + b"\x00" * 50, "broken.xlsx", "xlsx"),
        (b"not a zip at all", "fake.xlsx", "xlsx"),
        ("事業名\t実績\n".encode("utf-16"), "utf16.txt", "binary"),
        (b"\x82\xa0\xff\xfe\x80\x81", "garbage.txt", "neither UTF-8 nor Shift_JIS"),
        ("ただの文章です。\n表ではありません。".encode(), "prose.txt", "no report table"),
        ("拠点区分\t事業名\t令和7年度実績\n".encode(), "header-only.tsv", "no project rows"),
        (
            "事業名\t具体的な実施事項\t実績\n見守り訪問\t訪問する\t訪問 3件\n".encode(),
            "no-year.tsv",
            "fiscal year",
        ),
    ],
)
def test_refuses_with_one_sentence(data, name, words):
    with pytest.raises(ReaderError) as caught:
        read_report_bytes(data, name)
    message = str(caught.value)
    assert words in message
    assert message.count(". ") == 0 and message.endswith(".")
    assert caught.value.message_ja.endswith("。")


def test_refuses_a_truncated_workbook():
    data = _xlsx_bytes()
    with pytest.raises(ReaderError, match="xlsx"):
        read_report_bytes(data[: len(data) // 2], "truncated.xlsx")


def test_refuses_a_huge_file():
    with pytest.raises(ReaderError, match="larger than"):
        read_report_bytes(b"a\t" * (MAX_FILE_BYTES // 2 + 1), "huge.tsv")


def test_refuses_missing_files_and_folders(tmp_path):
    with pytest.raises(ReaderError, match="does not exist"):
        read_report(tmp_path / "missing.txt")
    with pytest.raises(ReaderError, match="not a file"):
        read_report(tmp_path)


def test_reads_a_shift_jis_file_that_would_also_pass_as_latin1(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes(
        "令和7年度 事業実績報告\n事業名\t具体的な実施事項\t令和7年度実績\n配食\t弁当\t配食 3件\n".encode(
            "cp932"
        )
    )
    document = read_report(path)
    assert document.encoding == "cp932"
    assert [(p.name, int(p.current[0].value)) for p in document.projects] == [("配食", 3)]
