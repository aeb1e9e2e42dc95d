"""Reports in the council's own columns, and one project's figures across reports."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sasaeai.front.views.access import project_to_read, readable_reports, report_to_read
from sasaeai.front.views.lists import filtered_reports
from sasaeai.front.views.workflow import CONFIRMATIONS
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import ProjectEntry, Quantity, Report, Side
from sasaeai.reports.services.workflow import parts_for
from sasaeai.reports.timeline import timeline_of
from sasaeai.site.page_cache import public_page

PERIOD_ORDER = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "FY": 5}


@public_page
def report_list(request: HttpRequest) -> HttpResponse:
    """The reports the person may read, filtered by department, year, status and text, 20 to a page."""
    form, page = filtered_reports(request)
    context = {
        "form": form,
        "page": page,
        "reports": page.object_list,
        "query": form.query(),
        "nav": "reports",
    }
    return render(request, "sasaeai/report_list.html", context)


def _report_steps(user: Actor, report: Report) -> dict[str, bool]:
    return {
        "publish": permissions.can_publish(user, report),
        "reopen": permissions.can_reopen(user, report),
        "delete": permissions.can_delete_report(user, report),
    }


@public_page
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_to_read(request, pk)
    entries = list(
        report.entries.select_related("project", "project__department").prefetch_related(
            Prefetch("quantities", queryset=Quantity.objects.in_report_order().with_stored_null())
        )
    )
    rows = []
    for entry in entries:
        quantities = list(entry.quantities.all())
        rows.append(
            {
                "entry": entry,
                "current": [q for q in quantities if q.side == Side.CURRENT],
                "comparison": [q for q in quantities if q.side == Side.COMPARISON],
                "editable": permissions.can_edit_entry(request.user, entry),
            }
        )
    steps = _report_steps(request.user, report)
    parts = list(parts_for(request.user, report))
    context = {
        "report": report,
        "rows": rows,
        "steps": steps,
        "parts": parts,
        # The confirmation dialog (and its CSRF token) only for a visitor with a step to confirm.
        "confirms": any(steps.values())
        or any(can["submit"] or can["approve"] or can["return"] for _, can in parts),
        "timeline": timeline_of(report) if permissions.can_view_unpublished(request.user) else [],
        "confirmations": CONFIRMATIONS,
        "nav": "reports",
    }
    return render(request, "sasaeai/report_detail.html", context)


@public_page
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's figures, one row per (label, unit), one column per report it appears in."""
    project = project_to_read(pk)
    visible = readable_reports(request).values_list("pk", flat=True)
    entries = list(
        ProjectEntry.objects.filter(project=project, report__in=visible)
        .select_related("report")
        .prefetch_related("quantities")
    )
    entries.sort(key=lambda e: (e.report.fiscal_year, PERIOD_ORDER.get(e.report.period, 9)))
    history: dict[tuple[str, str], dict[int, Quantity]] = defaultdict(dict)
    for entry in entries:
        for quantity in entry.quantities.all():
            if quantity.side == Side.CURRENT:
                history[(quantity.label, quantity.unit)].setdefault(entry.report_id, quantity)
    reports = [e.report for e in entries]
    rows = [
        {"label": label, "unit": unit, "cells": [cells.get(r.pk) for r in reports]}
        for (label, unit), cells in sorted(history.items(), key=lambda item: -len(item[1]))
    ]
    context = {"project": project, "reports": reports, "rows": rows, "entries": entries, "nav": "reports"}
    return render(request, "sasaeai/project_detail.html", context)
