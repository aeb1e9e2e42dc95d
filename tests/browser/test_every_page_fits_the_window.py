"""Every page a role can reach, at 1280 px and at 390 px: no wider than the window, and no axe violation.

A table may scroll sideways inside its own box (and is then reachable by
keyboard), but the page itself never does.
"""

from __future__ import annotations

from typing import Any

import pytest

from sasaeai.plans.models import Indicator, Plan
from sasaeai.reports.models import ProjectEntry, Report, ReportStatus

from .conftest import WIDTHS, assert_accessible, log_in_as

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def _pages_by_role() -> dict[str, list[str]]:
    """The pages each role reaches from the navigation, with the demo city's objects in them."""
    plan = Plan.objects.get()
    indicator = Indicator.objects.order_by("pk").first()
    assert indicator is not None
    reports = Report.objects.order_by("fiscal_year", "period")
    published = reports.filter(status=ReportStatus.PUBLISHED).last()
    submitted = reports.get(status=ReportStatus.SUBMITTED)
    assert published is not None
    entry = ProjectEntry.objects.filter(report=submitted, project__department__name="地域福祉課").first()
    assert entry is not None
    project = entry.project_id
    return {  # each page once, as the role that sees the most of it
        "public": [
            "/",
            f"/plans/{plan.pk}/",
            f"/indicators/{indicator.pk}/",
            "/reports/",
            f"/reports/{published.pk}/",
            f"/projects/{project}/",
            "/opendata/",
        ],
        "chiiki": [f"/entries/{entry.pk}/", "/upload/", "/lifecycle/"],
        "kachou": ["/queue/"],
        "iin": [f"/indicators/{indicator.pk}/"],
        "jimukyoku": [
            f"/reports/{submitted.pk}/",
            "/revisions/",
            f"/plans/{plan.pk}/in-year/",
            "/goal-links/",
            "/kpi/",
            "/follow-ups/",
            "/merges/",
            "/findings/",
            "/lifecycle/upload/",
        ],
    }


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_no_page_a_role_reaches_is_wider_than_the_window(page: Any, live_server: Any, city: Any) -> None:
    problems = []
    for role, paths in _pages_by_role().items():
        page.context.clear_cookies()
        if role != "public":
            log_in_as(page, live_server, role)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.ok, f"{role} {path}: {response and response.status}"
            width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width > window:
                problems.append(f"{role} {path}: {width} px wide in a {window} px window")
            try:
                assert_accessible(page)
            except AssertionError as found:
                problems.append(f"{role} {path}: {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", WIDTHS, indirect=True)
def test_the_indicator_page_shows_its_grades_without_scrolling(
    page: Any, live_server: Any, city: Any
) -> None:
    indicator = Indicator.objects.get(name="コミュニティソーシャルワーカー相談件数")
    page.goto(f"{live_server.url}/indicators/{indicator.pk}/")
    window = page.evaluate("window.innerWidth")
    heading = page.get_by_role("columnheader", name="評価").first
    badges = page.locator("td .grade")
    assert badges.count() >= 2
    for shown in [heading, badges.first, badges.last]:
        box = shown.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= window, box
