"""How figures are stored: the digits and decimals of every stored value (実績, 基準値, 目標値, KPI)."""

from typing import TypedDict


class FigureDigits(TypedDict):
    max_digits: int
    decimal_places: int


FIGURE: FigureDigits = {"max_digits": 20, "decimal_places": 4}
