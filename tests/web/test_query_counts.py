"""Every evaluation page makes as many queries with 20 organisations as with one (the stored evaluation)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.stored import recompute
from sasaeai.people.models import Organisation, Role
from sasaeai.plans.models import Approach, Direction, Goal, Indicator, IndicatorPart, Plan, Policy
from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, ReportStatus

from .base import PASSWORD, login_request, make_user

pytestmark = pytest.mark.django_db

YEARS = (2022, 2023, 2024, 2025)


def build_city(number: int) -> dict[str, Any]:
    """A city with a plan of 2 goals × 2 policies × 2 approaches × 2 indicators and its council's reports.

    Written a level at a time (``bulk_create``): twenty cities of rows in a few dozen queries each.
    """
    city = Organisation.objects.create(name=f"市{number}", kind="city")
    council = Organisation.objects.create(name=f"市{number}社会福祉協議会", kind="council")
    plan = Plan.objects.create(
        organisation=city, kind="city", title=f"市{number}地域福祉計画", start_year=2021, end_year=2026
    )
    goals = Goal.objects.bulk_create(Goal(plan=plan, number=g, title=f"基本目標{g}") for g in range(1, 3))
    policies = Policy.objects.bulk_create(
        Policy(goal=goal, number=p, title=f"施策{goal.number}-{p}") for goal in goals for p in range(1, 3)
    )
    approaches = Approach.objects.bulk_create(
        Approach(policy=policy, number=(policy.goal.number * 10 + policy.number) * 10 + a, title=f"取組{a}")
        for policy in policies
        for a in range(1, 3)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(approach=approach, name=f"指標{approach.number % 1000}{i}", order=i)
        for approach in approaches
        for i in range(2)
    )
    parts = IndicatorPart.objects.bulk_create(
        IndicatorPart(
            indicator=indicator,
            unit="人",
            direction=Direction.INCREASE,
            baseline_year=2019,
            baseline_value=Decimal(100),
            target_year=2026,
            target_value=Decimal(160),
        )
        for indicator in indicators
    )
    projects = Project.objects.bulk_create(
        Project(organisation=council, name=f"事業{indicator.name[2:]}") for indicator in indicators
    )
    IndicatorLink.objects.bulk_create(
        IndicatorLink(
            part=part, organisation=council, project=project, names=[project.name], label="参加者", unit="人"
        )
        for part, project in zip(parts, projects, strict=True)
    )
    for year in YEARS:
        report = Report.objects.create(
            organisation=council,
            fiscal_year=year,
            period="Q4",
            comparison_fiscal_year=year - 1,
            status=ReportStatus.PUBLISHED if year < 2025 else ReportStatus.APPROVED,
        )
        entries = ProjectEntry.objects.bulk_create(
            ProjectEntry(report=report, project=project, order=order)
            for order, project in enumerate(projects)
        )
        Quantity.objects.bulk_create(
            Quantity(
                entry=entry,
                side="current",
                order=0,
                label="参加者",
                value=Decimal(100 + entry.order + (year - 2021) * 9),
                unit="人",
            )
            for entry in entries
        )
    return {"city": city, "council": council, "plan": plan, "indicator": parts[0].indicator}


@pytest.fixture
def cities() -> Callable[[int], dict[str, Any]]:
    """Cities 1 … n (only the ones not built yet); the first city's objects are returned."""
    built: list[dict[str, Any]] = []

    def grow(count: int) -> dict[str, Any]:
        while len(built) < count:
            built.append(build_city(len(built) + 1))
        recompute()
        return built[0]

    return grow


def _client(role: str, first: dict[str, Any]) -> Client:
    client = Client()
    if role == "public":
        return client
    if role == "committee":
        user = make_user(f"iin-{id(first)}", Role.COMMITTEE)
    elif role == "council":
        user = make_user(f"shakyo-{id(first)}", Role.ADMIN, organisation=first["council"])
    else:
        user = make_user(f"shi-{id(first)}", Role.ADMIN, organisation=first["city"])
    assert client.login(request=login_request(), username=user.username, password=PASSWORD)
    return client


def evaluation_pages(first: dict[str, Any]) -> dict[str, str]:
    """The evaluation pages of the first city: overview, plan (and in 2023), indicator, sheet."""
    plan, indicator = first["plan"], first["indicator"]
    return {
        "overview": reverse("overview"),
        "plan": reverse("plan_tree", args=[plan.pk]),
        "plan in 2023": reverse("plan_tree", args=[plan.pk]) + "?year=2023",
        "indicator": reverse("indicator_detail", args=[indicator.pk]),
        "sheet": reverse("exports:indicator_sheet", args=[plan.pk]),
    }


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["public", "committee", "council", "city"])
def test_pages_make_as_many_queries_at_twenty_organisations_as_at_one(
    role: str, cities: Callable[[int], dict[str, Any]]
) -> None:
    first = cities(1)
    client = _client(role, first)
    at_one = {name: _count(client, url) for name, url in evaluation_pages(first).items()}
    cities(20)
    at_twenty = {name: _count(client, url) for name, url in evaluation_pages(first).items()}
    assert at_twenty == at_one


def test_the_overview_grades_every_city_from_the_stored_results(
    cities: Callable[[int], dict[str, Any]],
) -> None:
    cities(3)
    response = Client().get(reverse("overview"))
    text = response.content.decode()
    assert all(f"市{n}地域福祉計画" in text for n in (1, 2, 3))


def test_the_overview_shows_ten_plans_a_page_and_its_pages_keep_the_year(
    cities: Callable[[int], dict[str, Any]],
) -> None:
    cities(12)
    client = Client()
    first = client.get(reverse("overview"), {"year": 2024}).content.decode()
    on_first = {n for n in range(1, 13) if f"市{n}地域福祉計画" in first}
    assert len(on_first) == 10
    assert "1 / 2 ページ（12 件）" in first
    assert 'href="?year=2024&amp;page=2" rel="next"' in first
    second = client.get(reverse("overview"), {"year": 2024, "page": 2}).content.decode()
    assert {n for n in range(1, 13) if f"市{n}地域福祉計画" in second} == set(range(1, 13)) - on_first
    assert 'href="?year=2024&amp;page=1" rel="prev"' in second
    assert "2024年度）までの実績で評価" in second


def _report_with_empty_figures(council: Organisation, projects: int) -> Report:
    report = Report.objects.create(
        organisation=council, fiscal_year=2026, period="Q1", status=ReportStatus.PUBLISHED
    )
    for order in range(projects):
        project = Project.objects.create(organisation=council, name=f"空欄事業{council.pk}-{order}")
        entry = ProjectEntry.objects.create(report=report, project=project, order=order)
        for side in ("current", "comparison"):  # an opened period's figure, not entered yet
            Quantity.objects.create(entry=entry, side=side, order=0, label="参加者", value=None, unit="人")
    return report


def test_a_report_page_makes_as_many_queries_with_thirty_empty_figures_as_with_one() -> None:
    one = _report_with_empty_figures(Organisation.objects.create(name="一市社協", kind="council"), 1)
    thirty = _report_with_empty_figures(Organisation.objects.create(name="三十市社協", kind="council"), 30)
    client = Client()
    assert _count(client, reverse("report_detail", args=[thirty.pk])) == _count(
        client, reverse("report_detail", args=[one.pk])
    )
    assert client.get(reverse("report_detail", args=[thirty.pk])).content.decode().count("未入力") == 60
