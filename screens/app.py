"""CoachApp: the screens, the global keys, the command palette, and the theme.

The store is the single source of truth: screens read it when they show and write through it;
nothing keeps a copy that could go stale. Places (check-in, learn, ...) are registered in
``PLACES`` with their key, so the home menu, the footer, the help screen and the command
palette all list the same things, and a place that does not exist is never shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import Theme

from screens import textual_fixes
from screens.key_order import OrderedKeys
from screens.long_lived import IdleCollector, settle_long_lived
from screens.warm import warm_modules
from screens.weeks_helper import WeeksHelper

textual_fixes.apply()

if TYPE_CHECKING:
    from textual.timer import Timer

    from coach.picture import ClinicalPicture
    from store.db import Store

DEFAULT_THEME = "textual-dark"
SCREEN_STYLESHEETS = tuple(Path(__file__).parent.glob("*.tcss"))  # each screen's, and the app's
HIGH_CONTRAST_THEME = "bonecoach-high-contrast"


def high_contrast_theme() -> Theme:
    """White on black with bright yellow and cyan accents: for low vision and glare."""
    return Theme(
        name=HIGH_CONTRAST_THEME,
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        boost="#262626",
        success="#00FF00",
        warning="#FFFF00",
        error="#FF6666",
        dark=True,
        variables={"text-muted": "#E0E0E0", "footer-key-foreground": "#FFFF00"},
    )


@dataclass(frozen=True)
class Place:
    """A main place of the coach, reached by a single key from home."""

    key: str
    label: str
    help: str
    open: Callable[[CoachApp], Screen | None]
    footer: bool = True


def _checkin(app: CoachApp) -> Screen | None:
    from screens.checkin import CheckInScreen

    if app.notify_read_only("No check-in here"):  # said before typing, not after the form
        return None
    return CheckInScreen(app.today())


def _history(app: CoachApp) -> Screen:
    from screens.history import HistoryScreen

    return HistoryScreen()


def _learn(app: CoachApp) -> Screen:
    from screens.learn import LearnScreen

    return LearnScreen()


def _plan(app: CoachApp) -> Screen:
    from screens.plan import PlanScreen

    return PlanScreen()


def _trends(app: CoachApp) -> Screen:
    from screens.trends import TrendsScreen

    return TrendsScreen()


def _bone(app: CoachApp) -> Screen:
    from screens.bone import BoneHealthScreen

    return BoneHealthScreen()


def _profile(app: CoachApp) -> Screen:
    from screens.profile import ProfileScreen

    return ProfileScreen()


# The order is the order of the home menu and the footer (the footer shows at most ~6).
PLACES: list[Place] = [
    Place("c", "Check in", "today's check-in in under a minute", _checkin),
    Place("h", "History", "past days: open, edit or delete", _history, footer=False),
    Place("l", "Learn", "why bone changes and what helps; search with /", _learn),
    Place("p", "Plan", "this week's exercise, mark a session done, why this plan", _plan),
    Place("t", "Trends", "plots of pain, exercise, calcium and more against targets", _trends),
    Place(
        "b",
        "Bone health",
        "DXA results, risk factors, what the guidelines say",
        _bone,
        footer=False,
    ),
    Place(
        "e",
        "Profile",
        "your details, equipment and bones: they shape the plan",
        _profile,
        footer=False,
    ),
]


def _declared_actions(widget_class: type) -> set[str]:
    """Actions bound by our own classes (screens/...) in a widget's ancestry."""
    actions: set[str] = set()
    for cls in widget_class.__mro__:
        if cls.__module__.startswith("screens."):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    actions.add(binding.action)
    return actions


class PlacesProvider(Provider):
    """Command palette entries for every place, so ctrl+p reaches everything (listed as soon
    as the palette opens, before anything is typed)."""

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, CoachApp)
        for place in PLACES:
            yield DiscoveryHit(
                f"{place.label} ({place.key})",
                partial(app.action_open_place, place.key),
                help=place.help,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        assert isinstance(app, CoachApp)
        for place in PLACES:
            text = f"{place.label} ({place.key})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.action_open_place, place.key),
                    help=place.help,
                )


