"""The committee's sheet as they work with it: indicator names lead to their page, each grade shows the
numbers behind it, one year picker in 令和 with 西暦, and a print view."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sasaeai.exports.queries import indicator_sheet

from ..web.base import Cast, client_for

pytestmark = pytest.mark.django_db

REASON = "令和6年度の実績 91か所／目標値 83か所（令和8年度）／基準値 68か所（令和元年度）／達成率 109.6%／進捗 153%（直線の道のりでは 71%）"


def _sheet(cast: Cast, role: str = "committee", **query: str) -> str:
    response = client_for(cast, role).get(reverse("exports:indicator_sheet", args=[cast.plan.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_indicator_names_lead_to_their_page(cast: Cast) -> None:
    link = f'<a href="{reverse("indicator_detail", args=[cast.indicator.pk])}">ふれあいサロン数</a>'
    assert link in _sheet(cast)
    assert link in _sheet(cast, "public")


def test_each_grade_shows_the_numbers_behind_it(cast: Cast) -> None:
    page = _sheet(cast, year="2024")
    assert '<button type="button" class="grade-why" aria-describedby="why-' in page
    assert 'role="tooltip" id="why-' in page and REASON in page
    assert indicator_sheet(cast.committee, cast.plan, 2024).parts().__next__().grade_reason == REASON


def test_a_part_without_a_complete_year_says_why_it_is_not_graded(cast: Cast) -> None:
    part = next(indicator_sheet(cast.committee, cast.plan, 2023).parts())
    assert part.grade_reason == "1年分の実績がまだないため評価していません。"


def test_the_year_picker_is_the_one_of_every_page(cast: Cast) -> None:
    page = _sheet(cast)
    assert '<select name="year" id="id_year"' in page
    assert '<option value="2024" >令和6年度（2024年度）まで</option>' in page
    assert '<option value="">すべての年度</option>' in page
    assert 'type="number" name="year"' not in page


def test_the_print_view_is_the_sheet_alone(cast: Cast) -> None:
    page = _sheet(cast, year="2024", print="1")
    assert "<h1>架空市地域福祉計画 評価指標の進捗状況（令和6年度（2024年度）まで）</h1>" in page
    assert "data-print" in page and "@page { size: A4 landscape" in page
    assert "メインメニュー" not in page  # no site navigation
    assert "ふれあいサロン数" in page


def test_the_pdf_keeps_plain_names_and_grades(cast: Cast) -> None:
    html = render_to_string(
        "sasaeai_exports/evaluation_pdf.html", {"sheet": indicator_sheet(cast.committee, cast.plan, 2024)}
    )
    assert "grade-why" not in html and "indicator_detail" not in html
    assert f'href="{reverse("indicator_detail", args=[cast.indicator.pk])}"' not in html
