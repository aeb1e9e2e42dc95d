"""Rules for a figure typed by a department: which may be negative, and how it moved against last year.

Counts (人, 件, 回, 箇所) are never below zero; money, points and rates of
change may be (a deficit, a fall of 3 points).  A figure ten times (or a tenth
of) the same period last year is usually a zero too many or thousands written
as units: it is kept only with a note saying it is right
(:data:`~sasaeai.core.consistency.JUMP_FACTOR`).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from .consistency import JUMP_FACTOR

# Units whose figures may be negative: money, points, percentages (a change), temperatures.
SIGNED_UNITS = frozenset({"円", "千円", "万円", "百万円", "億円", "ポイント", "pt", "%", "％", "℃", "度"})
# Labels that announce a difference: 増減 (change), 差 (difference), 収支 (balance).
SIGNED_LABEL_WORDS = ("増減", "差", "収支", "損益", "変化")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def negative_allowed(unit: str, label: str = "") -> bool:
    """Whether a figure with this unit and label may be below zero.

    >>> negative_allowed("人"), negative_allowed("千円"), negative_allowed("人", "前年比増減")
    (False, True, True)
    """
    unit = _plain(unit)
    return unit in SIGNED_UNITS or unit.endswith("円") or any(w in _plain(label) for w in SIGNED_LABEL_WORDS)


def jump_ratio(value: Decimal, previous: Decimal | None, factor: Decimal = JUMP_FACTOR) -> Decimal | None:
    """value / previous when it is ``factor`` times or a ``factor``-th of last year's, else None.

    >>> jump_ratio(Decimal(870), Decimal(87)), jump_ratio(Decimal(90), Decimal(87))
    (Decimal('10'), None)
    """
    if previous is None or previous <= 0 or value <= 0:
        return None
    ratio = value / previous
    return ratio if ratio >= factor or ratio <= 1 / factor else None


def ratio_text(ratio: Decimal) -> str:
    """約10倍 or 約10分の1, as a message says it."""
    return f"約{round(ratio)}倍" if ratio >= 1 else f"約{round(1 / ratio)}分の1"


def change(value: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """This period's figure less last year's, when both are known."""
    if value is None or previous is None:
        return None
    return value - previous
