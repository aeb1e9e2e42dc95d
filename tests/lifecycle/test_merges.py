"""Projects across years: proposals after importing seeds 000 and 001, and what a merge keeps."""

from __future__ import annotations

import json

import pytest

from sasaeai.cli import main
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.lifecycle.models import MergeDecision
from sasaeai.lifecycle.services.merges import MergeProjects, RejectProposal, proposals_for
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.reports.models import Project, ProjectAlias
from sasaeai.reports.services.report_import import ReportImport
from tests.conftest import fresh_copy, seed_path

pytestmark = pytest.mark.django_db
RENAMED = {
    ("市民ボランティア講座", "市民ボランティア講座開催"),
    ("ボラセンフェスティバル", "ボラセン・フェスティバル開催"),
}


@pytest.fixture(scope="module")
def module_reports(module_transaction: None):
    """Seeds 000 and 001 stored once for this module; the council that wrote them."""
    for prefix in ("000", "001"):
        path = seed_path(prefix)
        ReportImport(COMMAND_LINE, path.read_bytes(), path.name).execute()
    return Project.objects.get(name="ボラセンフェスティバル").organisation


@pytest.fixture
def reports(module_reports, db):
    return fresh_copy(module_reports)


def test_proposals_include_the_two_renamed_projects(reports, capsys):
    assert main(["propose-merges", "--json"]) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    found = {(p["keep"], p["merge"]): p for p in pairs}
    assert set(found) >= RENAMED
    for pair in RENAMED:
        assert found[pair]["score"] == 1.0
        assert (found[pair]["keep_years"], found[pair]["merge_years"]) == ([2025], [2022])
    assert all(0.8 <= p["score"] <= 1.0 for p in pairs)


def test_proposing_changes_nothing(reports):
    before = Project.objects.count()
    assert main(["propose-merges"]) == 0
    assert Project.objects.count() == before


def test_merge_moves_history_and_links_and_keeps_the_alias(reports, seed):
    keep = Project.objects.get(name="ボラセンフェスティバル")
    merge = Project.objects.get(name="ボラセン・フェスティバル開催")
    part = keep_part(keep)
    IndicatorLink.objects.create(
        part=part,
        organisation=merge.organisation,
        project=merge,
        names=[merge.name],
        label="来場者",
        unit="人",
    )
    years = {e.report.fiscal_year for e in keep.entries.all()} | {
        e.report.fiscal_year for e in merge.entries.all()
    }
    MergeProjects(None, keep, merge).execute()
    assert not Project.objects.filter(pk=merge.pk).exists()
    assert {e.report.fiscal_year for e in keep.entries.all()} == years == {2022, 2025}
    assert IndicatorLink.objects.get(part=part).project == keep
    assert ProjectAlias.objects.get(name="ボラセン・フェスティバル開催").project == keep
    assert MergeDecision.objects.get().status == "merged"
    assert ("ボラセンフェスティバル", "ボラセン・フェスティバル開催") not in {
        (p.keep, p.merge) for p in proposals_for(keep.organisation)
    }
    # a later import of the old report finds the kept project through the alias
    path = seed("001")
    changed = path.read_bytes().replace("令和4年度".encode(), "令和3年度".encode())
    ReportImport(None, changed, "001-fy2021.txt").execute()
    assert not Project.objects.filter(name="ボラセン・フェスティバル開催").exists()
    assert 2021 in {e.report.fiscal_year for e in keep.entries.all()}


def keep_part(project: Project):
    from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Plan, Policy

    plan = Plan.objects.create(
        organisation=project.organisation, kind="council", title="計画", start_year=2021, end_year=2026
    )
    goal = Goal.objects.create(plan=plan, number=1, title="目標")
    approach = Approach.objects.create(
        policy=Policy.objects.create(goal=goal, number=1, title="施策"), number=1, title="方針"
    )
    return IndicatorPart.objects.create(
        indicator=Indicator.objects.create(approach=approach, name="来場者数"), unit="人"
    )


def test_rejected_pair_is_not_proposed_again(reports):
    organisation = reports
    RejectProposal(None, organisation, "市民ボランティア講座", "市民ボランティア講座開催", 1.0).execute()
    pairs = {(p.keep, p.merge) for p in proposals_for(organisation)}
    assert ("市民ボランティア講座", "市民ボランティア講座開催") not in pairs
    assert ("ボラセンフェスティバル", "ボラセン・フェスティバル開催") in pairs


def test_merge_page_merges_or_keeps_apart_and_only_for_the_secretariat(reports):
    from django.test import Client
    from django.urls import reverse

    from ..web.base import make_user

    organisation = reports
    admin, editor = Client(), Client()
    admin.force_login(make_user("secretariat", "admin", organisation=organisation))
    editor.force_login(make_user("editor-only", "editor"))
    page = admin.get(reverse("lifecycle:merges")).content.decode()
    assert "ボラセン・フェスティバル開催" in page and "同じ事業として統合" in page
    post = {
        "organisation": organisation.pk,
        "keep": "市民ボランティア講座",
        "merge": "市民ボランティア講座開催",
        "score": "1.0",
    }
    assert editor.post(reverse("lifecycle:merge_decide"), {**post, "decision": "merge"}).status_code == 403
    assert Project.objects.filter(name="市民ボランティア講座開催").exists()
    admin.post(reverse("lifecycle:merge_decide"), {**post, "decision": "merge"})
    assert not Project.objects.filter(name="市民ボランティア講座開催").exists()
    reject = {
        "organisation": organisation.pk,
        "keep": "災害ボランティアセンター整備",
        "merge": "災害ボランティアセンターの整備",
    }
    admin.post(reverse("lifecycle:merge_decide"), {**reject, "score": "0.966", "decision": "reject"})
    assert MergeDecision.objects.get(status="rejected").merge_name == "災害ボランティアセンターの整備"
    assert Project.objects.filter(name="災害ボランティアセンターの整備").exists()
    page = admin.get(reverse("lifecycle:merges")).content.decode()
    assert "市民ボランティア講座開催 → 市民ボランティア講座（統合済）" in page
