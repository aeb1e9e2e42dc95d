"""Changing a project's figures by hand: every change is kept (who, when, old, new, why).

Figures change only while their report is a draft and only by someone who may
edit the project (DESIGN.md: approved figures are locked until an admin reopens).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from sasaeai.audit.trail import audit
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import ProjectEntry, Quantity, Report, Side

EDITABLE_FIELDS = ("label", "value", "unit", "qualifier", "as_of")


def _check_entry(user: Actor, entry: ProjectEntry) -> None:
    if not permissions.can_edit_project(user, entry.project):
        refuse(
            f"You may not change the figures of {entry.project.name}.",
            f"「{entry.project.name}」の実績を変更する権限がありません。",
        )
    if not permissions.can_edit_entry(user, entry):
        refuse(
            "These figures are locked (submitted or approved); they change after a return, "
            "or after the secretariat reopens the report.",
            "この実績は提出済みまたは確定済みです。変更するには差戻しを受けるか、事務局が再開する必要があります。",
        )


def _lock_report(entry: ProjectEntry) -> None:
    """Lock the entry's report and read its status afresh (a stale page must not beat an approval)."""
    entry.report = Report.objects.select_for_update().get(pk=entry.report_id)


def _fresh(quantity: Quantity) -> Quantity:
    fresh = Quantity.objects.select_related("entry__project").get(pk=quantity.pk)
    _lock_report(fresh.entry)
    return fresh


class ChangeQuantity(Operation):
    """Correct a quantity's label, value, unit, qualifier or as_of."""

    def __init__(self, user: Actor, quantity: Quantity, changes: dict[str, Any], reason: str = "") -> None:
        super().__init__(user)
        self.quantity = quantity
        self.changes = changes
        self.reason = reason

    def check(self) -> None:
        unknown = sorted(set(self.changes) - set(EDITABLE_FIELDS))
        if unknown:
            refuse(f"{unknown[0]} is not a figure that can be changed.", f"{unknown[0]} は変更できません。")
        if "value" in self.changes and not isinstance(self.changes["value"], Decimal):
            refuse("A figure's value must be a number.", "実績の値は数値で入力してください。")
        _check_entry(self.user, self.quantity.entry)

    def execute(self) -> Quantity:
        with transaction.atomic():
            self.quantity = quantity = _fresh(self.quantity)
            self.check()
            changed = []
            for field, new in self.changes.items():
                old = getattr(quantity, field)
                if new is None and field != "value":
                    new = ""
                if old == new:
                    continue
                setattr(quantity, field, new)
                changed.append(field)
                audit(self.user, quantity, field, old, new, self.reason)
            if changed:
                quantity.save(update_fields=changed)
        return quantity


class AddQuantity(Operation):
    """Add a figure the reader missed or that someone types in."""

    def __init__(
        self,
        user: Actor,
        entry: ProjectEntry,
        *,
        label: str,
        value: Decimal,
        unit: str = "",
        side: str = Side.CURRENT,
        reason: str = "",
    ) -> None:
        super().__init__(user)
        self.entry = entry
        self.fields = {"label": label, "value": value, "unit": unit, "side": side}
        self.reason = reason

    def check(self) -> None:
        if not isinstance(self.fields["value"], Decimal):
            refuse("A figure's value must be a number.", "実績の値は数値で入力してください。")
        if self.fields["side"] not in Side.values:
            refuse("A figure belongs to the current or the comparison period.", "実績の期が不正です。")
        _check_entry(self.user, self.entry)

    def execute(self) -> Quantity:
        with transaction.atomic():
            _lock_report(self.entry)
            self.check()
            order = self.entry.quantities.count()
            quantity = Quantity.objects.create(entry=self.entry, order=order, **self.fields)
            audit(self.user, quantity, "value", None, quantity.value, self.reason)
        return quantity


class RemoveQuantity(Operation):
    """Remove a figure that is not one (a date or a serial number the reader took for a count)."""

    def __init__(self, user: Actor, quantity: Quantity, reason: str = "") -> None:
        super().__init__(user)
        self.quantity = quantity
        self.reason = reason

    def check(self) -> None:
        _check_entry(self.user, self.quantity.entry)

    def execute(self) -> None:
        with transaction.atomic():
            self.quantity = _fresh(self.quantity)
            self.check()
            audit(self.user, self.quantity, "value", self.quantity.value, None, self.reason)
            self.quantity.delete()
