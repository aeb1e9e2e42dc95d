"""Fields of the API's JSON: figures as exact decimals, strict text, fiscal years.

A figure travels as a JSON integer when it is whole and as a decimal string
otherwise ("87.5"), never as a float, which would lose digits; it is taken in
the same two forms, within the stored range (:mod:`sasaeai.figures`).  A
computed number (an achievement rate, a projected value) travels the same way,
with as many digits as it has.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sasaeai.figures import LARGEST, PATTERN, RANGE_EN, figure_problem, readable

FIGURE_SCHEMA: dict[str, Any] = {
    "description": f'A figure: a JSON integer, or a decimal string such as "87.5"; {RANGE_EN}. '
    "Never a JSON float, which loses digits.",
    "oneOf": [
        {"type": "integer", "minimum": -int(LARGEST), "maximum": int(LARGEST)},
        {"type": "string", "pattern": PATTERN, "example": "87.5"},
    ],
}
NUMBER_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
NUMBER_SCHEMA: dict[str, Any] = {
    "description": 'A computed number: a JSON integer when whole, else a decimal string such as "1.0964".',
    "oneOf": [{"type": "integer"}, {"type": "string", "pattern": NUMBER_PATTERN, "example": "1.0964"}],
}


def decimal_json(value: Decimal) -> int | str:
    """87 for Decimal('87.000'); '87.5' for Decimal('87.500'); exact in both cases."""
    if value == value.to_integral_value():
        return int(value)
    return f"{value.normalize():f}"


@extend_schema_field(FIGURE_SCHEMA)
class FigureField(serializers.Field):  # type: ignore[type-arg]
    """A stored figure; read as null when the stored value is outside the range and cannot be read."""

    default_error_messages: ClassVar[dict[str, StrOrPromise]] = {
        "invalid": '値は整数か、10進数の文字列（例: "87.5"）で送ってください。',
        "float": '小数を含む値は文字列で送ってください（例: "87.5"）。JSONの小数では桁が失われます。',
    }

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, float):
            self.fail("float")
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        if isinstance(data, str) and not re.fullmatch(PATTERN, data):
            self.fail("invalid")
        value = Decimal(data)
        problem = figure_problem(value)
        if problem is not None:
            raise serializers.ValidationError(problem[1], code="figure_range")
        return value

    def to_representation(self, value: Any) -> int | str | None:
        number = readable(value)
        return None if number is None else decimal_json(number)


@extend_schema_field(NUMBER_SCHEMA)
class NumberField(serializers.Field):  # type: ignore[type-arg]
    """A computed number (read only): an integer when whole, else an exact decimal string."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> int | str | None:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return decimal_json(number) if number.is_finite() else None


# Text without NUL, which no database stores (DRF refuses it): the schema says so, for clients to know.
TEXT_PATTERN = r"^[^\u0000]*$"


class TextSchema(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """A string, its length and no NUL (DRF's own description would offer a blank alternative beside it)."""

    target_class = "sasaeai.api.fields.TextField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        field = self.target
        schema: dict[str, Any] = {"type": "string", "pattern": TEXT_PATTERN}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        return schema


class TextField(serializers.CharField):
    """Text that must be a JSON string ({"label": 0} is refused), kept as sent (no trimming)."""

    default_error_messages: ClassVar[dict[str, StrOrPromise]] = {"not_a_string": "文字列で送ってください。"}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        return str(super().to_internal_value(data))


YEAR_MIN, YEAR_MAX = 1989, 2100


class FiscalYearField(serializers.IntegerField):
    """A fiscal year as ASCII digits (2025), 1989–2100; "" or "²" is refused."""

    default_error_messages: ClassVar[dict[str, StrOrPromise]] = {
        "invalid": "年度は西暦の数字で指定してください（例: 2025）。",
        "min_value": f"年度は{YEAR_MIN}から{YEAR_MAX}の間で指定してください。",
        "max_value": f"年度は{YEAR_MIN}から{YEAR_MAX}の間で指定してください。",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)

    def to_internal_value(self, data: Any) -> int:
        if not (isinstance(data, str) and re.fullmatch(r"[0-9]{1,4}", data)):
            self.fail("invalid")
        return int(super().to_internal_value(data))