class CoachApp(OrderedKeys, App[None]):
    """The bonecoach TUI. Give it an open store and a clock; it never calls date.today().

    Keys are handled one at a time, each to the end (``OrderedKeys``), so a burst of typing
    lands in the field the person sees focused.
    """

    TITLE = "bonecoach"
    # Every screen's stylesheet is parsed with the app's, before the first frame (10 KB in
    # all). A screen that brought its own at its first opening made Textual parse the whole
    # stylesheet again and apply it to every widget: 5 to 14 ms of each place's first opening.
    CSS_PATH = ["app.tcss", *sorted(p.name for p in SCREEN_STYLESHEETS if p.name != "app.tcss")]
    COMMANDS = App.COMMANDS | {PlacesProvider}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    # How often the screens that name the day are asked to look at it (``look_at_the_day``):
    # left open overnight (in tmux, over SSH), home turns to the new day within a minute
    # instead of showing yesterday's "checked in today", and a check-in opened yesterday stops
    # calling that day "Today". One timer of the app's: a screen's own timer kept the screen
    # alive for up to a minute after it closed (asyncio keeps a cancelled timer's context).
    NEW_DAY_CHECK_SECONDS = 60.0
    HELPER_WATCH_SECONDS = 0.5  # the weeks helper (screens/weeks_helper.py) lasts about 0.3 s

    def __init__(
        self,
        store: Store,
        today: Callable[[], date] = date.today,
        *,
        demo: bool = False,
        weeks_helper: WeeksHelper | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.demo = demo
        # the weeks of a long diary with none kept, summed by a helper process started with
        # the app (screens/weeks_helper.py; ``bonecoach`` starts one): stopped when it closes
        self.weeks_helper = weeks_helper if weeks_helper is not None else WeeksHelper()
        self._helper_watch: Timer | None = None
        self._theme_applied = False
        self.idle_collector: IdleCollector | None = None  # from the first frame on
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # Scrolling jumps, as in less or a man page: an animated page scroll is some 25
            # frames (and 0.4 s) over a slow SSH link. TEXTUAL_ANIMATIONS=full brings it back.
            self.animation_level = "none"
        self.register_theme(high_contrast_theme())
        # before the app runs, so the first frame is styled once, in the remembered theme
        saved_theme = store.get_setting("theme")
        self.theme = saved_theme if saved_theme in self.available_themes else DEFAULT_THEME
        if demo:
            self.title = "bonecoach — DEMO (synthetic patient, nothing is kept)"
        if store.read_only:
            self.sub_title = store.read_only_reason or "read-only"

    def on_mount(self) -> None:
        self._theme_applied = True
        from screens.home import HomeScreen

        self.store.on_problem = self._damaged_record_found
        self.store.on_notice = self._store_notice
        self.push_screen(HomeScreen())
        self.call_after_refresh(self._take_lock)
        self.set_interval(self.NEW_DAY_CHECK_SECONDS, self._look_at_the_day, name="new day")
        if self.weeks_helper.running:
            self._helper_watch = self.set_interval(
                self.HELPER_WATCH_SECONDS, self._watch_helper, name="weeks helper"
            )
        if self.store.get_profile() is None:
            from screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen())

    def _watch_helper(self) -> None:
        """Asked whether it runs, a helper that has ended is reaped: no defunct process is
        left for the rest of the session, and Trends sees its weeks (``generation``)."""
        if not self.weeks_helper.running and self._helper_watch is not None:
            self._helper_watch.stop()

    def _look_at_the_day(self) -> None:
        """Every screen open that names the day checks it is still today's (see above)."""
        for screen in self.screen_stack:
            look = getattr(screen, "look_at_the_day", None)
            if callable(look):
                look()

    def _take_lock(self) -> None:
        """Take the one-writer lock after the first frame (see Store.open(defer_lock=True))."""
        from store.db import StoreError

        try:
            reread = self.store.acquire_lock()
        except StoreError as error:  # replaced by a damaged file since it was read
            self.store.read_only_reason = "changed on disk and now unreadable — read-only"
            self.notify(str(error), title="Data file", severity="error", timeout=30)
            reread = False
        if self.store.read_only:
            self.sub_title = self.store.read_only_reason or "read-only"
        if self.store.problems:  # found before the app listened (the theme setting, say)
            self._damaged_record_found(None)
        refresh = getattr(self.screen, "refresh_from_store", None)
        if (reread or self.store.read_only) and callable(refresh):
            refresh()
        # what start-up built (modules, classes, styles, home) lives as long as the app
        settle_long_lived(self, collect=False)
        self.idle_collector = IdleCollector.start(self)
        # the Plan's and Trends' modules, while the home screen is read; frozen with the rest
        warm_modules(self, then=partial(settle_long_lived, self, collect=False))

    def on_unmount(self) -> None:
        self.weeks_helper.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and self.idle_collector is not None:
            self.idle_collector.input_seen()
        await super().on_event(event)

    def pop_screen(self) -> AwaitComplete:
        """Back to the screen below; the closed one is collected once it is removed
        (``IdleCollector``)."""
        removal = super().pop_screen()
        if self.idle_collector is not None:
            self.idle_collector.screen_closed(removal)
        return removal

    def watch_theme(self, theme: str) -> None:
        """Remember a theme the person chose (ctrl+p → "Change theme") for next time."""
        if self._theme_applied and not self.store.read_only:
            from screens.saving import save_with_message

            save_with_message(self, lambda: self.store.set_setting("theme", theme), "The theme")

    # ----------------------------------------------------------------- damaged records

    def _damaged_record_found(self, problem: object) -> None:
        """A read skipped a damaged record: say so once (home shows the count until fixed)."""
        if getattr(self, "_damaged_said", False):
            return
        self._damaged_said = True
        notice = self.store.problems_notice()
        if notice:
            self._say_later(notice, "Damaged records skipped", "warning")

    def _store_notice(self, text: str) -> None:
        """A save moved damaged records to a side file: say where they are kept."""
        self._say_later(text, "Damaged records kept aside", "information")

    def _say_later(self, text: str, title: str, severity: str) -> None:
        # reads happen while screens compose (or in a worker): notify after, from the app thread
        import threading

        say = partial(self.notify, text, title=title, severity=severity, timeout=15)
        if getattr(self, "_thread_id", None) == threading.get_ident():
            self.call_later(say)
        else:
            self.call_from_thread(say)

    async def action_quit(self) -> None:
        """Quit, but ask first when the current screen holds unsaved changes.

        A screen whose work is worth keeping as it stands (a guided session halfway) keeps it
        first, through its ``keep_on_quit``; it asks only if that save fails."""
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_on_quit", None)
            if callable(keep):
                keep()
        is_dirty = getattr(self.screen, "is_dirty", None)
        if callable(is_dirty) and is_dirty():
            from screens.confirm import ConfirmScreen

            def answered(leave: bool | None) -> None:
                if leave:
                    self.exit()

            self.push_screen(
                ConfirmScreen("Quit without saving what you typed?", "quit", "keep editing"),
                answered,
            )
            return
        self.exit()

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette with safe page keys (screens/palette.py)."""
        from screens.palette import CoachCommandPalette

        if self.use_command_palette and not CoachCommandPalette.is_open(self):
            self.push_screen(CoachCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme chooser (palette → Theme): the same palette, with safe page keys."""
        from textual.theme import ThemeProvider

        from screens.palette import CoachCommandPalette

        self.push_screen(
            CoachCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen_keys()))

    def screen_keys(self) -> list[tuple[str, str]]:
        """The described keys active on the current screen (app-wide keys are listed apart)."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for key, active in self.active_bindings.items():
            binding = active.binding
            if active.node is self or not binding.description:
                continue  # app-wide keys are listed apart
            if binding.action not in _declared_actions(type(active.node)):
                continue  # Textual's own widget keys (cursor moves, copy) are common knowledge
            grouped.setdefault((binding.action, binding.description), []).append(key)
        return [(",".join(keys), description) for (_, description), keys in grouped.items()]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's own commands: only those that work here (no screenshot, no Textual
        key panel that squeezes the screen and ignores Esc; ? is the key list)."""
        theme_help = "Colours: ansi-dark, ansi-light, high contrast…"
        yield SystemCommand("Theme", theme_help, self.action_change_theme)
        yield SystemCommand("Help and all keys (?)", "The keys of this screen", self.action_help)
        yield SystemCommand(
            "Quit (q)", "Asks first if a form has unsaved changes", self.action_quit
        )
        screen_commands = getattr(screen, "system_commands", None)
        if callable(screen_commands):  # a screen's own (the guided session's bell)
            yield from screen_commands()

    def action_open_place(self, key: str) -> None:
        """Open a place by its key, from anywhere (home menu, key, or the palette). A place
        already open is shown again rather than stacked a second time."""
        for place in PLACES:
            if place.key == key:
                screen = place.open(self)
                if screen is not None and not self._back_to(screen):
                    self.push_screen(screen)
                return

    def _back_to(self, wanted: Screen) -> bool:
        """Show the open copy of ``wanted``'s place, if any (closing what is above it); True if
        one was open. A form with unsaved changes above it is never closed silently."""
        stack = self.screen_stack
        for index in range(len(stack) - 1, -1, -1):
            screen = stack[index]
            if type(screen) is type(wanted) and getattr(screen, "day", None) == getattr(
                wanted, "day", None
            ):
                above = stack[index + 1 :]
                if any(callable(d := getattr(s, "is_dirty", None)) and d() for s in above):
                    self.notify("Save or leave the form you are in first (ctrl+s or Esc).")
                    return True
                for _ in above:
                    self.pop_screen()
                return True
        return False

    def open_topic(self, topic_id: str) -> None:
        """Open one education topic directly (from the check-in summary or the plan)."""
        from screens.learn import LearnScreen

        self.push_screen(LearnScreen(topic_id=topic_id))

    def picture(
        self,
        *,
        ticked: Iterable[str] | None = None,
        frax: tuple[float | None, float | None] | None = None,
    ) -> ClinicalPicture:
        """The person's clinical picture today (``coach.picture``): what every screen shows.

        ``ticked`` and ``frax`` replace the saved risk-factor ticks and FRAX (the bone-health
        screen passes them as typed, so its answer follows the keyboard)."""
        from coach.picture import build_picture, frax_from_settings, picture_window

        today = self.today()
        start, end = picture_window(today)
        major, hip = frax if frax is not None else frax_from_settings(self.store.settings())
        return build_picture(
            self.store.get_profile(),
            self.store.checkins(start, end),
            self.store.dxa_scans(),
            self.store.session_logs(start, end),
            today,
            frax_major=major,
            frax_hip=hip,
            ticked=ticked,
        )

    crash_message: str | None = None
    """After a crash: what to tell the person once the terminal is restored (coach/cli.py)."""

    def _handle_exception(self, error: Exception) -> None:
        """A crash: exit status 1, a private report on disk and a short message, instead of
        Textual's traceback with every local (it would print the person's data into the
        terminal and any session recording). See screens/crash.py."""
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises the first one, so tests still see it
            self._exception = error
            self._exception_event.set()
        if self.crash_message is None:
            from screens.crash import crash_message, write_crash_report

            report = write_crash_report(error, getattr(self.store, "path", None))
            self.crash_message = crash_message(error, report)
            self.bell()
        self._close_messages_no_wait()  # as Textual does after an error, minus the traceback

    def save(self, write: Callable[[], object], what: str = "Your changes") -> bool:
        """Write to the store from a screen; True if saved. Read-only, or a write that fails
        (disk full, permissions, a damaged file), is said in words and the screen keeps
        everything typed (screens/saving.py). Every screen that writes goes through here."""
        if self.notify_read_only():
            return False
        from screens.saving import save_with_message

        return save_with_message(self, write, what)

    def notify_read_only(self, what: str = "Not saved") -> bool:
        """Say so when a save is impossible; return True if the store is read-only."""
        if self.store.read_only:
            self.notify(
                f"{what}: this file is {self.store.read_only_reason}.",
                title="Read-only",
                severity="error",
            )
        return self.store.read_only
