"""My tasks on the home page: what waits for each person, overdue first, with due dates in 令和 and 西暦."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sasaeai.front.views.tasks import tasks_for
from sasaeai.plans.models import Comment
from sasaeai.reports.models import Report, ReportPart, ReportStatus
from sasaeai.reports.services.workflow import ReturnPart, SubmitPart

from .base import Cast, assert_contains, assert_not_contains, client_for

TODAY = date(2026, 4, 20)


def _due(cast: Cast, day: date) -> None:
    Report.objects.filter(pk=cast.draft.pk).update(due_on=day)


def test_an_editor_is_asked_to_enter_their_departments_part(cast: Cast) -> None:
    _due(cast, date(2026, 4, 30))
    tasks = tasks_for(cast.editor, TODAY)
    assert [(t.action, t.subject, t.overdue) for t in tasks] == [
        ("実績を入力して提出", "令和7年度（2025年度） 第4四半期 ・ 地域福祉課", False)
    ]


def test_a_returned_part_names_the_reason(cast: Cast) -> None:
    part = SubmitPart(cast.editor, cast.draft.parts.get(department=cast.welfare)).execute()
    ReturnPart(cast.approver, part, "単位を確認してください").execute()
    (task,) = tasks_for(cast.editor, TODAY)
    assert (task.action, task.note, task.stage_label) == (
        "差戻しを直して再提出",
        "理由: 単位を確認してください",
        "差戻し",
    )


def test_the_approver_is_asked_to_approve_what_was_submitted(cast: Cast) -> None:
    assert tasks_for(cast.approver, TODAY) == []
    SubmitPart(cast.editor, cast.draft.parts.get(department=cast.welfare)).execute()
    assert [t.action for t in tasks_for(cast.approver, TODAY)] == ["確認して承認"]
    assert tasks_for(cast.editor, TODAY) == []


def test_overdue_tasks_come_first(cast: Cast) -> None:
    later = Report.objects.create(
        organisation=cast.council, fiscal_year=2026, period="Q1", due_on=date(2026, 7, 15)
    )
    later.parts.create(department=cast.welfare)
    _due(cast, date(2026, 4, 15))
    tasks = tasks_for(cast.editor, TODAY)
    assert [(t.subject.split(" ・ ")[0], t.overdue) for t in tasks] == [
        ("令和7年度（2025年度） 第4四半期", True),
        ("令和8年度（2026年度） 第1四半期", False),
    ]


def test_the_secretariat_is_asked_to_publish_an_approved_report(cast: Cast) -> None:
    Report.objects.filter(pk=cast.draft.pk).update(status=ReportStatus.APPROVED)
    assert [t.action for t in tasks_for(cast.admin, TODAY)] == ["公開"]


def test_a_committee_member_is_asked_to_comment_until_they_do(cast: Cast) -> None:
    (task,) = tasks_for(cast.committee, TODAY)
    assert task.action == "評価への意見を記入"
    Comment.objects.create(author=cast.committee, goal=cast.goal, fiscal_year=2024, text="意見")
    assert tasks_for(cast.committee, TODAY) == []


def test_the_home_page_lists_the_tasks_with_the_due_date_in_both_calendars(cast: Cast) -> None:
    _due(cast, date(2027, 1, 15))
    page = client_for(cast, "editor").get(reverse("overview"))
    assert_contains(page, "自分の作業")
    assert_contains(page, "実績を入力して提出")
    assert_contains(page, "令和9年1月15日（2027年1月15日）")


def test_a_visitor_has_no_tasks(cast: Cast) -> None:
    assert_not_contains(client_for(cast, "public").get(reverse("overview")), "自分の作業")


def test_the_editors_task_leads_to_the_departments_grid(cast: Cast) -> None:
    (task,) = tasks_for(cast.editor, TODAY)
    assert task.url == reverse("department_grid", args=[cast.draft.pk, cast.welfare.pk])


def test_the_editors_home_page_costs_the_same_queries_with_one_open_part_or_four(cast: Cast) -> None:
    client = client_for(cast, "editor")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("overview"))
    for year in (2019, 2020, 2021):  # three more draft reports with a part of the editor's department
        report = Report.objects.create(organisation=cast.council, fiscal_year=year, period="Q4")
        ReportPart.objects.create(report=report, department=cast.welfare)
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("overview"))
    assert page.content.decode().count("実績を入力して提出") == 4
    assert len(four) == len(one)
