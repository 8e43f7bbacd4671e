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


def queue_keys(app: CoachApp, *keys: str) -> None:
    """Put every key on the app's queue at once, as a terminal read of a fast burst does.

    ``pilot.press`` waits for the app to go idle after each key; a person typing fast (or a
    busy machine, or a slow SSH link) does not, so this is the harder test of key handling.
    Key names are Pilot's ("enter", "ctrl+y", "a", "5", "-").
    """
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


def queue_paste(app: CoachApp, text: str) -> None:
    """A bracketed paste, as the terminal sends it (one event with all the text)."""
    from textual import events

    event = events.Paste(text)
    event.set_sender(app)
    app.post_message(event)


async def until_keys_done(pilot: object, timeout: float = 60.0) -> None:
    """Wait until every queued key has been handled to the end (however loaded the machine)."""
    import asyncio
    import time

    app = pilot.app  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while (app.keys_pending or not app.input_settled()) and not app._exit:
        if time.monotonic() > deadline:
            raise AssertionError(f"{app.keys_pending} keys still pending after {timeout}s")
        await asyncio.sleep(0.01)
    await pilot.pause()  # type: ignore[attr-defined]
