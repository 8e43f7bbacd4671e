"""Building the app for Pilot and snapshot tests: fixed clock, temporary store, 80x24."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from coach.models import CheckIn, Profile
from screens.app import CoachApp
from store.db import Store

TODAY = date(2026, 11, 26)
SIZE = (80, 24)


def make_app(path: Path, *, profile: Profile | None = None, days: int = 0) -> CoachApp:
    """An app on a store at ``path``; optionally a profile and ``days`` of sample check-ins."""
    store = Store.open(path, clock=lambda: TODAY)
    if profile is not None:
        store.put_profile(profile)
    for offset in range(1, days + 1):
        if offset % 5 == 0:
            continue  # a missed day now and then
        day = TODAY - timedelta(days=offset)
        store.put_checkin(
            CheckIn(
                day,
                pain=offset % 7,
                ai_taken=offset % 4 != 0,
                aerobic_min=20 + offset,
                calcium_food_mg=900 + 10 * offset,
            )
        )
    return CoachApp(store, today=lambda: TODAY)


def on_disk(path: Path) -> Store:
    """The file as saved, read by a fresh store: the app's own store serves reads from memory,
    so only this can show that something was (or was not) written."""
    return Store.open(path, read_only=True, clock=lambda: TODAY)


SAMPLE_PROFILE = Profile(
    name="Ann", birth_year=1958, ai_drug="anastrozole", equipment=("none", "chair", "band")
)


def text_of(widget: object) -> str:
    """Plain text of what a Static shows (str, Content or a Rich renderable such as a Table)."""
    from rich.console import Console

    content = widget.content  # type: ignore[attr-defined]
    if isinstance(content, str):
        from rich.text import Text

        return Text.from_markup(content).plain
    if hasattr(content, "plain"):
        return content.plain
    console = Console(width=200, record=True, color_system=None)
    console.print(content)
    return console.export_text()
