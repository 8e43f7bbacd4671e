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


def _timer_bell(value: Any) -> bool:
    """The guided session's bell at the end of a countdown: off unless the person turns it on."""
    if not isinstance(value, bool):
        raise ValidationError("timer_bell", f"must be true or false (got {shown(value)})")
    return value


_HEX = frozenset("0123456789abcdef")


def _calendar_id(value: Any) -> str:
    """Part of every reminder's UID (``bonecoach remind``): made once, so writing the calendar
    again updates the same events, and two people's calendars on one phone never collide."""
    if type(value) is not str or len(value) != 16 or not set(value) <= _HEX:
        raise ValidationError("calendar_id", f"must be 16 hex digits (got {shown(value)})")
    return value


SETTINGS: dict[str, Callable[[Any], Any]] = {
    "theme": _theme,
    "frax": _frax,
    "timer_bell": _timer_bell,
    "calendar_id": _calendar_id,
}


def check_setting(key: object, value: Any) -> Any:
    """The value if ``key`` is a known setting and the value fits it; else ValidationError."""
    if not isinstance(key, str) or key not in SETTINGS:
        raise ValidationError("settings", f"unknown setting {shown(key)}")
    return SETTINGS[key](value)
