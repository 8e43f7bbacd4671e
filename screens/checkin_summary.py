"""After a save: what the check-in means — targets, flags, and when to call the care team."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.checkin import summary_prompts
from coach.models import CheckIn
from coach.picture import ClinicalPicture
from coach.topic_ids import JOINT_PAIN_TOPIC, RED_FLAGS_TOPIC
from screens.widgets.footer import KeysFooter

MARKERS = {
    "emergency": "⚠ EMERGENCY",
    "stop": "⚠ STOP",
    "attention": "! ",
    "info": "· ",
    "good": "✓ ",
}
URGENT = ("emergency", "stop")


class CheckInSummaryScreen(ModalScreen[str | None]):
    """Shows the prompts for a saved check-in; dismisses with a topic id to open, or None."""

    CSS_PATH = "checkin_summary.tcss"
    BINDINGS = [
        Binding("enter,escape", "close", "Done", id="summary-done"),
        Binding("j", "joint_pain", "Joint pain topic", id="summary-joint-pain"),
        Binding("r", "red_flags", "When to call", id="summary-when-to-call"),
    ]

    def __init__(self, checkin: CheckIn, picture: ClinicalPicture | None = None) -> None:
        super().__init__()
        self.checkin = checkin
        self.prompts = summary_prompts(
            checkin, picture
        )  # the same words `bonecoach checkin` prints

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(
                f"[b]Saved: {self.checkin.day.strftime('%A %d %B')}[/b]", id="summary-title"
            )
            for prompt in self.prompts:
                if prompt.level in URGENT:
                    yield Static(
                        f"[b]{MARKERS[prompt.level]}[/b]  {prompt.text}  (r: when to call)",
                        classes="prompt stop",
                    )
                else:
                    extra = (
                        "  (j: read about joint pain)" if prompt.topic == JOINT_PAIN_TOPIC else ""
                    )
                    yield Static(
                        f"{MARKERS[prompt.level]} {prompt.text}{extra}",
                        classes=f"prompt {prompt.level}",
                    )
            yield Static("Enter: done", classes="muted")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer topic keys only when the summary points to that topic."""
        if action == "joint_pain":
            return any(p.topic == JOINT_PAIN_TOPIC for p in self.prompts)
        if action == "red_flags":
            return any(p.level in URGENT for p in self.prompts)
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_joint_pain(self) -> None:
        self.dismiss(JOINT_PAIN_TOPIC)

    def action_red_flags(self) -> None:
        self.dismiss(RED_FLAGS_TOPIC)
