"""Real terminals: the installed `bonecoach` in tmux, and over a loopback OpenSSH server.

A new user goes onboarding -> check-in -> plan -> trends -> learn -> quit, keys only, and we
read the screen with capture-pane. CI installs tmux and openssh (see .ci/run) and sets
BONECOACH_REQUIRE_TERMINAL=1, so a missing tool fails there instead of skipping.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from terminal_harness import BONECOACH, LoopbackSshd, Tmux, need

pytestmark = pytest.mark.terminal


def new_user_walkthrough(term: Tmux, size: tuple[int, int]) -> None:
    """Onboarding, a check-in, the plan, trends, a topic, quit — as a person would type it."""
    term.wait_for("Welcome to bonecoach", "Year of birth")
    term.type("Ann")
    term.keys("Tab")
    term.type("1958")
    for _ in range(9):  # drug, smoking, days, minutes, 4 equipment boxes -> "I understand"
        term.keys("Tab")
    term.keys("Space", "C-s")
    screen = term.wait_for("Streak:", "Not checked in yet today")
    assert "Ann" in screen

    term.keys("c")
    term.wait_for("Worst joint pain", "Took your aromatase inhibitor")
    term.type("3")
    term.keys("Enter")
    term.type("1")
    term.keys("Enter", "y", "Enter")
    term.type("30")
    term.keys("C-s")
    term.wait_for("Saved:")
    term.keys("Enter")
    term.wait_for("Checked in today", "Streak: 1 day")

    term.keys("p")
    term.wait_for("Week 1 of 12")
    term.keys("Escape")
    term.wait_for("Streak:")

    term.keys("t")
    term.wait_for("Worst joint pain ·")
    term.keys("Escape")
    term.wait_for("Streak:")

    term.keys("l")
    term.wait_for("Why bones change")
    term.keys("Enter")
    term.wait_for("Key points")
    term.keys("Escape")
    term.keys("Escape")
    term.wait_for("Streak:")
    term.keys("q")
    term.wait_for("[exited 0]")
    width, _ = size
    assert all(len(line) <= width for line in term.screen().splitlines())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm-256color"}, {"TERM": "xterm", "NO_COLOR": "1"}],
    ids=["xterm-256color", "xterm-no-color"],
)
def test_new_user_in_tmux(tmp_path: Path, size: tuple[int, int], env: dict[str, str]) -> None:
    need("tmux")
    data = tmp_path / "data" / "bonecoach.json"
    term = Tmux(
        f"{shlex.quote(BONECOACH)} --data {shlex.quote(str(data))}",
        size,
        {"LANG": "C.UTF-8", **env},
    )
    try:
        new_user_walkthrough(term, size)
    finally:
        term.close()
    assert data.exists() and oct(data.stat().st_mode & 0o777) == "0o600"


def test_new_user_over_ssh(tmp_path: Path) -> None:
    """80x24, TERM=xterm, NO_COLOR=1, through a key-only sshd on 127.0.0.1."""
    need("tmux", "ssh", "sshd", "ssh-keygen")
    sshd = LoopbackSshd(tmp_path / "sshd")
    data = tmp_path / "remote-home" / "bonecoach.json"
    seen_env = tmp_path / "remote-env.txt"
    app = f"{shlex.quote(BONECOACH)} --data {shlex.quote(str(data))}"
    record = 'echo "TERM=$TERM NO_COLOR=$NO_COLOR SSH=${SSH_TTY:+tty}"'
    remote = f"NO_COLOR=1 LANG=C.UTF-8 sh -c '{record} > {shlex.quote(str(seen_env))}; exec {app}'"
    term = Tmux(sshd.command(remote), (80, 24), {"TERM": "xterm", "LANG": "C.UTF-8"})
    try:
        new_user_walkthrough(term, (80, 24))
    finally:
        term.close()
        sshd.close()
    assert data.exists()
    assert seen_env.read_text().split() == ["TERM=xterm", "NO_COLOR=1", "SSH=tty"]
