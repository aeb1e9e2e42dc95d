"""The approver's queue and the steps of a report's way: each department part is submitted, approved or
returned; the secretariat publishes or reopens the report, or deletes a draft.

Every step asks before it acts: the report page opens a dialog (site.js); without
JavaScript the same button leads (GET) to a confirmation page whose form posts
the step.  A POST does the step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sasaeai.front.forms import ReasonForm, ReturnForm
from sasaeai.front.views.access import guarded, part_to_act_on, report_to_read, require
from sasaeai.notices.services import deliver_for_report
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.reports.models import PartStatus, Report, ReportPart
from sasaeai.reports.services.deletion import DeleteDraftReport
from sasaeai.reports.services.workflow import (
    ApprovePart,
    PublishReport,
    ReopenReport,
    ReturnPart,
    SubmitPart,
)

DONE = {
    SubmitPart: "提出しました。課長の承認を待っています。",
    ApprovePart: "承認しました。この担当課の実績は確定され、変更できなくなりました。",
    ReturnPart: "差し戻しました。担当課に理由が表示されます。",
    PublishReport: "公開しました。ログインしていない方も見ることができます。",
    ReopenReport: "再開しました。各担当課が実績を修正できます（変更は履歴に残ります）。",
}


@dataclass(frozen=True)
class Confirmation:
    """確認: what a step's dialog and confirmation page say, and whether they ask for a reason."""

    title: str
    text: str
    button: str
    reason: str = ""  # "" (none), "optional" or "required"
    danger: bool = False


CONFIRMATIONS = {
    "submit": Confirmation(
        "提出しますか", "提出すると、課長が承認するか差し戻すまで実績と文章は変更できません。", "提出する"
    ),
    "approve": Confirmation(
        "承認しますか",
        "承認すると、この担当課の実績は確定され、変更には事務局の再開が必要になります。",
        "承認する",
    ),
    "return": Confirmation(
        "差し戻しますか",
        "担当課に理由とともに差し戻します。担当課は修正して再び提出できます。",
        "差し戻す",
        reason="required",
    ),
    "publish": Confirmation(
        "公開しますか",
        "公開すると、ログインしていない方を含め誰でもこの報告を見ることができます。",
        "公開する",
    ),
    "reopen": Confirmation(
        "再開しますか",
        "すべての担当課の分が作成中に戻り、確定した実績を修正できるようになります。公開中の報告は非公開になります。",
        "再開する",
        reason="required",
        danger=True,
    ),
    "delete": Confirmation(
        "作成中の報告を削除しますか",
        "この報告と、入力されたすべての事業の実績・文章を削除します。削除は履歴に残り、元に戻せません。",
        "削除する",
        reason="optional",
        danger=True,
    ),
}


def confirm_page(
    request: HttpRequest, step: str, subject: str, report: Report, form: Any = None
) -> HttpResponse:
    """The confirmation page of a step, for browsers without JavaScript (and for a missing reason)."""
    context = {
        "confirmation": CONFIRMATIONS[step],
        "subject": subject,
        "report": report,
        "action": request.path,
        "form": form or ReasonForm(),
        "nav": "reports",
    }
    return render(request, "sasaeai/workflow_confirm.html", context)


@guarded
def approval_queue(request: HttpRequest) -> HttpResponse:
    """Submitted department parts the person may approve or return."""
    require(request, permissions.role_of(request.user) in ("admin", "approver"))
    visible = Report.objects.visible_to(request.user)
    submitted = ReportPart.objects.filter(status=PartStatus.SUBMITTED, report__in=visible).select_related(
        "report__organisation", "department", "submitted_by"
    )
    waiting = [part for part in submitted if permissions.can_return(request.user, part)]
    for part in waiting:
        part.may_approve = permissions.can_approve(request.user, part)  # type: ignore[attr-defined]
    context = {"parts": waiting, "form": ReturnForm(), "nav": "queue", "confirmations": CONFIRMATIONS}
    return render(request, "sasaeai/approval_queue.html", context)


def _run(request: HttpRequest, operation: Any, report: Report) -> HttpResponse:
    """Refuse with 403 what the person may never do; say why a step that may be done failed this time."""
    try:
        operation.check()
    except OperationRefused as error:
        if not request.user.is_authenticated:
            require(request, False)
        messages.error(request, error.message_ja)
        return redirect("report_detail", pk=report.pk)
    try:
        operation.execute()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
    else:
        messages.success(request, DONE[type(operation)])
        deliver_for_report(report)
    return redirect("report_detail", pk=report.pk)


def _part_name(part: ReportPart) -> str:
    return f"{part.department or '事務局'}の報告"


def _part_step(request: HttpRequest, pk: int, step: Any, name: str, allowed: Any) -> HttpResponse:
    part = part_to_act_on(request, pk)
    require(request, allowed(request.user, part) or _refusal_is_telling(request, part))
    if request.method == "GET":
        return confirm_page(request, name, _part_name(part), part.report)
    return _run(request, step(request.user, part), part.report)


def _refusal_is_telling(request: HttpRequest, part: ReportPart) -> bool:
    """An approver who submitted the part themselves learns why they may not approve it, instead of a bare 403."""
    return permissions.submitted_it(request.user, part) and permissions.approves_for(request.user, part)


@guarded
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_step(request, pk, SubmitPart, "submit", permissions.can_submit)


@guarded
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_step(request, pk, ApprovePart, "approve", permissions.can_approve)


@guarded
@require_http_methods(["GET", "POST"])
def return_part(request: HttpRequest, pk: int) -> HttpResponse:
    part = part_to_act_on(request, pk)
    require(request, permissions.can_return(request.user, part))
    if request.method == "GET":
        return confirm_page(request, "return", _part_name(part), part.report, ReturnForm())
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return confirm_page(request, "return", _part_name(part), part.report, form)
    return _run(request, ReturnPart(request.user, part, form.cleaned_data["reason"]), part.report)


@guarded
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    require(request, permissions.can_publish(request.user, report))
    if request.method == "GET":
        return confirm_page(request, "publish", "この報告", report)
    return _run(request, PublishReport(request.user, report), report)


def _posted_reason(request: HttpRequest, default: str) -> str:
    """The optional reason posted with a step, or ``default`` when none was given."""
    form = ReasonForm(request.POST)
    return (form.cleaned_data.get("reason") if form.is_valid() else "") or default


@guarded
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    require(request, permissions.can_reopen(request.user, report))
    if request.method == "GET":
        return confirm_page(request, "reopen", "この報告", report)
    return _run(request, ReopenReport(request.user, report, _posted_reason(request, "事務局が再開")), report)


@guarded
@require_http_methods(["GET", "POST"])
def delete_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft report goes, with its entries and figures (the secretariat's, asked first, kept in the trail)."""
    report = report_to_read(request, pk)
    require(request, permissions.can_delete_report(request.user, report))
    if request.method == "GET":
        return confirm_page(request, "delete", "この報告", report)
    reason = _posted_reason(request, "")
    try:
        DeleteDraftReport(request.user, report, reason).execute()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
        return redirect("report_detail", pk=report.pk)
    messages.success(request, "作成中の報告を削除しました。削除は変更履歴に残っています。")
    return redirect("report_list")
