"""The life-cycle pages: Japanese, and who may see or do what (every role against every page)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sasaeai.audit.models import AuditEntry
from sasaeai.lifecycle.models import FollowUp, FollowUpStatus, GoalLink, Kpi
from sasaeai.lifecycle.services.goal_link_import import GoalLinkImport
from sasaeai.lifecycle.services.kpi_import import KpiImport
from sasaeai.lifecycle.services.revision_import import RevisionImport
from sasaeai.lifecycle.views import plan_as_of
from sasaeai.plans.models import Comment, Goal, Plan
from tests.conftest import fresh_copy, seed_path

from ..web.base import Cast, client_for

pytestmark = pytest.mark.django_db
ROLES = ["admin", "editor", "approver", "committee", "public"]


@pytest.fixture(scope="module")
def module_stored(module_cast: Cast):
    """The cast plus seed 002 and 004, a comment and a follow-up of 地域福祉課 (built once for the module)."""
    cast = module_cast
    review = seed_path("002")
    revision, _ = RevisionImport(
        None, review.read_bytes(), review.name, organisation=cast.council.name
    ).execute()
    sheet_path = seed_path("004")
    sheet, _ = KpiImport(
        None, sheet_path.read_bytes(), sheet_path.name, organisation=cast.city.name
    ).execute()
    sheet.published_at = timezone.now()  # published: the pages below are the public's too
    sheet.save(update_fields=["published_at"])
    comment = Comment.objects.create(
        author=cast.committee, goal=cast.goal, fiscal_year=2025, text="居場所を増やしてほしい"
    )
    follow_up = FollowUp.objects.create(
        comment=comment, department=cast.welfare, description="サロン開設の支援"
    )
    return {"revision": revision, "sheet": sheet, "comment": comment, "follow_up": follow_up}


@pytest.fixture
def stored(module_stored, cast: Cast):
    return fresh_copy(module_stored)


# (url name, args key, expected status per role: admin, editor, approver, committee, public)
READ_PAGES = [
    ("revisions", None, [200, 200, 200, 200, 200]),
    ("revision", "revision", [200, 200, 200, 200, 200]),
    ("goal_links", None, [200, 200, 200, 200, 200]),
    ("kpi_sheets", None, [200, 200, 200, 200, 200]),
    ("kpi_sheet", "sheet", [200, 200, 200, 200, 200]),
    ("kpi_sheet_xlsx", "sheet", [200, 200, 200, 200, 200]),
    ("kpi_sheet_pdf", "sheet", [200, 200, 200, 200, 200]),
    ("overview", None, [200, 200, 200, 200, 302]),
    ("follow_ups", None, [200, 200, 200, 200, 302]),
    ("findings", None, [200, 200, 200, 200, 302]),
    ("merges", None, [200, 403, 403, 403, 302]),
    ("upload", None, [200, 403, 403, 403, 302]),
    ("follow_up_add", "comment", [403, 403, 403, 403, 302]),  # the council's secretariat, on the city's plan
]


@pytest.mark.parametrize(("name", "key", "statuses"), READ_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_for_pages(cast: Cast, stored, name, key, statuses, role):
    url = reverse(f"lifecycle:{name}", args=[stored[key].pk] if key else [])
    response = client_for(cast, role).get(url)
    assert response.status_code == statuses[ROLES.index(role)]
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert '<html lang="ja">' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("city_admin", True),
        ("admin", False),
        ("editor", False),
        ("approver", False),
        ("committee", False),
        ("public", False),
    ],
)
def test_only_the_citys_secretariat_edits_its_kpi(cast: Cast, stored, role, allowed):
    """The KPI sheet is the city's: the council's secretariat (``admin``) may not change it."""
    kpi = stored["sheet"].kpis.get(kind="事業KPI")
    response = client_for(cast, role).post(
        reverse("lifecycle:kpi_edit", args=[kpi.pk]),
        {"target_value": "1000", "actual_value": "1100", "printed_rate": "110", "reason": "", "version": 1},
    )
    kpi.refresh_from_db()
    assert (kpi.actual_value == Decimal(1100)) is allowed
    assert response.status_code == (302 if allowed or role == "public" else 403)


def test_a_kpi_below_target_needs_a_reason_and_changes_are_audited(cast: Cast, stored):
    kpi = stored["sheet"].kpis.get(kind="事業KPI")
    client = client_for(cast, "city_admin")
    url = reverse("lifecycle:kpi_edit", args=[kpi.pk])
    response = client.post(
        url, {"target_value": "1000", "actual_value": "900", "printed_rate": "90", "reason": "", "version": 1}
    )
    assert response.status_code == 200
    assert "理由を入力してください" in response.content.decode()
    kpi.refresh_from_db()
    assert kpi.actual_value == Decimal(1063)
    client.post(
        url,
        {
            "target_value": "1000",
            "actual_value": "900",
            "printed_rate": "90",
            "reason": "会場の改修で休止",
            "version": 1,
        },
    )
    kpi.refresh_from_db()
    assert (kpi.actual_value, kpi.reason) == (Decimal(900), "会場の改修で休止")
    entry = AuditEntry.objects.get(field="actual_value")
    assert (entry.old, entry.new, entry.reason) == ("1063", "900", "会場の改修で休止")


def test_the_owner_department_updates_an_action_and_others_may_not(cast: Cast, stored):
    follow_up = stored["follow_up"]
    url = reverse("lifecycle:follow_up_status", args=[follow_up.pk])
    assert client_for(cast, "committee").post(url, {"status": "done"}).status_code == 403
    assert client_for(cast, "editor").post(url, {"status": "in_progress"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.IN_PROGRESS


def test_the_overview_lists_open_actions_only(cast: Cast, stored):
    FollowUp.objects.create(
        comment=stored["comment"], department=cast.general, description="完了した対応", status="done"
    )
    page = client_for(cast, "committee").get(reverse("lifecycle:overview")).content.decode()
    assert "サロン開設の支援" in page
    assert "完了した対応" not in page


def test_secretariat_turns_a_comment_into_an_action(cast: Cast, stored):
    response = client_for(cast, "city_admin").post(
        reverse("lifecycle:follow_up_add", args=[stored["comment"].pk]),
        {
            "department": cast.general.pk,
            "description": "広報で周知",
            "due_date": "2026-03-31",
            "status": "open",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(description="広報で周知")
    assert (follow_up.department, follow_up.due_date, follow_up.created_by) == (
        cast.general,
        date(2026, 3, 31),
        cast.city_admin,
    )


def test_plan_as_it_stood_before_and_after_the_review(stored):
    plan = stored["revision"].plan
    before = {row["number"]: row for row in plan_as_of(plan, 2023)["items"]}
    after = {row["number"]: row for row in plan_as_of(plan, 2024)["items"]}
    assert before[12]["changes"] == [] and before[12]["base"].startswith("制度の狭間")
    assert None not in before  # 市販薬購入支援 only exists once the review applies
    assert [c.kind for c in after[12]["changes"]] == ["追加"]
    assert after[None]["title"] == "市販薬購入支援"
    started_2022 = {s.project.name for s in plan_as_of(plan, 2022)["started"]}
    assert started_2022 == {"igocoti", "風まち", "だけボラ(灯油)"}
    page = Client().get(reverse("lifecycle:plan_in_year", args=[plan.pk]) + "?year=2024").content.decode()
    assert "令和6年度（2024年度）時点" in page and "市販薬購入支援" in page


def test_goal_links_from_seed_003_and_the_joint_view(cast: Cast, stored, seed, gold):
    from sasaeai.plans.services.plan_import import PlanImport

    plan_json = gold("003_plan.json")
    PlanImport(None, plan_json.read_bytes(), plan_json.name, organisation="苫小牧市").execute()
    city_plan = Plan.objects.get(organisation__name="苫小牧市", kind="city")
    path = seed("003")
    links, changed = GoalLinkImport(None, path.read_bytes(), path.name).execute()
    assert changed
    pairs = sorted((link.city_goal.number, link.council_goal.number) for link in links)
    assert pairs == [(1, 1), (1, 2), (2, 3), (2, 4), (3, 5), (3, 6), (3, 7)]
    assert {link.city_goal.plan for link in links} == {city_plan}
    council = stored["revision"].plan
    assert Goal.objects.get(plan=council, number=2).title == "市民に求められる相談支援体制の確立"
    assert GoalLinkImport(None, path.read_bytes(), path.name).execute()[1] is False
    assert GoalLink.objects.count() == 7
    page = Client().get(reverse("lifecycle:goal_links")).content.decode()
    assert "重点目標7" in page and "基本目標3" in page
    assert "igocoti（2022年9月開始）" in page  # a new project of 重点目標2, beside city goal 1


def test_kpi_sheet_page_shows_computed_rate_and_the_missing_reason(stored):
    page = Client().get(reverse("lifecycle:kpi_sheet", args=[stored["sheet"].pk])).content.decode()
    assert "106.3%（一致）" in page
    assert "13,945" in page and "地域職業訓練センター等" in page
    Kpi.objects.filter(kind="事業KPI").update(actual_value=900)
    page = Client().get(reverse("lifecycle:kpi_sheet", args=[stored["sheet"].pk])).content.decode()
    assert "目標未達：理由未記入" in page and "印字と不一致" in page


def test_kpi_sheet_exports_hold_every_figure(stored):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    sheet = stored["sheet"]
    book = load_workbook(
        io.BytesIO(Client().get(reverse("lifecycle:kpi_sheet_xlsx", args=[sheet.pk])).content)
    )
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert {13945, 10458, 1000, 1063, 106, 106.3, "事業利用者数", "一致"} <= set(cells)
    pdf = Client().get(reverse("lifecycle:kpi_sheet_pdf", args=[sheet.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "苫小牧市地域女性活躍推進事業",
        "13945",
        "10458",
        "事業利用者数",
        "106.3%",
        "地域職業訓練センター等",
    ):
        assert expected in text.replace(" ", "").replace("\n", "")


def test_the_overview_offers_an_action_for_comments_without_one(cast: Cast, stored):
    bare = Comment.objects.create(
        author=cast.committee, indicator=cast.indicator, fiscal_year=2025, text="周知が不足"
    )
    link = reverse("lifecycle:follow_up_add", args=[bare.pk])
    assert link in client_for(cast, "city_admin").get(reverse("lifecycle:overview")).content.decode()
    # the comment is on the city's plan: the council's secretariat is not offered the link
    assert link not in client_for(cast, "admin").get(reverse("lifecycle:overview")).content.decode()
    committee_page = client_for(cast, "committee").get(reverse("lifecycle:overview")).content.decode()
    assert "周知が不足" in committee_page and link not in committee_page
    assert reverse("lifecycle:follow_up_add", args=[stored["comment"].pk]) not in committee_page


def test_a_deleted_item_leaves_the_plan_from_its_revision_year(cast: Cast):
    text = (
        "第2期 地域福祉活動計画（令和5年度～令和9年度）\n\n"
        "No\t取組項目\t変更前\t変更後\t区分\n"
        "8\t敬老会\t毎年開催\t―\t削除\n"
        "\n発行年月 令和7年3月\n"
    )
    revision, _ = RevisionImport(None, text.encode(), "r.txt", organisation=cast.council.name).execute()
    assert [row["title"] for row in plan_as_of(revision.plan, 2024)["items"]] == ["敬老会"]
    assert plan_as_of(revision.plan, 2025)["items"] == []
