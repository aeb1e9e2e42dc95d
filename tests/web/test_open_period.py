"""Opening a period: every active project carried over from the last period with empty figures, once.

From a database holding the council's FY2025 Q4 report (seed 000), opening
FY2026 Q1 creates one entry per project with last period's labels and units,
``export-report`` lists them, and a second run changes nothing.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sasaeai.audit.models import AuditEntry
from sasaeai.cli import main
from sasaeai.operations import OperationRefused
from sasaeai.people.models import Organisation
from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, ReportStatus, Side
from sasaeai.reports.services.periods import OpenPeriod

from .base import Cast, client_for

pytestmark = pytest.mark.django_db


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _open(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return _run(
        capsys,
        "open-period",
        "--organisation",
        "苫小牧市社会福祉協議会",
        "--fiscal-year",
        "2026",
        "--period",
        "Q1",
        "--due",
        "2026-07-15",
        *extra,
    )


@pytest.fixture
def q4(capsys: pytest.CaptureFixture[str], seed) -> Report:  # type: ignore[no-untyped-def]
    code, _, err = _run(capsys, "import-report", str(seed("000")))
    assert code == 0, err
    return Report.objects.get()


def test_opens_one_entry_per_project_with_last_periods_labels_and_units(capsys, q4: Report) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _open(capsys)
    assert code == 0, err
    opened = Report.objects.get(fiscal_year=2026, period="Q1")
    assert (opened.status, opened.due_on) == (ReportStatus.DRAFT, date(2026, 7, 15))
    previous = {e.project_id: e for e in q4.entries.all()}
    entries = list(opened.entries.all())
    assert len(entries) == len(previous) == Project.objects.count()
    for entry in entries:
        last = previous[entry.project_id]
        assert entry.activities == last.activities
        carried = list(entry.quantities.filter(side=Side.CURRENT).values_list("label", "unit", "value"))
        wanted = list(last.quantities.filter(side=Side.CURRENT).values_list("label", "unit"))
        assert carried == [(label, unit, None) for label, unit in wanted]
    figures = Quantity.objects.filter(entry__report=opened).count()
    assert figures > 0
    assert out.startswith(
        f"opened 苫小牧市社会福祉協議会 FY2026 Q1, due 2026-07-15: {len(entries)} entries carried over "
        f"with {figures} empty figures.\n"
    )
    assert opened.parts.count() == len({e.project.department_id for e in entries})


def test_a_second_run_changes_nothing(capsys, q4: Report) -> None:  # type: ignore[no-untyped-def]
    assert _open(capsys)[0] == 0
    before = (ProjectEntry.objects.count(), Quantity.objects.count(), AuditEntry.objects.count())
    code, out, _ = _open(capsys)
    assert code == 0
    assert out == "苫小牧市社会福祉協議会 FY2026 Q1 is already open, due 2026-07-15; nothing changed.\n"
    assert (ProjectEntry.objects.count(), Quantity.objects.count(), AuditEntry.objects.count()) == before


def test_export_report_of_the_opened_period_lists_every_project(capsys, q4: Report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _open(capsys)[0] == 0
    output = tmp_path / "q1.xlsx"
    code, _, err = _run(capsys, "export-report", "--fiscal-year", "2026", "--period", "Q1", "-o", str(output))
    assert code == 0, err
    book = openpyxl.load_workbook(io.BytesIO(output.read_bytes()))
    cells = {
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    }
    names = set(Project.objects.values_list("name", flat=True))
    assert all(any(name in cell for cell in cells) for name in names)


def test_an_ended_project_is_not_carried_and_a_new_one_starts_empty(capsys, q4: Report) -> None:  # type: ignore[no-untyped-def]
    ended = Project.objects.order_by("pk").first()
    assert ended is not None
    Project.objects.filter(pk=ended.pk).update(ended_in=2025)
    new = Project.objects.create(organisation=q4.organisation, name="新しい見守り事業")
    code, out, _ = _open(capsys)
    assert code == 0
    opened = Report.objects.get(fiscal_year=2026, period="Q1")
    assert not opened.entries.filter(project=ended).exists()
    assert f"not carried (ended): {ended.name}" in out
    fresh = opened.entries.get(project=new)
    assert (fresh.activities, fresh.quantities.count()) == ("", 0)


def test_last_years_same_period_stands_beside_as_the_comparison(capsys, q4: Report) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = _run(
        capsys,
        "open-period",
        "--organisation",
        "苫小牧市社会福祉協議会",
        "--fiscal-year",
        "2026",
        "--period",
        "Q4",
    )
    assert code == 0
    opened = Report.objects.get(fiscal_year=2026, period="Q4")
    entry = opened.entries.select_related("project").first()
    assert entry is not None
    last = q4.entries.get(project=entry.project)
    beside = list(entry.quantities.filter(side=Side.COMPARISON).values_list("label", "value", "unit"))
    assert beside == list(last.quantities.filter(side=Side.CURRENT).values_list("label", "value", "unit"))


@pytest.mark.parametrize(
    "argv, sentence",
    [
        (
            ["--organisation", "どこにもない協議会", "--fiscal-year", "2026", "--period", "Q1"],
            "No organisation is called",
        ),
        (
            [
                "--organisation",
                "苫小牧市社会福祉協議会",
                "--fiscal-year",
                "2026",
                "--period",
                "Q1",
                "--due",
                "7月15日",
            ],
            "--due must be a date",
        ),
        (
            [
                "--organisation",
                "苫小牧市社会福祉協議会",
                "--fiscal-year",
                "2026",
                "--period",
                "Q2",
                "--due",
                "2026-01-01",
            ],
            "comes before the period begins",
        ),
        (
            ["--organisation", "苫小牧市社会福祉協議会", "--fiscal-year", "1999", "--period", "Q1"],
            "is not a fiscal year",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(capsys, q4: Report, argv: list[str], sentence: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _run(capsys, "open-period", *argv)
    assert code == 2
    assert sentence in err
    assert len(err.strip().splitlines()) == 1
    assert not Report.objects.filter(fiscal_year__in=(1999, 2026)).exists()


def test_an_unknown_period_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["open-period", "--fiscal-year", "2026", "--period", "Q5"])
    assert done.value.code == 2
    assert "invalid choice: 'Q5'" in capsys.readouterr().err


def test_open_period_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["open-period", "--help"])
    assert done.value.code == 0
    assert "usage: sasaeai open-period" in capsys.readouterr().out


# --- the secretariat's page ------------------------------------------------------------------------


def test_the_secretariat_opens_a_period_on_its_page(cast: Cast) -> None:
    client = client_for(cast, "admin")
    assert "期間を開始する" in client.get("/periods/open/").content.decode()
    response = client.post(
        "/periods/open/", {"fiscal_year": "令和8年度", "period": "Q1", "due_on": "2026-07-15"}
    )
    assert response.status_code == 302
    opened = Report.objects.get(organisation=cast.council, fiscal_year=2026, period="Q1")
    assert opened.due_on == date(2026, 7, 15)
    assert set(opened.entries.values_list("project", flat=True)) == {cast.salon.pk, cast.newsletter.pk}
    salon = opened.entries.get(project=cast.salon)
    assert list(salon.quantities.values_list("label", "unit", "value")) == [("登録数", "箇所", None)]
    page = client.get("/periods/open/").content.decode()
    assert "令和8年度（2026年度）第1四半期を開始しました" in page


def test_the_page_says_what_is_wrong_in_japanese(cast: Cast) -> None:
    client = client_for(cast, "admin")
    page = client.post(
        "/periods/open/", {"fiscal_year": "", "period": "Q1", "due_on": "7/15"}
    ).content.decode()
    assert "年度を入力してください。" in page
    assert "提出期限は日付（例: 2026-07-15）で入力してください。" in page
    page = client.post(
        "/periods/open/", {"fiscal_year": "2026", "period": "Q2", "due_on": "2026-05-01"}, follow=True
    ).content.decode()
    assert "期間の始まり" in page
    assert not Report.objects.filter(fiscal_year=2026).exists()


def test_only_the_organisations_secretariat_opens_its_periods(cast: Cast) -> None:
    organisation = Organisation.objects.get(pk=cast.council.pk)
    with pytest.raises(OperationRefused) as refused:
        OpenPeriod(cast.city_admin, organisation, 2026, "Q1", None).execute()
    assert refused.value.message_ja == "架空市社会福祉協議会の期間を開始できるのは事務局だけです。"
    assert client_for(cast, "editor").get("/periods/open/").status_code == 403
    assert client_for(cast, "public").get("/periods/open/").status_code == 302
