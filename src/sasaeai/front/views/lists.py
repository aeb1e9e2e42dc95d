"""Search and filters on the lists of reports, projects and indicators (department, year, status, text),
a page of 20 at a time.

Each list has one small form; its ``filter`` narrows a QuerySet the access rules already gave, so that a
filter never shows what the person may not see.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from sasaeai.front.templatetags.wareki import wareki
from sasaeai.front.views.access import readable_reports
from sasaeai.people.models import Department
from sasaeai.plans.models import Indicator
from sasaeai.reports.models import Project, Report, ReportStatus

PER_PAGE = 20


class ListFilter(forms.Form):
    """絞り込み: the filters of a list; fields left empty do not narrow it."""

    q = forms.CharField(label="キーワード", required=False, max_length=100)
    department = forms.TypedChoiceField(label="担当課", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, departments: QuerySet[Department], years: list[int]) -> None:
        super().__init__(data)
        department = self.fields["department"]
        year = self.fields["year"]
        assert isinstance(department, forms.ChoiceField) and isinstance(year, forms.ChoiceField)
        department.choices = [("", "すべて")] + [
            (d.pk, f"{d.name}（{d.organisation}）") for d in departments.select_related("organisation")
        ]
        year.choices = [("", "すべて")] + [(y, wareki(y)) for y in years]

    def value(self, name: str) -> Any:
        """The cleaned value of a field; a value that is not one of the choices is no filter."""
        return self.cleaned_data.get(name) if self.is_valid() else None

    def query(self) -> str:
        """The filters as a query string (without the page), for the pages' links."""
        data = QueryDict(mutable=True)
        data.update({key: value for key, value in self.data.items() if key != "page" and value})
        return data.urlencode()


class ReportFilter(ListFilter):
    status = forms.ChoiceField(label="状態", required=False, choices=[("", "すべて"), *ReportStatus.choices])


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _departments(organisations: QuerySet[Any]) -> QuerySet[Department]:
    return Department.objects.filter(organisation__in=organisations).order_by("organisation__name", "name")


def filtered_reports(request: HttpRequest) -> tuple[ReportFilter, Page[Report]]:
    """The reports the person may read, narrowed by department (one with a part of it), year, status and text."""
    visible = readable_reports(request)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    form = ReportFilter(request.GET, _departments(visible.values("organisation")), years)
    reports = visible.select_related("organisation").order_by("-fiscal_year", "-period", "organisation__name")
    if form.value("department"):
        reports = reports.filter(parts__department=form.value("department"))
    if form.value("year"):
        reports = reports.filter(fiscal_year=form.value("year"))
    if form.value("status"):
        reports = reports.filter(status=form.value("status"))
    if form.value("q"):
        text = form.value("q")
        reports = reports.filter(
            Q(title__icontains=text)
            | Q(organisation__name__icontains=text)
            | Q(entries__project__name__icontains=text)
        )
    return form, _page(request, reports.distinct())


def project_list(request: HttpRequest) -> HttpResponse:
    """事業の一覧: by department, the year of a report the person may read that holds them, and text."""
    visible = readable_reports(request)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    form = ListFilter(request.GET, _departments(Project.objects.values("organisation")), years)
    projects = (
        Project.objects.select_related("organisation", "department")
        .annotate(reports=Count("entries__report", filter=Q(entries__report__in=visible), distinct=True))
        .order_by("organisation__name", "segment", "service", "number", "name")
    )
    if form.value("department"):
        projects = projects.filter(department=form.value("department"))
    if form.value("year"):
        projects = projects.filter(entries__report__in=visible.filter(fiscal_year=form.value("year")))
    if form.value("q"):
        text = form.value("q")
        projects = projects.filter(
            Q(name__icontains=text)
            | Q(segment__icontains=text)
            | Q(service__icontains=text)
            | Q(aliases__name__icontains=text)
        )
    context = {
        "form": form,
        "page": _page(request, projects.distinct()),
        "query": form.query(),
        "nav": "projects",
    }
    return render(request, "sasaeai/project_list.html", context)


def indicator_list(request: HttpRequest) -> HttpResponse:
    """評価指標の一覧: by the approach's department, a year inside the plan's period, and text."""
    plans_years = Indicator.objects.values_list(
        "approach__policy__goal__plan__start_year", "approach__policy__goal__plan__end_year"
    ).distinct()
    years = sorted({y for start, end in plans_years for y in range(start, end + 1)}, reverse=True)
    departments = Department.objects.filter(approaches__indicators__isnull=False).distinct()
    form = ListFilter(request.GET, departments.order_by("organisation__name", "name"), years)
    indicators = (
        Indicator.objects.select_related("approach__policy__goal__plan")
        .prefetch_related("parts")
        .in_plan_order()
    )
    if form.value("department"):
        indicators = indicators.filter(approach__departments=form.value("department"))
    if form.value("year"):
        year = form.value("year")
        indicators = indicators.filter(
            approach__policy__goal__plan__start_year__lte=year,
            approach__policy__goal__plan__end_year__gte=year,
        )
    if form.value("q"):
        text = form.value("q")
        indicators = indicators.filter(
            Q(name__icontains=text)
            | Q(approach__title__icontains=text)
            | Q(approach__policy__title__icontains=text)
        )
    context = {
        "form": form,
        "page": _page(request, indicators.distinct()),
        "query": form.query(),
        "nav": "indicators",
    }
    return render(request, "sasaeai/indicator_list.html", context)


__all__ = ["filtered_reports", "indicator_list", "project_list"]
