"""Settings that live in a page's address (see state.py); the documented keys are in keys.py."""

from .fields import Choice, Flag, Number, Numbers, shown
from .keys import KEYS
from .state import Link, page_settings

__all__ = ["KEYS", "Choice", "Flag", "Link", "Number", "page_settings", "Numbers", "shown"]
