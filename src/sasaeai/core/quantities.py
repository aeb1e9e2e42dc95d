"""Quantities written in Japanese text (placeholder until the reader lands)."""

from __future__ import annotations

from collections.abc import Sequence

from .records import Quantity

UNITS: tuple[str, ...] = ("人", "名", "件", "回")


def read_quantities(text: str, items: Sequence[str] | None = None) -> list[Quantity]:
    return []
