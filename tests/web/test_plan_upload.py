"""The plan upload: the tree and the reader's warnings are shown before anything is stored; confirming stores
exactly the previewed file through PlanImport; refusals are one Japanese sentence."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sasaeai.plans.models import Indicator, Plan, RecordedActual
from tests.core.test_plan_layouts import PLANS

from .base import assert_contains, assert_not_contains, client_for, database_snapshot

pytestmark = pytest.mark.django_db

UPLOAD = reverse("plans:upload")


def _upload(client, name: str, data: bytes, kind: str = "city"):  # type: ignore[no-untyped-def]
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), "kind": kind})


def _token(response) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode()
    start = text.index('name="token" value="') + len('name="token" value="')
    return text[start : text.index('"', start)]


def test_only_a_secretariat_uploads_plans(cast) -> None:
    assert client_for(cast, "editor").get(UPLOAD).status_code == 403
    assert client_for(cast, "committee").get(UPLOAD).status_code == 403
    assert client_for(cast, "public").get(UPLOAD).status_code == 302
    assert_contains(client_for(cast, "city_admin").get(UPLOAD), "架空市の計画書の表や文章")


def test_the_preview_shows_the_tree_and_the_warnings_and_stores_nothing(cast) -> None:
    before = database_snapshot()
    data = (PLANS / "kaede_chapters.txt").read_bytes()
    response = _upload(client_for(cast, "city_admin"), "kaede_chapters.txt", data)
    assert_contains(response, "読み取れなかった箇所")
    assert_contains(response, "27行目")
    assert_contains(response, "誰もが相談できるまち")  # a goal
    assert_contains(response, "まちかど相談会の相談件数")  # an indicator
    assert_contains(response, "指標の内訳 <strong>8</strong>件")
    assert_contains(response, "計画期間 令和6年度（2024年度） 〜 令和11年度（2029年度）")
    assert database_snapshot() == before


def test_confirming_stores_the_previewed_plan_for_the_own_organisation(cast) -> None:
    client = client_for(cast, "city_admin")
    data = (PLANS / "kaede_chapters.txt").read_bytes()
    token = _token(_upload(client, "kaede_chapters.txt", data))
    response = client.post(UPLOAD, {"token": token})
    plan = Plan.objects.get(source_name="kaede_chapters.txt")
    assert response["Location"] == reverse("plans:editor", args=(plan.pk,))
    assert (plan.organisation, plan.kind, plan.start_year) == (cast.city, "city", 2024)
    assert Indicator.objects.of_plan(plan).count() == 7
    assert plan.changes.get().entry.field == "imported"
    again = client.post(UPLOAD, {"token": token}, follow=True)
    assert_contains(again, "確認中のファイルが見つかりません。")


def test_actuals_of_an_evaluation_sheet_are_kept_and_shown_to_staff(cast) -> None:
    client = client_for(cast, "city_admin")
    data = (PLANS / "hinata_evaluation.tsv").read_bytes()
    client.post(UPLOAD, {"token": _token(_upload(client, "hinata_evaluation.tsv", data))})
    plan = Plan.objects.get(source_name="hinata_evaluation.tsv")
    recorded = RecordedActual.objects.filter(part__indicator__approach__policy__goal__plan=plan)
    assert recorded.count() == 24
    actual = recorded.select_related("part__indicator").first()
    assert actual is not None
    page = reverse("indicator_detail", args=(actual.part.indicator_id,))
    assert_contains(client_for(cast, "committee").get(page), "計画に記載された実績")
    assert_not_contains(client_for(cast, "public").get(page), "計画に記載された実績")


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("plan.pdf", b"%PDF-1.4", "取り込めるのは .xlsx / .csv / .tsv / .txt / .json のファイルです。"),
        ("plan.txt", b"", "添付ファイルの中身が空でした。"),
        (
            "plan.txt",
            "ただの文章です。\n計画ではありません。\n".encode(),
            "plan.txt には計画が見つかりません",
        ),
        ("plan.json", b'{"goals": 3}', "plan.json は計画のJSONではありません"),
    ],
)
def test_a_file_that_is_no_plan_is_refused_in_one_sentence(
    cast, name: str, data: bytes, sentence: str
) -> None:
    before = database_snapshot()
    response = _upload(client_for(cast, "city_admin"), name, data)
    assert_contains(response, sentence)
    assert database_snapshot() == before


def test_a_plan_for_a_period_already_stored_is_refused_before_the_preview(cast, gold) -> None:
    data = (
        gold("003_plan.json")
        .read_bytes()
        .replace(b'"goals"', b'"period": {"start": 2021, "end": 2026}, "goals"', 1)
    )
    response = _upload(client_for(cast, "city_admin"), "003.json", data)
    assert_contains(response, "架空市 の2021年度からの計画は登録済みです。")
    assert_not_contains(response, "この内容で保存する")


def test_the_templates_download(cast) -> None:
    empty = client_for(cast, "public").get(reverse("plans:template"))
    assert empty["Content-Type"].startswith("application/vnd.openxmlformats")
    filled = client_for(cast, "city_admin").get(reverse("plans:workbook", args=(cast.plan.pk,)))
    assert filled.status_code == 200 and filled.content.startswith(b"PK")
    assert client_for(cast, "admin").get(reverse("plans:workbook", args=(cast.plan.pk,))).status_code == 403
