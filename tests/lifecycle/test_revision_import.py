"""import-revisions: seed 002 stored with every item and new project, once."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sasaeai.cli import main
from sasaeai.lifecycle.models import ItemRevision, PlanRevision, ProjectStart
from sasaeai.lifecycle.services.revision_import import RevisionImport
from sasaeai.operations import OperationRefused
from sasaeai.plans.models import Plan
from sasaeai.reports.models import Project

from ..web.base import Cast

pytestmark = pytest.mark.django_db

NEW_PROJECTS = {
    "igocoti": "2022-09",
    "LINEによる相談窓口の設置": "2023-06",
    "重層的支援体制整備に向けた取り組み": "2024-04",
    "風まち": "2022-08",
    "だけボラ(灯油)": "2022-11",
    "とまとま": "2023-09",
}
ITEMS = [
    (12, "追加"), (14, "追加"), (17, "追加"), (25, "変更"), (26, "変更"),
    (29, "追加"), (None, "追加"), (38, "変更"), (55, "追加"), (56, "追加"),
]  # fmt: skip


def _counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        PlanRevision.objects.count(),
        ItemRevision.objects.count(),
        ProjectStart.objects.count(),
        Project.objects.count(),
    )


def test_import_revisions_json_lists_every_item_and_new_project(seed, capsys):
    assert main(["import-revisions", str(seed("002")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True
    assert data["issued"] == "2024-03"
    assert data["effective_fiscal_year"] == 2024
    assert [(i["number"], i["kind"]) for i in data["items"]] == ITEMS
    assert {p["name"]: p["start_month"] for p in data["new_projects"]} == NEW_PROJECTS
    assert {p["department"] for p in data["new_projects"]} == {"地域福祉課"}
    assert {p["type"] for p in data["new_projects"]} == {"独自事業"}


def test_stored_rows_keep_pages_texts_and_start_months(seed):
    path = seed("002")
    revision, changed = RevisionImport(None, path.read_bytes(), path.name).execute()
    assert changed
    assert revision.plan.kind == "council"
    assert (revision.plan.start_year, revision.plan.end_year) == (2021, 2026)
    assert revision.plan.organisation.name == "苫小牧市社会福祉協議会"
    assert revision.issued == date(2024, 3, 1)
    csw = revision.items.get(number=12)
    assert (csw.title, csw.page) == ("CSWの配置", 19)
    assert csw.before.startswith("制度の狭間にある方や")
    pharmacy = revision.items.get(number=None)
    assert (pharmacy.title, pharmacy.before) == ("市販薬購入支援", "")
    dakebora = revision.new_projects.get(project__name="だけボラ(灯油)")
    assert dakebora.start_month == date(2022, 11, 1)
    assert dakebora.results.startswith("(令和4年度実績)")
    assert (dakebora.basic_goal_number, dakebora.priority_goal_number) == (2, None)
    assert dakebora.project.plan_goal == 2


def test_importing_twice_changes_nothing(seed, capsys):
    assert main(["import-revisions", str(seed("002"))]) == 0
    after_first = _counts()
    assert main(["import-revisions", str(seed("002")), "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{") :])["changed"] is False
    assert _counts() == after_first == (1, 1, 10, 6, 6)


def test_a_failure_half_way_leaves_the_database_as_it_was(seed, monkeypatch):
    before = _counts()
    calls = {"n": 0}
    original = ProjectStart.objects.create

    def failing_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(ProjectStart.objects, "create", failing_create)
    path = seed("002")
    with pytest.raises(RuntimeError):
        RevisionImport(None, path.read_bytes(), path.name).execute()
    assert _counts() == before


def test_only_the_secretariat_imports_revisions(cast: Cast, seed):
    path = seed("002")
    for user in (cast.editor, cast.approver, cast.committee, cast.anonymous):
        with pytest.raises(OperationRefused) as refusal:
            RevisionImport(user, path.read_bytes(), path.name).execute()
        assert "事務局" in refusal.value.message_ja
    assert PlanRevision.objects.count() == 0


def test_unreadable_file_is_one_sentence_and_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["import-revisions", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
