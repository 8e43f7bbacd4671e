"""What can go wrong with a data file, as exceptions whose message a person can act on.

Every message names the real file (never a temporary one) and says what was (not) changed.
The CLI prints it as one line; the app shows it in a notification.
"""

from __future__ import annotations

from pathlib import Path

READ_ONLY_MESSAGE = "open in another session — read-only"


class StoreError(Exception):
    """A problem with the data file that a person can act on; the message says how."""


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only (usually: another session has it)."""

    def __init__(self, path: Path, reason: str = READ_ONLY_MESSAGE) -> None:
        super().__init__(f"{path} is {reason}; nothing was saved")
        self.path = path


class CorruptStoreError(StoreError):
    """The file cannot be used. It is left exactly as it is."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        hint = (
            f"newest good backup: {newest_backup} (restore with: bonecoach doctor --restore "
            f"{newest_backup})"
            if newest_backup
            else "no good backup found"
        )
        super().__init__(f"{path} {reason}; it was not changed; {hint}")
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup


class RecordError(StoreError):
    """A stored record fails validation (edited by hand, or a bug); names file and record."""


class DamagedRecordError(RecordError):
    """A change needs a stored record that is damaged (adding to a day's check-in, say).

    The record is left as it is; ``bonecoach doctor`` shows it and ``--repair`` moves it aside.
    """

    def __init__(self, path: Path, what: str, reason: str) -> None:
        super().__init__(
            f"{path}: {what} is damaged ({reason}); it was not changed and nothing was saved; "
            "see: bonecoach doctor (bonecoach doctor --repair moves it aside)"
        )
        self.path = path


class SaveError(StoreError, OSError):
    """A save failed (disk full, folder not writable, ...): the file is as it was before.

    Also an ``OSError`` (with its ``errno``), so code that handles file-system errors sees it.
    """

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}; nothing was saved"


class UnreadableFileError(Exception):
    """The data file exists but is not a readable TinyDB JSON document."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PathError(StoreError):
    """A path given for data or output cannot be used as asked (a folder, a device, ...)."""
