"""Free text in, free text out: control characters never reach a terminal or a spreadsheet.

A note can arrive from ``--note``, a form, or an import file. Terminal control sequences in it
(``ESC ] 0 ; title BEL``, ``ESC [ 2 J``) would retitle or clear the screen of whoever later reads
a report in a terminal, and a CSV cell starting with ``=`` is run as a formula by spreadsheets.

- On the way in (``clean_text``, used by the records' validation): line breaks and tabs become
  spaces; other control characters (C0, DEL, C1) and invisible bidirectional overrides are
  removed. Stored text is therefore always plain.
- On the way out (``printable`` for terminal and Markdown, ``csv_cell`` for CSV): the same
  characters are replaced by a visible mark, in case text comes from somewhere else (an old
  file, a path); a CSV text cell that would start a formula gets a leading apostrophe.
"""

from __future__ import annotations

from functools import cache

REPLACEMENT = "\ufffd"  # what a control character becomes on output: visible, harmless
_SPACES = "\t\n\r\x0b\x0c\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0, DEL, C1, bidi overrides, and lone surrogates (a JSON file can hold "\ud800", which no
# terminal or UTF-8 file can take)
_CONTROLS = (
    [chr(c) for c in range(0x20)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + list(_BIDI)
    + ["\u2028", "\u2029"]  # line and paragraph separators: a line break to some readers
    + [chr(c) for c in range(0xD800, 0xE000)]
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@cache
def _table(kind: str) -> dict[int, str | None]:
    """Translation tables, built on first use (most text is plain ASCII and needs none)."""
    if kind == "clean":
        return str.maketrans({c: (" " if c in _SPACES else None) for c in _CONTROLS})
    keep = "" if kind == "line" else "\n\t"
    return str.maketrans({c: REPLACEMENT for c in _CONTROLS if c not in keep})


def is_plain(text: str) -> bool:
    """Printable ASCII only: nothing to clean or show differently (checked at C speed)."""
    return text.isascii() and text.isprintable()


def clean_text(text: str) -> str:
    """Text as it is stored: no control characters; line breaks and tabs become spaces."""
    return text if is_plain(text) else text.translate(_table("clean"))


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to print: control characters (but line breaks and tabs) shown as �."""
    if is_plain(text):
        return text
    return text.translate(_table("line" if one_line else "text"))


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    cleaned = clean_text(text)
    return "'" + cleaned if cleaned.startswith(FORMULA_STARTS) else cleaned
