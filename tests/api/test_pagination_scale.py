"""The API's lists at scale: a page holds 50 by default whatever the rows, in the same queries for 3 and 60."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sasaeai.people.models import Organisation, OrganisationKind
from sasaeai.reports.models import Report, ReportStatus

from ..web.base import Cast
from .client import api_client

pytestmark = pytest.mark.django_db


def _published_reports(count: int, name: str) -> None:
    council = Organisation.objects.create(name=name, kind=OrganisationKind.COUNCIL)
    periods = [(2000 + n // 5, ("Q1", "Q2", "Q3", "Q4", "FY")[n % 5]) for n in range(count)]
    Report.objects.bulk_create(
        Report(organisation=council, fiscal_year=year, period=period, status=ReportStatus.PUBLISHED)
        for year, period in periods
    )


def _queries(client: Client, url: str) -> tuple[int, dict[str, object]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize("role", ["public", "admin", "committee"])
def test_report_list_is_one_page_in_the_same_queries_for_3_and_60_more_reports(cast: Cast, role: str) -> None:
    client = api_client(cast, role)
    _published_reports(3, "小規模町社会福祉協議会")
    few, first = _queries(client, "/api/reports/")
    _published_reports(60, "大規模市社会福祉協議会")
    many, page = _queries(client, "/api/reports/")
    assert few == many
    assert page["count"] == first["count"] + 60  # type: ignore[operator]
    assert len(page["results"]) == 50 and page["next"]  # type: ignore[arg-type]
    _, last = _queries(client, "/api/reports/?page=2")
    assert len(last["results"]) == page["count"] - 50 and last["next"] is None  # type: ignore[arg-type,operator]


def _published_report(council: str, projects: int) -> Report:
    from sasaeai.demo.documents import Figures, many_projects, report_text
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.reports.services.report_import import ReportImport

    data = report_text(Figures(3), 2025, 4, council=council, projects=many_projects(projects)).encode()
    report = ReportImport(COMMAND_LINE, data, "r.tsv", organisation=council, published=True).execute().report
    assert report is not None
    return report


def test_entry_list_is_one_page_in_the_same_queries_for_3_and_60_entries(cast: Cast) -> None:
    client = api_client(cast, "public")
    small = _published_report("小規模町社会福祉協議会", 3)
    large = _published_report("大規模市社会福祉協議会", 60)
    few, first = _queries(client, f"/api/reports/{small.pk}/entries/")
    many, page = _queries(client, f"/api/reports/{large.pk}/entries/")
    assert few == many
    assert first["count"] == 3 and page["count"] == 60 and len(page["results"]) == 50  # type: ignore[arg-type]
    assert all(entry["quantities"] for entry in page["results"])  # type: ignore[index,union-attr]
