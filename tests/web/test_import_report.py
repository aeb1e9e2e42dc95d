"""Storing business reports: seeds 000 and 001, idempotence, one transaction, refused files, replacement."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from sasaeai.audit.models import AuditEntry
from sasaeai.core import SasaeaiError, read_report
from sasaeai.operations import OperationRefused
from sasaeai.people.models import Organisation
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report
from sasaeai.reports.services import report_import
from sasaeai.reports.services.report_import import ReportImport
from sasaeai.reports.services.workflow import ApprovePart, SubmitPart

from .base import Cast, database_snapshot

pytestmark = pytest.mark.django_db


def _import(path: Path, user: object = COMMAND_LINE, organisation: str | None = None):  # type: ignore[no-untyped-def]
    return ReportImport(user, path.read_bytes(), path.name, organisation).execute()


def _stored_as_read(report: Report) -> list[dict[str, object]]:
    """The stored entries in the shape of the reader's interchange JSON (the fields the importer keeps)."""
    rows = []
    for entry in report.entries.select_related("project__department").prefetch_related("quantities"):
        rows.append(
            {
                "name": entry.name_as_printed,
                "line": entry.line,
                "current": [_quantity(q) for q in entry.quantities.all() if q.side == "current"],
                "comparison": [_quantity(q) for q in entry.quantities.all() if q.side == "comparison"],
            }
        )
    return rows


def _quantity(q: Quantity) -> tuple[object, ...]:
    return (q.label, q.value, q.unit or None, q.qualifier or None, q.as_of or None, q.span_start, q.span_end)


def _as_read(path: Path) -> list[dict[str, object]]:
    document = read_report(path)
    return [
        {
            "name": p.name,
            "line": p.line,
            "current": [(q.label, q.value, q.unit, q.qualifier, q.as_of, q.start, q.end) for q in p.current],
            "comparison": [
                (q.label, q.value, q.unit, q.qualifier, q.as_of, q.start, q.end) for q in p.comparison
            ],
        }
        for p in document.projects
    ]


def test_stores_seed_000_as_read(seed) -> None:  # type: ignore[no-untyped-def]
    result = _import(seed("000"))
    report = result.report
    assert (report.fiscal_year, report.period, report.comparison_fiscal_year) == (2025, "Q4", 2024)
    assert report.organisation.name == "苫小牧市社会福祉協議会"
    assert report.status == "draft" and report.source_name == seed("000").name
    assert len(report.source_sha256) == 64
    assert _stored_as_read(report) == _as_read(seed("000"))
    departments = [e.project.department.name for e in report.entries.select_related("project__department")]
    assert departments == [p.department for p in read_report(seed("000")).projects]
    assert result.projects == report.entries.count() == len(result.new_projects)


def test_keeps_where_each_quantity_came_from(seed) -> None:  # type: ignore[no-untyped-def]
    _import(seed("000"))
    entry = ProjectEntry.objects.get(project__name="かぎ預かり事業")
    first = entry.quantities.filter(side="current").first()
    assert (first.label, first.value, first.unit, first.as_of) == ("預かり", 46, "件", "3月末")
    assert first.source_file == seed("000").name
    assert first.source_line == entry.line == 10  # the gold file's line for this project
    assert entry.current_text[first.span_start : first.span_end] == first.source_text
    assert "46" in first.source_text
    assert entry.project.department.name == "地域福祉課"
    assert entry.comparison_fiscal_year == 2024


def test_seed_001_joins_the_projects_of_seed_000(seed) -> None:  # type: ignore[no-untyped-def]
    _import(seed("000"))
    result = _import(seed("001"))
    report = result.report
    assert (report.fiscal_year, report.period, report.comparison_fiscal_year) == (2022, "FY", 2021)
    assert report.organisation == Organisation.objects.get()  # the one council, although 001 does not name it
    assert _stored_as_read(report) == _as_read(seed("001"))
    # 001 names no departments: its projects known from 000 keep theirs.
    assert (
        ProjectEntry.objects.get(report=report, project__name="社協だより発行業務").project.department.name
        == "総務課"
    )
    both = Project.objects.filter(entries__report__fiscal_year=2025).filter(entries__report__fiscal_year=2022)
    assert "ふれあいサロン事業" in {p.name for p in both}
    assert result.projects - len(result.new_projects) == both.count()


