"""A department's upload replaces only its own entries; departments come from the stored projects.

Reproduces what was found on main: a one-row file uploaded by an editor replaced
the whole draft report (every department's entries and figures), and the row was
stored on a project of another department because the file's department was
trusted.
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from sasaeai.cli import main
from sasaeai.exports.queries import report_sheet
from sasaeai.exports.report_xlsx import report_xlsx
from sasaeai.operations import OperationRefused
from sasaeai.reports.models import PartStatus, Project, ProjectEntry, Quantity
from sasaeai.reports.services.report_import import ReportImport
from sasaeai.reports.services.workflow import SubmitPart

from .base import Cast, database_snapshot

HEADER = (
    "拠点区分\tサービス区分\t事業名 (担当課名)\t地域福祉実践 計画体系\t具体的な実施事項\t"
    "令和7年度の事業実績内容\t令和7年度 第4四半期実績\t令和6年度 第4四半期実績"
)


def report_file(*rows: str) -> bytes:
    """An invented quarterly report of 架空市社会福祉協議会 for FY2025 Q4, in the council's columns."""
    title = "令和7年度（2025年度）第4四半期 事業経過報告 架空市社会福祉協議会"
    return "\n".join(["", title, "", HEADER, *rows]).encode()


SALON_ROW = "社会福祉事業拠点\t地域福祉推進事業\t1 ふれあいサロン事業 (地域福祉課)\t基本目標1\tサロン支援\t交流会を開いた\t登録数 88箇所\t登録数 80箇所"
NEWSLETTER_ROW = "法人運営拠点\t総務企画\t1 社協だより発行業務 (総務課)\t基本目標3\t広報\t年4回発行\t発行 350,000部\t発行 347,200部"


def _other_department(cast: Cast) -> list[tuple[object, ...]]:
    """Everything stored of the 総務課 part of the draft report."""
    entries = ProjectEntry.objects.filter(report=cast.draft, project__department=cast.general)
    quantities = Quantity.objects.filter(entry__in=entries)
    return sorted(entries.values_list(), key=repr) + sorted(quantities.values_list(), key=repr)


def _exported_rows(cast: Cast, department: str) -> list[tuple[object, ...]]:
    """The rows of one department in the report's xlsx export."""
    sheet = report_sheet(cast.draft)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(sheet)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return [row for row in rows if department in row]


def test_an_editors_upload_replaces_only_their_departments_entries(cast: Cast) -> None:
    before_db, before_export = _other_department(cast), _exported_rows(cast, "総務課")
    assert before_export  # the newsletter's row is in the export
    result = ReportImport(cast.editor, report_file(SALON_ROW), "salon.tsv").execute()
    assert (result.changed, result.departments, result.projects) == (True, ["地域福祉課"], 1)
    assert _other_department(cast) == before_db
    assert _exported_rows(cast, "総務課") == before_export
    salon = Quantity.objects.get(entry__report=cast.draft, entry__project=cast.salon, side="current")
    assert (salon.label, salon.value) == ("登録数", 88)


def test_the_department_comes_from_the_stored_project_not_from_the_file(cast: Cast) -> None:
    row = SALON_ROW.replace("(地域福祉課)", "(総務課)")  # the file says 総務課; the project is 地域福祉課's
    ReportImport(cast.editor, report_file(row), "salon.tsv").execute()
    assert Project.objects.get(pk=cast.salon.pk).department == cast.welfare
    assert ProjectEntry.objects.filter(report=cast.draft, project=cast.salon).count() == 1


def test_rows_of_another_department_are_refused_with_their_lines(cast: Cast) -> None:
    before = database_snapshot()
    with pytest.raises(OperationRefused) as refused:
        ReportImport(cast.editor, report_file(SALON_ROW, NEWSLETTER_ROW), "both.tsv").execute()
    assert "6行目「社協だより発行業務」（総務課）" in refused.value.message_ja
    assert "line 6 社協だより発行業務" in str(refused.value)
    assert database_snapshot() == before


def test_the_same_file_again_changes_nothing(cast: Cast) -> None:
    ReportImport(cast.editor, report_file(SALON_ROW), "salon.tsv").execute()
    before = database_snapshot()
    again = ReportImport(cast.editor, report_file(SALON_ROW), "salon.tsv").execute()
    assert not again.changed
    assert database_snapshot() == before


def test_a_submitted_part_is_not_replaced(cast: Cast) -> None:
    SubmitPart(cast.editor, cast.draft.parts.get(department=cast.welfare)).execute()
    before = database_snapshot()
    with pytest.raises(OperationRefused) as refused:
        ReportImport(cast.editor, report_file(SALON_ROW), "salon.tsv").execute()
    assert "の報告は地域福祉課（提出済）のため差し替えられません" in refused.value.message_ja
    assert database_snapshot() == before


def test_a_new_project_goes_to_the_editors_department(cast: Cast) -> None:
    row = "社会福祉事業拠点\t地域福祉推進事業\t2 こども食堂支援事業\t基本目標1\t食材の仲介\t連絡会を開いた\t食堂 5か所\t"
    result = ReportImport(cast.editor, report_file(row), "new.tsv").execute()
    assert result.new_projects == ["こども食堂支援事業"]
    assert Project.objects.get(name="こども食堂支援事業").department == cast.welfare


def test_the_secretariat_may_replace_one_named_department(cast: Cast) -> None:
    before = _other_department(cast)
    ReportImport(cast.admin, report_file(SALON_ROW), "salon.tsv", departments=["地域福祉課"]).execute()
    assert _other_department(cast) == before


def test_the_command_line_refuses_an_editors_file_with_line_numbers(cast: Cast, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "both.tsv"
    path.write_bytes(report_file(SALON_ROW, NEWSLETTER_ROW))
    before = database_snapshot()
    assert main(["import-report", str(path), "--as", "tantou"]) == 2
    assert "line 6 社協だより発行業務 (総務課)" in capsys.readouterr().err
    assert database_snapshot() == before
    assert cast.draft.parts.get(department=cast.welfare).status == PartStatus.DRAFT
