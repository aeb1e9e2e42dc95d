"""Every role against every view: who may see and do what (DESIGN.md, "Who uses it").

Outcomes: ``ok`` (200, or a redirect to the page itself after a POST), ``login``
(a redirect to the login page), ``forbidden`` (403) and ``hidden`` (404: an
anonymous visitor must not learn that an unpublished report exists).  A
refused POST must leave the report's status as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sasaeai.reports.models import PartStatus, ReportStatus

from .base import Cast

ROLES = ("anonymous", "operator", "admin", "city_admin", "editor", "other_editor", "approver", "committee")


def _status(cast: Cast, status: str) -> None:
    cast.draft.status = status
    cast.draft.save()


def _part_submitted(cast: Cast) -> None:
    """The 地域福祉課 part submitted by its editor (so that nobody in the matrix approves their own)."""
    cast.draft.parts.filter(department=cast.welfare).update(
        status=PartStatus.SUBMITTED, submitted_by=cast.editor
    )


def _welfare_part(cast: Cast) -> int:
    return cast.draft.parts.get(department=cast.welfare).pk


@dataclass
class Case:
    name: str
    url: Callable[[Cast], str]
    expected: dict[str, str]
    method: str = "get"
    data: Callable[[Cast], dict[str, Any]] = lambda cast: {}
    before: Callable[[Cast], None] = lambda cast: None
    after_ok: str | None = None  # the draft report's status once the action has been done
    headings: tuple[str, ...] = field(default_factory=tuple)


def everyone(outcome: str = "ok", **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


# Pages of the council's staff: another organisation's secretariat may open them but finds nothing of the council's.
STAFF_ONLY = dict(
    anonymous="login",
    operator="forbidden",
    editor="forbidden",
    other_editor="forbidden",
    committee="forbidden",
)
OTHERS_HIDDEN = dict(anonymous="hidden", operator="hidden", city_admin="hidden", committee="hidden")
CASES = [
    Case("overview", lambda c: reverse("overview"), everyone(), headings=("計画と評価の概要",)),
    Case("plan_tree", lambda c: reverse("plan_tree", args=[c.plan.pk]), everyone(), headings=("基本目標1",)),
    Case(
        "indicator",
        lambda c: reverse("indicator_detail", args=[c.indicator.pk]),
        everyone(),
        headings=("基準値",),
    ),
    Case("report_list", lambda c: reverse("report_list"), everyone(), headings=("事業報告",)),
    Case(
        "draft_report",
        lambda c: reverse("report_detail", args=[c.draft.pk]),
        everyone(**OTHERS_HIDDEN),
        headings=("事業経過報告", "担当課ごとの提出と承認"),
    ),
    Case("published_report", lambda c: reverse("report_detail", args=[c.published.pk]), everyone()),
    Case(
        "project",
        lambda c: reverse("project_detail", args=[c.salon.pk]),
        everyone(),
        headings=("実績の推移",),
    ),
    Case(
        "own_entry_form",
        lambda c: reverse("entry_edit", args=[c.salon_entry.pk]),
        everyone("forbidden", anonymous="login", admin="ok", editor="ok"),
        headings=("実績",),
    ),
    Case(
        "other_entry_form",
        lambda c: reverse("entry_edit", args=[c.newsletter_entry.pk]),
        everyone("forbidden", anonymous="login", admin="ok", other_editor="ok"),
    ),
    Case(
        "entry_save",
        lambda c: reverse("entry_edit", args=[c.salon_entry.pk]),
        everyone("forbidden", anonymous="login", admin="ok", editor="ok"),
        method="post",
        data=lambda c: {
            "q-TOTAL_FORMS": "1",
            "q-INITIAL_FORMS": "1",
            "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "1000",
            "q-0-quantity_id": str(c.salon_count.pk),
            "q-0-label": "登録数",
            "q-0-value": "88",
            "q-0-unit": "箇所",
            "reason": "数え直し",
        },
    ),
    Case(
        "upload_form",
        lambda c: reverse("upload"),
        everyone("ok", anonymous="login", operator="forbidden", approver="forbidden", committee="forbidden"),
        headings=("報告の取込",),
    ),
    Case(
        "approval_queue",
        lambda c: reverse("approval_queue"),
        everyone("ok", **STAFF_ONLY),
        headings=("承認待ち",),
    ),
    Case(
        "submit",
        lambda c: reverse("part_submit", args=[_welfare_part(c)]),
        everyone("forbidden", **OTHERS_HIDDEN, admin="ok", editor="ok"),
        method="post",
        after_ok=ReportStatus.DRAFT,  # 総務課 has not submitted yet: the report stays a draft
    ),
    Case(
        "approve",
        lambda c: reverse("part_approve", args=[_welfare_part(c)]),
        everyone("forbidden", **OTHERS_HIDDEN, admin="ok", approver="ok"),
        method="post",
        before=_part_submitted,
    ),
    Case(
        "return",
        lambda c: reverse("part_return", args=[_welfare_part(c)]),
        everyone("forbidden", **OTHERS_HIDDEN, admin="ok", approver="ok"),
        method="post",
        data=lambda c: {"reason": "数値の根拠を添えてください。"},
        before=_part_submitted,
    ),
    Case(
        "publish",
        lambda c: reverse("report_publish", args=[c.draft.pk]),
        everyone("forbidden", anonymous="hidden", operator="hidden", admin="ok", city_admin="hidden"),
        method="post",
        before=lambda c: _status(c, ReportStatus.APPROVED),
        after_ok=ReportStatus.PUBLISHED,
    ),
    Case(
        "reopen",
        lambda c: reverse("report_reopen", args=[c.draft.pk]),
        everyone("forbidden", anonymous="login", admin="ok"),
        method="post",
        before=lambda c: _status(c, ReportStatus.PUBLISHED),
        after_ok=ReportStatus.DRAFT,
    ),
    Case(
        "comment",
        lambda c: reverse("comment_add", args=[c.indicator.pk]),
        everyone("forbidden", anonymous="login", city_admin="ok", committee="ok"),
        method="post",
        data=lambda c: {"fiscal_year": "令和7年度", "text": "サロンの担い手を増やしてください。"},
    ),
]


def _client(cast: Cast, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(cast.users()[role])
    return client


def _outcome(response: Any) -> str:
    if response.status_code == 302:
        return "login" if response["Location"].startswith("/accounts/login/") else "ok"
    return {200: "ok", 403: "forbidden", 404: "hidden"}.get(response.status_code, str(response.status_code))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_role_matrix(cast: Cast, case: Case, role: str) -> None:
    case.before(cast)
    status_before = type(cast.draft).objects.get(pk=cast.draft.pk).status
    client = _client(cast, role)
    response = getattr(client, case.method)(case.url(cast), case.data(cast))
    outcome = _outcome(response)
    assert outcome == case.expected[role], f"{case.name} as {role}: {response.status_code}"
    status_after = type(cast.draft).objects.get(pk=cast.draft.pk).status
    if case.after_ok is not None:
        assert status_after == (case.after_ok if outcome == "ok" else status_before)
    if outcome == "ok" and case.method == "get":
        for heading in case.headings:
            assert heading in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_of_the_department_and_admins_change_a_figure(cast: Cast, role: str) -> None:
    case = next(c for c in CASES if c.name == "entry_save")
    _client(cast, role).post(case.url(cast), case.data(cast))
    cast.salon_count.refresh_from_db()
    assert cast.salon_count.value == (88 if role in ("admin", "editor") else 87)


def test_approve_is_refused_to_whoever_submitted_the_part(cast: Cast) -> None:
    """Four eyes on the page too: the secretariat that submitted a part is told why it may not approve it."""
    client = _client(cast, "admin")
    part = _welfare_part(cast)
    client.post(reverse("part_submit", args=[part]))
    page = client.post(reverse("part_approve", args=[part]), follow=True).content.decode()
    assert "自分で提出した報告は承認できません" in page
    assert cast.draft.parts.get(pk=part).status == PartStatus.SUBMITTED
