"""The secretariat's status board (進行状況): its departments down, the periods across, each part's stage
and the due date, so that who is late is seen at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sasaeai.front.views.access import guarded, require
from sasaeai.people import permissions
from sasaeai.people.models import Department
from sasaeai.reports.models import Report, ReportPart
from sasaeai.reports.stages import is_overdue, staged, with_figures

COLUMNS = 6  # the latest periods shown; older ones are on the report list


@dataclass(frozen=True)
class Row:
    department: str
    cells: list[ReportPart | None]


def board_rows(reports: list[Report], today: date) -> list[Row]:
    """One row per department (the secretariat's own part last), one cell per report: its part or None.

    Each part is given ``stage`` and ``late``: still open after its report's due date.
    """
    query = ReportPart.objects.filter(report__in=reports).select_related("report", "department")
    by_department: dict[int | None, dict[int, ReportPart]] = {}
    for part in staged(with_figures(query)):
        part.late = part.is_open and is_overdue(part.report.due_on, today)  # type: ignore[attr-defined]
        by_department.setdefault(part.department_id, {})[part.report_id] = part
    names = dict(Department.objects.filter(pk__in=[k for k in by_department if k]).values_list("pk", "name"))
    order = sorted((k for k in by_department if k is not None), key=lambda k: names[k])
    if None in by_department:
        order.append(None)  # type: ignore[arg-type]
    return [
        Row(names.get(key, "事務局（担当課なし）"), [by_department[key].get(r.pk) for r in reports])
        for key in order
    ]


@guarded
def status_board(request: HttpRequest) -> HttpResponse:
    """The secretariat's own organisation's latest periods (another organisation's never)."""
    require(request, permissions.is_secretariat(request.user))
    organisations = permissions.organisation_ids(request.user) or set()
    reports = list(
        Report.objects.filter(organisation_id__in=organisations)
        .select_related("organisation")
        .newest_first()[:COLUMNS]
    )
    reports.reverse()
    today = timezone.localdate()
    columns = [{"report": r, "overdue": is_overdue(r.due_on, today)} for r in reports]
    context = {"columns": columns, "rows": board_rows(reports, today), "today": today, "nav": "board"}
    return render(request, "sasaeai/status_board.html", context)
