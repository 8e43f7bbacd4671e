"""Exports a person can take elsewhere: CSV for spreadsheets (FHIR lives in coach/fhir.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from coach.models import CHECKIN_BOOL_FIELDS, CHECKIN_NUMBER_FIELDS, CheckIn
from coach.textsafe import csv_cell

CSV_COLUMNS = (
    "date",
    *CHECKIN_NUMBER_FIELDS,
    "calcium_total_mg",
    *CHECKIN_BOOL_FIELDS,
    "ai_missed_reason",
    "red_flags",
    "note",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def checkins_to_csv(checkins: Iterable[CheckIn]) -> str:
    """One row per check-in, oldest first, with a header; empty cells are "not recorded".

    The note is the only free text: control characters are removed and a note that starts like
    a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe, so a spreadsheet shows it.
    """
    return "".join(csv_lines(sorted(checkins, key=lambda c: c.day)))


def csv_lines(checkins: Iterable[CheckIn]) -> Iterator[str]:
    """``checkins_to_csv`` a line at a time, for check-ins that already come oldest first
    (an export streams them from the store: one row in memory at a time)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    yield out.getvalue()
    for c in checkins:
        out.seek(0)
        out.truncate()
        row = [c.day.isoformat()]
        row += [_cell(getattr(c, name)) for name in CHECKIN_NUMBER_FIELDS]
        row.append(_cell(c.calcium_total_mg))
        row += [_cell(getattr(c, name)) for name in CHECKIN_BOOL_FIELDS]
        row.append(_cell(c.ai_missed_reason))
        row += [";".join(c.red_flags), csv_cell(c.note)]  # text never runs as a formula
        writer.writerow(row)
        yield out.getvalue()
