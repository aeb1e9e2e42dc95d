"""The export formats, in one small registry: name → (writer, media type, file suffix)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sasaeai.core.errors import SasaeaiError

from .evaluation_sheet import IndicatorSheet
from .report_sheet import ReportSheet

Sheet = TypeVar("Sheet")


@dataclass(frozen=True)
class ExportFormat(Generic[Sheet]):
    name: str
    media_type: str
    suffix: str
    write: Callable[[Sheet], bytes]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


def report_pdf(sheet: ReportSheet) -> bytes:
    from .pdf import render_pdf

    return render_pdf("sasaeai_exports/report_pdf.html", {"sheet": sheet})


def report_xlsx(sheet: ReportSheet) -> bytes:
    from .report_xlsx import report_xlsx as write

    return write(sheet)


REPORT_FORMATS: dict[str, ExportFormat[ReportSheet]] = {
    "xlsx": ExportFormat("xlsx", XLSX_TYPE, ".xlsx", report_xlsx),
    "pdf": ExportFormat("pdf", PDF_TYPE, ".pdf", report_pdf),
}


def choose(formats: dict[str, ExportFormat[Sheet]], name: str) -> ExportFormat[Sheet]:
    try:
        return formats[name.lower()]
    except KeyError:
        known = ", ".join(formats)
        raise SasaeaiError(
            f"Unknown export format {name!r}; choose one of {known}.",
            f"出力形式 {name} には対応していません（{known} のいずれか）。",
        ) from None


def evaluation_pdf(sheet: IndicatorSheet) -> bytes:
    from .pdf import render_pdf

    return render_pdf("sasaeai_exports/evaluation_pdf.html", {"sheet": sheet})


def evaluation_xlsx(sheet: IndicatorSheet) -> bytes:
    from .evaluation_xlsx import evaluation_xlsx as write

    return write(sheet)


EVALUATION_FORMATS: dict[str, ExportFormat[IndicatorSheet]] = {
    "xlsx": ExportFormat("xlsx", XLSX_TYPE, ".xlsx", evaluation_xlsx),
    "pdf": ExportFormat("pdf", PDF_TYPE, ".pdf", evaluation_pdf),
}
