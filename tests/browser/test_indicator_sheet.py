"""The committee's indicator sheet in a browser: the numbers behind a grade on focus (gone with Escape),
indicator names that lead to their page, and the print view — all without an accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest

from sasaeai.plans.models import Plan

from .conftest import WIDTHS, assert_accessible, assert_no_horizontal_overflow

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_a_grade_shows_its_numbers_on_focus_and_escape_hides_them(
    page: Any, live_server: Any, city: Any
) -> None:
    plan = Plan.objects.get()
    page.goto(f"{live_server.url}/plans/{plan.pk}/indicator-sheet/")
    assert_no_horizontal_overflow(page)
    grade = page.locator(".grade-why").first
    tip = page.locator(f"#{grade.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    grade.focus()
    assert tip.is_visible()
    assert "の実績" in tip.inner_text() or "評価していません" in tip.inner_text()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_an_indicator_name_leads_to_its_page(page: Any, live_server: Any, city: Any) -> None:
    plan = Plan.objects.get()
    page.goto(f"{live_server.url}/plans/{plan.pk}/indicator-sheet/")
    link = page.locator("table.evaluation-table td a").first
    name = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name


def test_the_print_view_reads_as_a_sheet(page: Any, live_server: Any, city: Any) -> None:
    plan = Plan.objects.get()
    page.goto(f"{live_server.url}/plans/{plan.pk}/indicator-sheet/")
    page.get_by_role("link", name="印刷用の表示").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="印刷する").is_visible()
    assert page.locator("nav").count() == 0
    assert_accessible(page)
