"""The upload page: preview what an import would store, correct it, save through ReportImport."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sasaeai.reports.models import Quantity, Report

from .base import Cast, assert_contains, assert_not_contains, assert_redirects

REPORT = (
    "令和5年度(2023年度)第4四半期 事業経過報告 架空市社会福祉協議会\n\n"
    "拠点区分\tサービス区分\t事業名 (担当課名)\t地域福祉実践 計画体系\t具体的な実施事項\t"
    "令和5年度の事業実績内容\t令和5年度 第4四半期実績\t令和4年度 第4四半期実績\n"
    "社会福祉事業拠点\t地域福祉推進事業\t1 ふれあいサロン事業 (地域福祉課)\t基本目標2\t"
    "サロンの立ち上げを支援する\t運営者の交流会を開いた。\t3月末: 登録数 87箇所 参加者 45人\t3月末: 登録数 80箇所\n"
)


@pytest.fixture
def editor(client: Client, cast: Cast) -> Client:
    """The test client, logged in as the cast's editor (地域福祉課)."""
    client.force_login(cast.editor)
    return client


def preview(client: Client, text: str = REPORT, name: str = "r5q4.tsv") -> Any:
    upload = SimpleUploadedFile(name, text.encode("utf-8"))
    return client.post(reverse("upload"), {"file": upload})


def form_data(response: Any) -> dict[str, Any]:
    form = response.context["form"]
    data = {"token": response.context["token"]}
    for name in form.fields:
        value = form[name].value()
        if value not in (None, False, ""):
            data[name] = "on" if value is True else value
    return data


def test_preview_shows_projects_and_quantities_without_storing(editor: Client) -> None:
    response = preview(editor)
    assert_contains(response, "取込内容の確認")
    assert_contains(response, "ふれあいサロン事業")
    assert_contains(response, 'value="登録数"')
    assert_contains(response, 'value="45"')
    assert not Report.objects.filter(fiscal_year=2023).exists()


def test_confirm_stores_the_corrected_quantities_in_one_report(editor: Client) -> None:
    response = preview(editor)
    data = form_data(response)
    data["p0-current-1-value"] = "46"  # corrected
    del data["p0-comparison-0-keep"]  # dropped
    data.update({"p0-current-new-label": "開設", "p0-current-new-value": "３", "p0-current-new-unit": "か所"})
    saved = editor.post(reverse("upload"), data)
    report = Report.objects.get(fiscal_year=2023, period="Q4")
    assert_redirects(saved, reverse("report_detail", args=[report.pk]))
    stored = {(q.side, q.label, q.value, q.unit) for q in Quantity.objects.filter(entry__report=report)}
    assert stored == {
        ("current", "登録数", Decimal(87), "箇所"),
        ("current", "参加者", Decimal(46), "人"),
        ("current", "開設", Decimal(3), "か所"),
    }


def test_a_kept_figure_needs_a_number(editor: Client) -> None:
    response = preview(editor)
    data = form_data(response)
    data["p0-current-0-value"] = "たくさん"
    again = editor.post(reverse("upload"), data)
    assert_contains(again, "数値を入力してください")
    assert not Report.objects.filter(fiscal_year=2023).exists()


def test_unreadable_file_is_refused_in_one_japanese_sentence(editor: Client) -> None:
    response = preview(editor, text="\x00\x01\x02 binary", name="broken.tsv")
    assert response.status_code == 200
    assert_contains(response, "errorlist")
    assert_not_contains(response, "Traceback")


def test_the_files_department_is_not_trusted(editor: Client) -> None:
    """The salon is 地域福祉課's whatever the file says: the editor's upload is read as theirs."""
    response = preview(editor, text=REPORT.replace("(地域福祉課)", "(総務課)"))
    assert_not_contains(response, "errorlist")
    assert_contains(response, "取込内容の確認")


NO_YEAR = REPORT.replace("令和5年度(2023年度)第4四半期 ", "").replace(
    "令和5年度の事業実績内容", "事業実績内容"
)
NO_YEAR = NO_YEAR.replace("令和5年度 第4四半期実績", "今期実績").replace(
    "令和4年度 第4四半期実績", "前年同期実績"
)


def test_a_file_naming_no_year_asks_for_one_and_takes_it_from_the_form(editor: Client) -> None:
    refused = preview(editor, NO_YEAR, "no-year.tsv")
    assert_contains(refused, "年度が見つかりません（年度を指定してください）")
    upload = SimpleUploadedFile("no-year.tsv", NO_YEAR.encode("utf-8"))
    response = editor.post(reverse("upload"), {"file": upload, "fiscal_year": "R5", "period": "Q4"})
    assert_contains(response, "取込内容の確認")
    saved = editor.post(reverse("upload"), form_data(response))
    report = Report.objects.get(fiscal_year=2023, period="Q4")
    assert_redirects(saved, reverse("report_detail", args=[report.pk]))


def test_a_pdf_report_is_read_on_the_page(editor: Client) -> None:
    from tests.core.pdf_tables import report_pdf

    headings = (
        "拠点区分",
        "事業名（担当課）",
        "計画体系",
        "具体的な実施事項",
        "実施内容",
        "実績",
        "前年度実績",
    )
    row = [
        "",
        "1 ふれあいサロン事業\n（地域福祉課）",
        "基本目標2",
        "支援する。",
        "交流会を開いた。",
        "登録数 87箇所",
        "登録数 80箇所",
    ]
    upload = SimpleUploadedFile("report.pdf", report_pdf("架空市社会福祉協議会 事業報告", [row], headings))
    response = editor.post(reverse("upload"), {"file": upload, "fiscal_year": "令和5年度", "period": "FY"})
    assert_contains(response, "取込内容の確認")
    assert_contains(response, 'value="87"')


def test_a_year_that_is_no_year_is_refused_in_japanese(editor: Client) -> None:
    upload = SimpleUploadedFile("no-year.tsv", NO_YEAR.encode("utf-8"))
    response = editor.post(reverse("upload"), {"file": upload, "fiscal_year": "いつか"})
    assert response.status_code == 200
    assert "年度" in "".join(str(e) for e in response.context["form"].errors.get("fiscal_year", []))
