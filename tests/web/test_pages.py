"""Every page answers, in Japanese, with what its visitor may see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from .base import Cast, assert_contains, assert_not_contains


def get(client: Client, user: User | AnonymousUser | None, url: str) -> Any:
    if user is not None and user.is_authenticated:
        client.force_login(user)
    return client.get(url)


def test_overview_shows_the_plan_and_grades(client: Client, cast: Cast) -> None:
    response = get(client, cast.committee, reverse("overview"))
    assert_contains(response, "計画と評価の概要")
    assert_contains(response, "架空市地域福祉計画")
    assert_contains(response, "令和3年度（2021年度）")


def test_plan_tree_lists_goal_policy_approach_and_indicator(client: Client, cast: Cast) -> None:
    response = get(client, cast.anonymous, reverse("plan_tree", args=[cast.plan.pk]))
    for text in (
        "共に支え合う地域づくり",
        "地域福祉活動の推進",
        "多様な居場所づくり",
        "ふれあいサロン数",
    ):
        assert_contains(response, text)


def test_indicator_sheet_shows_baseline_target_actual_and_chart(client: Client, cast: Cast) -> None:
    response = get(client, cast.committee, reverse("indicator_detail", args=[cast.indicator.pk]))
    assert_contains(response, "基準値 令和元年度（2019年度）")
    assert_contains(response, "目標値 令和8年度（2026年度）")
    assert_contains(response, "<svg")
    assert_contains(response, "推進委員会の意見")


def test_anonymous_indicator_sheet_uses_published_figures_only(client: Client, cast: Cast) -> None:
    response = get(client, cast.anonymous, reverse("indicator_detail", args=[cast.indicator.pk]))
    assert_contains(response, "実績 令和6年度（2024年度）")
    assert_not_contains(response, "実績 令和7年度（2025年度）")
    assert_not_contains(response, "推進委員会の意見")


def test_report_view_uses_the_councils_columns_with_comparison_year(client: Client, cast: Cast) -> None:
    response = get(client, cast.editor, reverse("report_detail", args=[cast.draft.pk]))
    for heading in ("拠点区分", "事業名（担当課）", "計画体系", "具体的な実施事項", "事業実績内容"):
        assert_contains(response, heading)
    assert_contains(response, "令和7年度 第4四半期<br>実績（今期）")
    assert_contains(response, "令和6年度 第4四半期<br>実績（前年同期）")
    assert_contains(response, "ふれあいサロン事業")


def test_project_page_shows_each_quantity_across_reports(client: Client, cast: Cast) -> None:
    response = get(client, cast.admin, reverse("project_detail", args=[cast.salon.pk]))
    assert_contains(response, "登録数（箇所）")
    assert_contains(response, ">91<")
    assert_contains(response, ">87<")


def test_public_project_page_hides_draft_figures(client: Client, cast: Cast) -> None:
    response = get(client, cast.anonymous, reverse("project_detail", args=[cast.salon.pk]))
    assert_contains(response, ">91<")
    assert_not_contains(response, ">87<")


def test_login_page_is_japanese(client: Client, db: None) -> None:
    response = client.get("/accounts/login/")
    assert_contains(response, "ログイン")
    assert_contains(response, "パスワード")
    assert_contains(response, "csrfmiddlewaretoken")


def test_wareki_filter_writes_both_years() -> None:
    from sasaeai.front.templatetags.wareki import period_label, wareki

    assert wareki(2025) == "令和7年度（2025年度）"
    assert wareki(2019) == "令和元年度（2019年度）"
    assert wareki(None) == ""
    assert period_label("Q4") == "第4四半期"


@pytest.mark.parametrize(
    ("value", "badge"),
    [
        (
            "a",
            '<span class="grade grade-a" title="順調">a<span class="visually-hidden">（順調）</span></span>',
        ),
        (
            "D",
            '<span class="grade grade-D" title="遅れ">D<span class="visually-hidden">（遅れ）</span></span>',
        ),
        (
            None,
            '<span class="grade grade-none" title="未評価">未評価<span class="visually-hidden">（未評価）</span></span>',
        ),
    ],
)
def test_a_grade_badge_names_the_grade_in_words_as_well_as_in_colour(value: str | None, badge: str) -> None:
    assert Template("{% load display %}{% grade value %}").render(Context({"value": value})) == badge
