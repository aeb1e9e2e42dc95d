"""`sasaeai demo --no-serve`: a fresh fictional city through the real import services, and its logins."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings

from sasaeai.cli import main
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.evaluate import evaluate_plans
from sasaeai.people import permissions
from sasaeai.plans.models import Comment, Goal, Indicator, IndicatorPart, Plan
from sasaeai.reports.models import Project, Quantity, Report, ReportStatus

from .base import login_request

LOGIN_LINE = re.compile(r"^  (\w+)\s+(\S+)\s+(admin|editor|approver|committee)\s", re.MULTILINE)


@pytest.fixture(scope="module")
def module_demo_output(module_transaction: None, tmp_path_factory: pytest.TempPathFactory) -> str:
    """`sasaeai demo --no-serve` run once for this module; what it printed."""
    printed = io.StringIO()
    with override_settings(VAR_DIR=tmp_path_factory.mktemp("var")), contextlib.redirect_stdout(printed):
        assert main(["demo", "--no-serve", "--port", "8123"]) == 0
    return printed.getvalue()


@pytest.fixture
def demo_output(module_demo_output: str, db: None) -> str:
    return module_demo_output


def test_demo_stores_a_plan_of_the_promised_size(demo_output):
    assert Plan.objects.count() == 1
    assert Goal.objects.count() >= 3
    assert Indicator.objects.count() >= 20
    assert IndicatorPart.objects.filter(baseline_year=2019, target_year=2026).count() >= 20


def test_demo_reports_thirty_projects_for_three_years_of_four_quarters(demo_output):
    assert Project.objects.count() >= 30
    periods = set(Report.objects.values_list("fiscal_year", "period"))
    assert periods == {(year, f"Q{q}") for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)}
    for report in Report.objects.all():
        assert report.entries.count() >= 30
    assert Quantity.objects.count() > 12 * 30


def test_demo_links_indicators_and_gets_their_actuals(demo_output):
    assert IndicatorLink.objects.count() >= 20
    evaluated = evaluate_plans()["indicators"]
    with_actuals = [i for i in evaluated if any(p["actuals"] for p in i["parts"])]
    assert len(with_actuals) >= 20
    years = {a["fiscal_year"] for i in with_actuals for p in i["parts"] for a in p["actuals"]}
    assert {2023, 2024, 2025} <= years


def test_demo_moves_reports_through_the_workflow_and_comments(demo_output):
    statuses = list(Report.objects.order_by("fiscal_year", "period").values_list("status", flat=True))
    assert statuses == [ReportStatus.PUBLISHED] * 10 + [ReportStatus.APPROVED, ReportStatus.SUBMITTED]
    assert Comment.objects.count() == 3


def test_demo_prints_working_logins_for_every_role(demo_output):
    logins = LOGIN_LINE.findall(demo_output)
    assert {role for _, _, role in logins} == {"admin", "editor", "approver", "committee"}
    for username, password, role in logins:
        user = authenticate(login_request(), username=username, password=password)
        assert user is not None, username
        assert permissions.role_of(user) == role
    assert "http://127.0.0.1:8123/accounts/login/" in demo_output
    assert "upload_sample_2026_Q1.tsv" in demo_output
    assert "Two-factor login is off for this demo database" in demo_output


def test_demo_help_names_the_no_serve_flag(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--help"])
    assert exit_info.value.code == 0
    assert "--no-serve" in capsys.readouterr().out
