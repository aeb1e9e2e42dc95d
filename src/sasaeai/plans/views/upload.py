"""The plan upload: read a plan file, show its tree and the reader's warnings, then store it on confirmation.

As on the report upload, the file's bytes wait in the session between the
preview and the confirmation, so that what is stored is the file that was
previewed; storing goes through the same ``PlanImport`` as
``sasaeai import-plan`` (one transaction, the same checks).  Anything the
reader did not place is corrected afterwards in the editor.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.core import SasaeaiError
from sasaeai.front.forms import UploadedReport
from sasaeai.front.views.access import guarded
from sasaeai.people.models import Organisation
from sasaeai.plans.forms import PlanUploadForm
from sasaeai.plans.models import PlanKind
from sasaeai.plans.services.plan_import import PlanImport

from .access import own_organisation

PENDING = "sasaeai_pending_plan"
COUNT_WORDS = (
    ("goals", "基本目標"),
    ("policies", "施策"),
    ("approaches", "取組方針"),
    ("items", "取組項目"),
    ("indicators", "評価指標"),
    ("indicator_parts", "指標の内訳"),
)


def _keep(request: HttpRequest, upload: UploadedReport, kind: str) -> str:
    token = hashlib.sha256(upload.data).hexdigest()
    request.session[PENDING] = {
        "token": token,
        "name": upload.name,
        "kind": kind,
        "data": base64.b64encode(upload.data).decode("ascii"),
    }
    return token


def _pending(request: HttpRequest, token: str) -> tuple[UploadedReport, str] | None:
    kept = request.session.get(PENDING)
    if not kept or kept.get("token") != token:
        return None
    return UploadedReport(name=kept["name"], data=base64.b64decode(kept["data"])), kept["kind"]


def _importer(
    request: HttpRequest, organisation: Organisation, upload: UploadedReport, kind: str
) -> PlanImport:
    return PlanImport(request.user, upload.data, upload.name, organisation.name, kind)


def _preview(request: HttpRequest, importer: PlanImport, token: str) -> HttpResponse:
    plan = importer.plan_dict
    assert plan is not None
    context: dict[str, Any] = {
        "plan": plan,
        "title": importer.title(),
        "period": importer.period(),
        "period_given": bool(plan.get("period")),
        "name": importer.name,
        "kind": PlanKind(importer.kind).label,
        "organisation": importer.organisation,
        "counts": [(word, plan["counts"][key]) for key, word in COUNT_WORDS],
        "warnings": plan.get("warnings") or [],
        "stored_already": importer.existing,
        "token": token,
        "nav": "overview",
    }
    return render(request, "sasaeai_plans/upload_preview.html", context)


@guarded
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST with a file: the preview. POST with a token: store the previewed file."""
    organisation = own_organisation(request)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, organisation, request.POST["token"])
    initial = {"kind": PlanKind.CITY if organisation.kind == "city" else PlanKind.COUNCIL}
    form = PlanUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        uploaded: UploadedReport = form.cleaned_data["file"]
        importer = _importer(request, organisation, uploaded, form.cleaned_data["kind"])
        try:
            importer.check()
        except SasaeaiError as error:  # the reader's and the operation's refusals alike
            form.add_error("file", error.message_ja)
        else:
            return _preview(request, importer, _keep(request, uploaded, importer.kind))
    context = {"form": form, "organisation": organisation, "nav": "overview"}
    return render(request, "sasaeai_plans/upload.html", context)


def _confirm(request: HttpRequest, organisation: Organisation, token: str) -> HttpResponse:
    pending = _pending(request, token)
    if pending is None:
        messages.error(request, "確認中のファイルが見つかりません。もう一度ファイルを選んでください。")
        return redirect("plans:upload")
    uploaded, kind = pending
    try:
        plan, changed = _importer(request, organisation, uploaded, kind).execute()
    except SasaeaiError as error:
        messages.error(request, error.message_ja)
        return redirect("plans:upload")
    del request.session[PENDING]
    if changed:
        messages.success(
            request, f"「{plan.title}」を取り込みました。読み取れなかった箇所はこの画面で直してください。"
        )
    else:
        messages.success(request, "このファイルは取込済みです。変更はありません。")
    return redirect("plans:editor", pk=plan.pk)
