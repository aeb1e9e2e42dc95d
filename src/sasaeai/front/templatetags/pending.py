"""Figures waiting for a value: a period opened carries last period's labels and units with empty values."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from sasaeai.reports.models import Quantity

register = template.Library()


@register.filter
def with_pending(quantities: Iterable[Quantity]) -> list[Quantity]:
    """The figures, each marked ``pending`` when its value is empty (NULL) rather than unreadable.

    The ORM reads both as None (:class:`~sasaeai.figures.FigureField`); one query tells them apart.
    """
    figures = list(quantities)
    empty = [q.pk for q in figures if q.value is None]
    stored_null = set(Quantity.objects.filter(pk__in=empty, value__isnull=True).values_list("pk", flat=True))
    for q in figures:
        q.pending = q.pk in stored_null  # type: ignore[attr-defined]
    return figures
