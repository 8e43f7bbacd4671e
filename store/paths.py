"""Where a person's data lives, and keeping that place private.

The default is the platform's user data folder (``~/.local/share/bonecoach`` on Linux), so two
people on one server never share a file. ``--data PATH`` or ``BONECOACH_DATA`` override it.
Nothing here runs at import time: folders are made only when a store is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

ENV_VAR = "BONECOACH_DATA"
APP_NAME = "bonecoach"
FILE_NAME = "bonecoach.json"
DIR_MODE = 0o700
FILE_MODE = 0o600


def default_data_path() -> Path:
    """The data file used when neither ``--data`` nor ``BONECOACH_DATA`` is given."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def resolve_data_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` wins, then ``BONECOACH_DATA``, then the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_VAR, "").strip()
    if env_value:
        return Path(env_value).expanduser()
    return default_data_path()


def ensure_private_folder(folder: Path) -> None:
    """Create the data folder 0700; tighten it if it is ours (new, or the default folder).

    A folder the person chose that already existed (their home, say) is left as it is: the
    file inside is 0600 either way, and changing the mode of someone's home is not our call.
    """
    created = not folder.exists()
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    ours = created or folder.resolve() == default_data_path().parent.resolve()
    if ours and _owned_by_me(folder) and stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
        folder.chmod(DIR_MODE)


def ensure_private_file(path: Path) -> None:
    """Tighten an existing data file to 0600 (files created by the store already are)."""
    if path.exists() and _owned_by_me(path) and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)


def _owned_by_me(path: Path) -> bool:
    return path.stat().st_uid == os.getuid()
