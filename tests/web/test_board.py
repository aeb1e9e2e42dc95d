"""The secretariat's status board: its departments × its periods, each part's stage and the due date."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from sasaeai.front.views.board import board_rows
from sasaeai.reports.models import Quantity, Report
from sasaeai.reports.services.workflow import ReturnPart, SubmitPart

from .base import Cast, assert_contains, assert_not_contains, client_for


def _cells(cast: Cast, today: date) -> dict[str, list[tuple[str, bool]]]:
    reports = [cast.published, Report.objects.get(pk=cast.draft.pk)]
    return {
        row.department: [(part.stage.label, part.late) if part else ("", False) for part in row.cells]  # type: ignore[attr-defined]
        for row in board_rows(reports, today)
    }


def test_rows_are_departments_and_cells_their_stage(cast: Cast) -> None:
    Quantity.objects.filter(entry=cast.newsletter_entry).delete()
    part = SubmitPart(cast.editor, cast.draft.parts.get(department=cast.welfare)).execute()
    ReturnPart(cast.approver, part, "理由").execute()
    assert _cells(cast, date(2026, 4, 1)) == {
        "地域福祉課": [("公開", False), ("差戻し", False)],
        "総務課": [("", False), ("未着手", False)],
    }


def test_an_open_part_after_the_due_date_is_late(cast: Cast) -> None:
    Report.objects.filter(pk=cast.draft.pk).update(due_on=date(2026, 4, 15))
    assert _cells(cast, date(2026, 4, 15))["総務課"][1] == ("作成中", False)
    assert _cells(cast, date(2026, 4, 16))["総務課"][1] == ("作成中", True)


def test_the_board_page_shows_the_due_date_in_both_calendars(cast: Cast) -> None:
    Report.objects.filter(pk=cast.draft.pk).update(due_on=date(2026, 4, 15))
    page = client_for(cast, "admin").get(reverse("status_board"))
    assert_contains(page, "進行状況")
    assert_contains(page, "令和8年4月15日（2026年4月15日）")
    assert_contains(page, "地域福祉課")


def test_another_organisations_secretariat_sees_none_of_the_councils_parts(cast: Cast) -> None:
    page = client_for(cast, "city_admin").get(reverse("status_board"))
    assert_not_contains(page, "地域福祉課")


def test_the_board_is_in_the_secretariats_menu_only(cast: Cast) -> None:
    assert_contains(client_for(cast, "admin").get(reverse("overview")), reverse("status_board"))
    assert_not_contains(client_for(cast, "editor").get(reverse("overview")), reverse("status_board"))
