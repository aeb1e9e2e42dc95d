"""The approver's queue and the steps of a report's way: submit, approve, return, publish, reopen."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sasaeai.front.forms import ReturnForm
from sasaeai.front.views.access import guarded, report_to_read, require
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.reports.models import Report, ReportStatus
from sasaeai.reports.services.workflow import (
    ApproveReport,
    PublishReport,
    ReopenReport,
    ReturnReport,
    SubmitReport,
)

DONE = {
    SubmitReport: "提出しました。課長の承認を待っています。",
    ApproveReport: "承認しました。実績は確定され、変更できなくなりました。",
    ReturnReport: "差し戻しました。担当課に理由が表示されます。",
    PublishReport: "公開しました。ログインしていない方も見ることができます。",
    ReopenReport: "再開しました。実績を修正できます（変更は履歴に残ります）。",
}


@guarded
def approval_queue(request: HttpRequest) -> HttpResponse:
    """Submitted reports the person may approve or return."""
    require(request, permissions.role_of(request.user) in ("admin", "approver"))
    submitted = Report.objects.filter(status=ReportStatus.SUBMITTED).select_related("organisation")
    waiting = [r for r in submitted if permissions.can_approve(request.user, r)]
    context = {"reports": waiting, "form": ReturnForm(), "nav": "queue"}
    return render(request, "sasaeai/approval_queue.html", context)


def _step(request: HttpRequest, pk: int, action_class: Any, **kwargs: Any) -> HttpResponse:
    report = report_to_read(request, pk)
    action = action_class(request.user, report, **kwargs)
    try:
        action.check()
    except OperationRefused:
        require(request, False)
    try:
        action.execute()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
    else:
        messages.success(request, DONE[action_class])
    return redirect("report_detail", pk=report.pk)


@guarded
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, SubmitReport)


@guarded
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, ApproveReport)


@guarded
@require_POST
def return_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    require(request, permissions.can_return(request.user, report))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, str(error))
        return redirect("approval_queue")
    return _step(request, pk, ReturnReport, reason=form.cleaned_data["reason"])


@guarded
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, PublishReport)


@guarded
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, ReopenReport, reason="事務局が再開")
