"""How figures are stored: the range of every stored value (実績, 基準値, 目標値, 許容幅, KPI and budget amounts).

A figure is a multiple of 0.001 below 10^12 in size: at most 12 digits before
the point and 3 after it, 15 significant digits in all — what every database
keeps exactly (SQLite keeps 15 significant digits of a REAL, PostgreSQL the
``numeric(15, 3)`` column).  No welfare figure needs more: a trillion yen, a
percentage to a thousandth of a point.

Every door checks the range before a figure is stored (:func:`figure_problem`:
the model field's validator, the page forms, the report import, the API) and
the database refuses a row outside it (:func:`range_constraint`).  A row that
got outside it all the same (written by SQL, or stored before the range was
enforced) is read as ``None``, "unreadable", by :class:`FigureField` rather
than raising :class:`decimal.InvalidOperation`, so that no page breaks on it;
the data check of the command line lists such rows.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import models


class FigureDigits(TypedDict):
    max_digits: int
    decimal_places: int


FIGURE: FigureDigits = {"max_digits": 15, "decimal_places": 3}
LIMIT = Decimal(10) ** (FIGURE["max_digits"] - FIGURE["decimal_places"])  # |value| < 10^12
STEP = Decimal(1).scaleb(-FIGURE["decimal_places"])  # 0.001
LARGEST = LIMIT - STEP  # 999,999,999,999.999
# The figure as text, for the API's schema and its strings: "-12", "3121", "87.5", "0.125".
PATTERN = r"^-?[0-9]{1,12}(\.[0-9]{1,3})?$"

RANGE_EN = "between -999,999,999,999.999 and 999,999,999,999.999, with at most 3 decimals"
RANGE_JA = "±999,999,999,999.999の範囲、小数点以下3桁まで"


def figure_problem(value: Decimal) -> tuple[str, str] | None:
    """Why ``value`` cannot be stored, in English and Japanese; None when it can.

    >>> figure_problem(Decimal("9999999999999995"))[1]
    '値が大きすぎます（扱えるのは±999,999,999,999.999の範囲、小数点以下3桁までです）。'
    >>> figure_problem(Decimal("87.5000")) is None
    True
    """
    if not value.is_finite():
        return ("A figure must be a number.", "値は数値で入力してください。")
    if abs(value) >= LIMIT:
        return (
            f"The figure is too large: it must be {RANGE_EN}.",
            f"値が大きすぎます（扱えるのは{RANGE_JA}です）。",
        )
    if value != value.quantize(STEP):
        return (
            f"The figure has too many decimals: it must be {RANGE_EN}.",
            f"小数点以下の桁が多すぎます（扱えるのは{RANGE_JA}です）。",
        )
    return None


def in_range(value: Decimal) -> bool:
    return figure_problem(value) is None


def readable(value: object) -> Decimal | None:
    """A stored value as a Decimal within the range, or None when it is missing or unreadable."""
    if value is None:
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (decimal.InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite() or abs(number) >= LIMIT:
        return None
    return number.quantize(STEP)


def refuse_outside_range(value: Decimal | None, where_en: str, where_ja: str) -> None:
    """Refuse (:class:`~sasaeai.operations.OperationRefused`) a value to be stored outside the range, saying where."""
    from sasaeai.operations import refuse

    problem = None if value is None else figure_problem(value)
    if problem is not None:
        refuse(f"{where_en}: {problem[0]}", f"{where_ja}: {problem[1]}")


def validate_figure(value: Decimal) -> None:
    """The model field's validator: one Japanese sentence when the value is outside the range."""
    problem = figure_problem(value)
    if problem is not None:
        raise ValidationError(problem[1], code="figure_range")


def range_constraint(field: str, name: str) -> models.CheckConstraint:
    """The database's own check that ``field`` is within the range (NULL passes)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gt": -LIMIT, f"{field}__lt": LIMIT}), name=name
    )


if TYPE_CHECKING:
    from django.db.models.expressions import Combinable

    # What the ORM gives for a figure: None for a null or an unreadable value.
    _FigureBase = models.DecimalField[Decimal | float | str | Combinable | None, Decimal | None]
else:
    _FigureBase = models.DecimalField


class FigureField(_FigureBase):
    """A stored figure: within the range, and read as None when a row outside it cannot be read.

    SQLite hands a REAL back to Django, which rounds it to ``decimal_places``
    within ``max_digits`` and raises :class:`decimal.InvalidOperation` when it
    does not fit: this field's context does not trap that (the value comes as
    NaN), and :meth:`from_db_value` turns every value outside the range into None.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", FIGURE["max_digits"])
        kwargs.setdefault("decimal_places", FIGURE["decimal_places"])
        super().__init__(*args, **kwargs)

    @cached_property
    def context(self) -> decimal.Context:
        return decimal.Context(prec=self.max_digits, traps=[])

    @cached_property
    def validators(self) -> list[Any]:
        # Django's DecimalValidator counts written digits ("1.5000" has four decimals); this counts the value's.
        return [*super(models.DecimalField, self).validators, validate_figure]

    def from_db_value(self, value: object, expression: object, connection: object) -> Decimal | None:
        return readable(value)


def rows_outside_range(connection: Any, table: str, column: str) -> list[tuple[int, str]]:
    """The ids and stored texts of ``table.column`` values outside the range (by SQL: the ORM cannot read them)."""
    quote = connection.ops.quote_name
    limit = str(LIMIT)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, CAST({quote(column)} AS TEXT) FROM {quote(table)} "
            f"WHERE {quote(column)} >= {limit} OR {quote(column)} <= -{limit} ORDER BY id"
        )
        return [(int(pk), str(text)) for pk, text in cursor.fetchall()]


def refuse_rows_outside_range(*columns: tuple[str, str]) -> Any:
    """A migration step that stops, naming them, when stored figures are outside the range.

    The range's check constraint cannot be added over such rows, and changing
    them is their owner's decision: this says which to correct (by SQL, as the
    pages of the earlier version cannot read them) before migrating again.
    """

    def check(apps: Any, schema_editor: Any) -> None:
        from sasaeai.core.errors import SasaeaiError

        found = [
            f"{table}.{column} id {pk} = {text}"
            for table, column in columns
            for pk, text in rows_outside_range(schema_editor.connection, table, column)
        ]
        if found:
            raise SasaeaiError(
                f"{len(found)} stored figures are outside the range ({RANGE_EN}): {', '.join(found[:20])}; "
                "correct them by SQL, then migrate again.",
                f"範囲（{RANGE_JA}）を超える値が{len(found)}件保存されています（{', '.join(found[:20])}）。"
                "SQLで修正してから、もう一度 migrate してください。",
            )

    return check
