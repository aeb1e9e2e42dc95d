"""データの点検: `sasaeai doctor` and the secretariat's page list every data problem and mend them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from sasaeai.audit.models import AuditEntry
from sasaeai.cli import main
from sasaeai.doctor import ERROR, MendFigure, findings
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.operations import OperationRefused
from sasaeai.reports.models import Project, ProjectEntry, Quantity, ReportPart

from .base import Cast, client_for, database_snapshot
from .test_figure_range import _write_by_sql

pytestmark = pytest.mark.django_db


def _kinds(organisation_id: int | None = None) -> list[tuple[str, str]]:
    scope = None if organisation_id is None else [organisation_id]
    return [(f.kind, f.where) for f in findings(scope)]


def test_a_clean_database_has_no_finding_and_doctor_exits_0(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    assert findings() == []
    assert main(["doctor"]) == 0
    assert "0 to mend, 0 to look at." in capsys.readouterr().out


def test_a_figure_written_by_sql_outside_the_range_is_listed(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    if not _write_by_sql("reports_quantity", "value", cast.salon_count.pk):
        return  # PostgreSQL's numeric(15, 3) cannot hold the row: _write_by_sql has asserted the refusal
    assert _kinds() == [("unreadable_figure", "2025年度 Q4 「ふれあいサロン事業」の実績「登録数」の値")]
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "[error] 架空市社会福祉協議会 2025年度 Q4 「ふれあいサロン事業」の実績「登録数」の値" in out
    assert f"/entries/{cast.salon_entry.pk}/" in out
    assert main(["doctor", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [f["kind"] for f in document["findings"]] == ["unreadable_figure"]
    assert main(["doctor", "--organisation", cast.city.name]) == 0  # not the city's


def test_the_secretariat_mends_an_unreadable_figure_on_the_page(cast: Cast) -> None:
    if not _write_by_sql("reports_quantity", "value", cast.salon_count.pk):
        return
    client = client_for(cast, "admin")
    page = client.get(reverse("doctor"))
    assert page.status_code == 200
    assert "値が扱える範囲（±999,999,999,999.999）を超えていて読み取れません" in page.content.decode()
    data = {"action": "figure", "model": "reports.Quantity", "field": "value", "pk": cast.salon_count.pk}
    refused = client.post(
        reverse("doctor_mend"), {**data, "value": "1e23", "reason": "桁の誤り"}, follow=True
    )
    assert "値が大きすぎます" in refused.content.decode()
    done = client.post(reverse("doctor_mend"), {**data, "value": "87", "reason": "桁の誤り"}, follow=True)
    assert "値を直しました。" in done.content.decode()
    quantity = Quantity.objects.get(pk=cast.salon_count.pk)
    assert (quantity.value, quantity.version) == (Decimal(87), 2)
    entry = AuditEntry.objects.get(field="value", new="87")
    assert (entry.old, entry.reason) == ("読み取れない値", "データの点検: 桁の誤り")
    assert findings() == []


def test_another_organisations_secretariat_cannot_see_or_mend_it(cast: Cast) -> None:
    if not _write_by_sql("reports_quantity", "value", cast.salon_count.pk):
        return
    page = client_for(cast, "city_admin").get(reverse("doctor"))
    assert "ふれあいサロン事業" not in page.content.decode()
    before = database_snapshot()
    with pytest.raises(OperationRefused):
        MendFigure(
            cast.city_admin, "reports.Quantity", "value", cast.salon_count.pk, Decimal(87), "x"
        ).execute()
    assert database_snapshot() == before


@pytest.mark.parametrize(
    "role, status", [("editor", 403), ("committee", 403), ("operator", 403), ("public", 302)]
)
def test_only_the_secretariat_opens_the_page(cast: Cast, role: str, status: int) -> None:
    assert client_for(cast, role).get(reverse("doctor")).status_code == status
    assert (
        client_for(cast, role).post(reverse("doctor_mend"), {"action": "resolve_links"}).status_code == status
    )


def test_a_readable_figure_is_not_mended_here(cast: Cast) -> None:
    with pytest.raises(OperationRefused, match="can be read"):
        MendFigure(cast.admin, "reports.Quantity", "value", cast.salon_count.pk, Decimal(88), "x").execute()


def test_a_link_that_could_resolve_is_listed_and_resolved(cast: Cast) -> None:
    newcomer = Project.objects.create(
        organisation=cast.council, name="こども食堂支援事業", department=cast.welfare
    )
    IndicatorLink.objects.create(
        part=cast.part, organisation=cast.council, names=[newcomer.name], unit="か所"
    )
    assert _kinds() == [("unresolved_link", "指標「ふれあいサロン数」の紐付け")]
    client = client_for(cast, "admin")
    organisation = cast.council.pk
    response = client.post(
        reverse("doctor_mend"), {"action": "resolve_links", "organisation": organisation}, follow=True
    )
    assert "1件の紐付けを事業につなぎました。" in response.content.decode()
    assert IndicatorLink.objects.filter(project=newcomer).exists()
    assert findings() == []


def test_a_link_waiting_for_a_report_is_only_to_look_at(cast: Cast) -> None:
    IndicatorLink.objects.create(
        part=cast.part, organisation=cast.council, names=["まだない事業"], unit="か所"
    )
    found = findings()
    assert [(f.kind, f.severity) for f in found] == [("pending_link", "warning")]


def test_an_entry_of_another_organisations_project_and_a_missing_part_are_listed(cast: Cast) -> None:
    stray = Project.objects.create(organisation=cast.city, name="市の事業")
    ProjectEntry.objects.create(report=cast.draft, project=stray, order=9, name_as_printed=stray.name)
    ReportPart.objects.filter(report=cast.draft, department=cast.general).delete()
    kinds = sorted(kind for kind, _ in _kinds())
    assert kinds == ["foreign_entry", "missing_part"]
    assert all(f.severity == ERROR for f in findings())
    client = client_for(cast, "admin")
    client.post(reverse("doctor_mend"), {"action": "ensure_parts", "report": cast.draft.pk})
    assert ReportPart.objects.filter(report=cast.draft, department=cast.general).exists()
    assert [kind for kind, _ in _kinds()] == ["foreign_entry"]
