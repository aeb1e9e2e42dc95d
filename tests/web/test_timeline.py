"""The workflow made visible: stages per department part, the return's reason where the editor works,
confirmation before each step, the report's timeline, and deleting a draft."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from sasaeai.audit.models import AuditEntry
from sasaeai.reports.models import PartStatus, Quantity, Report, ReportPart
from sasaeai.reports.services.periods import OpenPeriod
from sasaeai.reports.services.workflow import ApprovePart, PublishReport, ReturnPart, SubmitPart
from sasaeai.reports.stages import Stage, staged, with_figures

from .base import Cast, assert_contains, assert_not_contains, client_for


def _welfare(cast: Cast) -> ReportPart:
    return cast.draft.parts.get(department=cast.welfare)


def _stages(cast: Cast) -> dict[str, str]:
    parts = staged(with_figures(cast.draft.parts.select_related("report", "department")))
    return {str(part.department): part.stage for part in parts}  # type: ignore[attr-defined]


def test_a_draft_without_figures_is_not_started(cast: Cast) -> None:
    assert _stages(cast) == {"地域福祉課": Stage.DRAFT, "総務課": Stage.DRAFT}
    Quantity.objects.filter(entry=cast.newsletter_entry).delete()
    assert _stages(cast)["総務課"] == Stage.NOT_STARTED


def test_stages_follow_the_way_to_published(cast: Cast) -> None:
    part = SubmitPart(cast.editor, _welfare(cast)).execute()
    assert _stages(cast)["地域福祉課"] == Stage.SUBMITTED
    part = ReturnPart(cast.approver, part, "時点を書いてください").execute()
    assert _stages(cast)["地域福祉課"] == Stage.RETURNED
    ApprovePart(cast.approver, SubmitPart(cast.editor, part).execute()).execute()
    assert _stages(cast)["地域福祉課"] == Stage.APPROVED
    general = SubmitPart(cast.other_editor, cast.draft.parts.get(department=cast.general)).execute()
    ApprovePart(cast.admin, general).execute()
    PublishReport(cast.admin, Report.objects.get(pk=cast.draft.pk)).execute()
    assert set(_stages(cast).values()) == {Stage.PUBLISHED}


def test_the_editor_sees_the_return_and_its_reason_on_the_report_and_the_entry_form(cast: Cast) -> None:
    part = SubmitPart(cast.editor, _welfare(cast)).execute()
    ReturnPart(cast.approver, part, "登録数の時点を確認してください").execute()
    editor = client_for(cast, "editor")
    page = editor.get(reverse("report_detail", args=[cast.draft.pk]))
    assert_contains(page, '<span class="status status-returned">差戻し</span>')
    assert_contains(page, "差戻しの理由: 登録数の時点を確認してください")
    form = editor.get(reverse("entry_edit", args=[cast.salon_entry.pk]))
    assert_contains(form, "登録数の時点を確認してください")
    assert_contains(form, "<strong>差戻し</strong>")


def test_each_step_asks_first_without_javascript(cast: Cast) -> None:
    """The button leads to a confirmation page (GET changes nothing); its form posts the step."""
    editor = client_for(cast, "editor")
    url = reverse("part_submit", args=[_welfare(cast).pk])
    page = editor.get(url)
    assert_contains(page, "提出しますか")
    assert_contains(page, f'action="{url}"')
    assert _welfare(cast).status == PartStatus.DRAFT
    editor.post(url)
    assert _welfare(cast).status == PartStatus.SUBMITTED


def test_the_report_page_carries_the_dialog_and_the_confirming_buttons(cast: Cast) -> None:
    page = client_for(cast, "editor").get(reverse("report_detail", args=[cast.draft.pk]))
    assert_contains(page, '<dialog id="confirm-dialog"')
    assert_contains(page, 'data-confirm-title="提出しますか"')
    assert_not_contains(page, "<script>")  # CSP: the dialog is driven by site.js only


def test_a_return_without_reason_asks_again_and_changes_nothing(cast: Cast) -> None:
    part = SubmitPart(cast.editor, _welfare(cast)).execute()
    page = client_for(cast, "approver").post(reverse("part_return", args=[part.pk]), {"reason": "  "})
    assert_contains(page, "差戻しの理由を入力してください。")
    assert _welfare(cast).status == PartStatus.SUBMITTED


def test_the_timeline_says_who_did_what_when_and_why(cast: Cast) -> None:
    part = SubmitPart(cast.editor, _welfare(cast)).execute()
    ReturnPart(cast.approver, part, "根拠を添えてください").execute()
    page = client_for(cast, "admin").get(reverse("report_detail", args=[cast.draft.pk]))
    assert_contains(page, "経過")
    assert_contains(page, "地域福祉課: 提出")
    assert_contains(page, "地域福祉課: 差戻し")
    assert_contains(page, "理由: 根拠を添えてください")
    assert_contains(page, "kachou")


def test_the_public_sees_no_timeline(cast: Cast) -> None:
    page = client_for(cast, "public").get(reverse("report_detail", args=[cast.published.pk]))
    assert_not_contains(page, 'id="timeline-heading"')


def test_the_secretariat_deletes_a_draft_after_confirming_and_the_trail_keeps_it(cast: Cast) -> None:
    admin = client_for(cast, "admin")
    url = reverse("report_delete", args=[cast.draft.pk])
    assert_contains(admin.get(url), "作成中の報告を削除しますか")
    assert Report.objects.filter(pk=cast.draft.pk).exists()
    response = admin.post(url, {"reason": "期間を誤って開いた"})
    assert response.status_code == 302
    assert not Report.objects.filter(pk=cast.draft.pk).exists()
    kind = ContentType.objects.get_for_model(Report)
    trail = AuditEntry.objects.get(content_type=kind, object_id=str(cast.draft.pk), field="deleted")
    assert (trail.user, trail.reason) == (cast.admin, "期間を誤って開いた")
    assert "事業 2 件、実績 2 件" in trail.old


def test_a_submitted_part_keeps_the_report_from_deletion(cast: Cast) -> None:
    SubmitPart(cast.editor, _welfare(cast)).execute()
    response = client_for(cast, "admin").post(reverse("report_delete", args=[cast.draft.pk]))
    assert response.status_code == 403
    assert Report.objects.filter(pk=cast.draft.pk).exists()


def test_only_the_secretariat_deletes(cast: Cast) -> None:
    response = client_for(cast, "editor").post(reverse("report_delete", args=[cast.draft.pk]))
    assert response.status_code == 403
    assert Report.objects.filter(pk=cast.draft.pk).exists()


def test_the_timeline_begins_with_the_period_opened_and_its_due_date(cast: Cast) -> None:
    report = OpenPeriod(cast.admin, cast.council, 2026, "Q1", date(2026, 7, 15)).execute().report
    OpenPeriod(cast.admin, cast.council, 2026, "Q1", date(2026, 7, 31)).execute()
    page = client_for(cast, "admin").get(reverse("report_detail", args=[report.pk]))
    assert_contains(page, "報告全体: 期間の開始")
    assert_contains(page, "報告全体: 提出期限の設定")
