"""The one number parser and the one date parser: CLI options, form fields and imports.

Everything a person types or a file brings in goes through here, so ``1,5`` means the same in
every field and a pasted 5,000-digit number gets a message instead of an overflow.

Numbers
  - Spaces around the number are ignored.
  - ASCII digits 0-9 only: no Unicode digits (``١٢``), no ``_`` or ``'`` group separators, no
    exponent (``1e3``), no ``inf`` or ``nan``.
  - An optional leading ``-`` or ``+`` (the range then decides; only a T-score can be negative).
  - Whole-number fields take digits only. ``1,5``, ``1.5`` and ``1,000`` are errors there, never
    15 or 1000: a comma is a decimal mark in some countries and a thousands mark in others.
  - Other fields take at most one decimal mark, ``.`` or ``,``: ``1.5`` and ``1,5`` are both one
    and a half; ``.5`` and ``5.`` are accepted.
  - At most ``MAX_NUMBER_CHARS`` characters: every field's range fits easily in that.

Dates
  - ISO ``YYYY-MM-DD`` with ASCII digits (``2026-11-26``); no week dates, no ``20261126``.
  - Between ``MIN_DAY`` and ``MAX_DAY``: anything else is a typo or a damaged file, and keeping
    to this window means date arithmetic (a plan's twelve weeks) can never overflow.
"""

from __future__ import annotations

from datetime import date

MAX_NUMBER_CHARS = 12
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)
SHOWN_CHARS = 24  # how much of a bad value an error message repeats


def _digits(text: str) -> bool:
    """ASCII 0-9 only (``str.isdigit`` alone would take ``١٢`` and ``²``)."""
    return text.isascii() and text.isdigit()


class ParseError(ValueError):
    """Text that is not a number (or date) by the rules above; the message says why."""


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as an error message repeats it: quoted, escaped, and cut short if long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_number(text: str, *, whole: bool) -> int | float:
    """Read ``text`` as a number by the rules in this module's docstring."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if not cleaned:
        raise ParseError("is empty")
    if len(cleaned) > MAX_NUMBER_CHARS:
        raise ParseError(f"is too long (at most {MAX_NUMBER_CHARS} characters)")
    body = cleaned[1:] if cleaned[0] in "+-" else cleaned
    if whole:
        if not _digits(body):
            raise ParseError("takes digits only")
        return int(cleaned)
    whole_part, _, fraction = body.replace(",", ".").partition(".")
    if not (whole_part or fraction) or not all(_digits(p) for p in (whole_part, fraction) if p):
        raise ParseError("takes digits and at most one decimal mark")
    return float(cleaned.replace(",", "."))


def check_day(value: date) -> date:
    """Refuse a date outside the coach's calendar (``MIN_DAY`` to ``MAX_DAY``)."""
    if not MIN_DAY <= value <= MAX_DAY:
        raise ParseError(f"must be between {MIN_DAY.isoformat()} and {MAX_DAY.isoformat()}")
    return value


def parse_date(text: str) -> date:
    """Read ``text`` as an ISO date ``YYYY-MM-DD`` within the coach's calendar."""
    cleaned = text.strip() if isinstance(text, str) else ""
    shape = len(cleaned) == 10 and cleaned[4] == cleaned[7] == "-"
    if not shape or not _digits(cleaned[:4] + cleaned[5:7] + cleaned[8:]):
        raise ParseError("must be a date as YYYY-MM-DD")
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise ParseError("must be a date as YYYY-MM-DD") from None
    return check_day(day)
