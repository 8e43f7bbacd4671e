"""When weekly totals of a long diary are kept, and when kept ones may be used (issue 15).

The totals are kept beside the data file (store/weeks.py) and made and used by coach/trends.py.
The rules are here, in a module of their own with nothing to import, because the app decides
whether to sum them in a helper process (screens/weeks_helper.py) before its first frame,
where coach/trends.py would cost 3 ms more.
"""

from __future__ import annotations

from datetime import date, timedelta

# Kept weeks end this many weeks before this week's Monday: recent days are the ones still
# filled in or corrected, and a change before the cut makes them all again.
KEPT_WEEKS_BACK = 4
# Kept weeks whose cut is more days back than this are carried on to a new cut once used:
# the records from the cut on are read at every first "all time" (8 weeks: about 110 records).
KEPT_WEEKS_CARRY_DAYS = 56
# ... and past this, not used at all (made again from every record): a year of records read
# from the cut on is as much as a few years read whole.
KEPT_WEEKS_USABLE_DAYS = 366
# records: weeks are kept for diaries of at least this many (about 4 years); a shorter one is
# read whole within 30 ms
KEEP_WEEKS_FROM = 2000


def kept_weeks_cut(today: date) -> date:
    """The day kept weeks made today end before: a Monday ``KEPT_WEEKS_BACK`` weeks back."""
    return today - timedelta(days=today.weekday(), weeks=KEPT_WEEKS_BACK)


def kept_weeks_usable(cut: date, today: date) -> bool:
    """Whether weeks kept until ``cut`` are recent enough to be used today (else they are
    made again from every record: ``KEPT_WEEKS_USABLE_DAYS``)."""
    return 0 <= (today - cut).days <= KEPT_WEEKS_USABLE_DAYS
