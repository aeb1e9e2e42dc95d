"""Five cities holding the same plan document (seed 003 under five names), each with its council's report and
links: the home page makes as many queries as with one city, and every city is graded from its own council."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sasaeai.cli import main
from sasaeai.plans.models import Plan
from tests.conftest import links_path, seed_path

pytestmark = pytest.mark.django_db


def _city(n: int) -> None:
    city, council = f"第{n}市", f"第{n}市社会福祉協議会"
    assert main(["import-plan", str(seed_path("003")), "--organisation", city]) == 0
    assert main(["import-report", str(seed_path("000")), "--organisation", council, "--published"]) == 0
    links = ["import-links", str(links_path()), "--plan-organisation", city, "--report-organisation", council]
    assert main(links) == 0


def _home_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(reverse("overview"))
    assert response.status_code == 200
    return len(queries)


def test_the_home_page_makes_as_many_queries_with_five_cities_as_with_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _city(1)
    at_one = _home_queries()
    for n in range(2, 6):
        _city(n)
    assert Plan.objects.count() == 5
    assert _home_queries() == at_one
    capsys.readouterr()
    assert main(["evaluate", "--json"]) == 0
    guardians = [i for i in json.loads(capsys.readouterr().out)["indicators"] if i["name"] == "市民後見人数"]
    # every city's plan graded from its own council's report: FY2025 46人, 達成, five times
    assert [
        (a["value"], a["grade"])
        for i in guardians
        for a in i["parts"][0]["actuals"]
        if a["fiscal_year"] == 2025
    ] == [(46, "達成")] * 5
