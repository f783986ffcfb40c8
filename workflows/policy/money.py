"""Money: yuan as Decimal, rounded to the fen half up as soon as an amount is computed."""

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(amount: Decimal) -> Decimal:
    """``amount`` rounded to the fen, half up (0.005 becomes 0.01)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def show_amount(amount: Decimal) -> str:
    """An amount as a person reads it: 1,234.50."""
    return f"{amount:,.2f}"


def show_percent(ratio: Decimal) -> str:
    """A ratio as a percentage without trailing zeros: 0.85 -> 85%, 0.875 -> 87.5%."""
    return f"{show_points(ratio)}%"


def show_points(ratio: Decimal) -> str:
    """A ratio in percentage points without trailing zeros: 0.10 -> 10."""
    text = f"{ratio * 100:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
