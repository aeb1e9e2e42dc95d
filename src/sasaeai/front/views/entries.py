"""The data-entry form for one project's report: correct, add or remove its figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.front.forms import FieldError, QuantityFormSet, ReasonForm, error_summary
from sasaeai.front.views.access import entry_to_edit, guarded
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import ProjectEntry, Quantity, Side
from sasaeai.reports.services.figures import AddQuantity, ChangeQuantity, RemoveQuantity

FIELDS = ("label", "value", "unit", "qualifier", "as_of")


def _initial(quantities: list[Quantity]) -> list[dict[str, Any]]:
    return [
        {
            "quantity_id": q.pk,
            "label": q.label,
            "value": _plain(q.value),
            "unit": q.unit,
            "qualifier": q.qualifier,
            "as_of": q.as_of,
        }
        for q in quantities
    ]


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


@guarded
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_to_edit(request, pk)
    quantities = list(entry.quantities.filter(side=Side.CURRENT).order_by("order"))
    editable = permissions.can_edit_entry(request.user, entry)
    data = request.POST if request.method == "POST" and editable else None
    formset = QuantityFormSet(
        data, initial=_initial(quantities), prefix="q", subject=entry.project.name, locked=not editable
    )
    reason = ReasonForm(data)
    if data is not None and formset.is_valid() and reason.is_valid():
        try:
            changed = _save(request.user, entry, quantities, formset, reason.cleaned_data["reason"])
        except OperationRefused as error:
            messages.error(request, error.message_ja)
        else:
            messages.success(request, f"実績を保存しました（変更 {changed} 件）。変更は履歴に残ります。")
            return redirect("entry_edit", pk=entry.pk)
    errors = error_summary(*formset.forms, reason) if formset.is_bound else []
    errors += [FieldError("", "", str(message)) for message in formset.non_form_errors()]
    context = {
        "entry": entry,
        "formset": formset,
        "errors": errors,
        "reason_form": reason,
        "editable": editable,
        "audit": _history(entry),
        "nav": "reports",
    }
    return render(request, "sasaeai/entry_edit.html", context)


def _save(user: Actor, entry: ProjectEntry, quantities: list[Quantity], formset: Any, reason: str) -> int:
    """Apply every row of the form through the figure services, all or nothing."""
    by_id = {q.pk: q for q in quantities}
    changed = 0
    with transaction.atomic():
        for form in formset.forms:
            data = form.cleaned_data
            if not data or form.is_blank():
                continue
            quantity = by_id.get(data.get("quantity_id"))
            if quantity is None:
                if data.get("value") is not None and not data.get("remove"):
                    AddQuantity(
                        user,
                        entry,
                        label=data["label"],
                        value=data["value"],
                        unit=data["unit"],
                        reason=reason,
                    ).execute()
                    changed += 1
            elif data.get("remove"):
                RemoveQuantity(user, quantity, reason).execute()
                changed += 1
            else:
                changes = {f: data[f] for f in FIELDS if data[f] != getattr(quantity, f)}
                if changes:
                    ChangeQuantity(user, quantity, changes, reason).execute()
                    changed += 1
    return changed


def _history(entry: ProjectEntry) -> list[Any]:
    from django.contrib.contenttypes.models import ContentType

    from sasaeai.audit.models import AuditEntry

    ids = [str(pk) for pk in Quantity.objects.filter(entry=entry).values_list("pk", flat=True)]
    kind = ContentType.objects.get_for_model(Quantity)
    return list(AuditEntry.objects.filter(content_type=kind, object_id__in=ids).select_related("user")[:50])
