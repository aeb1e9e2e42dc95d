"""Every URL of the site has a rule of who may use it, tested for every role (own/other department, own/other
organisation); a new view without one fails here.

The role matrices of tests/web/test_role_matrix.py and tests/lifecycle/test_pages.py cover most pages; this module
covers the rest (outputs, life-cycle writes) and checks that together, with the modules named in ELSEWHERE, they
name every route.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from sasaeai.lifecycle.models import FollowUp, ItemRevision, Kpi, KpiSheet, PlanRevision
from sasaeai.plans.models import Comment

from ..lifecycle import test_pages as lifecycle_matrix
from . import test_role_matrix as page_matrix
from .base import Cast, client_for

ROLES = ("operator", "admin", "city_admin", "editor", "other_editor", "approver", "committee", "public")

# Routes whose rules are tested in a module of their own (the framework's and the API's).
ELSEWHERE = {
    "login": "tests/accounts",
    "logout": "tests/accounts",
    "password_change": "tests/accounts",
    "password_change_done": "tests/accounts",
    "password_reset": "tests/accounts",
    "password_reset_done": "tests/accounts",
    "password_reset_confirm": "tests/accounts",
    "password_reset_complete": "tests/accounts",
    "two_factor_setup": "tests/accounts/test_two_factor.py",
    "two_factor_verify": "tests/accounts/test_two_factor.py",
    "api:root": "tests/exports/test_api.py",
    "api:schema": "tests/exports/test_api.py",
    "api:token": "tests/accounts/test_api_tokens.py",
    "api:token-logout": "tests/accounts/test_api_tokens.py",
    "api:token-logout-all": "tests/accounts/test_api_tokens.py",
    "api:plan-list": "tests/exports/test_api.py",
    "api:plan-detail": "tests/exports/test_api.py",
    "api:plan-evaluation": "tests/exports/test_api.py",
    "api:report-list": "tests/exports/test_api.py",
    "api:report-detail": "tests/exports/test_api.py",
    "api:quantity-detail": "tests/exports/test_api.py",
    "api:entry-quantities": "tests/exports/test_api.py",
    "api:entry-detail": "tests/api/test_contract.py",
    "api:report-entries": "tests/api/test_contract.py",
    "api:not-found": "tests/api/test_contract.py",
}


@dataclass
class Rule:
    url: Callable[[Cast, dict[str, Any]], str]
    expected: dict[str, int]  # status code by role
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def by_role(default: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, default) for role in ROLES}


STAFF = {"admin": 200, "editor": 200, "other_editor": 200, "approver": 200}  # the council's people
SECRETARIATS = by_role(403, admin=200, city_admin=200, public=302)
PLAN_OWNER = by_role(403, city_admin=200, public=302)
RULES = {
    "exports:indicator_sheet": Rule(
        lambda c, d: reverse("exports:indicator_sheet", args=[c.plan.pk]), by_role(200)
    ),
    "exports:indicator_sheet_download": Rule(
        lambda c, d: reverse("exports:indicator_sheet_download", args=[c.plan.pk, "xlsx"]), by_role(200)
    ),
    "exports:opendata": Rule(lambda c, d: reverse("exports:opendata"), by_role(200)),
    "exports:opendata_file": Rule(
        lambda c, d: reverse("exports:opendata_file", args=["plans", "csv"]), by_role(200)
    ),
    "exports:report_download": Rule(
        lambda c, d: reverse("exports:report_download", args=[c.draft.pk, "xlsx"]), by_role(404, **STAFF)
    ),
    "doctor": Rule(lambda c, d: reverse("doctor"), SECRETARIATS),
    "period_open": Rule(lambda c, d: reverse("period_open"), SECRETARIATS),
    "department_grid": Rule(
        lambda c, d: reverse("department_grid", args=[c.draft.pk, c.welfare.pk]),
        by_role(404, admin=200, editor=200, approver=200, other_editor=403),
    ),
    "department_template": Rule(
        lambda c, d: reverse("department_template", args=[c.draft.pk, c.welfare.pk]),
        by_role(404, admin=200, editor=200, approver=200, other_editor=403),
    ),
    "department_upload": Rule(
        lambda c, d: reverse("department_upload", args=[c.draft.pk, c.welfare.pk]),
        by_role(404, admin=302, editor=302, approver=403, other_editor=403),
        method="post",
    ),
    "doctor_mend": Rule(
        lambda c, d: reverse("doctor_mend"),
        by_role(403, admin=302, city_admin=302, public=302),
        method="post",
        data={"action": "resolve_links", "organisation": 0},
    ),
    "evaluation_texts": Rule(
        lambda c, d: reverse("evaluation_texts", args=[c.plan.pk]) + "?year=2024",
        by_role(403, city_admin=200, public=302),
    ),
    "evaluation_text_save": Rule(
        lambda c, d: reverse("evaluation_text_save", args=[c.plan.pk, 2024]),
        by_role(403, city_admin=302, public=302),
        method="post",
        data={"key": "approach-0", "text": "文。", "version": 0, "action": "save"},
    ),
    # the plan editor: the plan's own secretariat only (the cast's plan is the city's)
    "plans:manage": Rule(lambda c, d: reverse("plans:manage"), SECRETARIATS),
    "plans:create": Rule(lambda c, d: reverse("plans:create"), SECRETARIATS),
    "plans:upload": Rule(lambda c, d: reverse("plans:upload"), SECRETARIATS),
    "plans:template": Rule(lambda c, d: reverse("plans:template"), by_role(200)),
    "plans:editor": Rule(lambda c, d: reverse("plans:editor", args=[c.plan.pk]), PLAN_OWNER),
    "plans:settings": Rule(lambda c, d: reverse("plans:settings", args=[c.plan.pk]), PLAN_OWNER),
    "plans:add_goal": Rule(lambda c, d: reverse("plans:add_goal", args=[c.plan.pk]), PLAN_OWNER),
    "plans:history": Rule(lambda c, d: reverse("plans:history", args=[c.plan.pk]), PLAN_OWNER),
    "plans:workbook": Rule(lambda c, d: reverse("plans:workbook", args=[c.plan.pk]), PLAN_OWNER),
    "plans:node_edit": Rule(lambda c, d: reverse("plans:node_edit", args=["goal", c.goal.pk]), PLAN_OWNER),
    "plans:node_delete": Rule(
        lambda c, d: reverse("plans:node_delete", args=["goal", c.goal.pk]),
        by_role(403, city_admin=302, public=302),
    ),
    "plans:node_add": Rule(
        lambda c, d: reverse("plans:node_add", args=["goal", c.goal.pk, "policy"]), PLAN_OWNER
    ),
    "plans:node_move": Rule(
        lambda c, d: reverse("plans:node_move", args=["goal", c.goal.pk]),
        by_role(403, city_admin=302, public=302),
        method="post",
        data={"direction": "down"},
    ),
    "lifecycle:plan_in_year": Rule(
        lambda c, d: reverse("lifecycle:plan_in_year", args=[c.plan.pk]), by_role(200)
    ),
    "lifecycle:item_history": Rule(
        lambda c, d: reverse("lifecycle:item_history", args=[d["item_revision"].pk]), by_role(200)
    ),
    "lifecycle:kpi_edit": Rule(
        lambda c, d: reverse("lifecycle:kpi_edit", args=[d["kpi"].pk]),
        by_role(403, city_admin=200, public=302),
    ),
    "lifecycle:kpi_sheet_publish": Rule(
        lambda c, d: reverse("lifecycle:kpi_sheet_publish", args=[d["sheet"].pk]),
        by_role(404, city_admin=302),
        method="post",
    ),
    "lifecycle:follow_up_status": Rule(
        lambda c, d: reverse("lifecycle:follow_up_status", args=[d["follow_up"].pk]),
        by_role(403, city_admin=302, editor=302, approver=302, public=302),
        method="post",
        data={"status": "in_progress"},
    ),
    "lifecycle:merge_decide": Rule(
        lambda c, d: reverse("lifecycle:merge_decide"),
        by_role(403, admin=302, public=302),
        method="post",
        data={
            "keep": "ふれあいサロン事業",
            "merge": "社協だより発行業務",
            "score": "0.5",
            "decision": "reject",
        },
    ),
    # issue 10, the workflow made visible: the draft's confirmation page to delete it, the board, the notices
    "report_delete": Rule(
        lambda c, d: reverse("report_delete", args=[c.draft.pk]),
        by_role(404, admin=200, editor=403, other_editor=403, approver=403),
    ),
    "status_board": Rule(lambda c, d: reverse("status_board"), SECRETARIATS),
    "notice_list": Rule(lambda c, d: reverse("notice_list"), by_role(200, public=302)),
    "notice_settings": Rule(lambda c, d: reverse("notice_settings"), by_role(200, public=302)),
    "project_list": Rule(lambda c, d: reverse("project_list"), by_role(200)),
    "indicator_list": Rule(lambda c, d: reverse("indicator_list"), by_role(200)),
}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def _page_matrix_names(cast: Cast) -> set[str]:
    names = {resolve(case.url(cast).split("?")[0]).view_name for case in page_matrix.CASES}
    pages = lifecycle_matrix.READ_PAGES
    return names | {f"lifecycle:{name}" for name, *_ in pages}


def test_every_route_of_the_site_has_a_tested_rule(cast: Cast) -> None:
    routes = {name for name in _walk(get_resolver().url_patterns) if not name.startswith("admin:")}
    covered = _page_matrix_names(cast) | set(RULES) | set(ELSEWHERE)
    assert sorted(routes - covered) == [], "views without a tested rule of who may use them"
    assert sorted(set(RULES) - routes) == []


@pytest.fixture
def stored(cast: Cast) -> dict[str, Any]:
    sheet = KpiSheet.objects.create(organisation=cast.city, project_name="架空の交付金事業")
    kpi = Kpi.objects.create(sheet=sheet, name="参加者数")
    comment = Comment.objects.create(author=cast.committee, goal=cast.goal, fiscal_year=2025, text="意見")
    follow_up = FollowUp.objects.create(comment=comment, department=cast.welfare, description="対応")
    revision = PlanRevision.objects.create(plan=cast.plan, effective_year=2024, source_sha256="0" * 64)
    item_revision = ItemRevision.objects.create(
        revision=revision, number=1, title="居場所づくり", kind="変更"
    )
    return {"sheet": sheet, "kpi": kpi, "follow_up": follow_up, "item_revision": item_revision}


def _client(cast: Cast, role: str) -> Client:
    if role == "operator":
        client = Client()
        client.force_login(cast.operator)
        return client
    return client_for(cast, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(RULES))
def test_rule(cast: Cast, stored: dict[str, Any], name: str, role: str) -> None:
    rule = RULES[name]
    data = {**rule.data, **({"organisation": cast.council.pk} if name == "lifecycle:merge_decide" else {})}
    response = getattr(_client(cast, role), rule.method)(rule.url(cast, stored), data)
    assert response.status_code == rule.expected[role], f"{name} as {role}"
