"""A long session keeps only the screens it shows: closed screens' widgets are freed.

Two Textual bugs kept every screen ever opened alive (see screens/textual_fixes.py): the
watcher lists of the app and of home's footer, and a method-level ``lru_cache``. A session over
SSH walks the places many times a day, so what it keeps must not grow with each visit.
"""

from __future__ import annotations

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
