"""The figure forms for screen readers: each field named with its project and row, an error summary that takes
the focus and links to each invalid field, and each invalid field tied to its message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from sasaeai.reports.models import ProjectEntry
from sasaeai.reports.services.report_import import ReportImport

from .conftest import WIDTHS, assert_accessible, assert_no_horizontal_overflow, log_in_as

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

PROJECT = "地域見守りネットワーク事業"  # 地域福祉課's, in the demo editor chiiki's upload sample
NOT_A_NUMBER = "数値を入力してください（例: 3,121）。"


def _sample(city: Any) -> Path:
    return next(login.upload_sample for login in city.logins if login.username == "chiiki")


def _assert_summary_leads_to(page: Any, name: str, message: str) -> None:
    """The summary has the focus; its link for ``name`` moves the focus to that field, which names its message."""
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')"), "the summary has no focus"
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading").inner_text().startswith("入力に誤りがあります")
    summary.get_by_role("link", name=f"{name}: {message}").click()
    field = page.get_by_label(name, exact=True)
    assert field.evaluate("field => field === document.activeElement")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby")
    assert described, "the invalid field is tied to no message"
    assert page.locator(f"#{described}").inner_text() == message


def _spoken_names(page: Any) -> list[str]:
    return page.locator("table input:not([type=hidden])").evaluate_all(
        "fields => fields.map(field => field.getAttribute('aria-label'))"
    )


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_the_entry_form_names_each_field_with_its_project_and_leads_to_each_error(
    page: Any, live_server: Any, city: Any
) -> None:
    sample = _sample(city)
    ReportImport(User.objects.get(username="chiiki"), sample.read_bytes(), sample.name).execute()
    entry = ProjectEntry.objects.get(report__fiscal_year=2026, project__name=PROJECT)
    log_in_as(page, live_server, "chiiki")
    page.goto(f"{live_server.url}/entries/{entry.pk}/")
    names = _spoken_names(page)
    assert names and all(name.startswith(f"{PROJECT} 今期 ") for name in names), names
    assert f"{PROJECT} 今期 1 件目 値" in names and f"{PROJECT} 今期 追加 1 件目 項目" in names
    assert_accessible(page)

    page.get_by_label(f"{PROJECT} 今期 1 件目 値", exact=True).fill("abc")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    _assert_summary_leads_to(page, f"{PROJECT} 今期 1 件目 値", NOT_A_NUMBER)
    assert_no_horizontal_overflow(page)
    assert_accessible(page)


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_the_upload_preview_with_errors_leads_to_each_field_and_has_no_axe_violation(
    page: Any, live_server: Any, city: Any
) -> None:
    log_in_as(page, live_server, "chiiki")
    page.goto(f"{live_server.url}/upload/")
    page.set_input_files("#id_file", str(_sample(city)))
    page.get_by_role("button", name="読み取って確認する").click()
    page.wait_for_load_state()
    names = _spoken_names(page)
    assert f"{PROJECT} 今期 1 件目 値" in names and f"{PROJECT} 前年同期 1 件目 保存する" in names
    assert all(" 今期 " in name or " 前年同期 " in name for name in names), names

    page.get_by_label(f"{PROJECT} 今期 1 件目 値", exact=True).fill("x")
    page.get_by_role("button", name="この内容で保存する").click()
    page.wait_for_load_state()
    _assert_summary_leads_to(page, f"{PROJECT} 今期 1 件目 値", NOT_A_NUMBER)
    assert page.get_by_text("入力に誤りがあります").count() == 1
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
