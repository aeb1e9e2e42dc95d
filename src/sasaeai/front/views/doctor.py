"""データの点検: the secretariat's list of its organisation's data problems, and the mending of each."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sasaeai.doctor import ERROR, SEVERITY_JA, AddMissingParts, MendFigure, ResolveLinks, findings
from sasaeai.front.forms import MendFigureForm
from sasaeai.front.views.access import guarded, require
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.roles import organisation_ids


def _managed(request: HttpRequest) -> list[int]:
    require(request, permissions.is_secretariat(request.user))
    return sorted(organisation_ids(request.user) or [])


@guarded
def doctor(request: HttpRequest) -> HttpResponse:
    found = findings(_managed(request))
    context = {
        "findings": [(finding, SEVERITY_JA[finding.severity]) for finding in found],
        "errors": sum(finding.severity == ERROR for finding in found),
        "form": MendFigureForm(),
        "nav": "doctor",
    }
    return render(request, "sasaeai/doctor.html", context)


@guarded
@require_POST
def mend(request: HttpRequest) -> HttpResponse:
    _managed(request)
    action = request.POST.get("action", "")
    try:
        if action == "figure":
            form = MendFigureForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for message in errors:
                        messages.error(request, str(message))
                return redirect("doctor")
            data = form.cleaned_data
            MendFigure(
                request.user, data["model"], data["field"], data["pk"], data["value"], data["reason"]
            ).execute()
            messages.success(request, "値を直しました。")
        elif action == "resolve_links":
            resolved = ResolveLinks(request.user, _number(request, "organisation")).execute()
            messages.success(request, f"{resolved}件の紐付けを事業につなぎました。")
        elif action == "ensure_parts":
            added = AddMissingParts(request.user, _number(request, "report")).execute()
            messages.success(request, f"担当課の提出単位を{added}件作りました。")
        else:
            messages.error(request, "その直し方はありません。")
    except OperationRefused as error:
        messages.error(request, error.message_ja)
    return redirect("doctor")


def _number(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdecimal() else 0
