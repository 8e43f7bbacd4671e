"""The guided session: one exercise at a time, with its how-to, sets counted, holds and rests timed.

The session itself (what is done, skipped, switched; the countdowns; the log) is
``coach.guided.GuidedSession``; this screen draws it and passes it the time. Time comes from an
injected monotonic clock (``clock``), so a countdown stays right however slow or resized the
terminal is, and tests use a fake clock. An interval timer runs only while a countdown runs
(it stops on pause, on the end and on leaving): no CPU while idle.

At the end (f, or n after the last exercise) the answers are asked in the mark-done dialog
(effort, pain during, and "did you feel steady?" after balance or impact work) and stored the
one way a session log is stored (``screens.session_done.save_session_log``). Esc or q asks
first; what was done is kept as a partial session as soon as the person says yes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from coach.guided import Countdown, GuidedSession, progress_bar
from coach.models import SKIP_REASONS, SessionLog
from screens.app import CoachApp
from screens.widgets.footer import KeysFooter

TICK_SECONDS = 0.2  # how often a running countdown is redrawn (the time itself is the clock's)
BAR_WIDTH = 40  # at most; 28 at 80 columns
COUNTDOWN_WORDS = {"hold": "Hold", "timer": "Timer", "rest": "Rest"}
STATE_MARKS = {"done": "✓", "to do": "○"}  # anything else (part done, skipped) is "–"
SKIP_KEYS = {"1": "hurt", "2": "too-hard", "3": "no-equipment", "4": "no-time"}


def state_mark(state: str) -> str:
    return STATE_MARKS.get(state, "–")


def countdown_line(countdown: Countdown | None, now: float, width: int = BAR_WIDTH) -> str:
    """The countdown as words, a bar and the seconds left in digits (no colour needed)."""
    if countdown is None:
        return "No countdown running: h starts a hold (or timer), r a rest."
    word = COUNTDOWN_WORDS[countdown.kind]
    left = countdown.seconds_left(now)
    bar = progress_bar(countdown.fraction(now), width)
    state = "  PAUSED (p resumes)" if countdown.paused else ""
    if countdown.finished(now):
        state = "  done"
    return f"{word} {int(countdown.length)} s [{bar}] {left:>3} s left{state}"


class SkipReasonScreen(ModalScreen[str | None]):
    """Why skip this exercise: 1 it hurt, 2 too hard, 3 no equipment, 4 no time; Esc keeps it."""

    DEFAULT_CSS = """
    SkipReasonScreen { align: center middle; }
    SkipReasonScreen > Vertical {
        width: 50; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    SkipReasonScreen .skip-keys { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [
        *(
            Binding(key, f"reason('{reason}')", SKIP_REASONS[reason], id=f"skip-{reason}")
            for key, reason in SKIP_KEYS.items()
        ),
        Binding("escape", "cancel", "Do not skip", id="skip-cancel"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.exercise_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Skip [b]{self.exercise_name}[/b]? Why:", id="skip-question")
            yield Static(
                "\n".join(f"{key}  {SKIP_REASONS[reason]}" for key, reason in SKIP_KEYS.items())
            )
            yield Static("Esc  do not skip", classes="skip-keys")

    def action_reason(self, reason: str) -> None:
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SessionPlayerScreen(Screen[bool]):
    """Walks through one session; dismisses True once its log is saved."""

    CSS_PATH = "session_player.tcss"
    BINDINGS = [
        Binding("space", "count_set", "Set done", id="player-set"),
        Binding("h", "hold", "Hold", id="player-hold"),
        Binding("r", "rest", "Rest", id="player-rest"),
        Binding("p", "pause", "Pause", id="player-pause"),
        Binding("s", "skip", "Skip", id="player-skip"),
        Binding("n,right", "move(1)", "Next", id="player-next"),
        Binding("b,left", "move(-1)", "Back", show=False, id="player-back"),
        Binding("minus", "uncount_set", "Take a set off", show=False, id="player-uncount"),
        Binding("e", "easier", "Easier variant", show=False, id="player-easier"),
        Binding("f", "finish", "Finish", show=False, id="player-finish"),
        Binding("escape,q", "stop", "Stop", id="player-stop"),
    ]

    def __init__(
        self,
        guided: GuidedSession,
        previous: SessionLog | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.guided = guided
        self.previous = previous
        self.clock = clock
        self._ticker: Timer | None = None
        self._saved = False

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="player-body"):
            yield Static(id="player-title")
            yield Static(id="player-dose")
            yield Static(id="player-how")
            yield Static(id="player-sets")
            yield Static(id="player-timer")
            yield Static(id="player-list")
            yield Static(
                "Space set done · - take one off · h hold · r rest · p pause · e easier · "
                "s skip · n/b next/back · f finish · Esc stop · ctrl+p Bell",
                id="player-keys",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.draw()

    def on_unmount(self) -> None:
        self._stop_ticker()

    def is_dirty(self) -> bool:
        """Work done and not saved yet: the app asks before quitting."""
        return self.guided.anything_done and not self._saved

    def keep_on_quit(self) -> None:
        """Quitting the app halfway (ctrl+q) keeps what was done as a partial session, as
        stopping does; a failed save leaves it unsaved, so the app asks before quitting."""
        if self.is_dirty():
            self._stop_ticker()
            self._save(self.guided.to_log(None, None), quiet=True)

    # ----------------------------------------------------------------- drawing

    def draw(self) -> None:
        guided = self.guided
        item = guided.current
        ex = item.exercise
        title = Text(f"Exercise {guided.index + 1} of {len(guided.items)} · ", style="bold")
        title.append(ex.name, style="bold reverse")
        if item.switched:
            title.append("  (easier variant)")
        if self.previous is not None and guided.index == 0:
            title.append("  · already logged today: finishing replaces it")
        self.query_one("#player-title", Static).update(title)
        needs = ", ".join(e for e in ex.equipment if e != "none") or "body weight"
        self.query_one("#player-dose", Static).update(
            Text(f"{item.dose()} · {ex.category} · needs {needs}")
        )
        self.query_one("#player-how", Static).update(Text(ex.how_to))
        self.query_one("#player-sets", Static).update(self._sets_text())
        self.query_one("#player-list", Static).update(self._list_text())
        self.draw_timer()
        self.refresh_bindings()

    def _sets_text(self) -> Text:
        item = self.guided.current
        if item.skipped is not None:
            return Text(f"– Skipped ({SKIP_REASONS[item.skipped]}). Space does it after all.")
        marks = " ".join("✓" if n < item.sets_done else "○" for n in range(item.sets_target))
        word = "Bout" if item.planned.minutes is not None else "Sets"
        text = f"{word}: {marks}  {min(item.sets_done, item.sets_target)} of {item.sets_target}"
        if item.holds_done:
            text += f" · holds done: {item.holds_done}"
        if item.done:
            text += " · ✓ done: n for the next"
        return Text(text, style="bold")

    def _list_text(self) -> Text:
        lines = []
        for number, item in enumerate(self.guided.items):
            here = "›" if number == self.guided.index else " "
            lines.append(
                f"{here}{state_mark(item.state)} {number + 1}. {item.exercise.name} — {item.state}"
            )
        return Text("\n".join(lines))

    def draw_timer(self) -> None:
        width = max(10, min(BAR_WIDTH, self.size.width - 52))  # the words and digits fit too
        line = countdown_line(self.guided.countdown, self.clock(), width)
        self.query_one("#player-timer", Static).update(Text(line))

    def on_resize(self) -> None:
        if self.is_mounted:
            self.draw_timer()

    # ----------------------------------------------------------------- time

    def _start_ticker(self) -> None:
        self._stop_ticker()
        self._ticker = self.set_interval(TICK_SECONDS, self.tick)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def tick(self) -> None:
        """Look at the clock; at the end of a countdown say so (and ring, if asked for)."""
        now = self.clock()
        ended = self.guided.tick(now)
        if not self.guided.running(now):
            self._stop_ticker()
        if ended is None:
            self.draw_timer()
            return
        if self.coach.store.get_setting("timer_bell", False):
            self.app.bell()
        what = COUNTDOWN_WORDS[ended.kind]
        self.draw()
        self.query_one("#player-timer", Static).update(
            Text(f"✓ {what} of {int(ended.length)} s done. " + self._after(ended.kind))
        )

    def _after(self, kind: str) -> str:
        item = self.guided.current
        if kind == "rest":
            return "Space counts a set; h holds." if not item.done else "n for the next exercise."
        if kind == "hold":
            return "h holds again, r rests, Space when the set is done."
        return "n for the next exercise."

    # ----------------------------------------------------------------- keys

    def action_count_set(self) -> None:
        if not self.guided.count_set():
            self.notify("All sets of this one are done: n for the next exercise.")
        self.draw()

    def action_uncount_set(self) -> None:
        self.guided.uncount_set()
        self.draw()

    def action_hold(self) -> None:
        if self.guided.start_hold(self.clock()) is None:
            self.notify("This one counts repetitions, with no hold: Space counts a set.")
            return
        self._start_ticker()
        self.draw()

    def action_rest(self) -> None:
        self.guided.start_rest(self.clock())
        self._start_ticker()
        self.draw()

    def action_pause(self) -> None:
        paused = self.guided.toggle_pause(self.clock())
        if paused is None:
            self.notify("No countdown is running: h starts a hold, r a rest.")
            return
        if paused:
            self._stop_ticker()
        else:
            self._start_ticker()
        self.draw()

    def action_easier(self) -> None:
        name = self.guided.use_easier()
        if name is None:
            self.notify("There is no easier variant of this one: s skips it.")
            return
        self._stop_ticker()
        self.notify(f"Switched to the easier variant: {name}.")
        self.draw()

    def action_skip(self) -> None:
        async def chosen(reason: str | None) -> None:
            if reason is None:
                return
            self._stop_ticker()
            self.guided.skip(reason)
            if reason == "hurt":
                self.notify(
                    "Skipped. If pain comes on during exercise, stop that movement; if it "
                    "stays, raise it with your care team.",
                    timeout=8,
                )
            self.guided.move(1)
            self.draw()

        self.app.push_screen(SkipReasonScreen(self.guided.current.exercise.name), chosen)

    def action_move(self, step: int) -> None:
        if self.guided.move(step):
            self._stop_ticker()
            self.draw()
        elif step > 0:
            self.action_finish()

    def system_commands(self) -> Iterable[SystemCommand]:
        """The bell in the command palette (ctrl+p): a setting is saved on Enter, never by a
        single letter pressed in passing."""
        on = bool(self.coach.store.get_setting("timer_bell", False))
        yield SystemCommand(
            f"Bell at the end of a countdown: turn it {'off' if on else 'on'}",
            f"Now {'on' if on else 'off'}; remembered for next time",
            self.toggle_bell,
        )

    def toggle_bell(self) -> None:
        on = not self.coach.store.get_setting("timer_bell", False)
        if self.coach.save(lambda: self.coach.store.set_setting("timer_bell", on), "The bell"):
            self.notify("A bell rings at the end of each countdown." if on else "Bell off.")

    def action_finish(self) -> None:
        if not self.guided.anything_done:
            self.notify("Nothing is done yet: Space counts a set, Esc leaves.")
            return
        self._ask_answers("Session finished")

    def action_stop(self) -> None:
        from screens.confirm import ConfirmScreen

        if not self.guided.anything_done:
            self._stop_ticker()
            self.dismiss(False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._stop_ticker()
            # kept at once (whatever happens next); the answers, if given, replace it
            if self._save(self.guided.to_log(None, None), quiet=True):
                self._ask_answers("Stopping early")

        self.app.push_screen(
            ConfirmScreen(
                f"Stop the session here? {self.guided.summary()}: what you did is kept as a "
                "partial session.",
                "stop and keep what I did",
                "carry on",
            ),
            answered,
        )

    def _ask_answers(self, heading: str) -> None:
        """Effort, pain during (and steadiness after balance or impact work), then the log.

        Esc on the questions goes back to the session, unless it was stopped (then what was
        done is already kept, and Esc leaves with it)."""
        from screens.session_done import SessionAnswers, SessionDoneScreen

        guided = self.guided

        def save(answers: SessionAnswers) -> bool:
            return self._save(
                guided.to_log(answers.effort, answers.pain_during, answers.note, answers.steady)
            )

        def closed(answers: SessionAnswers | None) -> None:
            if answers is None and self._saved:  # stopped, and no answers given
                self.notify(f"Kept (partial): {guided.summary()}.")
            if self._saved:
                self.dismiss(True)

        self.app.push_screen(
            SessionDoneScreen(
                guided.summary(), None, save, heading=heading, ask_steady=guided.asks_steady()
            ),
            closed,
        )

    def _save(self, log: SessionLog, *, quiet: bool = False) -> bool:
        from screens.session_done import save_session_log

        counted = save_session_log(self.coach, log)
        if counted is None:
            return False
        self._saved = True
        if not quiet:
            kept = "Kept (partial)" if log.partial else "Saved"
            self.notify(f"{kept}: {self.guided.summary()}; {counted}.")
        return True
