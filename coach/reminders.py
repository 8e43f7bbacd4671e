"""Reminders in the patient's own calendar: an RFC 5545 file for ``bonecoach remind --ics``.

Weekly reminders doubled use of an app for women starting an aromatase inhibitor (Graetz et
al., J Cancer Surviv 2018). The file holds:

- a daily check-in reminder at ``at`` (RRULE daily, a display alarm at that time);
- the exercise plan's sessions from ``today`` to the plan's end, as all-day events;
- the next bone density (DXA) scan when it falls due (``coach.risk.next_dxa_due``);
- optionally a refill reminder every ``every`` days from ``first`` (never after the course).

Choices, so they can be reviewed in one place:

- **Floating local times** (RFC 5545 "form 1", no time zone): 19:00 means 19:00 wherever the
  phone is, which is what a daily habit wants; all-day events carry dates only.
- **Stable UIDs**: ``<what>-<calendar id>@bonecoach``, the calendar id made once per data file
  (setting ``calendar_id``), sessions by their plan slot (``w3-mon``). Importing the file again
  updates the same events instead of adding copies.
- Built with the ``icalendar`` package; pure otherwise (the caller passes ``today`` and the
  ``stamp`` for DTSTAMP).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.models import REFILL_DAYS, Plan
from coach.plan_view import session_date, session_id, session_total_minutes

__all__ = [
    "DEFAULT_AT",
    "REFILL_DAYS",
    "Refill",
    "ReminderSummary",
    "build_calendar",
    "new_calendar_id",
    "parse_clock",
]

DEFAULT_AT = time(19, 0)
CHECKIN_MINUTES = 5
PRODID = "-//bonecoach//reminders//EN"
_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)", re.ASCII)  # ASCII digits only, as elsewhere


def parse_clock(text: str) -> time:
    """ "19:30" or "7:05" -> a time; ValueError in words for anything else."""
    found = _CLOCK.fullmatch(text.strip())
    if found is None:
        raise ValueError(
            f"must be a time as HH:MM on the 24-hour clock, e.g. 19:30 (got {text.strip()!r})"
        )
    return time(int(found.group(1)), int(found.group(2)))


def new_calendar_id() -> str:
    """16 random hex digits: made once per data file, part of every UID."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Refill:
    """A refill reminder every ``every`` days from ``first`` (until ``until``, if known)."""

    every: int
    first: date
    until: date | None = None


@dataclass(frozen=True)
class ReminderSummary:
    """What went into the file, for the command's one-line report and the tests."""

    at: time
    sessions: int
    last_session: date | None
    dxa_due: date | None
    refill: Refill | None

    def words(self, today: date) -> str:
        """What the file holds, in words for the command's report (what went in, and when)."""
        parts = [f"a daily check-in reminder at {self.at:%H:%M} (local time)"]
        if self.sessions and self.last_session is not None:
            parts.append(f"{self.sessions} exercise sessions to {self.last_session.isoformat()}")
        if self.dxa_due is not None:
            parts.append(f"the next bone density scan ({max(self.dxa_due, today).isoformat()})")
        if self.refill is not None:
            parts.append(
                f"a refill reminder every {self.refill.every} days from "
                f"{self.refill.first.isoformat()}"
            )
        return ", ".join(parts)


def _uid(what: str, calendar_id: str) -> str:
    return f"{what}-{calendar_id}@bonecoach"


def _alarm(description: str, trigger: timedelta):  # -> icalendar.Alarm
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger)
    return alarm


def _event(uid: str, summary: str, description: str, stamp: datetime):  # -> icalendar.Event
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", description)
    return event


def _sessions(plan: Plan | None, today: date) -> list[tuple[str, date, str, int, int]]:
    """(slot id, day, kind, minutes, week) of the plan's sessions from today on."""
    if plan is None or plan.status == "paused":
        return []
    out = []
    for week in plan.weeks:
        for s in week.sessions:
            day = session_date(plan, week.week, s.day)
            if day >= today:
                out.append((session_id(week, s), day, s.kind, session_total_minutes(s), week.week))
    return sorted(out, key=lambda item: item[1])


def build_calendar(
    *,
    calendar_id: str,
    today: date,
    stamp: datetime,
    at: time = DEFAULT_AT,
    plan: Plan | None = None,
    dxa_due: date | None = None,
    refill: Refill | None = None,
    asks_tablet: bool = True,
) -> tuple[bytes, ReminderSummary]:
    """The calendar file's bytes (CRLF lines, as RFC 5545 asks) and what it holds."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "bonecoach")

    what = "pain, movement, calcium" + (" and your tablet" if asks_tablet else "")
    checkin = _event(
        _uid("checkin", calendar_id),
        "bonecoach check-in",
        f"About a minute: {what}. Open bonecoach and press c (or: bonecoach checkin --help).",
        stamp,
    )
    start = datetime.combine(today, at)  # naive: a floating local time
    checkin.add("dtstart", start)
    checkin.add("dtend", start + timedelta(minutes=CHECKIN_MINUTES))
    checkin.add("rrule", {"freq": "daily"})
    checkin.add_component(_alarm("Time for your bonecoach check-in", timedelta(0)))
    cal.add_component(checkin)

    sessions = _sessions(plan, today)
    weeks = len(plan.weeks) if plan is not None else 0
    for slot, day, kind, minutes, week in sessions:
        event = _event(
            _uid(f"session-{slot}", calendar_id),
            f"Exercise: {kind} (about {minutes} min)",
            f"Week {week} of {weeks} of your bonecoach plan. Open bonecoach and press p to see "
            "the exercises; stop and contact your care team if anything feels wrong.",
            stamp,
        )
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        cal.add_component(event)

    if dxa_due is not None:
        shown = max(dxa_due, today)
        summary = (
            "Bone density (DXA) scan due"
            if dxa_due >= today
            else f"Bone density (DXA) scan due since {dxa_due.isoformat()}"
        )
        event = _event(
            _uid("dxa", calendar_id),
            summary,
            "Ask your care team to arrange your next bone density (DXA) scan "
            "(ASCO 2019: every 2 years, or 1 year if clinically indicated).",
            stamp,
        )
        event.add("dtstart", shown)
        event.add("dtend", shown + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        at_time = timedelta(hours=at.hour, minutes=at.minute)
        event.add_component(_alarm("Bone density (DXA) scan due: ask your care team", at_time))
        if shown - today >= timedelta(days=7):
            event.add_component(_alarm("Bone density (DXA) scan due in a week", timedelta(days=-7)))
        cal.add_component(event)

    if refill is not None:
        event = _event(
            _uid("refill", calendar_id),
            "Tablet refill: order your next pack",
            f"Every {refill.every} days. Your pharmacy or care team can arrange more.",
            stamp,
        )
        start = datetime.combine(refill.first, at)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=CHECKIN_MINUTES))
        rule: dict[str, object] = {"freq": "daily", "interval": refill.every}
        if refill.until is not None:
            rule["until"] = datetime.combine(refill.until, time(23, 59, 59))  # floating, as DTSTART
        event.add("rrule", rule)
        event.add_component(_alarm("Time to order your next pack of tablets", timedelta(0)))
        cal.add_component(event)

    summary_ = ReminderSummary(
        at=at,
        sessions=len(sessions),
        last_session=sessions[-1][1] if sessions else None,
        dxa_due=dxa_due,
        refill=refill,
    )
    return cal.to_ical(), summary_
