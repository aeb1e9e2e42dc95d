"""The plan editor in Chromium: the city's secretariat adds an approach with an indicator of two parts,
reorders by keyboard and by dragging, reads the plan's history and previews an upload; axe-core finds no
WCAG 2.2 A/AA violation on any of the editor's pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sasaeai.plans.models import Approach, Goal, Indicator
from tests.core.test_plan_layouts import PLANS
from tests.web.base import PASSWORD, make_cast

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def _open_editor(page: Any, live_server: Any) -> Any:
    cast = make_cast()
    log_in(page, live_server, cast.city_admin.username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{cast.plan.pk}/")
    page.get_by_role("link", name="この計画を編集する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "架空市地域福祉計画の編集"
    return cast


def _fill_part(page: Any, label: str, baseline: str, target: str) -> None:
    page.fill("#id_label", label)
    page.fill("#id_baseline_year", "令和元年度")
    page.fill("#id_baseline_value", baseline)
    page.fill("#id_baseline_unit", "人")
    page.fill("#id_target_year", "R8")
    page.fill("#id_target_value", target)
    page.fill("#id_target_unit", "人")


def test_an_approach_with_an_indicator_of_two_parts_reordered_and_in_the_history(
    page: Any, live_server: Any
) -> None:
    _open_editor(page, live_server)
    assert_accessible(page)

    page.get_by_role("link", name="取組方針を追加 （施策1）").click()
    page.get_by_label("名称").fill("福祉人材の確保")
    page.get_by_label("その他の担当課").fill("福祉人材課")
    page.get_by_label("変更の理由").fill("中間見直しで追加")
    assert_accessible(page)
    page.get_by_role("button", name="追加する").click()
    assert page.get_by_role("heading", name="取組方針2 福祉人材の確保").is_visible()

    page.get_by_role("link", name="評価指標を追加 （取組方針2）").click()
    page.get_by_label("指標名").fill("福祉人材バンクの登録者数")
    _fill_part(page, "求職", "118", "130")
    assert_accessible(page)
    page.get_by_role("button", name="追加する").click()

    page.get_by_role("link", name="編集 （評価指標 福祉人材バンクの登録者数）").click()
    page.get_by_role("link", name="内訳を追加").click()
    _fill_part(page, "求人", "241", "250")
    page.get_by_role("button", name="追加する").click()
    expect(page.locator("li.part h3")).to_have_text(["内訳1 求職", "内訳2 求人"])
    assert_accessible(page)

    # Keyboard: focus the button and press Enter, as someone without a mouse would.
    page.get_by_role("button", name="上へ （内訳 求人 241人 → 250人）").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("li.part h3")).to_have_text(["内訳1 求人", "内訳2 求職"])
    expect(page.get_by_role("status")).to_have_text("内訳 求人 241人 → 250人 を1番目に移しました。")

    page.get_by_role("link", name="架空市地域福祉計画の編集").click()
    page.get_by_role("button", name="上へ （取組方針2 福祉人材の確保）").click()
    assert page.get_by_role("heading", name="取組方針1 福祉人材の確保").is_visible()
    assert page.get_by_role("heading", name="取組方針2 多様な居場所づくり").is_visible()

    page.get_by_role("link", name="変更履歴").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "架空市地域福祉計画の変更履歴"
    table = page.locator("table.history").inner_text()
    for expected in ("福祉人材の確保", "中間見直しで追加", "shi-jimukyoku", "並び順", "番号", "担当課"):
        assert expected in table
    assert_accessible(page)


def test_dragging_a_goal_above_another(page: Any, live_server: Any) -> None:
    cast = make_cast()
    second = Goal.objects.create(plan=cast.plan, number=2, title="安心して暮らせるまち")
    log_in(page, live_server, cast.city_admin.username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{cast.plan.pk}/edit/")
    with page.expect_navigation():
        page.locator(f"#goal-{second.pk} > .node-head").drag_to(
            page.locator(f"#goal-{cast.goal.pk} > .node-head")
        )
    expect(page.get_by_role("heading", name="基本目標1 安心して暮らせるまち")).to_be_visible()
    assert list(cast.plan.goals.order_by("number").values_list("title", flat=True)) == [
        "安心して暮らせるまち",
        "共に支え合う地域づくり",
    ]


def test_a_part_outside_the_plan_period_is_refused_beside_its_field(page: Any, live_server: Any) -> None:
    cast = _open_editor(page, live_server)
    page.goto(f"{live_server.url}/plan-edit/part/{cast.part.pk}/")
    page.fill("#id_target_year", "2030")
    page.get_by_role("button", name="保存する").click()
    error = page.locator("#id_target_year_error")
    assert (
        error.inner_text()
        == "目標年度は計画期間（令和3年度（2021年度）〜令和8年度（2026年度））の中にしてください。"
    )
    assert page.locator("#id_target_year").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_an_upload_shows_the_tree_and_the_warnings_before_it_is_saved(page: Any, live_server: Any) -> None:
    cast = make_cast()
    log_in(page, live_server, cast.city_admin.username, PASSWORD)
    page.goto(f"{live_server.url}/plans/manage/")
    assert_accessible(page)
    page.get_by_role("link", name="計画ファイルを取り込む").click()
    page.wait_for_url("**/plans/upload/")
    assert_accessible(page)
    page.set_input_files("#id_file", str(PLANS / "kaede_chapters.txt"))
    page.get_by_role("button", name="読み取って確認する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "計画の取込内容の確認"
    assert "27行目" in page.locator("table.warnings").inner_text()
    assert page.get_by_text("まちかど相談会の相談件数").is_visible()
    assert not Approach.objects.exclude(policy__goal__plan=cast.plan).exists()
    assert_accessible(page)
    page.get_by_role("button", name="この内容で保存する").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("の編集")
    assert Indicator.objects.exclude(approach__policy__goal__plan=cast.plan).count() == 7
    assert_accessible(page)