def test_importing_001_twice_changes_nothing(seed) -> None:  # type: ignore[no-untyped-def]
    _import(seed("000"))
    _import(seed("001"))
    before = database_snapshot()
    again = _import(seed("001"))
    assert not again.changed
    assert "already stored" in again.summary()
    assert database_snapshot() == before


def test_failure_half_way_leaves_database_exactly_as_before(seed) -> None:  # type: ignore[no-untyped-def]
    _import(seed("000"))
    before = database_snapshot()
    real = report_import._new_project
    calls = []

    def fail_on_the_tenth(*args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 10:
            raise RuntimeError("disk full")
        return real(*args)

    with mock.patch.object(report_import, "_new_project", fail_on_the_tenth), pytest.raises(RuntimeError):
        _import(seed("001"))
    assert len(calls) == 10  # nine new projects were stored before the failure
    assert database_snapshot() == before
    # And the same file imports cleanly afterwards.
    assert _import(seed("001")).changed


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 8),
        ("image.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("notes.txt", "議事録\n特になし\n".encode()),
    ],
)
def test_refused_files_leave_nothing_behind(name: str, data: bytes) -> None:
    before = database_snapshot()
    with pytest.raises(SasaeaiError) as refused:
        ReportImport(COMMAND_LINE, data, name).execute()
    assert str(refused.value).endswith(".")
    assert "\n" not in str(refused.value)
    assert database_snapshot() == before


def test_another_file_replaces_a_draft_and_the_change_is_audited(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _import(seed("000"))
    lines = seed("000").read_text(encoding="utf-8").splitlines(keepends=True)
    edited = tmp_path / "000_corrected.txt"
    edited.write_text("".join(lines).replace("預かり 46件", "預かり 47件"), encoding="utf-8")
    result = _import(edited)
    assert result.replaced and Report.objects.count() == 1
    value = Quantity.objects.get(entry__project__name="かぎ預かり事業", side="current", label="預かり")
    assert value.value == 47
    assert AuditEntry.objects.filter(field="value", old="46", new="").exists()
    assert AuditEntry.objects.filter(field="import").latest("id").new.startswith("000_corrected.txt")


def test_approved_report_is_not_replaced(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = _import(seed("000")).report
    for part in report.parts.all():
        SubmitPart(COMMAND_LINE, part).execute()
        ApprovePart(COMMAND_LINE, part).execute()
    edited = tmp_path / "000_late.txt"
    edited.write_bytes(seed("000").read_bytes() + b"\n")
    before = database_snapshot()
    with pytest.raises(OperationRefused) as refused:
        _import(edited)
    assert "reopen" in str(refused.value)
    assert database_snapshot() == before


def test_editor_cannot_import_other_departments_projects(cast: Cast, seed) -> None:  # type: ignore[no-untyped-def]
    before = database_snapshot()
    with pytest.raises(OperationRefused) as refused:
        _import(seed("000"), user=cast.editor, organisation=cast.council.name)
    assert refused.value.message_ja.startswith("他の担当課の事業が含まれているため取り込みませんでした: ")
    assert "「社協だより発行業務」（総務課）" in refused.value.message_ja
    assert database_snapshot() == before


def test_committee_cannot_import(cast: Cast, seed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OperationRefused):
        _import(seed("000"), user=cast.committee, organisation=cast.council.name)


def test_a_clash_with_a_simultaneous_import_is_one_sentence(seed) -> None:  # type: ignore[no-untyped-def]
    from django.db import IntegrityError

    before = database_snapshot()
    with (
        mock.patch.object(report_import, "store_rows", side_effect=IntegrityError("duplicate key")),
        pytest.raises(OperationRefused) as refused,
    ):
        _import(seed("000"))
    assert str(refused.value).startswith("Another import of the same period")
    assert database_snapshot() == before
