"""A report's way draft → submitted → approved → published, returns, reopening, and audited figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from sasaeai.audit.models import AuditEntry
from sasaeai.operations import OperationRefused
from sasaeai.plans.services.comments import PostComment
from sasaeai.reports.models import PartStatus, Report, ReportPart, ReportStatus
from sasaeai.reports.services.entries import ChangeEntryText, OpenEntry
from sasaeai.reports.services.figures import AddQuantity, ChangeQuantity, RemoveQuantity
from sasaeai.reports.services.workflow import (
    ApprovePart,
    PublishReport,
    ReopenReport,
    ReturnPart,
    SubmitPart,
)

from .base import Cast


def _history(subject) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    kind = ContentType.objects.get_for_model(subject)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=str(subject.pk)).order_by("id")
    return [(e.user.username if e.user else "", e.field, e.old, e.new) for e in entries]


def _parts(cast: Cast) -> tuple[ReportPart, ReportPart]:
    """The draft report's parts: 地域福祉課 (the salon) and 総務課 (the newsletter)."""
    return (
        cast.draft.parts.get(department=cast.welfare),
        cast.draft.parts.get(department=cast.general),
    )


def _status(cast: Cast) -> str:
    return Report.objects.get(pk=cast.draft.pk).status


def test_report_goes_from_draft_to_published_department_by_department(cast: Cast) -> None:
    welfare, general = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    assert _status(cast) == ReportStatus.DRAFT  # 総務課 has not submitted yet
    SubmitPart(cast.other_editor, general).execute()
    assert _status(cast) == ReportStatus.SUBMITTED
    ApprovePart(cast.approver, welfare).execute()
    assert _status(cast) == ReportStatus.SUBMITTED  # approved when every part is
    ApprovePart(cast.admin, general).execute()
    assert _status(cast) == ReportStatus.APPROVED
    report = PublishReport(cast.admin, cast.draft).execute()
    assert report.status == ReportStatus.PUBLISHED
    assert _history(welfare) == [
        ("tantou", "status", "draft", "submitted"),
        ("kachou", "status", "submitted", "approved"),
    ]
    assert [h[1:] for h in _history(report)] == [
        ("status", "draft", "submitted"),
        ("status", "submitted", "approved"),
        ("status", "approved", "published"),
    ]


def test_an_editor_submits_only_their_departments_part(cast: Cast) -> None:
    welfare, general = _parts(cast)
    with pytest.raises(OperationRefused):
        SubmitPart(cast.editor, general).execute()
    SubmitPart(cast.editor, welfare).execute()
    general.refresh_from_db()
    assert general.status == PartStatus.DRAFT


def test_an_approver_approves_only_their_departments_part(cast: Cast) -> None:
    welfare, general = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    SubmitPart(cast.other_editor, general).execute()
    with pytest.raises(OperationRefused):
        ApprovePart(cast.approver, general).execute()
    general.refresh_from_db()
    assert general.status == PartStatus.SUBMITTED


def test_nobody_approves_what_they_submitted(cast: Cast) -> None:
    welfare, _ = _parts(cast)
    SubmitPart(cast.admin, welfare).execute()
    with pytest.raises(OperationRefused) as refused:
        ApprovePart(cast.admin, welfare).execute()
    assert refused.value.message_ja.startswith("自分で提出した報告は承認できません")
    ApprovePart(cast.approver, welfare).execute()  # someone else may


def test_returns_a_part_with_reason_and_the_department_submits_again(cast: Cast) -> None:
    welfare, _ = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    part = ReturnPart(cast.approver, welfare, "登録数の時点を確認してください").execute()
    assert (part.status, part.returned_reason) == (PartStatus.RETURNED, "登録数の時点を確認してください")
    assert _history(part)[-1] == ("kachou", "status", "submitted", "returned")
    # The returned part is open again: its figures change, and submitting clears the reason.
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(86)}, "時点を修正").execute()
    assert SubmitPart(cast.editor, part).execute().returned_reason == ""


def test_return_without_reason_is_refused(cast: Cast) -> None:
    welfare, _ = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    with pytest.raises(OperationRefused) as refused:
        ReturnPart(cast.approver, welfare, "  ").execute()
    assert refused.value.message_ja == "差戻しの理由を入力してください。"
    welfare.refresh_from_db()
    assert welfare.status == PartStatus.SUBMITTED


@pytest.mark.parametrize("who", ["editor", "committee", "public"])
def test_only_approver_or_admin_approves(cast: Cast, who: str) -> None:
    welfare, _ = _parts(cast)
    SubmitPart(cast.admin, welfare).execute()
    with pytest.raises(OperationRefused):
        ApprovePart(cast.users()[who], welfare).execute()


def test_cannot_approve_a_draft(cast: Cast) -> None:
    welfare, _ = _parts(cast)
    with pytest.raises(OperationRefused) as refused:
        ApprovePart(cast.admin, welfare).check()
    assert "draft" in str(refused.value)


def test_another_organisations_secretariat_neither_publishes_nor_reopens(cast: Cast) -> None:
    Report.objects.filter(pk=cast.draft.pk).update(status=ReportStatus.APPROVED)
    cast.draft.refresh_from_db()
    with pytest.raises(OperationRefused):
        PublishReport(cast.city_admin, cast.draft).execute()
    with pytest.raises(OperationRefused):
        ReopenReport(cast.city_admin, cast.published, "修正").execute()
    with pytest.raises(OperationRefused):
        ChangeQuantity(cast.city_admin, cast.salon_count, {"value": Decimal(1)}).execute()
    assert _status(cast) == ReportStatus.APPROVED


