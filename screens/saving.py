"""Saving from a screen: one place that turns a failed write into a clear message.

A full disk, a folder that is no longer writable, or a data file replaced by a damaged one must
not crash the coach or lose what was typed: the write is refused as a whole (the store writes
atomically and reloads on failure), the screen stays as it is with every field still filled
in, and the person reads what went wrong and what to do. The CLI says the same in one line.
"""

from __future__ import annotations

import errno
from collections.abc import Callable

from textual.app import App

DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)


def save_problem(error: Exception) -> str:
    """The reason a save failed, in words a person can act on."""
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        if error.errno in DISK_FULL:
            return f"the disk is full{where}: free some space, then save again"
        if error.errno in NO_PERMISSION:
            return f"the data folder cannot be written to{where}: check its permissions"
        return f"{error.strerror or error}{where}"
    return str(error)


def save_with_message(app: App[object], write: Callable[[], object], what: str) -> bool:
    """Run one write; True if it was saved. On failure notify and return False."""
    from coach.models import ValidationError
    from store.db import StoreError

    try:
        write()
    except (OSError, StoreError, ValidationError) as error:
        app.notify(
            f"{what} not saved: {save_problem(error)}. What you typed is still here.",
            title="Could not save",
            severity="error",
            timeout=20,
        )
        return False
    return True
