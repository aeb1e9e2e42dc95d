"""The stored evaluation (評価結果) on a generated database of N organisations.

Prints, beside a baseline measured in the same run: the latency (p50/p95) and
query count of the home, plan, indicator and sheet pages (in-process test
client), ``evaluate --json`` from the stored results against the live
computation, and a full ``recompute`` with its extrapolation to 1,700
organisations.  N comes from ``BENCH_ORGANISATIONS`` or the first argument
(default 3, about a minute); each organisation is a city plan of 38 indicators
(57 parts) and a council of 100 projects × 12 quarterly reports.

Runs alone (``.venv/bin/python benchmarks/bench_evaluation.py 10``) or from
``benchmarks/run.py`` (``main()``), on a fresh SQLite file in a temporary
directory (or on ``DATABASE_URL`` when it is set: the database must be empty).
Prints figures only; nothing here asserts a time.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path
from typing import Any

DEFAULT_ORGANISATIONS = 3
NATIONAL = 1700
PROJECTS = 100
YEARS = (2023, 2024, 2025)
GOALS, POLICIES, APPROACHES = 3, 3, 2  # 18 approaches; 38 indicators spread over them
INDICATORS = 38
REQUESTS = 15


def _organisations() -> int:
    given = (
        sys.argv[1] if len(sys.argv) > 1 and sys.argv[1].isdigit() else os.environ.get("BENCH_ORGANISATIONS")
    )
    return int(given) if given else DEFAULT_ORGANISATIONS


def _setup(directory: Path) -> None:
    os.environ.setdefault("SASAEAI_VAR_DIR", str(directory))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.site.settings")
    os.environ.setdefault("SASAEAI_TESTING", "1")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


def build_city(number: int) -> None:
    """One city plan of 38 indicators (every third with two parts) measured by its council's 12 quarters."""
    from sasaeai.evaluation.models import IndicatorLink
    from sasaeai.people.models import Organisation
    from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Plan, Policy
    from sasaeai.reports.models import (
        PartStatus,
        Project,
        ProjectEntry,
        Quantity,
        Report,
        ReportPart,
        ReportStatus,
    )

    city = Organisation.objects.create(name=f"検証市{number}", kind="city")
    council = Organisation.objects.create(name=f"検証市{number}社会福祉協議会", kind="council")
    plan = Plan.objects.create(
        organisation=city, kind="city", title=f"検証市{number}地域福祉計画", start_year=2021, end_year=2026
    )
    approaches = []
    for g in range(1, GOALS + 1):
        goal = Goal.objects.create(plan=plan, number=g, title=f"基本目標{g}")
        for p in range(1, POLICIES + 1):
            policy = Policy.objects.create(goal=goal, number=p, title=f"施策{g}-{p}")
            for _ in range(APPROACHES):
                number_in_plan = len(approaches) + 1
                approaches.append(
                    Approach.objects.create(
                        policy=policy, number=number_in_plan, title=f"取組{number_in_plan}"
                    )
                )
    projects = Project.objects.bulk_create(
        [Project(organisation=council, name=f"事業{n:03d}") for n in range(PROJECTS)]
    )
    parts: list[Any] = []
    for n in range(INDICATORS):
        indicator = Indicator.objects.create(
            approach=approaches[n % len(approaches)], name=f"指標{n:02d}", order=n
        )
        for k in range(2 if n % 3 == 0 else 1):
            parts.append(
                IndicatorPart(
                    indicator=indicator,
                    label=f"項目{k}" if n % 3 == 0 else "",
                    order=k,
                    unit="人",
                    direction="increase",
                    baseline_year=2019,
                    baseline_value=Decimal(100 + n),
                    target_year=2026,
                    target_value=Decimal(150 + n),
                )
            )
    parts = IndicatorPart.objects.bulk_create(parts)
    IndicatorLink.objects.bulk_create(
        [
            IndicatorLink(
                part=part,
                organisation=council,
                project=projects[i % PROJECTS],
                names=[projects[i % PROJECTS].name],
                label="参加者",
                unit="人",
            )
            for i, part in enumerate(parts)
        ]
    )
    for year in YEARS:
        for quarter in range(1, 5):
            done = year < YEARS[-1] or quarter < 4
            report = Report.objects.create(
                organisation=council,
                fiscal_year=year,
                period=f"Q{quarter}",
                comparison_fiscal_year=year - 1,
                status=ReportStatus.PUBLISHED if done else ReportStatus.APPROVED,
            )
            ReportPart.objects.create(report=report, status=PartStatus.APPROVED)
            entries = ProjectEntry.objects.bulk_create(
                [ProjectEntry(report=report, project=project, order=i) for i, project in enumerate(projects)]
            )
            Quantity.objects.bulk_create(
                [
                    Quantity(
                        entry=entry,
                        side=side,
                        order=o,
                        label=label,
                        unit=unit,
                        value=Decimal((90 + i) * quarter + (year - shift - 2020) * 7),
                    )
                    for i, entry in enumerate(entries)
                    for side, shift in (("current", 0), ("comparison", 1))
                    for o, (label, unit) in enumerate((("参加者", "人"), ("開催", "回")))
                ]
            )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _page(client: Any, url: str) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(REQUESTS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return times, queries


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _pages(organisations: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from sasaeai.evaluation.services.evaluate import evaluate_plans
    from sasaeai.people.models import Membership, Role
    from sasaeai.plans.models import Indicator, Plan

    plan = Plan.objects.order_by("pk").first()
    assert plan is not None
    indicator = Indicator.objects.of_plan(plan).order_by("pk").first()
    assert indicator is not None
    member = User.objects.create_user("bench-iin", password="bench-password-1234")
    Membership.objects.create(user=member, role=Role.COMMITTEE)
    pages = {
        "home": reverse("overview"),
        "plan": reverse("plan_tree", args=[plan.pk]),
        "indicator": reverse("indicator_detail", args=[indicator.pk]),
        "sheet": reverse("exports:indicator_sheet", args=[plan.pk]),
    }
    for who in ("public", "committee"):
        client = Client()
        if who == "committee":
            client.force_login(member)
        for name, url in pages.items():
            client.get(url)  # warm the templates
            times, queries = _page(client, url)
            print(
                f"{who:9} {name:9} p50 {1000 * _percentile(times, 0.5):7.1f} ms  "
                f"p95 {1000 * _percentile(times, 0.95):7.1f} ms  {queries:3d} queries"
            )
    live = [_timed(lambda: evaluate_plans(None, None, [plan])) for _ in range(3)]
    print(
        f"baseline: one plan evaluated live (what each page did before): {1000 * statistics.median(live):.1f} ms"
    )
    print(
        f"baseline: the home page evaluated every plan live: ≈ {organisations * statistics.median(live):.2f} s"
    )


def _evaluate_json() -> None:
    from sasaeai.cli import main as cli

    def stored() -> None:
        with redirect_stdout(io.StringIO()):
            assert cli(["evaluate", "--json"]) == 0

    def live() -> None:
        from sasaeai.evaluation.services.evaluate import evaluate_plans

        json.dumps(evaluate_plans(), ensure_ascii=False, default=str)

    stored_time, live_time = _timed(stored), _timed(live)
    print(
        f"evaluate --json from stored results: {stored_time:.2f} s; live computation (baseline): {live_time:.2f} s "
        f"({live_time / stored_time:.0f}x)"
    )


def _recompute(organisations: int) -> None:
    from sasaeai.evaluation.models import EvaluationResult, RollupResult
    from sasaeai.evaluation.services.stored import recompute

    elapsed = _timed(recompute)
    rows = EvaluationResult.objects.count() + RollupResult.objects.count()
    per = elapsed / organisations
    print(
        f"full recompute: {elapsed:.2f} s for {organisations} organisations ({per:.2f} s each, {rows} rows); "
        f"extrapolated to {NATIONAL:,}: {per * NATIONAL / 60:.0f} min"
    )


def main() -> None:
    organisations = _organisations()
    with tempfile.TemporaryDirectory() as directory:
        _setup(Path(directory))
        from sasaeai.evaluation.services.stored import recompute

        print(
            f"== stored evaluation ({organisations} organisations: 38 indicators, {PROJECTS} projects × 12 quarters each) =="
        )
        started = time.perf_counter()
        for number in range(1, organisations + 1):
            build_city(number)
        print(f"built in {time.perf_counter() - started:.1f} s")
        _recompute(organisations)
        _pages(organisations)
        _evaluate_json()
        recompute()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
