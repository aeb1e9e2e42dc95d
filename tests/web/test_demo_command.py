"""`sasaeai demo --no-serve`: a fresh fictional city through the real import services, and its logins."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.test import override_settings
from django.urls import reverse

from sasaeai.cli import main
from sasaeai.demo.load import DEMO_USERS, demo_password
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.evaluate import evaluate_plans
from sasaeai.people import permissions
from sasaeai.plans.models import Comment, Goal, Indicator, IndicatorPart, Plan
from sasaeai.reports.models import Project, Quantity, Report, ReportStatus
from sasaeai.reports.services.report_import import ReportImport

from .base import login_request

pytestmark = pytest.mark.heavy  # started first (conftest.py)

LOGIN_LINE = re.compile(r"^  ([\w-]+)\s+(\S+)\s+(admin|editor|approver|committee)\s+(\S+)$", re.MULTILINE)
SAMPLE_LINE = re.compile(r"^  ([\w-]+)\s.*\n\s+file to try on the upload page: (\S+)$", re.MULTILINE)
README = Path(__file__).resolve().parents[2] / "README.md"
# What another branch adds to the settings; the demo's passwords must pass them already.
VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


@pytest.fixture(scope="module")
def module_demo_run(module_transaction: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """`sasaeai demo --no-serve` run once for this module; what it printed, and its var/."""
    printed = io.StringIO()
    var = tmp_path_factory.mktemp("var")
    # As run by a newcomer, without DATABASE_URL (which the PostgreSQL run of the suite sets).
    with override_settings(VAR_DIR=var), contextlib.redirect_stdout(printed), mock.patch.dict(os.environ):
        os.environ.pop("DATABASE_URL", None)
        assert main(["demo", "--no-serve", "--port", "8123"]) == 0
    return printed.getvalue(), var


@pytest.fixture
def demo_output(module_demo_run: tuple[str, Path], db: None) -> str:
    return module_demo_run[0]


@pytest.fixture
def demo_var(module_demo_run: tuple[str, Path], db: None) -> Path:
    return module_demo_run[1]


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
    assert len(logins) == len(DEMO_USERS)
    assert {role for _, _, role, _ in logins} == {"admin", "editor", "approver", "committee"}
    for username, password, role, _ in logins:
        user = authenticate(login_request(), username=username, password=password)
        assert user is not None, username
        assert permissions.role_of(user) == role
    assert "http://127.0.0.1:8123/accounts/login/" in demo_output
    assert "Two-factor login is off for this demo database" in demo_output


def test_demo_passwords_are_the_same_on_every_run_and_listed_in_the_readme(demo_output):
    printed = {username: password for username, password, _, _ in LOGIN_LINE.findall(demo_output)}
    assert printed == {name: demo_password(name) for name, *_ in DEMO_USERS}
    readme = README.read_text(encoding="utf-8")
    for username, password in printed.items():
        assert f"| `{username}` | `{password}` |" in readme, username


def test_demo_passwords_pass_the_validators_of_a_real_site(demo_output):
    for username, password, _, _ in LOGIN_LINE.findall(demo_output):
        user = User.objects.get(username=username)
        validate_password(password, user, get_password_validators(VALIDATORS))
        assert len(password) >= 12 and not password.isdigit()


def test_each_uploader_gets_a_sample_the_upload_takes_from_them(demo_output):
    samples = dict(SAMPLE_LINE.findall(demo_output))
    editors = [(name, set(departments)) for name, role, _, departments, _ in DEMO_USERS if role == "editor"]
    assert set(samples) == {name for name, _ in editors} | {"jimukyoku"}
    stored: set[str] = set()
    for username, departments in [*editors, ("jimukyoku", set())]:
        path = Path(samples[username])
        result = ReportImport(User.objects.get(username=username), path.read_bytes(), path.name).execute()
        assert result.report is not None and (result.report.fiscal_year, result.report.period) == (2026, "Q1")
        entries = result.report.entries.select_related("project__department")
        now = {entry.project.department.name for entry in entries}
        assert now - stored == departments or username == "jimukyoku", username
        stored = now
    assert stored == {d for _, departments in editors for d in departments}


def test_an_editors_sample_holds_only_their_departments_rows(demo_output):
    samples = dict(SAMPLE_LINE.findall(demo_output))
    for name, role, _, departments, _ in DEMO_USERS:
        if role != "editor":
            continue
        text = Path(samples[name]).read_text(encoding="utf-8")
        named = set(re.findall(r"\(([^()\t]+)\)\t", text)) - {"担当課名"}  # the header names the column
        assert named == set(departments), name


def test_demo_names_its_database_as_the_one_every_command_uses(demo_output, demo_var):
    assert (demo_var / "demo-database.txt").read_text(encoding="utf-8") == f"{demo_var / 'demo.sqlite3'}\n"
    assert "every sasaeai command now uses this database" in demo_output


def test_demo_help_names_the_no_serve_flag(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--help"])
    assert exit_info.value.code == 0
    assert "--no-serve" in capsys.readouterr().out


@pytest.mark.parametrize("role", ["public", "iin"])
def test_the_demo_citys_plan_page_and_sheet_make_at_most_30_queries(demo_output, role):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if role != "public":
        assert client.login(request=login_request(), username=role, password=demo_password(role))
    plan = Plan.objects.get()
    for url in (reverse("plan_tree", args=[plan.pk]), reverse("exports:indicator_sheet", args=[plan.pk])):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 30, (url, len(queries))


def test_the_demos_stored_evaluation_is_the_live_one(demo_output):
    from django.contrib.auth.models import AnonymousUser

    from sasaeai.evaluation.services.results import stored_evaluation

    for user in (None, AnonymousUser()):
        assert stored_evaluation(user) == evaluate_plans(user)
        assert stored_evaluation(user, 2024) == evaluate_plans(user, 2024)
