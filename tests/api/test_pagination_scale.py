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
