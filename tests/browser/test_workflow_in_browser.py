"""The workflow in Chromium: each step asks in a dialog, a return shows its reason to the editor, the published
report reaches the public, and the board, my tasks and the timeline pass axe-core (WCAG 2.2 A/AA)."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest

from sasaeai.notices.services import send_reminders
from sasaeai.reports.models import Report
from sasaeai.reports.services.workflow import ApprovePart, SubmitPart
from tests.web.base import PASSWORD, Cast, make_cast

from .conftest import SCREENSHOTS, assert_accessible, log_in

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def _shot(page: Any, name: str) -> None:
    """Keep a step's screenshot for looking at the pages (``SASAEAI_SCREENSHOTS=all``)."""
    if os.environ.get("SASAEAI_SCREENSHOTS") == "all":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"workflow-{name}.png"), full_page=True)


def _log_in_as(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, user.username, PASSWORD)


def _report(page: Any, live_server: Any, cast: Cast) -> None:
    page.goto(f"{live_server.url}/reports/{cast.draft.pk}/")


def _confirm(page: Any, button: str, reason: str = "") -> None:
    """Click the step's button, answer its dialog and wait for the page it leads to."""
    page.locator("form[data-confirm]").get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    if reason:
        dialog.get_by_label("理由（必須）").fill(reason)
    with page.expect_navigation():
        dialog.get_by_role("button", name=button).click()


def test_an_approver_returns_with_a_reason_and_the_editor_sees_it(page: Any, live_server: Any) -> None:
    cast = make_cast()
    Report.objects.filter(pk=cast.draft.pk).update(due_on=date(2027, 1, 15))
    _log_in_as(page, live_server, cast.editor)
    _report(page, live_server, cast)
    _confirm(page, "提出する")
    assert page.get_by_text("提出しました。").is_visible()

    _log_in_as(page, live_server, cast.approver)
    _report(page, live_server, cast)
    page.locator("form[data-confirm]").get_by_role("button", name="差し戻す").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="差し戻す").click()  # no reason yet: the dialog says so and stays
    assert dialog.get_by_role("alert").inner_text() == "理由を入力してください。"
    _shot(page, "return-dialog")
    assert_accessible(page)  # the open dialog, too
    dialog.get_by_label("理由（必須）").fill("登録数の時点を書き添えてください")
    with page.expect_navigation():
        dialog.get_by_role("button", name="差し戻す").click()

    _log_in_as(page, live_server, cast.editor)
    _report(page, live_server, cast)
    row = page.locator(f"#part-{cast.draft.parts.get(department=cast.welfare).pk}")
    assert row.locator(".status").inner_text() == "差戻し"
    assert "登録数の時点を書き添えてください" in row.inner_text()
    timeline = page.locator("section", has=page.locator("#timeline-heading"))
    assert "地域福祉課: 差戻し" in timeline.inner_text()
    assert "理由: 登録数の時点を書き添えてください" in timeline.inner_text()
    _shot(page, "returned-report")
    assert_accessible(page)

    page.goto(f"{live_server.url}/entries/{cast.salon_entry.pk}/")
    assert "登録数の時点を書き添えてください" in page.locator(".returned-reason").inner_text()
    _shot(page, "returned-entry")

    page.goto(live_server.url + "/")
    tasks = page.locator("section", has=page.locator("#my-tasks-heading"))
    assert "差戻しを直して再提出" in tasks.inner_text()
    assert "令和9年1月15日（2027年1月15日）" in tasks.inner_text()
    assert_accessible(page)


