"""Fetch what a page needs, asking permissions.py whether the person may have it.

Views call these instead of checking roles themselves: a missing object or one
the person may not see is a 404 (an anonymous visitor must not learn that a
draft exists); an action they may not take is a redirect to the login page
for anonymous visitors and a 403 for everyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from sasaeai.people import permissions
from sasaeai.plans.models import Indicator, Plan
from sasaeai.reports.models import Project, ProjectEntry, Report, ReportPart


class LoginRequired(Exception):
    """Raised where an anonymous visitor asks for a page that needs a login."""


def deny(request: HttpRequest) -> None:
    """Refuse: send anonymous visitors to log in, tell everyone else they may not."""
    if not request.user.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


def require(request: HttpRequest, allowed: bool) -> None:
    if not allowed:
        deny(request)


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn :class:`LoginRequired` into the login redirect."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def report_to_read(request: HttpRequest, pk: int) -> Report:
    report = get_object_or_404(Report.objects.select_related("organisation"), pk=pk)
    if not permissions.can_view_report(request.user, report):
        raise Http404("公開されていない報告です。")
    return report


def part_to_act_on(request: HttpRequest, pk: int) -> ReportPart:
    """A department part of a report the person may read (404 otherwise, as for the report)."""
    part = get_object_or_404(
        ReportPart.objects.select_related("report__organisation", "department", "submitted_by"), pk=pk
    )
    if not permissions.can_view_report(request.user, part.report):
        raise Http404("公開されていない報告です。")
    return part


def entry_to_edit(request: HttpRequest, pk: int) -> ProjectEntry:
    """A project's report entry the person may enter figures for (their department's, or any for admins)."""
    entry = get_object_or_404(
        ProjectEntry.objects.select_related("report", "project", "project__department"), pk=pk
    )
    require(request, permissions.can_edit_project(request.user, entry.project))
    return entry


def project_to_read(pk: int) -> Project:
    return get_object_or_404(Project.objects.select_related("department", "organisation"), pk=pk)


def plan_to_read(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)


def indicator_to_read(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("approach__policy__goal__plan"), pk=pk)


def readable_reports(request: HttpRequest) -> Any:
    return Report.objects.visible_to(request.user)
