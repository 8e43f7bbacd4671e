"""The settings a data file may hold, and what each may contain.

Settings arrive from the app (a theme chosen in the palette, FRAX percentages typed on the bone
screen) and from import files. Both ways go through ``check_setting``; a key that is not listed
here is refused on import and reported (and skipped) when found in a data file, so a 60-byte
import cannot plant a value that crashes the app at every start, and 20,000 keys cannot slow it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.models import NumberRange, ValidationError, shown

_THEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
FRAX_PERCENT = NumberRange("FRAX", 0, 100, whole=False, unit="%")


def _theme(value: Any) -> str:
    if type(value) is not str or not 0 < len(value) <= 64 or not set(value) <= _THEME_CHARS:
        raise ValidationError("theme", f"must be a theme name (got {shown(value)})")
    return value


def _frax(value: Any) -> dict[str, float]:
    if not isinstance(value, dict) or not set(value) <= {"major", "hip"}:
        raise ValidationError("frax", f'must be {{"major": %, "hip": %}} (got {shown(value)})')
    for key, percent in value.items():
        FRAX_PERCENT.check(f"frax {key}", percent)
    return {key: float(percent) for key, percent in value.items()}


SETTINGS: dict[str, Callable[[Any], Any]] = {"theme": _theme, "frax": _frax}


def check_setting(key: object, value: Any) -> Any:
    """The value if ``key`` is a known setting and the value fits it; else ValidationError."""
    if not isinstance(key, str) or key not in SETTINGS:
        raise ValidationError("settings", f"unknown setting {shown(key)}")
    return SETTINGS[key](value)