def test_editor_changes_own_figure_and_it_is_audited(cast: Cast) -> None:
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(88)}, "転記誤り").execute()
    cast.salon_count.refresh_from_db()
    assert cast.salon_count.value == 88
    entry = AuditEntry.objects.get(object_id=str(cast.salon_count.pk), field="value")
    assert (entry.user, entry.old, entry.new, entry.reason) == (cast.editor, "87", "88", "転記誤り")


def test_unchanged_figure_writes_no_audit(cast: Cast) -> None:
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(87), "unit": "箇所"}).execute()
    assert not AuditEntry.objects.exists()


def test_editor_cannot_touch_another_department(cast: Cast) -> None:
    quantity = cast.newsletter_entry.quantities.get()
    with pytest.raises(OperationRefused):
        ChangeQuantity(cast.editor, quantity, {"value": Decimal(1)}).execute()
    quantity.refresh_from_db()
    assert quantity.value == 347400


def test_submitted_figures_are_locked_for_the_department(cast: Cast) -> None:
    welfare, _ = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    with pytest.raises(OperationRefused):
        ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(90)}).execute()
    # the other department's figures stay open
    newsletter = cast.newsletter_entry.quantities.get()
    ChangeQuantity(cast.other_editor, newsletter, {"value": Decimal(347401)}, "転記誤り").execute()


def test_approved_figures_are_locked_until_admin_reopens(cast: Cast) -> None:
    welfare, general = _parts(cast)
    SubmitPart(cast.editor, welfare).execute()
    SubmitPart(cast.other_editor, general).execute()
    ApprovePart(cast.approver, welfare).execute()
    ApprovePart(cast.admin, general).execute()
    with pytest.raises(OperationRefused) as refused:
        ChangeQuantity(cast.admin, cast.salon_count, {"value": Decimal(90)}).execute()
    assert "reopen" in str(refused.value)
    with pytest.raises(OperationRefused):
        ReopenReport(cast.approver, cast.draft, "修正").execute()
    ReopenReport(cast.admin, cast.draft, "委員会の指摘で修正").execute()
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(90)}, "委員会の指摘").execute()
    cast.salon_count.refresh_from_db()
    assert cast.salon_count.value == 90
    assert [h[1:] for h in _history(cast.draft)][-1] == ("status", "approved", "draft")


def test_added_and_removed_figures_are_audited(cast: Cast) -> None:
    added = AddQuantity(cast.editor, cast.salon_entry, label="新規", value=Decimal(3), unit="箇所").execute()
    RemoveQuantity(cast.editor, added, "重複").execute()
    assert [(e.old, e.new) for e in AuditEntry.objects.order_by("id")] == [("", "3"), ("3", "")]
    assert cast.salon_entry.quantities.count() == 1


def test_committee_never_edits_figures(cast: Cast) -> None:
    with pytest.raises(OperationRefused):
        ChangeQuantity(cast.committee, cast.salon_count, {"value": Decimal(1)}).execute()


def test_committee_member_comments_on_an_indicator(cast: Cast) -> None:
    comment = PostComment(cast.committee, cast.indicator, 2025, "  サロンの新設が順調です。 ").execute()
    assert (comment.indicator, comment.fiscal_year, comment.text) == (
        cast.indicator,
        2025,
        "サロンの新設が順調です。",
    )
    assert PostComment(cast.city_admin, cast.goal, 2025, "目標全体として概ね順調").execute().goal == cast.goal


@pytest.mark.parametrize("who", ["editor", "approver", "public", "admin"])
def test_only_committee_and_the_plans_secretariat_comment(cast: Cast, who: str) -> None:
    """The council's secretariat (``admin``) does not write on the city's plan."""
    with pytest.raises(OperationRefused):
        PostComment(cast.users()[who], cast.approach, 2025, "意見").execute()


def test_empty_comment_is_refused(cast: Cast) -> None:
    with pytest.raises(OperationRefused) as refused:
        PostComment(cast.committee, cast.indicator, 2025, "   ").execute()
    assert refused.value.message_ja == "意見を入力してください。"


def test_editor_types_a_new_entry_into_a_new_draft_report(cast: Cast) -> None:
    entry = OpenEntry(cast.editor, cast.salon, 2026, "Q1").execute()
    assert (entry.report.fiscal_year, entry.report.period, entry.report.status) == (2026, "Q1", "draft")
    assert entry.report.comparison_fiscal_year == 2025
    assert OpenEntry(cast.editor, cast.salon, 2026, "Q1").execute() == entry  # opened again, not doubled
    ChangeEntryText(cast.editor, entry, {"narrative": "サロン交流会を開催"}, "入力").execute()
    entry.refresh_from_db()
    assert entry.narrative == "サロン交流会を開催"
    assert AuditEntry.objects.filter(field="narrative", new="サロン交流会を開催").exists()


def test_typed_entries_follow_departments_and_locks(cast: Cast) -> None:
    with pytest.raises(OperationRefused):
        OpenEntry(cast.editor, cast.newsletter, 2026, "Q1").execute()
    SubmitPart(cast.editor, _parts(cast)[0]).execute()
    with pytest.raises(OperationRefused):
        OpenEntry(cast.editor, cast.salon, 2025, "Q4").execute()
    with pytest.raises(OperationRefused):
        ChangeEntryText(cast.editor, cast.salon_entry, {"narrative": "変更"}).execute()
    with pytest.raises(OperationRefused):
        OpenEntry(cast.admin, cast.salon, 2026, "Q5").execute()
