"""The data-entry form for one project's report: correct, add or remove its figures.

Each row carries the version of the figure it was loaded with; when someone
else saved the figure in between, the whole save is refused with both values
and the form comes back with the editor's values over the versions stored now,
so that saving again is a decision taken knowing the other change.
"""

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
from sasaeai.reports.services.figures import (
    AddQuantity,
    ChangeQuantity,
    RemoveQuantity,
    StaleEdit,
    refuse_stale,
)

FIELDS = ("label", "value", "unit", "qualifier", "as_of")


def _initial(quantities: list[Quantity]) -> list[dict[str, Any]]:
    return [
        {
            "quantity_id": q.pk,
            "version": q.version,
            "label": q.label,
            "value": _plain(q.value),
            "unit": q.unit,
            "qualifier": q.qualifier,
            "as_of": q.as_of,
        }
        for q in quantities
    ]


def _plain(value: Decimal | None) -> str:
    """87 for a stored 87.000; empty for a figure stored outside the range, which must be typed again."""
    return "" if value is None else f"{value.normalize():f}"


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
        except StaleEdit as error:
            messages.error(request, error.message_ja)
            formset = QuantityFormSet(
                _over_stored_versions(request.POST, entry), prefix="q", subject=entry.project.name
            )
        except OperationRefused as error:
            messages.error(request, error.message_ja)
        else:
            messages.success(request, f"実績を保存しました（変更 {changed} 件）。変更は履歴に残ります。")
            return redirect("entry_edit", pk=entry.pk)
    errors = error_summary(*formset.forms, reason) if formset.is_bound else []
    errors += [FieldError("", "", str(message)) for message in formset.non_form_errors()]
    context = {
        "entry": entry,
        "part": permissions.part_of(entry),
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
            if quantity is None and data.get("quantity_id") is not None:
                # Removed by someone else since the form was loaded: neither re-added nor changed.
                refuse_stale(
                    ("A figure", "実績"), {"value": data.get("value")}, {"value": "（削除されました）"}
                )
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
                RemoveQuantity(user, quantity, reason, version=data.get("version")).execute()
                changed += 1
            else:
                changes = {f: data[f] for f in FIELDS if data[f] != getattr(quantity, f)}
                if changes:
                    ChangeQuantity(user, quantity, changes, reason, version=data.get("version")).execute()
                    changed += 1
    return changed


def _over_stored_versions(posted: Any, entry: ProjectEntry) -> Any:
    """The editor's rows again, each with the version stored now (their values stay as typed)."""
    data = posted.copy()
    versions = dict(Quantity.objects.filter(entry=entry).values_list("pk", "version"))
    total = int(data.get("q-TOTAL_FORMS") or 0)
    for index in range(min(total, 1000)):
        pk = data.get(f"q-{index}-quantity_id")
        if not pk:
            continue
        if pk.isdecimal() and int(pk) in versions:
            data[f"q-{index}-version"] = str(versions[int(pk)])
        else:  # removed meanwhile: saving again adds the editor's figure anew
            data[f"q-{index}-quantity_id"] = data[f"q-{index}-version"] = ""
    return data


def _history(entry: ProjectEntry) -> list[Any]:
    from django.contrib.contenttypes.models import ContentType

    from sasaeai.audit.models import AuditEntry

    ids = [str(pk) for pk in Quantity.objects.filter(entry=entry).values_list("pk", flat=True)]
    kind = ContentType.objects.get_for_model(Quantity)
    return list(AuditEntry.objects.filter(content_type=kind, object_id__in=ids).select_related("user")[:50])
