"""The plan's secretariat previews the evaluation with unapproved figures; nobody else, and never in an export."""

from __future__ import annotations

import io

import pytest
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from openpyxl import load_workbook

from sasaeai.evaluation.services.stored import recompute
from sasaeai.plans.models import Plan

from .base import Cast, assert_contains, assert_not_contains, client_for

BANNER = "正式な評価ではありません"
OFFER = "未承認の数値も含めて試算する"
DRAFT_FIGURE = "実績 87か所"  # FY2025 Q4, still a draft
APPROVED_FIGURE = "実績 91か所"  # FY2024, published
SHEET_DRAFT_FIGURE = '<td class="number">87</td>'


@pytest.fixture
def council_plan(cast: Cast) -> Cast:
    """The plan made the council's own, so that its secretariat (``admin``) may preview its drafts."""
    Plan.objects.filter(pk=cast.plan.pk).update(organisation=cast.council)
    recompute()
    return cast


def _plan_url(cast: Cast, query: str = "") -> str:
    return reverse("plan_tree", args=[cast.plan.pk]) + query


def _sheet_url(cast: Cast, query: str = "") -> str:
    return reverse("exports:indicator_sheet", args=[cast.plan.pk]) + query


def test_the_secretariat_previews_the_plan_with_unapproved_figures(council_plan: Cast) -> None:
    client = client_for(council_plan, "admin")
    response = client.get(_plan_url(council_plan, "?year=2025&preview=1"))
    assert_contains(response, BANNER)
    assert_contains(response, DRAFT_FIGURE)
    assert_contains(response, '<input type="hidden" name="preview" value="1">')


def test_without_asking_the_secretariat_sees_approved_figures_and_the_offer(council_plan: Cast) -> None:
    response = client_for(council_plan, "admin").get(_plan_url(council_plan, "?year=2025"))
    assert_contains(response, OFFER)
    assert_contains(response, APPROVED_FIGURE)
    assert_not_contains(response, BANNER)
    assert_not_contains(response, DRAFT_FIGURE)


@pytest.mark.parametrize("role", ["public", "committee", "editor", "approver", "city_admin", "operator"])
def test_anyone_else_asking_for_a_preview_gets_the_usual_page(council_plan: Cast, role: str) -> None:
    client = client_for(council_plan, role)
    for url, figure in ((_plan_url, DRAFT_FIGURE), (_sheet_url, SHEET_DRAFT_FIGURE)):
        asked = client.get(url(council_plan, "?year=2025&preview=1"))
        assert_not_contains(asked, BANNER)
        assert_not_contains(asked, OFFER)
        assert_not_contains(asked, figure)
    usual = client.get(_plan_url(council_plan, "?year=2025"))
    assert_not_contains(client.get(_plan_url(council_plan, "?year=2025&preview=1")), DRAFT_FIGURE)
    assert usual.status_code == 200


def test_the_secretariat_previews_the_indicator_sheet(council_plan: Cast) -> None:
    client = client_for(council_plan, "admin")
    preview = client.get(_sheet_url(council_plan, "?year=2025&preview=1"))
    assert_contains(preview, BANNER)
    assert_contains(preview, SHEET_DRAFT_FIGURE)
    usual = client.get(_sheet_url(council_plan, "?year=2025"))
    assert_contains(usual, OFFER)
    assert_not_contains(usual, BANNER)
    assert_not_contains(usual, SHEET_DRAFT_FIGURE)


def test_the_print_view_and_the_downloads_never_preview(council_plan: Cast) -> None:
    client = client_for(council_plan, "admin")
    printed = client.get(_sheet_url(council_plan, "?year=2025&preview=1&print=1"))
    assert_not_contains(printed, SHEET_DRAFT_FIGURE)
    url = reverse("exports:indicator_sheet_download", args=[council_plan.plan.pk, "xlsx"])
    asked, usual = client.get(url + "?year=2025&preview=1"), client.get(url + "?year=2025")
    assert _cells(asked.content) == _cells(usual.content)
    assert "87" not in _cells(asked.content)  # the draft figure as a cell of its own


def test_the_api_and_open_data_never_preview(council_plan: Cast) -> None:
    client = client_for(council_plan, "admin")
    api = reverse("api:plan-evaluation", args=[council_plan.plan.pk])
    assert client.get(api + "?preview=1").json() == client.get(api).json()
    opendata = reverse("exports:opendata_file", args=["evaluations", "csv"])
    assert _body(client.get(opendata + "?preview=1")) == _body(client.get(opendata))


def _body(response: HttpResponseBase) -> bytes:
    """A response's bytes, streamed or not."""
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content)  # type: ignore[arg-type]
    return bytes(response.content)  # type: ignore[attr-defined]


def _cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
