"""Search and filters on the lists of reports, projects and indicators: department, year, status, text;
20 to a page; a filter never shows what the person may not see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sasaeai.plans.models import Approach, Indicator
from sasaeai.reports.models import Project, Report

from .base import Cast, assert_contains, assert_not_contains, client_for


def _reports(cast: Cast, role: str, **query: object) -> list[tuple[int, str]]:
    response = client_for(cast, role).get(reverse("report_list"), query)
    assert response.status_code == 200
    return [(r.fiscal_year, r.period) for r in response.context["page"].object_list]


def test_reports_by_year_status_department_and_text(cast: Cast) -> None:
    assert _reports(cast, "admin") == [(2025, "Q4"), (2024, "Q4")]
    assert _reports(cast, "admin", year=2024) == [(2024, "Q4")]
    assert _reports(cast, "admin", status="draft") == [(2025, "Q4")]
    assert _reports(cast, "admin", department=cast.general.pk) == [(2025, "Q4")]  # the newsletter: 2025 only
    assert _reports(cast, "admin", q="社協だより") == [(2025, "Q4")]
    assert _reports(cast, "admin", q="ふれあい", status="published") == [(2024, "Q4")]


def test_a_filter_shows_the_public_only_what_is_published(cast: Cast) -> None:
    assert _reports(cast, "public", status="draft") == []
    assert _reports(cast, "public", q="社協だより") == []
    assert _reports(cast, "public") == [(2024, "Q4")]


def test_a_value_that_is_no_choice_is_no_filter(cast: Cast) -> None:
    assert _reports(cast, "admin", year="令和", department="x") == [(2025, "Q4"), (2024, "Q4")]


def test_the_report_list_is_paginated_keeping_the_filters(cast: Cast) -> None:
    for year in range(2000, 2024):
        Report.objects.create(organisation=cast.council, fiscal_year=year, period="FY", status="published")
    client = client_for(cast, "public")
    first = client.get(reverse("report_list"), {"status": "published"})
    assert len(first.context["page"].object_list) == 20
    assert_contains(first, "1 / 2 ページ（25 件）")
    assert_contains(first, "?status=published&amp;page=2")
    second = client.get(reverse("report_list"), {"status": "published", "page": 2})
    assert len(second.context["page"].object_list) == 5


def _names(cast: Cast, url: str, **query: object) -> list[str]:
    response = client_for(cast, "public").get(reverse(url), query)
    assert response.status_code == 200
    return [str(item) for item in response.context["page"].object_list]


def test_projects_by_department_year_and_text(cast: Cast) -> None:
    assert _names(cast, "project_list") == [
        "社協だより発行業務",
        "ふれあいサロン事業",
    ]  # by segment, then name
    assert _names(cast, "project_list", department=cast.general.pk) == ["社協だより発行業務"]
    assert _names(cast, "project_list", q="サロン") == ["ふれあいサロン事業"]
    assert _names(cast, "project_list", year=2024) == ["ふれあいサロン事業"]  # the public reads 2024 only


def test_a_project_is_found_by_a_former_name(cast: Cast) -> None:
    cast.salon.aliases.create(organisation=cast.council, name="いきいきサロン")
    assert _names(cast, "project_list", q="いきいき") == ["ふれあいサロン事業"]


def test_indicators_by_department_year_and_text(cast: Cast) -> None:
    other = Approach.objects.create(policy=cast.policy, number=2, title="情報の発信")
    other.departments.set([cast.general])
    Indicator.objects.create(approach=other, name="広報紙の発行部数")
    assert _names(cast, "indicator_list") == ["ふれあいサロン数", "広報紙の発行部数"]
    assert _names(cast, "indicator_list", q="広報") == ["広報紙の発行部数"]
    assert _names(cast, "indicator_list", q="情報の発信") == ["広報紙の発行部数"]
    assert _names(cast, "indicator_list", department=cast.welfare.pk) == ["ふれあいサロン数"]
    assert _names(cast, "indicator_list", department=cast.general.pk) == ["広報紙の発行部数"]
    assert _names(cast, "indicator_list", year=2024) == ["ふれあいサロン数", "広報紙の発行部数"]
    years = client_for(cast, "public").get(reverse("indicator_list")).context["form"].fields["year"].choices
    assert [year for year, _ in years] == ["", 2026, 2025, 2024, 2023, 2022, 2021]  # the plan's period


@pytest.mark.parametrize("url", ["project_list", "indicator_list", "report_list"])
def test_each_list_has_its_search_form(cast: Cast, url: str) -> None:
    page = client_for(cast, "editor").get(reverse(url))
    assert_contains(page, 'role="search"')
    assert_contains(page, "絞り込む")


def test_nothing_found_says_so(cast: Cast) -> None:
    assert_contains(
        client_for(cast, "public").get(reverse("project_list"), {"q": "存在しない"}),
        "条件に合う事業はありません",
    )
    assert_not_contains(
        client_for(cast, "public").get(reverse("report_list"), {"q": "存在しない"}), "<tbody>"
    )
    assert Project.objects.count() == 2


def test_the_indicator_list_shows_each_parts_baseline_and_target(cast: Cast) -> None:
    """The cast's indicator prints no text of its own: its part's baseline and target are shown, with their years."""
    page = client_for(cast, "public").get(reverse("indicator_list"))
    assert_contains(page, "68 か所（令和元年度（2019年度））")
    assert_contains(page, "83 か所（令和8年度（2026年度））")
