"""The department's grid: every project of a department and period on one page, saved at once.

The page posts as a plain form; these tests post it as a browser without
JavaScript would (tests/browser/test_department_grid.py drives the keys).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sasaeai.audit.models import AuditEntry
from sasaeai.reports.models import PartStatus, ProjectEntry, Quantity, ReportPart

from .base import Cast, client_for

pytestmark = pytest.mark.django_db


def grid_url(cast: Cast) -> str:
    return f"/reports/{cast.draft.pk}/departments/{cast.welfare.pk}/"


def grid_form(cast: Cast, value: str = "87", **extra: Any) -> dict[str, Any]:
    """The salon's part of the grid as the page sends it: its one figure row and a blank row."""
    entry, figure = cast.salon_entry, cast.salon_count
    key = f"e-{entry.pk}"
    data = {
        f"{key}-version": entry.version,
        f"{key}-rows": 2,
        f"{key}-narrative": entry.narrative,
        f"{key}-activities": entry.activities,
        f"{key}-f-0-id": figure.pk,
        f"{key}-f-0-version": figure.version,
        f"{key}-f-0-label": figure.label,
        f"{key}-f-0-value": value,
        f"{key}-f-0-unit": figure.unit,
        f"{key}-f-1-id": "",
        f"{key}-f-1-version": "",
        f"{key}-f-1-label": "",
        f"{key}-f-1-value": "",
        f"{key}-f-1-unit": "",
        "reason": "",
    }
    data.update({k.replace("SALON", key): v for k, v in extra.items()})
    return data


def test_the_grid_shows_each_figure_with_last_year_and_the_change(cast: Cast) -> None:
    page = client_for(cast, "editor").get(grid_url(cast)).content.decode()
    assert "地域福祉課の入力表" in page
    assert "ふれあいサロン事業" in page
    assert "社協だより発行業務" not in page  # another department's project
    assert (
        f'name="e-{cast.salon_entry.pk}-f-0-value" id="e-{cast.salon_entry.pk}-f-0-value" value="87"' in page
    )
    assert '<td class="number" data-previous-cell>91</td>' in page
    assert '<td class="number" data-change-cell>-4</td>' in page
    assert "sasaeai/grid.js" in page


def test_saving_changes_figures_texts_and_adds_a_row_in_one_go(cast: Cast) -> None:
    data = grid_form(
        cast,
        "88",
        **{
            "SALON-narrative": "サロンを1か所新設した。",
            "SALON-f-1-label": "参加者数",
            "SALON-f-1-value": "1,234",
            "SALON-f-1-unit": "人",
        },
    )
    response = client_for(cast, "editor").post(grid_url(cast), data)
    assert response.status_code == 302
    entry = ProjectEntry.objects.get(pk=cast.salon_entry.pk)
    assert entry.narrative == "サロンを1か所新設した。"
    figures = list(entry.quantities.order_by("order").values_list("label", "value", "unit"))
    assert figures == [("登録数", Decimal(88), "箇所"), ("参加者数", Decimal(1234), "人")]
    assert AuditEntry.objects.filter(field="narrative").count() == 1
    # The printed results cell follows the typed figures (for the report's xlsx and PDF); the old one is kept.
    assert entry.current_text == "登録数 88箇所\n参加者数 1,234人"
    assert AuditEntry.objects.get(field="current_text").old == "登録数87箇所"


def test_texts_alone_leave_the_results_cell_as_it_was(cast: Cast) -> None:
    data = grid_form(cast, **{"SALON-narrative": "文だけ変えた。"})
    assert client_for(cast, "editor").post(grid_url(cast), data).status_code == 302
    assert ProjectEntry.objects.get(pk=cast.salon_entry.pk).current_text == "登録数87箇所"


def test_removing_a_row(cast: Cast) -> None:
    data = grid_form(cast, **{"SALON-f-0-remove": "on"})
    assert client_for(cast, "editor").post(grid_url(cast), data).status_code == 302
    assert not Quantity.objects.filter(pk=cast.salon_count.pk).exists()


