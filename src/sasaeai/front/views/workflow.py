"""The approver's queue and the steps of a report's way: each department part is submitted, approved or
returned; the secretariat publishes or reopens the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sasaeai.front.forms import ReasonForm, ReturnForm
from sasaeai.front.views.access import guarded, part_to_act_on, report_to_read, require
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.reports.models import PartStatus, Report, ReportPart
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
    context = {"parts": waiting, "form": ReturnForm(), "nav": "queue"}
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
    return redirect("report_detail", pk=report.pk)


def _part_step(request: HttpRequest, pk: int, step: Any, allowed: Any, **kwargs: Any) -> HttpResponse:
    part = part_to_act_on(request, pk)
    require(request, allowed(request.user, part) or _refusal_is_telling(request, part))
    return _run(request, step(request.user, part, **kwargs), part.report)


def _refusal_is_telling(request: HttpRequest, part: ReportPart) -> bool:
    """An approver who submitted the part themselves learns why they may not approve it, instead of a bare 403."""
    return permissions.submitted_it(request.user, part) and permissions.approves_for(request.user, part)


@guarded
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_step(request, pk, SubmitPart, permissions.can_submit)


@guarded
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_step(request, pk, ApprovePart, permissions.can_approve)


@guarded
@require_POST
def return_part(request: HttpRequest, pk: int) -> HttpResponse:
    part = part_to_act_on(request, pk)
    require(request, permissions.can_return(request.user, part))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, str(error))
        return redirect("report_detail", pk=part.report_id)
    return _run(request, ReturnPart(request.user, part, form.cleaned_data["reason"]), part.report)


@guarded
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    require(request, permissions.can_publish(request.user, report))
    return _run(request, PublishReport(request.user, report), report)


@guarded
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    require(request, permissions.can_reopen(request.user, report))
    form = ReasonForm(request.POST)
    reason = (form.cleaned_data.get("reason") if form.is_valid() else "") or "事務局が再開"
    return _run(request, ReopenReport(request.user, report, reason), report)
