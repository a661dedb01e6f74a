"""Input checks shared by the engine's constructors: each raises ValueError saying what to change."""

import math
import numbers

import numpy as np


def finite_number(value, name: str) -> float:
    """Return `value` as a float, or raise ValueError if it is not a finite real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        number = float(value)
    except (OverflowError, ValueError):
        raise ValueError(f"{name} must be a finite number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number (not NaN or infinity), got {value!r}")
    return number


def finite_numbers(values, name: str) -> tuple[float, ...]:
    """Return a sequence of finite numbers as a tuple of floats, or raise ValueError."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} must be a list of numbers, got {values!r}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be a flat list of numbers, got an array of shape {values.shape}")
    return tuple(finite_number(value, f"{name}[{i}]") for i, value in enumerate(values))


def whole_number(value, name: str, low: int, high: int | None = None) -> int:
    """Return `value` as an int in [low, high], or raise ValueError."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if not math.isfinite(float(value)) or float(value) != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    number = int(value)
    if number < low or (high is not None and number > high):
        allowed = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name} must be {allowed}, got {number}")
    return number


def positive_number(value, name: str) -> float:
    """Return `value` as a finite float > 0, or raise ValueError."""
    number = finite_number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value!r}")
    return number


def one_of(value, name: str, allowed) -> str:
    """Return `value` if it is one of `allowed`, or raise ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value
