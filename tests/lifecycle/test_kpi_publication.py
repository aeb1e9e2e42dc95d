"""A KPI sheet is its secretariat's working document until published; only then may the public read it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sasaeai.audit.models import AuditEntry
from sasaeai.lifecycle.services.kpi_import import KpiImport
from sasaeai.people.roles import COMMAND_LINE
from tests.conftest import seed_path

from ..web.base import Cast, client_for


@pytest.fixture
def sheet(cast: Cast):  # type: ignore[no-untyped-def]
    path = seed_path("004")
    return KpiImport(COMMAND_LINE, path.read_bytes(), path.name, organisation=cast.city.name).execute()[0]


@pytest.mark.parametrize("role", ["public", "committee", "admin", "operator"])
def test_an_unpublished_sheet_is_hidden_from_outside_its_organisation(cast: Cast, sheet, role: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast, role) if role != "operator" else _operator(cast)
    for name in ("lifecycle:kpi_sheet", "lifecycle:kpi_sheet_xlsx", "lifecycle:kpi_sheet_pdf"):
        assert client.get(reverse(name, args=[sheet.pk])).status_code == 404
    assert sheet.project_name not in client.get(reverse("lifecycle:kpi_sheets")).content.decode()


def _operator(cast: Cast):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(cast.operator)
    return client


def test_the_secretariat_publishes_and_then_everyone_reads_it(cast: Cast, sheet) -> None:  # type: ignore[no-untyped-def]
    secretariat = client_for(cast, "city_admin")
    assert secretariat.get(reverse("lifecycle:kpi_sheet", args=[sheet.pk])).status_code == 200
    assert (
        client_for(cast, "admin").post(reverse("lifecycle:kpi_sheet_publish", args=[sheet.pk])).status_code
        == 404
    )
    secretariat.post(reverse("lifecycle:kpi_sheet_publish", args=[sheet.pk]))
    assert client_for(cast, "public").get(reverse("lifecycle:kpi_sheet", args=[sheet.pk])).status_code == 200
    assert AuditEntry.objects.filter(field="published_at", actor="shi-jimukyoku").exists()
