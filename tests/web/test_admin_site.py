"""The Django admin site is the operator's, under the same locks and the same audit trail as the pages.

Reproduces what was found on main: a secretariat account (a superuser then) changed another organisation's KPI
budget on the admin site without an audit row, and the admin site edited the figures of approved reports.
"""

from __future__ import annotations

from django.test import Client

from sasaeai.audit.models import AuditEntry
from sasaeai.reports.models import PartStatus, ProjectEntry, Report, ReportStatus

from .base import Cast


def _operator(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.operator)
    return client


def test_the_secretariat_does_not_get_into_the_admin_site(cast: Cast, client: Client) -> None:
    client.force_login(cast.admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_operator_may_not_change_or_delete_an_entry_of_a_submitted_part(cast: Cast) -> None:
    draft_page = _operator(cast).get(f"/admin/reports/projectentry/{cast.salon_entry.pk}/change/")
    assert 'name="_save"' in draft_page.content.decode()  # while the part is open, it is editable
    cast.draft.parts.filter(department=cast.welfare).update(status=PartStatus.SUBMITTED)
    client = _operator(cast)
    entry = f"/admin/reports/projectentry/{cast.salon_entry.pk}"
    page = client.get(f"{entry}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # a read-only view
    assert client.post(f"{entry}/delete/", {"post": "yes"}).status_code == 403
    assert ProjectEntry.objects.filter(pk=cast.salon_entry.pk).exists()


def test_an_approved_report_cannot_be_deleted_on_the_admin_site(cast: Cast) -> None:
    client = _operator(cast)
    published = f"/admin/reports/report/{cast.published.pk}"
    assert client.post(f"{published}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [cast.published.pk], "post": "yes"}
    client.post("/admin/reports/report/", bulk)
    assert Report.objects.filter(pk=cast.published.pk, status=ReportStatus.PUBLISHED).exists()


def test_changes_on_the_admin_site_are_audited(cast: Cast) -> None:
    client = _operator(cast)
    data = {
        "name": "架空市社協",
        "kind": "council",
        "departments-TOTAL_FORMS": "0",
        "departments-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/people/organisation/{cast.council.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    row = AuditEntry.objects.get(field="name")
    assert (row.actor, row.old, row.new, row.reason) == (
        "unyou",
        "架空市社会福祉協議会",
        "架空市社協",
        "admin site",
    )


def test_a_draft_entry_deleted_on_the_admin_site_leaves_an_audit_row(cast: Cast) -> None:
    client = _operator(cast)
    response = client.post(f"/admin/reports/projectentry/{cast.newsletter_entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(field="deleted", old__contains="社協だより発行業務").exists()
