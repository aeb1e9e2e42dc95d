"""The upload page: read a report file, show what would be stored, let the editor correct it, then save.

The file's bytes wait in the session between the preview and the confirmation,
so that the confirmation stores exactly the file that was previewed.  Saving
goes through the same ``ReportImport`` as ``sasaeai import-report``: one
transaction, the same permission and lock checks.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.front.forms import CorrectionForm, UploadedReport, UploadForm, error_summary
from sasaeai.front.views.access import guarded, require
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.models import Role
from sasaeai.reports.services.projects import ProjectIndex
from sasaeai.reports.services.report_import import ReportImport

PENDING = "sasaeai_pending_upload"


def _may_upload(request: HttpRequest) -> bool:
    return permissions.role_of(request.user) in (Role.ADMIN, Role.EDITOR)


def _keep(request: HttpRequest, upload: UploadedReport, year: int | None, period: str | None) -> str:
    token = hashlib.sha256(upload.data).hexdigest()
    request.session[PENDING] = {
        "token": token,
        "name": upload.name,
        "data": base64.b64encode(upload.data).decode("ascii"),
        "fiscal_year": year,
        "period": period,
    }
    return token


def _pending(request: HttpRequest, token: str) -> ReportImport | None:
    """The import of the file that was previewed, with the year and period given with it."""
    kept = request.session.get(PENDING)
    if not kept or kept.get("token") != token:
        return None
    data = base64.b64decode(kept["data"])
    return ReportImport(
        request.user, data, kept["name"], fiscal_year=kept.get("fiscal_year"), period=kept.get("period")
    )


def _preview(request: HttpRequest, importer: ReportImport, form: CorrectionForm, token: str) -> HttpResponse:
    document = importer.read()
    assert importer.organisation is not None
    known = ProjectIndex(importer.organisation)  # read once: a file of many rows stays quick to preview
    new_projects = [e.name for e in document.projects if known.find(e.name) is None]
    context: dict[str, Any] = {
        "document": document,
        "form": form,
        "errors": error_summary(form) if form.is_bound else [],
        "token": token,
        "organisation": importer.organisation,
        "stored_already": importer.is_stored_already(),
        "replaces": importer.existing if importer.existing and not importer.is_stored_already() else None,
        "new_projects": new_projects,
        "quantity_count": sum(len(e.current) + len(e.comparison) for e in document.projects),
        "nav": "upload",
    }
    return render(request, "sasaeai/upload_preview.html", context)


@guarded
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST with a file: the preview. POST with a token: store the corrected document."""
    require(request, _may_upload(request))
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, request.POST["token"])
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded: UploadedReport = form.cleaned_data["file"]
        year, period = form.year_and_period()
        importer = ReportImport(request.user, uploaded.data, uploaded.name, fiscal_year=year, period=period)
        try:
            importer.check()
        except OperationRefused as error:
            form.add_error("file", error.message_ja)
        except Exception as error:  # the reader's own errors carry message_ja
            if not hasattr(error, "message_ja"):
                raise
            form.add_error("file", error.message_ja)
        else:
            token = _keep(request, uploaded, year, period)
            return _preview(request, importer, CorrectionForm(importer.read()), token)
    return render(request, "sasaeai/upload.html", {"form": form, "nav": "upload"})


def _confirm(request: HttpRequest, token: str) -> HttpResponse:
    importer = _pending(request, token)
    if importer is None:
        messages.error(request, "確認中のファイルが見つかりません。もう一度ファイルを選んでください。")
        return redirect("upload")
    try:
        importer.check()
        form = CorrectionForm(importer.read(), request.POST)
        if not form.is_valid():  # the preview again, its error summary first
            return _preview(request, importer, form, token)
        importer.document = form.corrected()
        result = importer.execute()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
        return redirect("upload")
    del request.session[PENDING]
    if result.changed:
        messages.success(
            request,
            f"取り込みました: 事業 {result.projects} 件（新規 {len(result.new_projects)} 件）、実績 {result.quantities} 件。",
        )
    else:
        messages.success(request, "このファイルは取込済みです。変更はありません。")
    assert result.report is not None
    return redirect("report_detail", pk=result.report.pk)
