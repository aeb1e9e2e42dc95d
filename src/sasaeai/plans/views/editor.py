"""The secretariat's plan pages: its plans, a new plan, the editor's tree, the plan's settings and history,
and the template workbook (empty, or filled with a stored plan)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.front.views.access import guarded
from sasaeai.operations import OperationRefused
from sasaeai.plans.export import empty_workbook, goals_of, plan_workbook
from sasaeai.plans.forms import PlanForm
from sasaeai.plans.models import Plan, PlanChange
from sasaeai.plans.services.changes import FIELD_NAMES
from sasaeai.plans.services.plan_edit import PLAN_FIELDS, ChangePlan, CreatePlan

from .access import own_organisation, plan_to_edit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HISTORY_PAGE = 100


def _refused(request: HttpRequest, form: Any, error: OperationRefused) -> None:
    form.add_error(None, error.message_ja)


@guarded
def manage(request: HttpRequest) -> HttpResponse:
    """The organisation's plans, with the ways in: a new plan, an upload, the empty template."""
    organisation = own_organisation(request)
    plans = Plan.objects.filter(organisation=organisation).order_by("-start_year", "kind")
    context = {"organisation": organisation, "plans": plans, "nav": "overview"}
    return render(request, "sasaeai_plans/manage.html", context)


@guarded
def plan_create(request: HttpRequest) -> HttpResponse:
    organisation = own_organisation(request)
    initial = {"kind": "city" if organisation.kind == "city" else "council"}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = CreatePlan(request.user, organisation, form.cleaned_data).execute()
        except OperationRefused as error:
            _refused(request, form, error)
        else:
            messages.success(request, f"「{plan.title}」を作りました。基本目標から入力してください。")
            return redirect("plans:editor", pk=plan.pk)
    context = {"form": form, "organisation": organisation, "nav": "overview"}
    return render(request, "sasaeai_plans/plan_form.html", context)


@guarded
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_to_edit(request, pk)
    context = {"plan": plan, "goals": goals_of(plan), "nav": "overview"}
    return render(request, "sasaeai_plans/editor.html", context)


@guarded
def plan_settings(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_to_edit(request, pk)
    initial = {name: getattr(plan, name) for name in PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ChangePlan(request.user, plan, form.cleaned_data, form.cleaned_data["reason"]).execute()
        except OperationRefused as error:
            _refused(request, form, error)
        else:
            messages.success(request, "計画名・種別・計画期間を保存しました。")
            return redirect("plans:editor", pk=plan.pk)
    context = {"form": form, "plan": plan, "organisation": plan.organisation, "nav": "overview"}
    return render(request, "sasaeai_plans/plan_form.html", context)


@guarded
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of the plan, newest first: who, when, where, what, old, new and why."""
    plan = plan_to_edit(request, pk)
    changes = plan.changes.select_related("entry").order_by("-entry__sequence")
    page = Paginator(changes, HISTORY_PAGE).get_page(request.GET.get("page"))
    rows = [_row(change) for change in page]
    context = {"plan": plan, "rows": rows, "page": page, "nav": "overview"}
    return render(request, "sasaeai_plans/history.html", context)


def _shown(field: str, value: str) -> str:
    """How the history shows a stored value: a stored order 0, 1, 2 … as the place 1番目, 2番目, 3番目 …."""
    if field == "order" and value.isdigit():
        return f"{int(value) + 1}番目"
    return value


def _row(change: PlanChange) -> dict[str, Any]:
    entry = change.entry
    return {
        "change": change,
        "entry": entry,
        "field": FIELD_NAMES.get(entry.field, entry.field),
        "old": _shown(entry.field, entry.old),
        "new": _shown(entry.field, entry.new),
    }


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_workbook(request: HttpRequest) -> HttpResponse:
    """The empty template: a blank form, for anyone."""
    return _xlsx(empty_workbook(), "plan-template.xlsx")


@guarded
def filled_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored plan as the template: to read or pass on in Excel, or to start another database with."""
    plan = plan_to_edit(request, pk)
    return _xlsx(plan_workbook(plan), f"plan-{plan.pk}.xlsx")
