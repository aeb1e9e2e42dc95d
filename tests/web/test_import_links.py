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
        (SALON.replace("project: ふれあいサロン事業", "project: 未報告の事業"), "import the reports first"),
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


def test_only_the_secretariat_links_indicators(cast: Cast) -> None:
    with pytest.raises(OperationRefused):
        _links(SALON, cast.editor)
