"""Storing indicator links: every link resolves, or nothing is stored; the same file twice changes nothing."""

from __future__ import annotations

import pytest

from sasaeai.core import SasaeaiError
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.links_import import LinksImport
from sasaeai.operations import OperationRefused
from sasaeai.reports.models import ProjectAlias

from .base import Cast, database_snapshot

pytestmark = pytest.mark.django_db

SALON = "links:\n  - indicator: ふれあいサロン数\n    project: ふれあいサロン事業\n    label: 登録数\n    unit: か所\n"


def _links(text: str, user: object = None):  # type: ignore[no-untyped-def]
    return LinksImport(user, text.encode(), "links.yaml").execute()


def test_stores_a_link_and_again_changes_nothing(cast: Cast) -> None:
    IndicatorLink.objects.all().delete()
    assert _links(SALON).created == 1
    before = database_snapshot()
    again = _links(SALON)
    assert (again.created, again.unchanged) == (0, 1)
    assert database_snapshot() == before


def test_a_link_follows_every_name_a_project_had(cast: Cast) -> None:
    IndicatorLink.objects.all().delete()
    ProjectAlias.objects.create(organisation=cast.council, project=cast.salon, name="ふれあいサロン推進事業")
    text = SALON.replace("project: ふれあいサロン事業", "project: [ふれあいサロン推進事業]")
    _links(text)
    assert IndicatorLink.objects.get().project == cast.salon


def test_names_are_compared_ignoring_width_and_spaces(cast: Cast) -> None:
    IndicatorLink.objects.all().delete()
    _links(SALON.replace("ふれあいサロン数", "ふれあい サロン数"))
    assert IndicatorLink.objects.get().part == cast.part


@pytest.mark.parametrize(
    "text, words",
    [
        (SALON.replace("ふれあいサロン数", "存在しない指標"), "no indicator"),
        ("links: []\n", "no list of links"),
        ("links:\n  - indicator: [\n", "not valid YAML"),
    ],
)
def test_unresolved_links_store_nothing(cast: Cast, text: str, words: str) -> None:
    before = database_snapshot()
    with pytest.raises(SasaeaiError) as refused:
        _links(
            SALON + text.removeprefix("links:\n") if text.startswith("links:\n  - indicator: 存在") else text
        )
    assert words in str(refused.value)
    assert database_snapshot() == before


def test_a_link_to_a_project_not_reported_yet_waits_and_resolves_when_it_appears(cast: Cast) -> None:
    """Reproduces the refusal of a whole links file because one project had not reported yet."""
    from decimal import Decimal

    from sasaeai.reports.models import Project
    from sasaeai.reports.services.report_import import ReportImport

    IndicatorLink.objects.all().delete()
    result = _links(SALON.replace("project: ふれあいサロン事業", "project: こども食堂支援事業"))
    assert (result.created, result.pending) == (1, 1)
    link = IndicatorLink.objects.get()
    assert link.pending and link.names == ["こども食堂支援事業"] and link.organisation == cast.council
    row = "社会福祉事業拠点\t地域福祉推進事業\t2 こども食堂支援事業 (地域福祉課)\t基本目標1\t食材\t連絡会\t登録数 5か所\t"
    head = "拠点区分\tサービス区分\t事業名 (担当課名)\t地域福祉実践 計画体系\t具体的な実施事項\t令和7年度の事業実績内容\t令和7年度 第4四半期実績\t令和6年度 第4四半期実績"
    text = f"\n令和7年度 第4四半期 事業経過報告 架空市社会福祉協議会\n\n{head}\n{row}\n"
    ReportImport(cast.admin, text.encode(), "r.tsv", departments=["地域福祉課"]).execute()
    link = IndicatorLink.objects.get()
    assert link.project == Project.objects.get(name="こども食堂支援事業") and not link.pending
    assert Decimal(5) in {q.value for q in link.project.entries.get().quantities.all()}


def test_links_stay_within_the_plans_and_the_reporting_organisation(cast: Cast) -> None:
    """Reproduces a project name that linked to every council that had one."""
    from sasaeai.people.models import Organisation
    from sasaeai.reports.models import Project

    other = Organisation.objects.create(name="隣町社会福祉協議会", kind="council")
    Project.objects.create(organisation=other, name="ふれあいサロン事業")
    IndicatorLink.objects.all().delete()
    with pytest.raises(OperationRefused) as refused:
        _links(SALON)  # two councils could be meant
    assert "--report-organisation" in str(refused.value)
    LinksImport(None, SALON.encode(), "links.yaml", report_organisation=cast.council.name).execute()
    assert [link.project for link in IndicatorLink.objects.all()] == [cast.salon]


def test_only_the_secretariat_links_indicators(cast: Cast) -> None:
    with pytest.raises(OperationRefused):
        _links(SALON, cast.editor)


def test_a_links_file_sets_how_a_part_forms_its_year_value(cast: Cast) -> None:
    from sasaeai.audit.models import AuditEntry

    _links(SALON + "    year_value: stock\n")
    cast.part.refresh_from_db()
    assert cast.part.year_value == "stock"
    assert AuditEntry.objects.filter(field="year_value", old="cumulative", new="stock").count() == 1
    before = database_snapshot()
    assert _links(SALON + "    year_value: stock\n").rules_changed == 0
    assert database_snapshot() == before


def test_an_unknown_year_value_is_refused_with_the_choices(cast: Cast) -> None:
    before = database_snapshot()
    with pytest.raises(SasaeaiError) as refused:
        _links(SALON + "    year_value: weekly\n")
    assert "cumulative, stock, sum, annual" in str(refused.value)
    assert database_snapshot() == before


def test_the_command_line_names_the_reporting_organisation(cast: Cast, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from sasaeai.cli import main
    from sasaeai.people.models import Organisation
    from sasaeai.reports.models import Project

    other = Organisation.objects.create(name="隣町社会福祉協議会", kind="council")
    Project.objects.create(organisation=other, name="ふれあいサロン事業")
    IndicatorLink.objects.all().delete()
    path = tmp_path / "links.yaml"
    path.write_text(SALON, encoding="utf-8")
    assert main(["import-links", str(path)]) == 2
    assert "--report-organisation" in capsys.readouterr().err
    assert main(["import-links", str(path), "--report-organisation", cast.council.name]) == 0
    assert [link.project for link in IndicatorLink.objects.all()] == [cast.salon]
