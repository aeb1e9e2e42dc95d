"""Changing a project's figures by hand: every change is kept (who, when, old, new, why).

Figures change only while their report is a draft and only by someone who may
edit the project (DESIGN.md: approved figures are locked until an admin reopens).

A page or an API client says which version of a figure its change is based on
(``version``): when someone else changed the figure since, the change is refused
with both values and nothing is written (no lost update).  The version moves on
with every change; the command line, which reads and writes in one step, may
leave it out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from sasaeai.audit.trail import audit
from sasaeai.core import ReportDocument
from sasaeai.figures import refuse_outside_range
from sasaeai.operations import Operation, OperationRefused, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.reports.models import ProjectEntry, Quantity, Report, Side

EDITABLE_FIELDS = ("label", "value", "unit", "qualifier", "as_of")
FIELD_WORDS = {"label": "項目", "value": "値", "unit": "単位", "qualifier": "区分", "as_of": "時点"}


class StaleEdit(OperationRefused):
    """The thing was changed by someone else after the editor loaded it; nothing was written.

    ``yours`` and ``stored`` hold the editor's values and the ones stored now,
    field by field, for the page to show beside the message.
    """

    def __init__(self, message: str, message_ja: str, yours: dict[str, Any], stored: dict[str, Any]) -> None:
        super().__init__(message, message_ja)
        self.yours, self.stored = yours, stored


def shown(value: object) -> str:
    """A value as the message shows it: 87 for Decimal('87.000'), （空） for nothing, 読み取れない値 for None."""
    if value is None:
        return "読み取れない値"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value) or "（空）"


def refuse_stale(what: tuple[str, str], yours: dict[str, Any], stored: dict[str, Any]) -> None:
    """Refuse a change based on an older version, showing the editor's values and the stored ones."""
    fields = [name for name in yours if yours[name] != stored.get(name)] or list(stored)
    words = "、".join(
        f"{FIELD_WORDS.get(name, name)}: あなたの値 {shown(yours.get(name))} ／ 現在の値 {shown(stored.get(name))}"
        if name in yours
        else f"{FIELD_WORDS.get(name, name)}: 現在の値 {shown(stored.get(name))}"
        for name in fields
    )
    raise StaleEdit(
        f"{what[0]} was changed by someone else after you opened it; nothing was saved. "
        "Check the values stored now and save again.",
        f"{what[1]}は、あなたが開いた後に別の人が変更しました（{words}）。何も保存していません。"
        "現在の値を確かめて、もう一度保存してください。",
        yours,
        stored,
    )


def refuse_figures_outside_range(document: ReportDocument) -> None:
    """Refuse a read report with a figure outside the range, naming its line (before anything is stored)."""
    for entry in document.projects:
        for quantity in (*entry.current, *entry.comparison):
            line = f"line {entry.line}" if entry.line else "a row"
            line_ja = f"{entry.line}行目" if entry.line else "ある行"
            refuse_outside_range(
                quantity.value,
                f"{line} ({entry.name}, {quantity.label} {quantity.value})",
                f"{line_ja}（{entry.name}）の「{quantity.label}」{shown(quantity.value)}",
            )


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


def _check_value(value: object) -> None:
    if not isinstance(value, Decimal):
        refuse("A figure's value must be a number.", "実績の値は数値で入力してください。")
    refuse_outside_range(value, "The figure", "実績の値")


def _lock_report(entry: ProjectEntry) -> None:
    """Lock the entry's report and read its status afresh (a stale page must not beat an approval)."""
    entry.report = Report.objects.select_for_update().get(pk=entry.report_id)


def _fresh(quantity: Quantity) -> Quantity:
    fresh = Quantity.objects.select_related("entry__project").get(pk=quantity.pk)
    _lock_report(fresh.entry)
    return fresh


def _figure_name(quantity: Quantity) -> tuple[str, str]:
    label = quantity.label or "（項目なし）"
    return f"The figure {label}", f"実績「{label}」"


def _claim(quantity: Quantity, version: int | None, yours: dict[str, Any]) -> None:
    """Move the figure's version on, or refuse when it is no longer ``version`` (compare-and-set in one UPDATE)."""
    expected = quantity.version if version is None else version
    claimed = Quantity.objects.filter(pk=quantity.pk, version=expected).update(version=F("version") + 1)
    if not claimed:
        stored = Quantity.objects.get(pk=quantity.pk)
        current = {name: getattr(stored, name) for name in (yours or {"value": None})}
        refuse_stale(_figure_name(quantity), yours, current)
    quantity.version = expected + 1


class ChangeQuantity(Operation):
    """Correct a quantity's label, value, unit, qualifier or as_of."""

    def __init__(
        self,
        user: Actor,
        quantity: Quantity,
        changes: dict[str, Any],
        reason: str = "",
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(user)
        self.quantity = quantity
        self.changes = changes
        self.reason = reason
        self.version = version

    def check(self) -> None:
        unknown = sorted(set(self.changes) - set(EDITABLE_FIELDS))
        if unknown:
            refuse(f"{unknown[0]} is not a figure that can be changed.", f"{unknown[0]} は変更できません。")
        if "value" in self.changes:
            _check_value(self.changes["value"])
        _check_entry(self.user, self.quantity.entry)

    def execute(self) -> Quantity:
        with transaction.atomic():
            self.quantity = quantity = _fresh(self.quantity)
            self.check()
            wanted = {f: "" if new is None and f != "value" else new for f, new in self.changes.items()}
            changed = {f: new for f, new in wanted.items() if getattr(quantity, f) != new}
            if not changed:
                return quantity  # already as wanted: nothing to write, nothing to lose
            _claim(quantity, self.version, wanted)
            for field, new in changed.items():
                audit(self.user, quantity, field, getattr(quantity, field), new, self.reason)
                setattr(quantity, field, new)
            quantity.save(update_fields=list(changed))
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
        _check_value(self.fields["value"])
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

    def __init__(
        self, user: Actor, quantity: Quantity, reason: str = "", *, version: int | None = None
    ) -> None:
        super().__init__(user)
        self.quantity = quantity
        self.reason = reason
        self.version = version

    def check(self) -> None:
        _check_entry(self.user, self.quantity.entry)

    def execute(self) -> None:
        with transaction.atomic():
            self.quantity = _fresh(self.quantity)
            self.check()
            _claim(self.quantity, self.version, {})
            audit(self.user, self.quantity, "value", self.quantity.value, None, self.reason)
            self.quantity.delete()