def test_the_secretariat_publishes_with_the_dialog_and_the_public_sees_it(
    page: Any, live_server: Any, browser: Any
) -> None:
    cast = make_cast()
    for department, editor in ((cast.welfare, cast.editor), (cast.general, cast.other_editor)):
        part = SubmitPart(editor, cast.draft.parts.get(department=department)).execute()
        ApprovePart(cast.admin, part).execute()
    _log_in_as(page, live_server, cast.admin)
    _report(page, live_server, cast)
    page.locator("form[data-confirm]").get_by_role("button", name="公開する").click()
    dialog = page.get_by_role("dialog")
    assert "誰でもこの報告を見ることができます" in dialog.inner_text()
    dialog.get_by_role("button", name="やめる").click()  # cancelling changes nothing
    assert Report.objects.get(pk=cast.draft.pk).status == "approved"
    _confirm(page, "公開する")
    assert page.get_by_text("公開しました。").is_visible()

    visitor = browser.new_context(locale="ja-JP")
    public = visitor.new_page()
    public.goto(f"{live_server.url}/reports/")
    public.get_by_role("link", name="令和7年度（2025年度）").click()
    assert public.locator(".lead .status").inner_text() == "公開"
    assert public.get_by_text("ふれあいサロン事業").first.is_visible()
    visitor.close()

    page.goto(f"{live_server.url}/board/")
    assert page.get_by_role("heading", name="進行状況").is_visible()
    assert page.locator("table.board .status-published").count() >= 2
    assert_accessible(page)


def test_without_javascript_a_step_asks_on_its_own_page(browser: Any, live_server: Any) -> None:
    cast = make_cast()
    context = browser.new_context(locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, cast.editor.username, PASSWORD)
    _report(page, live_server, cast)
    page.get_by_role("button", name="提出する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "提出しますか"
    page.get_by_role("button", name="提出する").click()
    page.wait_for_load_state()
    assert page.get_by_text("提出しました。").is_visible()
    context.close()


@pytest.mark.parametrize("page", [1280, 390], indirect=True)
def test_the_lists_filter_and_stay_accessible(page: Any, live_server: Any) -> None:
    make_cast()
    for path, name in (("/reports/", "ふれあい"), ("/projects/", "サロン"), ("/indicators/", "サロン")):
        page.goto(live_server.url + path)
        page.get_by_label("キーワード").fill(name)
        with page.expect_navigation():
            page.get_by_role("button", name="絞り込む").click()
        assert "q=" in page.url
        assert page.locator("main table").count() == 1
        assert_accessible(page)


def test_an_approver_approves_from_the_queue_after_the_dialog(page: Any, live_server: Any) -> None:
    cast = make_cast()
    SubmitPart(cast.editor, cast.draft.parts.get(department=cast.welfare)).execute()
    _log_in_as(page, live_server, cast.approver)
    page.goto(f"{live_server.url}/queue/")
    page.locator("form[data-confirm]").get_by_role("button", name="承認する").click()
    assert "承認しますか" in page.get_by_role("dialog").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name="承認する").click()
    assert page.get_by_text("承認しました。").is_visible()
    assert cast.draft.parts.get(department=cast.welfare).status == "approved"


def test_the_secretariat_deletes_a_draft_and_an_editor_switches_email_off(
    page: Any, live_server: Any
) -> None:
    cast = make_cast()
    Report.objects.filter(pk=cast.draft.pk).update(due_on=date(2027, 1, 15))
    cast.editor.email = "tantou@example.jp"
    cast.editor.save()
    send_reminders(date(2027, 1, 10))
    _log_in_as(page, live_server, cast.editor)
    page.goto(f"{live_server.url}/notices/")
    assert "報告の受付開始" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="通知の設定").first.click()
    page.get_by_label("通知をメールで受け取る").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert page.get_by_text("メールで受け取りません。").is_visible()
    assert_accessible(page)

    _log_in_as(page, live_server, cast.admin)
    _report(page, live_server, cast)
    page.locator("form[data-confirm]").get_by_role("button", name="この報告を削除する").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("理由（任意）").fill("期間を誤って開いた")
    with page.expect_navigation():
        dialog.get_by_role("button", name="削除する").click()
    assert page.get_by_text("作成中の報告を削除しました。").is_visible()
    assert not Report.objects.filter(pk=cast.draft.pk).exists()
