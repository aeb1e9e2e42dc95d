"""The department's grid as a file: the xlsx template to fill in Excel, and its upload into the same period.

The upload goes through the same :class:`ReportImport` as the upload page and
``sasaeai import-report``, limited to the department's part: one transaction,
the same checks, and a refusal that names the rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sasaeai.core.errors import SasaeaiError
from sasaeai.exports.department_template import department_template
from sasaeai.front.forms import UploadForm
from sasaeai.front.views.access import guarded, report_to_read, require
from sasaeai.front.views.grid import grid_department, may_read_grid
from sasaeai.people import permissions
from sasaeai.reports.services.report_import import ReportImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@guarded
def department_template_download(request: HttpRequest, pk: int, department: int) -> HttpResponse:
    report = report_to_read(request, pk)
    dept = grid_department(report, department)
    require(request, may_read_grid(request, report, dept))
    response = HttpResponse(department_template(report, dept), content_type=XLSX)
    name = f"template-{report.fiscal_year}-{report.period}-{dept.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class TemplateUploadForm(UploadForm):
    """The filled template: its year and period are the grid's."""

    fiscal_year = None  # type: ignore[assignment]
    period = None  # type: ignore[assignment]


@guarded
@require_POST
def department_upload(request: HttpRequest, pk: int, department: int) -> HttpResponse:
    report = report_to_read(request, pk)
    dept = grid_department(report, department)
    require(request, permissions.may_enter_for(request.user, dept.pk, report.organisation_id))
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", ["ファイルを選んでください。"]):
            messages.error(request, str(error))
        return redirect("department_grid", pk=report.pk, department=dept.pk)
    upload = form.cleaned_data["file"]
    importer = ReportImport(
        request.user,
        upload.data,
        upload.name,
        report.organisation,
        fiscal_year=report.fiscal_year,
        period=report.period,
        departments=[dept.name],
    )
    try:
        document = importer.read()
        if (document.fiscal_year, document.period) != (report.fiscal_year, report.period):
            raise SasaeaiError(
                "The file is the report of another period.",
                f"このファイルは別の期間（{document.fiscal_year}年度 {document.period}）の報告です。"
                "この期間の様式をダウンロードして記入してください。",
            )
        result = importer.execute()
    except SasaeaiError as error:
        messages.error(request, f"取り込みませんでした: {error.message_ja}")
    else:
        if result.changed:
            messages.success(
                request,
                f"{upload.name} を取り込みました（事業 {result.projects} 件、実績 {result.quantities} 件）。",
            )
        else:
            messages.success(request, f"{upload.name} はすでに取り込み済みです。変更はありません。")
    return redirect("department_grid", pk=report.pk, department=dept.pk)
