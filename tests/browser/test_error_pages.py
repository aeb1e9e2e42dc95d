"""The 403, 404 and 500 pages: Japanese, in the site's layout, with a way back, and on 500 the request id that
the operator finds in the log."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from sasaeai.front.views import plans

from .conftest import WIDTHS, assert_accessible, assert_no_horizontal_overflow, log_in_as

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def _assert_site_page(page: Any, heading: str) -> None:
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator(".site-header .site-title").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_no_horizontal_overflow(page)
    assert_accessible(page)


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_a_missing_page_says_so_in_japanese_and_leads_back(page: Any, live_server: Any, city: Any) -> None:
    response = page.goto(f"{live_server.url}/reports/999999/")
    assert response is not None and response.status == 404
    _assert_site_page(page, "ページが見つかりません")
    page.get_by_role("link", name="トップページ（計画と評価）へ戻る").click()
    assert page.get_by_role("heading", level=1).inner_text() == "計画と評価の概要"


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_a_refused_page_names_the_role_and_leads_back(page: Any, live_server: Any, city: Any) -> None:
    log_in_as(page, live_server, "chiiki")
    response = page.goto(f"{live_server.url}/queue/")  # the approvers' and the secretariat's
    assert response is not None and response.status == 403
    _assert_site_page(page, "このページを開く権限がありません")
    assert "担当課" in page.locator(".lead").inner_text()
    page.get_by_role("link", name="事業報告の一覧へ").click()
    assert page.get_by_role("heading", level=1).inner_text() == "事業報告"


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_a_server_error_shows_the_request_id_the_log_has(
    page: Any, live_server: Any, city: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the evaluation broke")

    log_in_as(page, live_server, "jimukyoku")
    monkeypatch.setattr(plans, "summarise_plans", broken)
    with caplog.at_level(logging.ERROR, logger="sasaeai.request"):
        response = page.goto(f"{live_server.url}/")
    assert response is not None and response.status == 500
    _assert_site_page(page, "ページを表示できませんでした")
    shown = page.locator(".request-id code").inner_text()
    assert shown and shown == response.headers["x-request-id"]
    logged = [r.getMessage() for r in caplog.records if r.name == "sasaeai.request"]
    assert any(line.startswith(f"request {shown}: GET / answered 500") for line in logged), logged
    assert page.get_by_role("link", name="トップページ（計画と評価）へ戻る").get_attribute("href") == "/"
