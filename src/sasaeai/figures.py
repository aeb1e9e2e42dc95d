"""How figures are stored: the digits and decimals of every stored value (実績, 基準値, 目標値, KPI)."""

FIGURE = {"max_digits": 20, "decimal_places": 4}
