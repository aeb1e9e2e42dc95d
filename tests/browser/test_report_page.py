"""The report page: this period's figures and last year's side by side on a desk's screen, each figure once with
the text it was read from on demand, and on a phone a table that scrolls in its own box under a sticky project."""

from __future__ import annotations

from typing import Any

import pytest

from sasaeai.reports.models import Report, ReportStatus

from .conftest import WIDTHS, assert_accessible, assert_no_horizontal_overflow, log_in_as

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

CELLS = """() => [...document.querySelectorAll("table.report tbody tr")].map(row => {
  const box = cell => { const r = row.cells[cell].getBoundingClientRect(); return [r.left, r.right, r.top]; };
  return {current: box(3), comparison: box(4), text: row.cells[3].innerText};
})"""


def _open_submitted_report(page: Any, live_server: Any) -> Report:
    report = Report.objects.get(status=ReportStatus.SUBMITTED)
    log_in_as(page, live_server, "jimukyoku")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    return report


@pytest.mark.parametrize("page", [1280], indirect=True)
def test_on_a_desk_both_years_figures_stand_side_by_side_in_the_window(
    page: Any, live_server: Any, city: Any
) -> None:
    _open_submitted_report(page, live_server)
    window = page.evaluate("window.innerWidth")
    wrap = page.locator(".table-wrap", has=page.locator("table.report"))
    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth"), "the report table scrolls sideways"
    rows = page.evaluate(CELLS)
    assert len(rows) >= 30
    for row in rows:
        current, comparison = row["current"], row["comparison"]
        assert current[1] <= comparison[0] <= comparison[1] <= window, row
        assert current[2] == comparison[2], row
    assert_no_horizontal_overflow(page)
    assert_accessible(page)


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_each_figure_is_shown_once_and_its_source_text_on_demand(
    page: Any, live_server: Any, city: Any
) -> None:
    _open_submitted_report(page, live_server)
    row = page.locator("table.report tbody tr", has=page.get_by_role("link", name="1 社協だより発行事業"))
    current = row.locator("td").nth(2)
    assert current.inner_text().count("41,391") == 1, current.inner_text()
    source = current.locator("details.source")
    assert not source.locator("p").is_visible()
    source.get_by_text("原文").click()
    assert source.locator("p").inner_text() == "発行部数 41,391部"
    assert_no_horizontal_overflow(page)
    assert_accessible(page)


@pytest.mark.parametrize("page", [390], indirect=True)
def test_on_a_phone_the_table_scrolls_in_its_box_under_a_sticky_project(
    page: Any, live_server: Any, city: Any
) -> None:
    _open_submitted_report(page, live_server)
    wrap = page.locator(".table-wrap", has=page.locator("table.report"))
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    wrap.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    project = page.locator("table.report tbody th.project").first
    comparison = page.locator("table.report tbody tr").first.locator("td.comparison")
    box, window = wrap.bounding_box(), page.evaluate("window.innerWidth")
    assert abs(project.bounding_box()["x"] - box["x"]) <= 2, "the project column left with the scroll"
    assert comparison.bounding_box()["x"] + comparison.bounding_box()["width"] <= window
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
