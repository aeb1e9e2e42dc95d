"""The secretariat opens a period in Chromium, and the department's grid on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sasaeai.reports.models import Report
from tests.web.base import PASSWORD, make_cast

from .conftest import assert_accessible, assert_no_horizontal_overflow, log_in

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_opens_a_period_and_its_departments_find_their_grid(
    page: Any, live_server: Any
) -> None:
    cast = make_cast()
    log_in(page, live_server, cast.admin.username, PASSWORD)
    page.get_by_role("link", name="期間の開始").click()
    page.wait_for_url("**/periods/open/")
    assert_accessible(page)
    page.get_by_label("年度").fill("令和8年度")
    page.get_by_label("期間").select_option("Q1")
    page.get_by_label("提出期限").fill("2026-07-15")
    page.get_by_role("button", name="期間を開始する").click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "令和8年度（2026年度）第1四半期を開始しました（事業 2 件、実績の項目 2 件を引き継ぎ）。"
    ).is_visible()
    report = Report.objects.get(fiscal_year=2026, period="Q1")
    assert report.entries.count() == 2
    assert_accessible(page)
    opened = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="令和8年度（2026年度） 第1四半期")
    )
    opened.get_by_role("link", name="地域福祉課").click()
    expect(page.get_by_role("heading", name="地域福祉課の入力表")).to_be_visible()  # waits for the page
    assert page.get_by_text("未入力").count() == 0  # the grid shows empty cells, not words
    assert (
        page.locator(f'[name="e-{report.entries.get(project=cast.salon).pk}-f-0-label"]').input_value()
        == "登録数"
    )


@pytest.mark.parametrize("page", [390], indirect=True)
def test_on_a_phone_the_grid_scrolls_in_its_own_box(page: Any, live_server: Any) -> None:
    cast = make_cast()
    log_in(page, live_server, cast.editor.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/{cast.draft.pk}/departments/{cast.welfare.pk}/")
    expect(page.get_by_role("heading", name="地域福祉課の入力表")).to_be_visible()  # waits for the page
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
