"""Public pages drawn once per change of the data (sasaeai/site/page_cache.py), never older than the data."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from cachalot.settings import cachalot_settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sasaeai.evaluation.services.stored import recompute
from sasaeai.people.models import Department, Role
from sasaeai.plans.models import Plan
from sasaeai.reports.models import PartStatus, Report, ReportPart, ReportStatus

from .base import PASSWORD, login_request, make_user
from .test_query_counts import build_city, evaluation_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> dict[str, Any]:
    """A city and its council; each report has a department's part (the report page lists its progress)."""
    built = build_city(1)
    department = Department.objects.create(organisation=built["council"], name="地域福祉課")
    for report in Report.objects.filter(organisation=built["council"]):
        ReportPart.objects.create(report=report, department=department, status=PartStatus.APPROVED)
    recompute()
    return built


def _pages(city: dict[str, Any]) -> dict[str, str]:
    report = Report.objects.filter(status=ReportStatus.PUBLISHED).order_by("fiscal_year").last()
    assert report is not None
    return {
        **evaluation_pages(city),
        "reports": reverse("report_list"),
        "report": reverse("report_detail", args=[report.pk]),
    }


def _visit(client: Client, url: str) -> tuple[str, int, str]:
    """The page's text, the queries it cost and its Content-Security-Policy header."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries), response["Content-Security-Policy"]


def _nonces(text: str) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', text))


def test_a_page_asked_again_by_the_public_is_served_without_a_query_and_reads_the_same(
    city: dict[str, Any],
) -> None:
    for name, url in _pages(city).items():
        first, drawn, _ = _visit(Client(), url)
        again, queries, _ = _visit(Client(), url)
        assert drawn > 0, name
        assert queries == 0, name
        nonce = re.compile(r'nonce="[^"]+"')
        assert nonce.sub("", again) == nonce.sub("", first), name


def test_each_answer_from_the_cache_has_its_own_nonce_and_the_header_names_it(city: dict[str, Any]) -> None:
    url = reverse("exports:indicator_sheet", args=[city["plan"].pk])  # its <style> carries the nonce
    first, _, first_header = _visit(Client(), url)
    again, queries, header = _visit(Client(), url)
    assert queries == 0
    assert _nonces(first) and _nonces(again)
    assert _nonces(first).isdisjoint(_nonces(again))
    (nonce,) = _nonces(again)
    assert f"'nonce-{nonce}'" in header
    assert f"'nonce-{nonce}'" not in first_header


def test_a_write_the_orm_makes_without_signals_shows_on_the_next_visit(city: dict[str, Any]) -> None:
    url = reverse("plan_tree", args=[city["plan"].pk])
    _visit(Client(), url)
    Plan.objects.filter(pk=city["plan"].pk).update(title="改めた計画名")
    text, queries, _ = _visit(Client(), url)
    assert "改めた計画名" in text
    assert queries > 0


def test_a_report_published_shows_in_the_public_list_at_once(city: dict[str, Any]) -> None:
    url = reverse("report_list")
    before, _, _ = _visit(Client(), url)
    approved = Report.objects.get(status=ReportStatus.APPROVED)
    detail = reverse("report_detail", args=[approved.pk])
    assert detail not in before
    approved.status = ReportStatus.PUBLISHED
    approved.save()
    after, _, _ = _visit(Client(), url)
    assert detail in after


def test_a_signed_in_visitor_never_gets_the_public_page(city: dict[str, Any]) -> None:
    url = reverse("overview")
    public, _, _ = _visit(Client(), url)
    user = make_user("iin-cache", Role.COMMITTEE)
    client = Client()
    assert client.login(request=login_request(), username=user.username, password=PASSWORD)
    signed_in, queries, _ = _visit(client, url)
    assert "ログアウト" in signed_in and "ログアウト" not in public
    assert queries > 0


def test_a_visitor_with_a_message_waiting_gets_a_page_drawn_for_them(city: dict[str, Any]) -> None:
    url = reverse("overview")
    _visit(Client(), url)
    client = Client()
    client.cookies["messages"] = "waiting"
    _, queries, _ = _visit(client, url)
    assert queries > 0


def test_a_page_is_drawn_again_on_a_new_day(city: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    url = reverse("overview")
    _visit(Client(), url)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr("sasaeai.site.page_cache.timezone.localdate", lambda: tomorrow)
    _, queries, _ = _visit(Client(), url)
    assert queries > 0


@pytest.mark.django_db(
    transaction=True
)  # committed writes: their record is in the cache, not the transaction's
def test_a_lost_record_of_a_write_never_brings_back_the_page_drawn_before_it(city: dict[str, Any]) -> None:
    url = reverse("plan_tree", args=[city["plan"].pk])
    _visit(Client(), url)
    Plan.objects.filter(pk=city["plan"].pk).update(title="改めた計画名")
    # The cache of files culls entries when full: the record of the plans table's last write is gone.
    key = cachalot_settings.CACHALOT_TABLE_KEYGEN(DEFAULT_DB_ALIAS, Plan._meta.db_table)
    caches[cachalot_settings.CACHALOT_CACHE].delete(key)
    text, _, _ = _visit(Client(), url)
    assert "改めた計画名" in text


def test_a_refused_page_is_not_kept(city: dict[str, Any]) -> None:
    draft = Report.objects.create(organisation=city["council"], fiscal_year=2026, period="Q1")
    url = reverse("report_detail", args=[draft.pk])
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 404
        assert len(queries) > 0


def test_a_new_name_of_the_person_who_approved_shows_on_the_public_report_page(city: dict[str, Any]) -> None:
    approver = make_user("kachou-cache", Role.APPROVER)
    report = Report.objects.filter(status=ReportStatus.PUBLISHED).order_by("fiscal_year").last()
    assert report is not None
    report.parts.update(approved_by=approver)
    url = reverse("report_detail", args=[report.pk])
    before, _, _ = _visit(Client(), url)
    assert "kachou-cache" in before
    type(approver).objects.filter(pk=approver.pk).update(first_name="改名後")
    text, _, _ = _visit(Client(), url)
    assert "改名後" in text
