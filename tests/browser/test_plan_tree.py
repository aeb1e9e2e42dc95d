"""The plan tree: every indicator shows under its approach with its grade beside it, and the whole tree opens and
closes at once from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from sasaeai.plans.models import Indicator, Plan

from .conftest import WIDTHS, assert_accessible, assert_no_horizontal_overflow, log_in_as

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_every_indicator_shows_under_its_approach_with_its_grade(
    page: Any, live_server: Any, city: Any
) -> None:
    plan = Plan.objects.get()
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    indicators = list(Indicator.objects.select_related("approach"))
    assert len(indicators) == 24
    for indicator in indicators:
        approach = page.locator("li.approach", has=page.locator("summary", has_text=indicator.approach.title))
        named = page.get_by_role("link", name=indicator.name, exact=True)
        line = approach.locator("ul.indicators > li", has=named)
        assert line.get_by_role("link").is_visible(), indicator.name
        assert line.locator(".grade").first.is_visible(), indicator.name
    assert_no_horizontal_overflow(page)
    assert_accessible(page)


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_the_whole_tree_opens_and_closes_from_the_keyboard(page: Any, live_server: Any, city: Any) -> None:
    plan = Plan.objects.get()
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    nodes = page.locator("#plan-tree details")
    item = page.get_by_text("No.1 ", exact=False).first
    assert not item.is_visible(), "the items start folded"

    page.get_by_role("button", name="すべて開く").focus()
    page.keyboard.press("Enter")
    assert nodes.evaluate_all("all => all.every(node => node.open)")
    assert item.is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="すべて閉じる").focus()
    page.keyboard.press("Space")
    assert nodes.evaluate_all("all => all.every(node => !node.open)")
    assert not page.get_by_role("link", name="コミュニティソーシャルワーカー相談件数").is_visible()


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_the_secretariats_preview_is_labelled_as_a_trial(page: Any, live_server: Any, city: Any) -> None:
    plan = Plan.objects.get()
    log_in_as(page, live_server, "shi-jimukyoku")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="未承認の数値も含めて試算する（事務局のみ）").click()
    page.wait_for_load_state()
    banner = page.get_by_role("note", name="試算の表示")
    assert banner.is_visible()
    assert "正式な評価ではありません" in banner.inner_text()
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    page.get_by_role("link", name="承認済みの数値による評価に戻る").click()
    page.wait_for_load_state()
    assert not page.get_by_role("note", name="試算の表示").count()
