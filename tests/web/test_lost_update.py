"""No lost update: a save based on a figure, entry or KPI someone else changed meanwhile is refused.

Two editors load the same figure; the first saves; the second's save is
refused with both values and nothing of it is written.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sasaeai.audit.models import AuditEntry
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.reports.models import ProjectEntry, Quantity
from sasaeai.reports.services.entries import ChangeEntryText
from sasaeai.reports.services.figures import ChangeQuantity, RemoveQuantity, StaleEdit

from .base import Cast, client_for


def entry_form(quantity: Quantity, version: int, value: str) -> dict[str, object]:
    """The data-entry form as a browser posts it: the one figure row, loaded at ``version``, and a blank row."""
    return {
        "q-TOTAL_FORMS": 2,
        "q-INITIAL_FORMS": 1,
        "q-MIN_NUM_FORMS": 0,
        "q-MAX_NUM_FORMS": 1000,
        "q-0-quantity_id": quantity.pk,
        "q-0-version": version,
        "q-0-label": quantity.label,
        "q-0-value": value,
        "q-0-unit": quantity.unit,
        "q-0-qualifier": "",
        "q-0-as_of": "",
        "reason": "",
    }


def test_the_form_carries_the_version_it_was_loaded_with(cast: Cast) -> None:
    page = client_for(cast, "editor").get(f"/entries/{cast.salon_entry.pk}/").content.decode()
    assert 'name="q-0-version" value="1"' in page


def test_the_second_of_two_editors_is_refused_with_both_values(cast: Cast) -> None:
    first, second = client_for(cast, "editor"), client_for(cast, "admin")
    url = f"/entries/{cast.salon_entry.pk}/"
    loaded = Quantity.objects.get(pk=cast.salon_count.pk).version
    assert first.post(url, entry_form(cast.salon_count, loaded, "88")).status_code == 302
    response = second.post(url, entry_form(cast.salon_count, loaded, "90"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "あなたの値 90 ／ 現在の値 88" in page
    assert "何も保存していません" in page
    stored = Quantity.objects.get(pk=cast.salon_count.pk)
    assert (stored.value, stored.version) == (Decimal(88), loaded + 1)
    assert list(AuditEntry.objects.filter(field="value").values_list("new", flat=True)) == ["88"]
    # The form comes back with the second editor's value over the version stored now: saving again is a choice.
    assert f'name="q-0-version" value="{loaded + 1}"' in page
    assert 'name="q-0-value" value="90"' in page
    assert second.post(url, entry_form(cast.salon_count, loaded + 1, "90")).status_code == 302
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(90)


def test_a_figure_removed_meanwhile_is_not_brought_back(cast: Cast) -> None:
    url = f"/entries/{cast.salon_entry.pk}/"
    RemoveQuantity(cast.admin, cast.salon_count).execute()
    response = client_for(cast, "editor").post(url, entry_form(cast.salon_count, 1, "90"))
    assert "削除されました" in response.content.decode()
    assert not cast.salon_entry.quantities.exists()


def test_a_page_figure_outside_the_range_is_refused_in_japanese(cast: Cast) -> None:
    url = f"/entries/{cast.salon_entry.pk}/"
    response = client_for(cast, "editor").post(url, entry_form(cast.salon_count, 1, "9999999999999995"))
    assert "値が大きすぎます" in response.content.decode()
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)


def test_operations_refuse_a_stale_version(cast: Cast) -> None:
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(88)}, version=1).execute()
    with pytest.raises(StaleEdit) as refused:
        ChangeQuantity(cast.admin, cast.salon_count, {"value": Decimal(90)}, version=1).execute()
    assert (refused.value.yours, refused.value.stored) == ({"value": Decimal(90)}, {"value": Decimal(88)})
    with pytest.raises(StaleEdit):
        RemoveQuantity(cast.admin, cast.salon_count, version=1).execute()
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(88)


def test_entry_texts_refuse_a_stale_version(cast: Cast) -> None:
    ChangeEntryText(cast.editor, cast.salon_entry, {"narrative": "サロンを開催"}, version=1).execute()
    with pytest.raises(StaleEdit) as refused:
        ChangeEntryText(cast.admin, cast.salon_entry, {"narrative": "交流会を開催"}, version=1).execute()
    assert "あなたの値 交流会を開催 ／ 現在の値 サロンを開催" in refused.value.message_ja
    entry = ProjectEntry.objects.get(pk=cast.salon_entry.pk)
    assert (entry.narrative, entry.version) == ("サロンを開催", 2)


def test_the_second_of_two_kpi_editors_is_refused_with_both_values(cast: Cast) -> None:
    sheet = KpiSheet.objects.create(organisation=cast.city, project_name="見守り事業", fiscal_year=2025)
    kpi = Kpi.objects.create(
        sheet=sheet, name="訪問件数", target_value=Decimal(100), actual_value=Decimal(120)
    )
    url = reverse("lifecycle:kpi_edit", args=[kpi.pk])
    first = client_for(cast, "city_admin")
    form = {"target_value": "100", "printed_rate": "", "reason": "", "version": 1}
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert first.post(url, {**form, "actual_value": "130"}).status_code == 302
    response = client_for(cast, "city_admin").post(url, {**form, "actual_value": "125"})
    assert "実績: あなたの値 125 ／ 現在の値 130" in response.content.decode()
    kpi.refresh_from_db()
    assert (kpi.actual_value, kpi.version) == (Decimal(130), 2)


def test_a_kpi_figure_outside_the_range_is_refused(cast: Cast) -> None:
    sheet = KpiSheet.objects.create(organisation=cast.city, project_name="見守り事業", fiscal_year=2025)
    kpi = Kpi.objects.create(sheet=sheet, name="訪問件数", target_value=Decimal(100))
    url = reverse("lifecycle:kpi_edit", args=[kpi.pk])
    form = {
        "target_value": "1000000000000",
        "actual_value": "",
        "printed_rate": "",
        "reason": "",
        "version": 1,
    }
    response = client_for(cast, "city_admin").post(url, form)
    assert "値が大きすぎます" in response.content.decode()
    kpi.refresh_from_db()
    assert kpi.target_value == Decimal(100)
