"""評価文: the secretariat reads the drafts from the numbers, edits them and approves them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sasaeai.evaluation.services.texts import SaveEvaluationText, text_items
from sasaeai.front.forms import EvaluationTextForm
from sasaeai.front.views.access import guarded, plan_to_read, require
from sasaeai.front.views.plans import _report_years, _year
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.plans.models import Plan


def _may_write(request: HttpRequest, plan: Plan) -> None:
    user = request.user
    require(request, permissions.is_secretariat(user) and permissions.can_manage(user, plan.organisation))


@guarded
def evaluation_texts(request: HttpRequest, pk: int) -> HttpResponse:
    """Every approach's and indicator part's text for one year: the draft, the stored text and its state."""
    plan = plan_to_read(pk)
    _may_write(request, plan)
    year = _year(request)
    items = text_items(request.user, plan, year) if year else []
    context = {
        "plan": plan,
        "year": year,
        "years": _report_years(request),
        "items": items,
        "approved": sum(item.approved for item in items),
        "nav": "overview",
    }
    return render(request, "sasaeai/evaluation_texts.html", context)


@guarded
@require_POST
def evaluation_text_save(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = plan_to_read(pk)
    _may_write(request, plan)
    form = EvaluationTextForm(request.POST)
    anchor = ""
    if form.is_valid():
        data = form.cleaned_data
        anchor = f"#{data['key']}"
        approve = data["action"] == "approve"
        saving = SaveEvaluationText(
            request.user, plan, year, data["key"], data["text"], data["version"], approve
        )
        try:
            saving.execute()
        except OperationRefused as error:
            messages.error(request, error.message_ja)
        else:
            messages.success(request, "評価文を承認しました。" if approve else "評価文を保存しました。")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect(f"{reverse('evaluation_texts', args=[plan.pk])}?year={year}{anchor}")
