"""A report's way draft → submitted → approved → published, returns, reopening, and audited figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from sasaeai.audit.models import AuditEntry
from sasaeai.operations import OperationRefused
from sasaeai.plans.services.comments import PostComment
from sasaeai.reports.models import ReportStatus
from sasaeai.reports.services.entries import ChangeEntryText, OpenEntry
from sasaeai.reports.services.figures import AddQuantity, ChangeQuantity, RemoveQuantity
from sasaeai.reports.services.workflow import (
    ApproveReport,
    PublishReport,
    ReopenReport,
    ReturnReport,
    SubmitReport,
)

from .base import Cast


def _history(subject) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    kind = ContentType.objects.get_for_model(subject)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=str(subject.pk)).order_by("id")
    return [(e.user.username if e.user else "", e.field, e.old, e.new) for e in entries]


def test_report_goes_from_draft_to_published(cast: Cast) -> None:
    SubmitReport(cast.editor, cast.draft).execute()
    ApproveReport(cast.approver, cast.draft).execute()
    report = PublishReport(cast.admin, cast.draft).execute()
    assert report.status == ReportStatus.PUBLISHED
    assert _history(report) == [
        ("tantou", "status", "draft", "submitted"),
        ("kachou", "status", "submitted", "approved"),
        ("jimukyoku", "status", "approved", "published"),
    ]


def test_returns_draft_with_reason(cast: Cast) -> None:
    SubmitReport(cast.editor, cast.draft).execute()
    report = ReturnReport(cast.approver, cast.draft, "登録数の時点を確認してください").execute()
    assert report.status == ReportStatus.DRAFT
    assert report.returned_reason == "登録数の時点を確認してください"
    assert _history(report)[-1] == ("kachou", "status", "submitted", "draft")
    # Submitting again clears the reason.
    assert SubmitReport(cast.editor, report).execute().returned_reason == ""


def test_return_without_reason_is_refused(cast: Cast) -> None:
    SubmitReport(cast.editor, cast.draft).execute()
    with pytest.raises(OperationRefused) as refused:
        ReturnReport(cast.approver, cast.draft, "  ").execute()
    assert refused.value.message_ja == "差戻しの理由を入力してください。"
    cast.draft.refresh_from_db()
    assert cast.draft.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize("who", ["editor", "committee", "public"])
def test_only_approver_or_admin_approves(cast: Cast, who: str) -> None:
    SubmitReport(cast.editor, cast.draft).execute()
    with pytest.raises(OperationRefused):
        ApproveReport(cast.users()[who], cast.draft).execute()


def test_cannot_approve_a_draft(cast: Cast) -> None:
    with pytest.raises(OperationRefused) as refused:
        ApproveReport(cast.admin, cast.draft).check()
    assert "draft" in str(refused.value)


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


def test_approved_figures_are_locked_until_admin_reopens(cast: Cast) -> None:
    SubmitReport(cast.editor, cast.draft).execute()
    ApproveReport(cast.approver, cast.draft).execute()
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
    assert PostComment(cast.admin, cast.goal, 2025, "目標全体として概ね順調").execute().goal == cast.goal


@pytest.mark.parametrize("who", ["editor", "approver", "public"])
def test_only_committee_and_secretariat_comment(cast: Cast, who: str) -> None:
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
    SubmitReport(cast.editor, cast.draft).execute()
    with pytest.raises(OperationRefused):
        OpenEntry(cast.editor, cast.salon, 2025, "Q4").execute()
    with pytest.raises(OperationRefused):
        ChangeEntryText(cast.editor, cast.salon_entry, {"narrative": "変更"}).execute()
    with pytest.raises(OperationRefused):
        OpenEntry(cast.admin, cast.salon, 2026, "Q5").execute()
