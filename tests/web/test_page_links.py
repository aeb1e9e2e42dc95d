"""The pages lead to the outputs: downloads on the report page, the indicator sheet, open data and the life cycle."""

from __future__ import annotations

from django.urls import reverse


def test_report_page_offers_excel_and_pdf(client, cast):
    page = client.get(reverse("report_detail", args=[cast.published.pk])).content.decode()
    assert reverse("exports:report_download", args=[cast.published.pk, "xlsx"]) in page
    assert reverse("exports:report_download", args=[cast.published.pk, "pdf"]) in page


def test_menu_shows_open_data_to_everyone_and_the_life_cycle_to_staff(client, cast):
    public = client.get(reverse("overview")).content.decode()
    assert reverse("exports:opendata") in public
    assert reverse("lifecycle:overview") not in public
    client.force_login(cast.committee)
    assert reverse("lifecycle:overview") in client.get(reverse("overview")).content.decode()
