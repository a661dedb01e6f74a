"""How the ledgers write numbers and derivatives into their LaTeX equations (one place for the three ledgers)."""


def number(value: float, wrap: bool = True) -> str:
    """A number for an equation: 6 significant digits, negatives in parentheses when `wrap`."""
    if value == 0:
        return "0"
    text = f"{value:.6g}"
    return f"({text})" if wrap and text.startswith("-") else text


def partial(symbol: str) -> str:
    """LaTeX for the partial derivative of the loss with respect to `symbol`."""
    return rf"\frac{{\partial L}}{{\partial {symbol}}}"
