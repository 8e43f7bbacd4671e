"""A child for the real-terminal crash test: the real ``bonecoach`` entry point, with one
screen action made to fail (the message quotes a "patient value", which must not be shown).

Usage: python crash_tui_child.py DATA_FILE
"""

from __future__ import annotations

import sys

from coach import cli
from screens.checkin import CheckInScreen


def broken(self: CheckInScreen) -> None:
    secret_local = "Zelda pain 9"  # a local the Textual traceback would have printed
    raise ValueError(f"could not copy {secret_local}")


if __name__ == "__main__":
    CheckInScreen.action_same_as_yesterday = broken  # type: ignore[method-assign]
    sys.exit(cli.main(["--data", sys.argv[1]]))
