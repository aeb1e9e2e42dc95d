"""The department's xlsx template: its rows with last year beside, filled in Excel and uploaded into the period."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sasaeai.reports.models import ProjectEntry, Side
from sasaeai.reports.services.periods import OpenPeriod

from .base import Cast, client_for

pytestmark = pytest.mark.django_db


def _urls(cast: Cast) -> tuple[str, str, str]:
    base = f"/reports/{cast.draft.pk}/departments/{cast.welfare.pk}/"
    return base, base + "template.xlsx", base + "upload/"


def _download(cast: Cast) -> Any:
    response = client_for(cast, "editor").get(_urls(cast)[1])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _row_of(sheet: Any, name: str) -> tuple[int, dict[str, int]]:
    """The row of the project and the columns by heading."""
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "事業名" in row)
    columns = {str(h): c for c, h in enumerate(rows[header]) if h}
    line = next(i for i, row in enumerate(rows) if name in row)
    return line + 1, columns


def _upload(cast: Cast, book: Any, role: str = "editor") -> str:
    data = io.BytesIO()
    book.save(data)
    file = SimpleUploadedFile("filled.xlsx", data.getvalue())
    response = client_for(cast, role).post(_urls(cast)[2], {"file": file}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_template_holds_the_departments_rows_with_last_year_beside(cast: Cast) -> None:
    sheet = _download(cast)["事業報告"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "ふれあいサロン事業" in cells
    assert "社協だより発行業務" not in cells  # another department's
    line, columns = _row_of(sheet, "ふれあいサロン事業")
    current = next(c for h, c in columns.items() if h.endswith("第4四半期（2025年度）実績"))
    comparison = next(c for h, c in columns.items() if h.endswith("第4四半期（2024年度）実績"))
    assert sheet.cell(line, current + 1).value == "登録数 87箇所"
    assert sheet.cell(line, comparison + 1).value == "登録数 91箇所"
    assert "記入のしかた" in _download(cast).sheetnames


def test_a_filled_template_is_uploaded_into_the_same_period(cast: Cast) -> None:
    book = _download(cast)
    sheet = book["事業報告"]
    line, columns = _row_of(sheet, "ふれあいサロン事業")
    current = next(c for h, c in columns.items() if h.endswith("第4四半期（2025年度）実績"))
    narrative = next(c for h, c in columns.items() if h.endswith("事業実績内容"))
    sheet.cell(line, current + 1).value = "登録数 95箇所\n参加者数 1,200人"
    cell = sheet.cell(line, narrative + 1)
    cell.value = "=新設2か所"
    cell.data_type = "s"  # typed as text in Excel: it stays text
    page = _upload(cast, book)
    assert "filled.xlsx を取り込みました" in page
    entry = ProjectEntry.objects.get(report=cast.draft, project=cast.salon)
    figures = list(entry.quantities.filter(side=Side.CURRENT).values_list("label", "value", "unit"))
    assert figures == [("登録数", Decimal(95), "箇所"), ("参加者数", Decimal(1200), "人")]
    assert entry.narrative == "=新設2か所"
    assert ProjectEntry.objects.filter(report=cast.draft, project=cast.newsletter).exists()  # untouched


def test_the_template_of_an_opened_period_is_filled_and_read_back(cast: Cast) -> None:
    opened = OpenPeriod(cast.admin, cast.council, 2026, "Q1", None).execute().report
    client = client_for(cast, "editor")
    base = f"/reports/{opened.pk}/departments/{cast.welfare.pk}/"
    book = openpyxl.load_workbook(io.BytesIO(client.get(base + "template.xlsx").content))
    sheet = book["事業報告"]
    line, columns = _row_of(sheet, "ふれあいサロン事業")
    current = next(c for h, c in columns.items() if h.endswith("第1四半期（2026年度）実績"))
    assert sheet.cell(line, current + 1).value == "登録数 　箇所"
    sheet.cell(line, current + 1).value = "登録数 88箇所"
    data = io.BytesIO()
    book.save(data)
    page = client.post(
        base + "upload/", {"file": SimpleUploadedFile("q1.xlsx", data.getvalue())}, follow=True
    )
    assert "q1.xlsx を取り込みました" in page.content.decode()
    entry = ProjectEntry.objects.get(report=opened, project=cast.salon)
    assert list(entry.quantities.values_list("side", "label", "value", "unit")) == [
        (Side.CURRENT, "登録数", Decimal(88), "箇所")
    ]


def test_a_refusal_names_the_row_and_stores_nothing(cast: Cast) -> None:
    book = _download(cast)
    sheet = book["事業報告"]
    line, columns = _row_of(sheet, "ふれあいサロン事業")
    current = next(c for h, c in columns.items() if h.endswith("第4四半期（2025年度）実績"))
    sheet.cell(line, current + 1).value = "登録数 " + "9" * 23 + "箇所"
    page = _upload(cast, book)
    assert "取り込みませんでした" in page
    assert f"{line}行目" in page
    entry = ProjectEntry.objects.get(report=cast.draft, project=cast.salon)
    assert list(entry.quantities.values_list("value", flat=True)) == [Decimal(87)]


def test_only_the_departments_staff_upload(cast: Cast) -> None:
    assert client_for(cast, "other_editor").get(_urls(cast)[1]).status_code == 403
    file = SimpleUploadedFile("x.xlsx", b"x")
    assert client_for(cast, "other_editor").post(_urls(cast)[2], {"file": file}).status_code == 403
