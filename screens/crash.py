"""When the TUI crashes: a private crash report on disk and a short, honest message.

Textual's own crash report is a rich traceback with every local variable, which would print the
person's name, plan and check-ins into the terminal's scroll-back and any SSH session recording.
Instead the app writes a report that holds only what a developer needs and nothing of the person:
the exception's type (not its message, which can quote what was typed), the file, line and
function of each frame, and the versions. The file is 0600 in a 0700 folder (the platform's log
folder, e.g. ``~/.local/state/bonecoach/log``; else beside the data file). Nothing is sent
anywhere.

Every save is atomic and durable (``store.storage``), so what was saved before the crash is safe;
what was typed on screen but not saved is not.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

REPORT_PREFIX = "crash-"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def crash_folders(data_path: Path | None = None) -> list[Path]:
    """Where a report may go, best first: the platform's log folder, then the data folder."""
    from platformdirs import user_log_path

    folders = [user_log_path("bonecoach", appauthor=False)]
    if data_path is not None:
        folders.append(data_path.parent / "crash-reports")
    return folders


def report_text(error: BaseException, now: datetime | None = None) -> str:
    """The report: versions, then each exception of the chain as type and frames. No values."""
    from coach import __version__

    lines = [
        "bonecoach crash report",
        f"time (UTC): {(now or datetime.now(UTC)).isoformat(timespec='seconds')}",
        f"bonecoach {__version__} · Python {platform.python_version()} · {_textual_version()}"
        f" · {platform.system()} {platform.machine()}",
        "No personal data: exception types and code locations only (no messages, no values).",
        "",
    ]
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for index, exception in enumerate(reversed(chain)):
        if index:
            lines += ["", "During handling of the above, another exception occurred:", ""]
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exception.__traceback__):
            lines.append(
                f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}'
            )
        kind = type(exception)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
    return "\n".join(lines) + "\n"


def write_crash_report(error: BaseException, data_path: Path | None = None) -> Path | None:
    """Write the report (0600, a new file); its path, or None if no folder would take it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    text = report_text(error)
    for folder in crash_folders(data_path):
        try:
            folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            for attempt in range(100):
                path = folder / f"{REPORT_PREFIX}{stamp}{f'-{attempt}' if attempt else ''}.txt"
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                except FileExistsError:
                    continue
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                return path
        except OSError:
            continue
    return None


def crash_message(error: BaseException, report: Path | None) -> str:
    """What the person sees in the terminal after a crash: short, honest, no personal data."""
    where = (
        f"A crash report (no personal data) was written to:\n{report}"
        if report is not None
        else "No crash report could be written (no folder would take it)."
    )
    return (
        f"bonecoach stopped after an unexpected error ({type(error).__name__}).\n"
        "Your saved data is safe: each save was complete on disk before this.\n"
        "Anything typed on screen but not saved yet was not kept.\n"
        f"{where}\n"
        "Start bonecoach again to carry on; if this happens again, please share it."
    )


def _short_path(filename: str) -> str:
    """A frame's file relative to its package root, so the report does not name the home folder."""
    path = Path(filename)
    for marker in ("site-packages", "dist-packages"):
        if marker in path.parts:
            return str(Path(*path.parts[path.parts.index(marker) + 1 :]))
    for root in sys.path:
        if root and filename.startswith(root.rstrip(os.sep) + os.sep):
            return filename[len(root.rstrip(os.sep)) + 1 :]
    return path.name


def _textual_version() -> str:
    try:
        from importlib.metadata import version

        return f"textual {version('textual')}"
    except Exception:  # an unusual install: the report is still worth writing
        return "textual ?"
