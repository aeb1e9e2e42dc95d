"""The department's grid in Chromium: keys like a spreadsheet, a block pasted from Excel, saving all at once,
submitting, the second of two editors refused, a 23-digit figure refused in Japanese, and axe on every state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from sasaeai.reports.models import PartStatus, Project, Quantity, Report, ReportPart
from sasaeai.reports.services.periods import OpenPeriod
from sasaeai.reports.services.workflow import SubmitPart
from tests.web.base import PASSWORD, Cast, _entry, make_cast

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

PASTE = """(args) => {
  const [name, text] = args;
  const target = document.querySelector(`[name="${name}"]`);
  const data = new DataTransfer();
  data.setData("text/plain", text);
  target.focus();
  target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _opened(cast: Cast) -> tuple[Report, Project]:
    """FY2026 Q1 opened by the secretariat: the salon and a second project of 地域福祉課, carried over empty."""
    visits = Project.objects.create(organisation=cast.council, name="見守り訪問事業", department=cast.welfare)
    _entry(cast.draft, visits, 2, [("訪問件数", "120", "件"), ("協力員数", "35", "人")])
    result = OpenPeriod(cast.admin, cast.council, 2026, "Q1", date(2026, 7, 15)).execute()
    return result.report, visits


def _grid(page: Any, live_server: Any, report: Report, cast: Cast, username: str) -> None:
    log_in(page, live_server, username, PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/departments/{cast.welfare.pk}/")


def _name(report: Report, project: Project, row: int, column: str) -> str:
    entry = report.entries.get(project=project)
    return f"e-{entry.pk}-f-{row}-{column}"


def test_an_editor_fills_the_grid_with_the_keyboard_pastes_a_block_saves_and_submits(
    page: Any, live_server: Any
) -> None:
    cast = make_cast()
    report, visits = _opened(cast)
    _grid(page, live_server, report, cast, cast.editor.username)
    assert page.get_by_role("heading", name="地域福祉課の入力表").is_visible()
    assert_accessible(page)

    salon_value = page.locator(f'[name="{_name(report, cast.salon, 0, "value")}"]')
    salon_value.focus()
    page.keyboard.type("88")
    page.keyboard.press("Tab")  # to the unit, as in a spreadsheet
    assert page.evaluate("document.activeElement.name") == _name(report, cast.salon, 0, "unit")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # down to the next row, same column; the form is not sent
    assert page.evaluate("document.activeElement.name") == _name(report, cast.salon, 1, "value")
    assert page.url.endswith(f"/departments/{cast.welfare.pk}/")

    narrative = page.get_by_label("事業実績内容").first
    narrative.focus()
    page.keyboard.type("サロンを1か所新設し、参加者が増えた。")

    block = "訪問件数\t130\t件\n協力員数\t36\t人\n新規協力員\t4\t人\n研修回数\t2\t回\n"
    page.evaluate(PASTE, [_name(report, visits, 0, "label"), block])
    assert page.locator(f'[name="{_name(report, visits, 3, "label")}"]').input_value() == "研修回数"

    page.get_by_role("button", name="すべて保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("保存しました（変更").is_visible()
    salon = report.entries.get(project=cast.salon)
    assert salon.narrative == "サロンを1か所新設し、参加者が増えた。"
    assert list(salon.quantities.values_list("value", flat=True)) == [Decimal(88)]
    figures = report.entries.get(project=visits).quantities.order_by("order")
    assert list(figures.values_list("label", "value", "unit")) == [
        ("訪問件数", Decimal(130), "件"),
        ("協力員数", Decimal(36), "人"),
        ("新規協力員", Decimal(4), "人"),
        ("研修回数", Decimal(2), "回"),
    ]
    assert_accessible(page)

    page.get_by_role("button", name="地域福祉課の報告を提出する").click()
    page.wait_for_load_state()
    part = ReportPart.objects.get(report=report, department=cast.welfare)
    assert part.status == PartStatus.SUBMITTED
    assert page.locator(f"#part-{part.pk}").get_by_text("提出済").is_visible()


def test_leaving_with_unsaved_figures_asks_first(page: Any, live_server: Any) -> None:
    cast = make_cast()
    report, _ = _opened(cast)
    _grid(page, live_server, report, cast, cast.editor.username)
    page.locator(f'[name="{_name(report, cast.salon, 0, "value")}"]').fill("90")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    try:
        page.goto(f"{live_server.url}/reports/")
    finally:
        page.remove_listener("dialog", answer)
    assert asked == ["beforeunload"]


def test_the_second_of_two_editors_gets_the_conflict_message(
    browser: Any, page: Any, live_server: Any
) -> None:
    cast = make_cast()
    report, _ = _opened(cast)
    _grid(page, live_server, report, cast, cast.editor.username)
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    second = other.new_page()
    try:
        _grid(second, live_server, report, cast, cast.admin.username)
        value = _name(report, cast.salon, 0, "value")
        page.locator(f'[name="{value}"]').fill("88")
        page.get_by_role("button", name="すべて保存する").click()
        page.wait_for_load_state()
        second.locator(f'[name="{value}"]').fill("90")
        second.get_by_role("button", name="すべて保存する").click()
        second.wait_for_load_state()
        message = second.get_by_text("あなたが開いた後に別の人が変更しました")
        assert message.is_visible()
        assert "あなたの値 90 ／ 現在の値 88" in message.inner_text()
        assert Quantity.objects.get(entry__report=report, entry__project=cast.salon).value == Decimal(88)
    finally:
        other.close()


def test_a_23_digit_figure_is_refused_with_a_japanese_message(page: Any, live_server: Any) -> None:
    cast = make_cast()
    report, _ = _opened(cast)
    _grid(page, live_server, report, cast, cast.editor.username)
    page.locator(f'[name="{_name(report, cast.salon, 0, "value")}"]').fill("1" * 23)
    page.get_by_role("button", name="すべて保存する").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert (
        "値が大きすぎます（扱えるのは±999,999,999,999.999の範囲、小数点以下3桁までです）。"
        in summary.inner_text()
    )
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert Quantity.objects.get(entry__report=report, entry__project=cast.salon).value is None
    assert_accessible(page)


def test_a_returned_part_shows_the_reason_where_the_editor_works(page: Any, live_server: Any) -> None:
    cast = make_cast()
    report, _ = _opened(cast)
    part = ReportPart.objects.get(report=report, department=cast.welfare)
    SubmitPart(cast.editor, part).execute()
    log_in(page, live_server, cast.approver.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    page.locator("form[data-confirm]").get_by_role("button", name="差し戻す").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("理由（必須）").fill("見守り訪問事業の件数を確認してください。")
    with page.expect_navigation():
        dialog.get_by_role("button", name="差し戻す").click()
    page.context.clear_cookies()
    _grid(page, live_server, report, cast, cast.editor.username)
    assert page.get_by_text("差戻しの理由: 見守り訪問事業の件数を確認してください。").is_visible()
    assert page.locator(".lead .status").inner_text() == "差戻し"
    assert page.get_by_label(
        "変更の理由（一度提出した報告です。実績を変えるときは必ず入力してください）"
    ).is_visible()
    assert_accessible(page)


def test_a_tenfold_value_asks_for_a_note_as_it_is_typed(page: Any, live_server: Any) -> None:
    cast = make_cast()
    _grid(page, live_server, cast.draft, cast, cast.editor.username)  # 登録数 91箇所 a year before
    value = page.locator(f'[name="{_name(cast.draft, cast.salon, 0, "value")}"]')
    note = page.get_by_label("確認のメモ（前年同期と桁が違う理由）").first
    assert not note.is_visible()
    value.fill("920")
    assert note.is_visible()
    row = page.locator("tr[data-grid-row]").first
    assert row.locator("[data-change-cell]").inner_text() == "+829"
    page.get_by_role("button", name="すべて保存する").click()
    page.wait_for_load_state()
    assert "前年同期（91箇所）の約10倍です" in page.locator("[data-error-summary]").inner_text()
    assert_accessible(page)
    page.get_by_label("確認のメモ（前年同期と桁が違う理由）").first.fill("集計方法を月次から累計に変えたため")
    page.get_by_role("button", name="すべて保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("保存しました（変更 1 件）").is_visible()
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(920)
