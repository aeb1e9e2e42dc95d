"""The life-cycle upload page: a mid-term review and a KPI sheet through the same imports as the commands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..web.base import Cast, client_for

pytestmark = pytest.mark.django_db


def test_secretariat_uploads_a_review_and_a_sheet_through_the_same_imports(cast: Cast, seed):
    from sasaeai.lifecycle.models import KpiSheet, PlanRevision

    client = client_for(cast, "admin")
    url = reverse("lifecycle:upload")
    for kind, prefix in (("revisions", "002"), ("kpi", "004")):
        with seed(prefix).open("rb") as handle:
            assert client.post(url, {"kind": kind, "file": handle}).status_code == 302
    assert (PlanRevision.objects.count(), KpiSheet.objects.count()) == (1, 1)
    assert PlanRevision.objects.get().new_projects.count() == 6
    with seed("002").open("rb") as handle:
        page = client.post(url, {"kind": "revisions", "file": handle}, follow=True).content.decode()
    assert "取込済み" in page and PlanRevision.objects.count() == 1
    with seed("000").open("rb") as handle:
        page = client.post(url, {"kind": "kpi", "file": handle}, follow=True).content.decode()
    assert "達成率の表が見つかりません" in page
    with seed("002").open("rb") as handle:
        assert client_for(cast, "editor").post(url, {"kind": "revisions", "file": handle}).status_code == 403
