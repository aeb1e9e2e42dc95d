"""Reminders: kept in the app and e-mailed once each — opened, due soon, overdue, returned, approved —
through ``sasaeai send-reminders``; each person may switch e-mail off."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from sasaeai.cli import main
from sasaeai.notices.models import NoticePreference, Notification
from sasaeai.notices.services import send_reminders
from sasaeai.reports.models import Report
from sasaeai.reports.services.workflow import ApprovePart, ReturnPart, SubmitPart

from .base import Cast, assert_contains, client_for

DUE = date(2026, 4, 30)


@pytest.fixture
def opened(cast: Cast) -> Cast:
    """The draft opened with a due date; the editors have addresses."""
    Report.objects.filter(pk=cast.draft.pk).update(due_on=DUE)
    for user in (cast.editor, cast.other_editor):
        user.email = f"{user.username}@example.jp"
        user.save()
    return cast


def _kinds(cast: Cast) -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("user__username", "kind"))


def test_send_reminders_twice_sends_each_reminder_once(
    opened: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["send-reminders", "--today", "2026-04-28"]) == 0
    first = len(mail.outbox)
    assert first == 4  # opened and due soon, for each department's editor
    assert "4 new notifications, 4 e-mails sent." in capsys.readouterr().out
    assert main(["send-reminders", "--today", "2026-04-28"]) == 0
    assert len(mail.outbox) == first
    assert "0 new notifications, 0 e-mails sent." in capsys.readouterr().out


def test_a_period_opening_is_announced_and_due_soon_waits_for_its_day(opened: Cast) -> None:
    send_reminders(date(2026, 4, 1))
    assert _kinds(opened) == [("soumu-tantou", "opened"), ("tantou", "opened")]
    assert "提出期限は令和8年4月30日（2026年4月30日）です。" in mail.outbox[0].body
    send_reminders(date(2026, 4, 27))
    assert len(mail.outbox) == 4


def test_overdue_is_told_once_to_the_departments_not_submitted(opened: Cast) -> None:
    SubmitPart(opened.editor, opened.draft.parts.get(department=opened.welfare)).execute()
    send_reminders(date(2026, 5, 1))
    send_reminders(date(2026, 5, 2))
    assert _kinds(opened) == [("soumu-tantou", "overdue")]
    assert (
        mail.outbox[0].subject == "[支えあい] 令和7年度（2025年度） 第4四半期 総務課: 提出期限を過ぎています"
    )


def test_a_return_and_an_approval_are_told_at_once_from_the_pages(opened: Cast) -> None:
    part = SubmitPart(opened.editor, opened.draft.parts.get(department=opened.welfare)).execute()
    client_for(opened, "approver").post(reverse("part_return", args=[part.pk]), {"reason": "単位が違います"})
    returned = Notification.objects.get(user=opened.editor, kind="returned")
    assert "理由: 単位が違います" in returned.body
    part = SubmitPart(opened.editor, part).execute()
    client_for(opened, "approver").post(reverse("part_approve", args=[part.pk]))
    assert Notification.objects.filter(user=opened.editor, kind="approved").count() == 1
    send_reminders()
    assert Notification.objects.filter(user=opened.editor, kind__in=("returned", "approved")).count() == 2


def test_an_approval_by_the_service_is_caught_by_the_next_run(opened: Cast) -> None:
    part = SubmitPart(opened.editor, opened.draft.parts.get(department=opened.welfare)).execute()
    ApprovePart(opened.approver, part).execute()
    send_reminders(date(2026, 4, 1))
    assert ("tantou", "approved") in _kinds(opened)


def test_a_person_who_switched_email_off_is_listed_but_not_mailed(opened: Cast) -> None:
    editor = client_for(opened, "editor")
    editor.post(reverse("notice_settings"), {})  # the box left unticked
    assert NoticePreference.objects.get(user=opened.editor).email_reminders is False
    send_reminders(date(2026, 4, 1))
    assert [message.to for message in mail.outbox] == [["soumu-tantou@example.jp"]]
    page = editor.get(reverse("notice_list"))
    assert_contains(page, "報告の受付開始")


def test_the_switch_is_kept_in_the_trail_and_can_be_turned_back_on(opened: Cast) -> None:
    editor = client_for(opened, "editor")
    editor.post(reverse("notice_settings"), {})
    editor.post(reverse("notice_settings"), {"email_reminders": "on"})
    assert NoticePreference.objects.get(user=opened.editor).email_reminders is True


def test_a_returned_part_is_not_announced_twice_after_a_second_return(opened: Cast) -> None:
    part = SubmitPart(opened.editor, opened.draft.parts.get(department=opened.welfare)).execute()
    ReturnPart(opened.approver, part, "一度目").execute()
    send_reminders(date(2026, 4, 1))
    send_reminders(date(2026, 4, 1))
    part = ReturnPart(opened.approver, SubmitPart(opened.editor, part).execute(), "二度目").execute()
    send_reminders(date(2026, 4, 1))
    bodies = list(
        Notification.objects.filter(user=opened.editor, kind="returned").values_list("body", flat=True)
    )
    assert sorted(b.split("\n")[0] for b in bodies) == [
        "差し戻されました。理由: 一度目",
        "差し戻されました。理由: 二度目",
    ]


def test_a_bad_date_is_one_sentence_and_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["send-reminders", "--today", "2026-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2026-13-01" in err


def test_send_reminders_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["send-reminders", "--help"])
    assert done.value.code == 0
    assert "usage: sasaeai send-reminders" in capsys.readouterr().out


def test_opening_a_period_on_the_web_tells_the_departments_at_once(opened: Cast) -> None:
    response = client_for(opened, "admin").post(
        reverse("period_open"), {"fiscal_year": "令和8年度", "period": "Q1", "due_on": "2099-07-15"}
    )
    assert response.status_code == 302
    report = Report.objects.get(organisation=opened.council, fiscal_year=2026, period="Q1")
    told = Notification.objects.filter(report=report, kind="opened")
    assert sorted(told.values_list("user__username", flat=True)) == ["soumu-tantou", "tantou"]
    assert any("令和81年7月15日（2099年7月15日）" in message.body for message in mail.outbox)
