"""Figures waiting for a value: a period opened carries last period's labels and units with empty values."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from sasaeai.reports.models import Quantity

register = template.Library()


@register.filter
def with_pending(quantities: Iterable[Quantity]) -> list[Quantity]:
    """The figures, each marked ``pending`` when its value is empty (NULL) rather than unreadable.

    The ORM reads both as None (:class:`~sasaeai.figures.FigureField`); figures read with
    ``Quantity.objects.with_stored_null()`` say which they are, others cost one query.
    """
    figures = list(quantities)
    if all(hasattr(q, "value_is_null") for q in figures):  # read with them (``.with_stored_null()``)
        for q in figures:
            q.pending = q.value_is_null  # type: ignore[attr-defined]
        return figures
    empty = [q.pk for q in figures if q.value is None]
    stored_null = set(Quantity.objects.filter(pk__in=empty, value__isnull=True).values_list("pk", flat=True))
    for q in figures:
        q.pending = q.pk in stored_null  # type: ignore[attr-defined]
    return figures
