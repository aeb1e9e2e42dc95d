"""The main pages in a real browser: they render in Japanese and axe-core finds no WCAG 2.2 A/AA violation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.base import PASSWORD, make_cast

from .conftest import assert_accessible, log_in_with_the_form

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def test_the_public_home_page_reads_in_japanese_and_is_accessible(page: Any, live_server: Any) -> None:
    make_cast()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", level=1).inner_text() == "計画と評価の概要"
    assert_accessible(page)


def test_an_editor_sees_the_draft_report_with_the_department_parts(page: Any, live_server: Any) -> None:
    cast = make_cast()
    log_in_with_the_form(page, live_server, cast.editor.username, PASSWORD)
    assert page.url == f"{live_server.url}/"  # the form leads home
    page.goto(f"{live_server.url}/reports/{cast.draft.pk}/")
    assert page.get_by_role("heading", name="担当課ごとの提出と承認").is_visible()
    assert page.get_by_role("button", name="提出する").count() == 1  # only 地域福祉課's part
    assert_accessible(page)