def test_a_23_digit_figure_is_refused_in_japanese_and_nothing_is_saved(cast: Cast) -> None:
    data = grid_form(cast, "1" * 23, **{"SALON-narrative": "変えた文"})
    page = client_for(cast, "editor").post(grid_url(cast), data).content.decode()
    assert "値が大きすぎます（扱えるのは±999,999,999,999.999の範囲、小数点以下3桁までです）。" in page
    assert 'aria-invalid="true"' in page
    assert ProjectEntry.objects.get(pk=cast.salon_entry.pk).narrative == ""
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)


def test_a_negative_count_is_refused_but_a_negative_amount_of_money_is_not(cast: Cast) -> None:
    page = client_for(cast, "editor").post(grid_url(cast), grid_form(cast, "-3")).content.decode()
    assert "「ふれあいサロン事業」の「登録数」は負の数にできません（単位「箇所」）。" in page
    data = grid_form(
        cast, **{"SALON-f-1-label": "収支差額", "SALON-f-1-value": "-12000", "SALON-f-1-unit": "円"}
    )
    assert client_for(cast, "editor").post(grid_url(cast), data).status_code == 302
    assert Quantity.objects.filter(entry=cast.salon_entry, value=Decimal(-12000)).exists()


def test_a_tenfold_jump_against_last_year_asks_for_a_note_which_is_kept(cast: Cast) -> None:
    client = client_for(cast, "editor")
    page = client.post(grid_url(cast), grid_form(cast, "910")).content.decode()
    assert "「ふれあいサロン事業」の「登録数」が前年同期（91箇所）の約10倍です。" in page
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)
    data = grid_form(cast, "910", **{"SALON-f-0-note": "市内全域に拡大したため"})
    assert client.post(grid_url(cast), data).status_code == 302
    assert AuditEntry.objects.get(field="value").reason == "市内全域に拡大したため"


def test_a_change_after_a_submission_needs_a_reason(cast: Cast) -> None:
    ReportPart.objects.filter(report=cast.draft, department=cast.welfare).update(
        status=PartStatus.RETURNED, submitted_at=timezone.now(), returned_reason="桁を確認"
    )
    client = client_for(cast, "editor")
    page = client.post(grid_url(cast), grid_form(cast, "86")).content.decode()
    assert "一度提出した報告の実績を変えるときは、変更の理由を入力してください。" in page
    data = grid_form(cast, "86", reason="集計漏れを訂正")
    assert client.post(grid_url(cast), data).status_code == 302
    assert AuditEntry.objects.get(field="value").reason == "集計漏れを訂正"


def test_the_second_of_two_editors_gets_the_conflict_message(cast: Cast) -> None:
    first, second = client_for(cast, "editor"), client_for(cast, "admin")
    assert first.post(grid_url(cast), grid_form(cast, "88")).status_code == 302
    response = second.post(grid_url(cast), grid_form(cast, "90"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "あなたの値 90 ／ 現在の値 88" in page
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(88)
    # The page comes back with the second editor's value over the version stored now.
    assert f'name="e-{cast.salon_entry.pk}-f-0-version" value="2"' in page


def test_a_submitted_part_is_shown_but_not_saved(cast: Cast) -> None:
    ReportPart.objects.filter(report=cast.draft, department=cast.welfare).update(status=PartStatus.SUBMITTED)
    client = client_for(cast, "editor")
    page = client.get(grid_url(cast)).content.decode()
    assert "入力できません" in page
    client.post(grid_url(cast), grid_form(cast, "1"))
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)


@pytest.mark.parametrize(
    "role, status",
    [
        ("editor", 200),
        ("approver", 200),
        ("admin", 200),
        ("other_editor", 403),
        ("committee", 404),
        ("public", 404),
    ],
)
def test_who_may_open_the_grid(cast: Cast, role: str, status: int) -> None:
    assert client_for(cast, role).get(grid_url(cast)).status_code == status


def test_the_report_page_leads_the_department_to_its_grid(cast: Cast) -> None:
    page = client_for(cast, "editor").get(f"/reports/{cast.draft.pk}/").content.decode()
    assert f'href="{grid_url(cast)}"' in page
