"""Downloads and pages of the outputs, for every role."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from sasaeai.plans.models import Comment

from ..web.base import Cast, client_for


def test_report_download_follows_who_may_read_the_report(cast: Cast, subtests: pytest.Subtests) -> None:
    draft = reverse("exports:report_download", args=[cast.draft.pk, "xlsx"])
    published = reverse("exports:report_download", args=[cast.published.pk, "pdf"])
    for role in ("admin", "city_admin", "editor", "approver", "committee", "public"):
        with subtests.test(role=role):
            client = client_for(cast, role)
            staff = role in ("admin", "editor", "approver")  # the council's people; drafts are theirs
            assert client.get(draft).status_code == (200 if staff else 404)
            response = client.get(published)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")


def test_report_download_is_the_report_as_a_workbook(cast: Cast) -> None:
    response = client_for(cast, "editor").get(
        reverse("exports:report_download", args=[cast.draft.pk, "xlsx"])
    )
    assert 'filename="report-2025-Q4.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert names == ["ふれあいサロン事業", "社協だより発行業務"]


def test_unknown_format_is_404(cast: Cast) -> None:
    url = reverse("exports:report_download", args=[cast.published.pk, "docx"])
    assert Client().get(url).status_code == 404


def test_indicator_sheet_page_shows_grades_charts_and_comments_to_staff(cast: Cast) -> None:
    Comment.objects.create(
        author=cast.committee,
        indicator=cast.indicator,
        fiscal_year=2025,
        text="順調に増えている。",
    )
    url = reverse("exports:indicator_sheet", args=[cast.plan.pk])
    page = client_for(cast, "committee").get(url).content.decode()
    assert "評価指標の進捗状況" in page
    assert "ふれあいサロン数" in page
    assert "順調に増えている。" in page
    assert 'alt="ふれあいサロン数。基準値 令和元年度（2019年度） 68か所' in page
    public = Client().get(url).content.decode()
    assert "順調に増えている。" not in public
    assert "令和6年度（2024年度） 91か所" in public
    assert "87か所" not in public  # the draft's figure stays unpublished


def test_indicator_sheet_downloads(cast: Cast) -> None:
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF")):
        url = reverse("exports:indicator_sheet_download", args=[cast.plan.pk, fmt]) + "?year=2025"
        response = Client().get(url)
        assert response.status_code == 200
        assert response.content.startswith(magic)


def test_opendata_page_and_files(cast: Cast) -> None:
    page = Client().get(reverse("exports:opendata")).content.decode()
    assert "オープンデータ" in page
    assert "達成率（%）" in page
    response = Client().get(reverse("exports:opendata_file", args=["report_figures", "csv"]))
    data = response.getvalue()  # streamed: read once
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "91" in text
    assert "87" not in text
    assert Client().get("/opendata/nothing.csv").status_code == 404
