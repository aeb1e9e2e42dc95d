"""Pages and downloads of the outputs: report files, the indicator sheet, open data.

Views fetch through permissions, hand the records to a writer and return the
bytes; the writers and the query layer are the same ones the commands use.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from sasaeai.core.errors import SasaeaiError
from sasaeai.people import permissions
from sasaeai.plans.models import Plan
from sasaeai.reports.models import Report
from sasaeai.site.page_cache import public_page

from .formats import EVALUATION_FORMATS, REPORT_FORMATS, ExportFormat, choose
from .opendata import clean_rows, csv_chunks, json_chunks
from .opendata_export import DATASETS, dataset_rows
from .queries import indicator_sheet, report_sheet


def _attachment(data: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _format(formats: dict[str, ExportFormat], name: str) -> ExportFormat:  # type: ignore[type-arg]
    try:
        return choose(formats, name)
    except SasaeaiError:
        raise Http404("対応していない出力形式です。") from None


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as xlsx or PDF in the council's layout (drafts only for staff and committee)."""
    export = _format(REPORT_FORMATS, fmt)
    report = get_object_or_404(Report.objects.select_related("organisation"), pk=pk)
    if not permissions.can_view_report(request.user, report):
        raise Http404("公開されていない報告です。")
    filename = f"report-{report.fiscal_year}-{report.period}{export.suffix}"
    return _attachment(export.write(report_sheet(report)), export.media_type, filename)


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdecimal() and 1900 < int(value) < 2200 else None


@public_page
def indicator_sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    """評価指標の進捗状況: the committee's sheet, graded from the reports the visitor may read."""
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)
    year = _year(request)
    if request.GET.get("print"):  # the sheet alone, A4 landscape, for the browser's print (never a preview)
        return render(
            request,
            "sasaeai_exports/indicator_sheet_print.html",
            {"sheet": indicator_sheet(request.user, plan, year), "plan": plan, "year": year},
        )
    can_preview = permissions.can_preview_unapproved(request.user, plan.organisation)
    preview = can_preview and request.GET.get("preview") == "1"
    sheet = indicator_sheet(request.user, plan, year, preview=preview)
    years = Report.objects.visible_to(request.user).values_list("fiscal_year", flat=True).distinct()
    context = {
        "sheet": sheet,
        "plan": plan,
        "year": year,
        "years": sorted(set(years), reverse=True),
        "interactive": True,  # links to the indicators and the numbers behind each grade (not in the PDF)
        "preview": preview,
        "can_preview": can_preview,
        "nav": "overview",
    }
    return render(request, "sasaeai_exports/indicator_sheet.html", context)


def indicator_sheet_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    export = _format(EVALUATION_FORMATS, fmt)
    plan = get_object_or_404(Plan, pk=pk)
    year = _year(request)
    sheet = indicator_sheet(request.user, plan, year)
    filename = f"indicator-sheet-{plan.pk}{f'-{year}' if year else ''}{export.suffix}"
    return _attachment(export.write(sheet), export.media_type, filename)


def opendata_page(request: HttpRequest) -> HttpResponse:
    """オープンデータ: what is published, each dataset's columns, and the files."""
    return render(request, "sasaeai_exports/opendata.html", {"datasets": DATASETS, "nav": "opendata"})


def opendata_file(request: HttpRequest, name: str, fmt: str) -> StreamingHttpResponse:
    """One dataset as CSV (UTF-8 with BOM) or JSON, always as the public sees it, streamed a row at a time."""
    dataset = next((d for d in DATASETS if d.name == name), None)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404("そのデータセットはありません。")
    rows = clean_rows(dataset, dataset_rows(dataset, AnonymousUser()))
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(dataset, rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(json_chunks(dataset, rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
