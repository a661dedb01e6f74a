"""How each kind of setting is written in a link: parsed from the address's text and written back to it.

A field's `parse(text)` returns the value, or raises ValueError with what is allowed (the words a warning
shows); `write(value)` gives the text that `parse` reads back to the same value (floats by repr, so a
fresh session on the written link computes with exactly the same numbers).
"""

from dataclasses import dataclass

from ..numerals import plain_number


def shown(value) -> str:
    """A value as a message shows it: %g for floats, str otherwise."""
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Number:
    """A number in [lo, hi] (None: unbounded); whole numbers when `whole`."""

    lo: float | None = None
    hi: float | None = None
    whole: bool = False

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        kind = "a whole number" if self.whole else "a number"
        if self.lo is not None and self.hi is not None:
            return f"{kind} from {shown(self.lo)} to {shown(self.hi)}"
        if self.lo is not None:
            return "a positive number" if self.lo > 0 and not self.whole else f"{kind} of at least {shown(self.lo)}"
        return kind

    def parse(self, text: str):
        """The value written as `text`; ValueError with `allowed()` when it cannot be used."""
        try:
            value = plain_number(text)
        except ValueError:
            raise ValueError(self.allowed()) from None
        if (self.whole and value != int(value)) or not self.holds(value):
            raise ValueError(self.allowed())
        return int(value) if self.whole else value

    def holds(self, value) -> bool:
        """Whether `value` is within the limits."""
        return (self.lo is None or value >= self.lo) and (self.hi is None or value <= self.hi)

    def clamp(self, value):
        """`value` moved to the nearest limit."""
        if self.lo is not None and value < self.lo:
            return self.lo
        return self.hi if self.hi is not None and value > self.hi else value

    def write(self, value) -> str:
        """The link text that `parse` reads back as `value`: a whole number as one (5, not 5.0: exact below 2**53),
        any other by repr (every digit float() needs)."""
        value = float(value)
        return str(int(value)) if self.whole or (value.is_integer() and abs(value) < 2**53) else repr(value)


@dataclass(frozen=True)
class Choice:
    """One of `options` (strings), written as itself."""

    options: tuple

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        return "one of " + ", ".join(map(str, self.options))

    def parse(self, text: str):
        """The value written as `text`; ValueError with `allowed()` when it cannot be used."""
        if text not in [str(option) for option in self.options]:
            raise ValueError(self.allowed())
        return next(option for option in self.options if str(option) == text)

    def write(self, value) -> str:
        """The link text that `parse` reads back as `value`."""
        return str(value)


@dataclass(frozen=True)
class Flag:
    """On or off: true/false (also 1/0, yes/no, on/off in a link)."""

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        return "true or false"

    def parse(self, text: str) -> bool:
        """The value written as `text`; ValueError with `allowed()` when it cannot be used."""
        words = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False,
                 "off": False}
        if text.strip().lower() not in words:
            raise ValueError(self.allowed())
        return words[text.strip().lower()]

    def write(self, value) -> str:
        """The link text that `parse` reads back as `value`."""
        return "true" if value else "false"


class TypedList:
    """A list typed as text: kept as the text typed; a subclass's `values(text)` reads it or raises ValueError."""

    def parse(self, text: str) -> str:
        """The value written as `text`; ValueError with `allowed()` when it cannot be used."""
        self.values(text)
        return text

    def write(self, value: str) -> str:
        """The link text that `parse` reads back as `value`."""
        return value


@dataclass(frozen=True)
class Numbers(TypedList):
    """A comma-separated list of finite numbers (at least one, at most `most`), kept as the text typed."""

    most: int = 64

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        return f"a comma-separated list of finite numbers (at most {self.most})"

    def values(self, text: str) -> tuple[float, ...]:
        """The numbers in `text`; ValueError when any entry is not a finite number or the count is wrong."""
        try:
            values = tuple(plain_number(part) for part in text.split(","))
        except ValueError:
            raise ValueError(self.allowed()) from None
        if not 1 <= len(values) <= self.most:
            raise ValueError(self.allowed())
        return values


@dataclass(frozen=True)
class Widths(TypedList):
    """Hidden-layer widths, comma-separated whole numbers: 1 to `depth` layers of 1 to `deep` units each (one
    layer alone: 1 to `single`); kept as the text typed."""

    depth: int
    single: int
    deep: int

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        return (f"1 to {self.depth} whole numbers separated by commas, the units of each hidden layer: 1 to "
                f"{self.single} for one layer, 1 to {self.deep} each for more")

    def values(self, text: str) -> tuple[int, ...]:
        """The widths in `text`; ValueError when they cannot be used."""
        try:
            values = tuple(plain_number(part) for part in text.split(","))
        except ValueError:
            raise ValueError(self.allowed()) from None
        most = self.single if len(values) == 1 else self.deep
        if (not 1 <= len(values) <= self.depth
                or not all(v == int(v) and 1 <= v <= most for v in values)):
            raise ValueError(self.allowed())
        return tuple(int(v) for v in values)


@dataclass(frozen=True)
class Subset:
    """Some of `options` (strings), comma-separated, in the options' order; at least one."""

    options: tuple

    def allowed(self) -> str:
        """What the field takes, in words (the end of a warning)."""
        return "a comma-separated list of some of " + ", ".join(self.options)

    def parse(self, text: str) -> tuple:
        """The options named in `text`; ValueError with `allowed()` when any is not an option or none is named."""
        named = [part.strip() for part in text.split(",") if part.strip()]
        if not named or any(part not in self.options for part in named):
            raise ValueError(self.allowed())
        return tuple(option for option in self.options if option in named)

    def write(self, value) -> str:
        """The link text that `parse` reads back as `value`."""
        return ",".join(value)
