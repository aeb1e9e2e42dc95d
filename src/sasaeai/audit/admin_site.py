"""The admin site under the same locks and the same audit trail as the pages.

The Django admin site is the operator's (Django superusers are operators; the
secretariat never uses it).  Whatever it may change is kept in the audit trail
(who, what, old, new, "admin site"), and what the pages lock — the figures of a
submitted or approved report — is read-only there too and cannot be deleted.
Every ModelAdmin of the project derives from :class:`AuditedAdmin`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.contrib import admin
from django.db import models
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from .models import AuditEntry
from .trail import audit

M = TypeVar("M", bound=models.Model)
REASON = "admin site"


def _refresh_evaluation(plan_ids: list[int]) -> None:
    """Bring the stored evaluation of the plans a change touched up to date, as the pages' writes do."""
    from sasaeai.evaluation.services.stored import refresh_plans

    refresh_plans(plan_ids)


def _plans_touched_by(obj: models.Model) -> list[int]:
    from sasaeai.evaluation.services.stored import plans_touched_by

    return plans_touched_by(obj)


def _changes(form: ModelForm[Any]) -> list[tuple[str, object, object]]:
    """(field, old, new) for each field the form changed; the old value is the form's initial one."""
    return [(name, form.initial.get(name), form.cleaned_data.get(name)) for name in form.changed_data]


class Locks(Generic[M]):
    """What an admin class locks: override :meth:`is_locked` to say which objects the pages lock."""

    def is_locked(self, obj: M) -> bool:
        return False


class AuditedAdmin(Locks[M], admin.ModelAdmin[M]):
    """A ModelAdmin whose every change is audited and whose locked objects cannot change or go.

    Every audit row it writes passes through :meth:`filed`, which an app may
    override to file the row elsewhere as well (a plan's change history).
    """

    def filed(self, entry: AuditEntry, obj: models.Model) -> None:
        """Called with each audit row written for ``obj`` (an inline row's object included)."""

    def _audit(self, request: HttpRequest, obj: models.Model, field: str, old: object, new: object) -> None:
        self.filed(audit(request.user, obj, field, old, new, REASON), obj)

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj is not None and self.is_locked(obj))

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj is not None and self.is_locked(obj))

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        changes = _changes(form) if change else []
        super().save_model(request, obj, form, change)
        if not change:
            self._audit(request, obj, "created", "", str(obj))
        for field, old, new in changes:
            self._audit(request, obj, field, old, new)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        _refresh_evaluation(_plans_touched_by(form.instance))

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        self._audit(request, obj, "deleted", str(obj), "")
        touched = _plans_touched_by(obj)
        super().delete_model(request, obj)
        _refresh_evaluation(touched)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[M]) -> None:
        locked = [obj for obj in queryset if self.is_locked(obj)]
        if locked:
            # The bulk action bypasses has_delete_permission(obj); keep the locks here as well.
            queryset = queryset.exclude(pk__in=[obj.pk for obj in locked])
        touched: set[int] = set()
        for obj in queryset:
            self._audit(request, obj, "deleted", str(obj), "")
            touched.update(_plans_touched_by(obj))
        super().delete_queryset(request, queryset)
        _refresh_evaluation(sorted(touched))

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet[Any, Any], change: bool
    ) -> None:
        """Inline rows: changes, additions and deletions are audited like the parent's."""
        changed = [
            (row, _changes(row))
            for row in formset.forms
            if row.instance.pk and row.has_changed() and row not in formset.deleted_forms
        ]
        deleted = [row.instance for row in formset.deleted_forms if row.instance.pk]
        for obj in deleted:
            self._audit(request, obj, "deleted", str(obj), "")
        super().save_formset(request, form, formset, change)
        for row, changes in changed:
            for field, old, new in changes:
                self._audit(request, row.instance, field, old, new)
        for obj in formset.new_objects:
            self._audit(request, obj, "created", "", str(obj))
