"""A long session keeps only the screens it shows: closed screens' widgets are freed.

Two Textual bugs kept every screen ever opened alive (see screens/textual_fixes.py): the
watcher lists of the app and of home's footer, and a method-level ``lru_cache``. A session over
SSH walks the places many times a day, so what it keeps must not grow with each visit.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._footer import FooterKey
from ui_helpers import SAMPLE_PROFILE, SIZE, make_app

from screens import textual_fixes

PLACES = ("c", "h", "l", "p", "t", "b", "e", "question_mark")


async def _live_widgets(app: object) -> dict[str, int]:
    gc.collect()
    live = [o for o in gc.get_objects() if isinstance(o, Widget)]
    return {
        "widgets": len(live),
        "headers": sum(isinstance(o, Header) for o in live),
        "footer keys": sum(isinstance(o, FooterKey) for o in live),
    }


async def test_visiting_places_again_and_again_keeps_no_closed_screen(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE, days=40)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def walk() -> None:
            for key in PLACES:
                await pilot.press(key)
                await pilot.pause()
                while app.screen is not app.screen_stack[1]:  # back home
                    await pilot.press("escape")
                    await pilot.pause()

        await walk()
        after_one = await _live_widgets(app)
        for _ in range(3):
            await walk()
        after_four = await _live_widgets(app)
    # one Header per screen on the stack (home), and at most PRUNE_EVERY closed ones waiting
    # for the next pruning of the app's watcher list; nothing grows with each walk
    bound = 2 + textual_fixes.PRUNE_EVERY
    assert after_one["headers"] <= bound and after_four["headers"] <= bound, (after_one, after_four)
    assert after_four["footer keys"] <= after_one["footer keys"] + 4 * bound
    assert after_four["widgets"] <= after_one["widgets"] + 10 * bound, (after_one, after_four)


def test_the_fixes_are_applied_once_and_only_while_needed() -> None:
    """On the pinned Textual both bugs are present, so both fixes are in; applying again (a
    second app in one process) patches nothing twice."""
    from textual import dom
    from textual._styles_cache import StylesCache

    assert hasattr(dom._watch, "pruned_from")
    assert not hasattr(StylesCache.__dict__["get_inner_outer"], "cache_info")
    assert textual_fixes.apply() == []


def test_long_lived_records_are_frozen_once_per_read_of_the_file() -> None:
    """A whole history read (thousands of records the store keeps) is frozen once for each
    read of the file: not for a small diary, not again after a save, not in headless tests."""
    import gc

    from screens.long_lived import MANY_RECORDS, settle_records

    class App:
        is_headless = False

    app = App()
    try:
        assert not settle_records(App(), MANY_RECORDS, marker=(0, 1))  # a small history
        assert settle_records(app, MANY_RECORDS + 1, marker=1)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert not settle_records(app, MANY_RECORDS + 2, marker=1)  # saved since: same read
        assert settle_records(app, MANY_RECORDS + 2, marker=2)  # the file was read again

        class Headless:
            is_headless = True

        assert not settle_records(Headless(), 10 * MANY_RECORDS, marker=3)
    finally:
        gc.unfreeze()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


class TimerApp:
    """What IdleCollector needs of an app: a headless flag and one-shot timers."""

    is_headless = False
    keys_pending = 0

    def __init__(self) -> None:
        self.timers: list[tuple[float, object]] = []

    def set_timer(self, delay: float, callback: object, name: str = "") -> None:
        self.timers.append((delay, callback))

    def call_next(self, callback: object, *args: object) -> None:
        callback(*args)  # type: ignore[operator]

    def fire(self) -> None:
        _, callback = self.timers.pop(0)
        callback()  # type: ignore[operator]


def test_the_owed_pass_waits_until_the_app_has_been_idle_for_a_moment(monkeypatch) -> None:
    """The pass that unfreezes everything waits for a quiet moment, counted from when the app
    was first seen with nothing to do: a key, or work left from one, starts it again; it runs
    once however many times it was asked for, and never when it was not."""
    from screens import long_lived
    from screens.long_lived import IDLE_SECONDS, LOOK_EVERY, IdleCollector

    clock, passes = FakeClock(), []
    monkeypatch.setattr(long_lived, "time", clock)
    monkeypatch.setattr(long_lived, "settle_long_lived", lambda app: passes.append(clock.now))
    monkeypatch.setattr(long_lived, "app_busy", lambda app: bool(app.keys_pending))
    app = TimerApp()
    before = gc.get_threshold()
    try:
        collector = IdleCollector.start(app)
        assert collector is not None
        assert gc.get_threshold()[2] == long_lived.FULL_PASS_EVERY
    finally:
        gc.set_threshold(*before)

    def look_until_a_pass(limit: int = 100) -> int:
        before = len(passes)
        for looks in range(1, limit):
            clock.now += LOOK_EVERY
            app.fire()
            if len(passes) > before:
                return looks
        raise AssertionError("no pass")

    collector.settle()
    collector.settle()  # asked for twice: one timer, one pass
    assert [delay for delay, _ in app.timers] == [LOOK_EVERY]
    app.keys_pending = 1  # a slow key's work goes on for a long while: no pass meanwhile
    for _ in range(int(IDLE_SECONDS / LOOK_EVERY) * 4):
        clock.now += LOOK_EVERY
        app.fire()
    assert passes == [] and len(app.timers) == 1
    app.keys_pending = 0
    done = clock.now  # the work ended: the quiet moment starts at the next look
    looks = look_until_a_pass()
    assert passes == [clock.now] and clock.now - done >= IDLE_SECONDS
    assert looks <= round(IDLE_SECONDS / LOOK_EVERY) + 2  # and not much later
    assert app.timers == []

    clock.now += 5
    collector.input_seen()
    assert app.timers == [] and len(passes) == 1  # keys alone ask for no pass

    collector.settle()
    clock.now += LOOK_EVERY
    app.fire()  # idle: the quiet moment starts
    clock.now += IDLE_SECONDS * 0.9
    collector.input_seen()  # a key just before the moment was over: it starts again
    start = clock.now
    look_until_a_pass()
    assert len(passes) == 2 and passes[1] - start >= IDLE_SECONDS

    collector.settle()
    clock.now += LOOK_EVERY
    app.fire()  # idle: the quiet moment starts
    clock.now += IDLE_SECONDS * 0.9
    app.keys_pending = 1  # work without a new key (a worker ending, say): it starts again
    app.fire()
    app.keys_pending = 0
    start = clock.now
    look_until_a_pass()
    assert len(passes) == 3 and passes[2] - start >= IDLE_SECONDS


async def test_a_closed_screen_is_collected_once_it_is_removed(monkeypatch) -> None:
    """A pass for each closed screen, once Textual has removed it (not before: its widgets
    would still be alive, walked and kept), even in a stream of keys with no idle moment; a
    removal that fails asks for no pass (Textual reports the failure where it awaits it)."""
    from screens import long_lived
    from screens.long_lived import IdleCollector

    passes: list[str] = []
    monkeypatch.setattr(long_lived.gc, "collect", lambda *a: passes.append("pass") or 0)
    app = TimerApp()
    app.keys_pending = 1  # never idle
    collector = IdleCollector(app)
    removed = asyncio.Event()

    async def removal() -> None:
        await removed.wait()

    async def failed_removal() -> None:
        raise RuntimeError("the screen could not be removed")

    collector.screen_closed(removal())
    collector.screen_closed(failed_removal())
    for _ in range(5):
        await asyncio.sleep(0)
    assert passes == []  # the first screen is still being removed; the second never was
    removed.set()
    for _ in range(5):
        await asyncio.sleep(0)
    assert passes == ["pass"]
    assert app.timers == []  # no idle moment waited for
    assert not collector._removals  # the tasks are let go once done


async def test_each_closed_screen_is_collected_once_removed_however_it_closed(
    data_path, monkeypatch
) -> None:
    """Escape (the app pops the screen) and a screen that dismisses itself from its own handler
    (the metric picker, once a metric is chosen) each get a pass, and only once the screen and
    its widgets are unmounted: awaited from the screen's own handler, Textual's removal raised
    ScreenError and no pass came."""
    from screens import long_lived
    from screens.long_lived import IdleCollector

    app = make_app(data_path, profile=SAMPLE_PROFILE, days=10)
    watched: list[object] = []
    passes: list[tuple[bool, ...]] = []
    monkeypatch.setattr(
        long_lived.gc,
        "collect",
        lambda *a: passes.append(tuple(node.is_attached for node in watched)) or 0,
    )

    async def close(key: str) -> tuple[bool, ...]:
        screen = app.screen
        watched[:] = [screen, *screen.walk_children()]
        assert all(node.is_attached for node in watched)
        passes.clear()
        await pilot.press(key)
        for _ in range(5):
            await pilot.pause()
        assert app.screen is not screen
        assert len(passes) == 1, passes
        return passes[0]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.idle_collector = IdleCollector(app)  # (not started: the process's thresholds stay)
        await pilot.press("t", "m")
        await pilot.pause()
        assert not any(await close("enter"))  # the picker dismissed itself
        assert not any(await close("escape"))  # Trends, popped by the app


def test_records_are_frozen_at_once_and_collected_when_idle(monkeypatch) -> None:
    """A whole history read in a key is frozen with no pass in that key (30 years: about
    120 ms); what was garbage then is frozen too, so the next idle pass unfreezes, collects
    and freezes again; once done, nothing more is owed."""
    from screens import long_lived
    from screens.long_lived import MANY_RECORDS, IdleCollector, settle_records

    calls: list[str] = []
    for name in ("collect", "freeze", "unfreeze"):
        monkeypatch.setattr(long_lived.gc, name, lambda *a, name=name: calls.append(name) or 0)
    monkeypatch.setattr(long_lived, "app_busy", lambda app: False)
    clock = FakeClock()
    monkeypatch.setattr(long_lived, "time", clock)
    app = TimerApp()
    app.idle_collector = IdleCollector(app)  # (not started: the process's thresholds stay)

    def idle_until_the_timers_stop() -> None:
        while app.timers:
            clock.now += long_lived.LOOK_EVERY
            app.fire()

    assert settle_records(app, MANY_RECORDS + 1, marker=1)
    assert calls == ["freeze"]  # inside the key: nothing walked
    idle_until_the_timers_stop()
    assert calls == ["freeze", "unfreeze", "collect", "freeze"]
    assert not settle_records(app, MANY_RECORDS + 1, marker=1)  # the same read: done
    assert calls[4:] == [] and app.timers == []


async def test_the_app_is_busy_while_a_handler_still_awaits_its_work(data_path) -> None:
    """A widget whose mount handler awaits work (Textual's Markdown parses in a thread) has
    no message waiting, but the app is not idle until the handler is done: a pass taken then
    would land inside the key that opened it. A message waiting and a worker running are
    work left too."""
    from textual.app import App, ComposeResult
    from textual.message import Message
    from textual.widgets import Static

    from screens.long_lived import app_busy

    mounted = asyncio.Event()

    class Ping(Message):
        pass

    class Slow(Static):
        async def on_mount(self) -> None:
            await mounted.wait()

    class Demo(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("home")

    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not app_busy(app)
        try:
            app.screen.mount(Slow("slow"))  # not awaited: that waits for the mount handler
            for _ in range(20):  # (pilot.pause would wait for the handler too)
                await asyncio.sleep(0.01)
            slow = app.screen.query_one(Slow)
            assert slow.message_queue_size == 0  # nothing waiting, and yet
            assert app_busy(app)
        finally:
            mounted.set()  # the app cannot close while the handler waits
        await pilot.pause()
        assert not app_busy(app)
        slow.post_message(Ping())  # waiting in its queue (checked before the loop runs)
        assert app_busy(app)
        await pilot.pause()
        assert not app_busy(app)
        finish = asyncio.Event()
        worker = app.run_worker(finish.wait())
        await pilot.pause()
        assert app_busy(app)  # slow work in a worker
        finish.set()
        await worker.wait()
        await pilot.pause()
        assert not app_busy(app)


def test_headless_apps_keep_the_collector_settings() -> None:
    from screens.long_lived import IdleCollector

    class Headless:
        is_headless = True

    before = gc.get_threshold()
    assert IdleCollector.start(Headless()) is None
    assert gc.get_threshold() == before


async def test_footer_keys_start_in_the_footer_style(data_path, monkeypatch) -> None:
    """Each key bound to the footer starts as the footer is (not compact): no key adds the
    compact class as it mounts only to take it off again (two restyles per key)."""
    added: list[str] = []
    add_class = FooterKey.add_class

    def spy(self: FooterKey, *names: str, update: bool = True) -> FooterKey:
        bound = "-command-palette" not in self.classes  # the palette key is compact: as Textual's
        if bound and "-compact" in names and "-compact" not in self.classes:
            added.append(self.key)
        return add_class(self, *names, update=update)

    monkeypatch.setattr(FooterKey, "add_class", spy)
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")  # trends: grouped keys too
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys
        bound = [k for k in keys if "-command-palette" not in k.classes]
        assert all(not k.compact and "-compact" not in k.classes for k in bound)
    assert added == []


def _footer_shows(screen: object) -> list[tuple[str, str, str, bool, bool]]:
    """Each footer key shown, in order: key, description, action, whether it is disabled and
    whether it is shown so (dimmed)."""
    return [
        (key.key, key.description, key.action, key._disabled, key.has_class("-disabled"))
        for key in screen.query(FooterKey)  # type: ignore[attr-defined]
        if not key._pruning
    ]


def _textual_footer(footer: object) -> list[tuple[str, str, str, bool, bool]]:
    """What Textual's own Footer would show for the screen's bindings now (built, not mounted)."""
    from textual.compose import compose
    from textual.widgets import Footer

    made: list[FooterKey] = []
    with footer._context():  # type: ignore[attr-defined]
        composed = compose(footer, Footer.compose(footer))  # type: ignore[arg-type]
    for widget in composed:
        made.extend([widget] if isinstance(widget, FooterKey) else widget._pending_children)
    return [
        (key.key, key.description, key.action, key._disabled, key.has_class("-disabled"))
        for key in made
    ]


async def test_the_footer_keys_are_made_once_and_changed_in_place(data_path, monkeypatch) -> None:
    """Opening Learn shows its keys without rebuilding the footer (its keys change twice as it
    opens: the keys made with the screen are changed in place); opening a topic and switching
    panes change only hidden bindings; searching hides a key. What shows is right each time."""
    from screens.widgets.footer import KeysFooter

    rebuilds: list[str] = []
    recompose = KeysFooter.recompose

    async def counted(self: KeysFooter) -> None:
        rebuilds.append(type(self.screen).__name__)
        await recompose(self)

    monkeypatch.setattr(KeysFooter, "recompose", counted)
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rebuilds.clear()
        await pilot.press("l")
        for _ in range(4):
            await pilot.pause()
        shown = [k.key for k in app.screen.query(FooterKey)]
        assert shown == ["slash", "g", "escape", "question_mark", "q", "ctrl+p"]
        keys = list(app.screen.query(FooterKey))
        await pilot.press("enter")  # the reader: the same keys show
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets
        await pilot.press("slash")  # searching hides "g" (it types into the field)
        for _ in range(3):
            await pilot.pause()
        assert "g" not in [k.key for k in app.screen.query(FooterKey)]
        footer = app.screen.query_one(KeysFooter)
        assert _footer_shows(app.screen) == _textual_footer(footer)
        assert rebuilds == []


async def test_every_places_footer_shows_what_textuals_would(data_path) -> None:
    """Keys changed in place (more, fewer, others, disabled, grouped) end as Textual's own
    Footer would build them, in each place and after keys that change what a place offers."""
    from screens.widgets.footer import KeysFooter

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for place, then in (("h", "d"), ("l", "slash"), ("p", "right"), ("t", "4"), ("b", "tab")):
            await pilot.press(place)
            for key in ("", then):
                if key:
                    await pilot.press(key)
                for _ in range(3):
                    await pilot.pause()
                footer = app.screen.query_one(KeysFooter)
                assert _footer_shows(app.screen) == _textual_footer(footer), (place, key)
                assert _footer_shows(app.screen)[-1][0] == "ctrl+p"  # the palette's stays last
            while type(app.screen).__name__ != "HomeScreen":
                await app.pop_screen()
            await pilot.pause()


async def test_a_key_disabled_and_enabled_again_changes_in_place() -> None:
    """A key the screen disables (shown dimmed) and enables again keeps its widget, and the
    footer shows each state as Textual's own would; a key hidden goes, and comes back in its
    place before the palette's key."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

    from screens.widgets.footer import KeysFooter

    class Keys(Screen[None]):
        BINDINGS = [
            Binding("a", "first", "First"),
            Binding("b", "second", "Second"),
            Binding("c", "third", "Third"),
        ]
        state: dict[str, bool | None] = {"second": True, "third": True}

        def compose(self) -> ComposeResult:
            yield KeysFooter()

        def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
            return self.state.get(action, True)

    class KeysApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Keys())

    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(KeysFooter)
        widgets = list(screen.query(FooterKey))
        for state, shown in (
            ({"second": None, "third": True}, ["a", "b", "c", "ctrl+p"]),  # b dimmed
            ({"second": True, "third": False}, ["a", "b", "ctrl+p"]),  # c hidden
            ({"second": False, "third": None}, ["a", "c", "ctrl+p"]),
            ({"second": True, "third": True}, ["a", "b", "c", "ctrl+p"]),
        ):
            Keys.state = state
            screen.refresh_bindings()
            for _ in range(3):
                await pilot.pause()
            assert [key for key, *_ in _footer_shows(screen)] == shown
            assert _footer_shows(screen) == _textual_footer(footer)
        assert [key for key, *_ in _footer_shows(screen)][:2] == ["a", "b"]
        assert list(screen.query(FooterKey))[:2] == widgets[:2]  # changed, not made again
