"""Where a person's data lives, and keeping that place private.

The default is the platform's user data folder (``~/.local/share/bonecoach`` on Linux), so two
people on one server never share a file. ``--data PATH`` or ``BONECOACH_DATA`` override it.
Nothing here runs at import time: folders are made only when a store is opened.

A data path must be a regular file or not exist yet (``/dev/null`` or a folder is refused). A
symbolic link is followed once, here: the store locks and writes the real file, so a session
opened through the link and one opened on the real path share one lock and one file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from store.errors import PathError

ENV_VAR = "BONECOACH_DATA"
APP_NAME = "bonecoach"
FILE_NAME = "bonecoach.json"
DIR_MODE = 0o700
FILE_MODE = 0o600
MAX_FILE_BYTES = 256 * 1024 * 1024  # the largest data file read (a 30-year diary: about 6 MiB)


def default_data_path() -> Path:
    """The data file used when neither ``--data`` nor ``BONECOACH_DATA`` is given."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / FILE_NAME


def resolve_data_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` wins, then ``BONECOACH_DATA``, then the platform default.

    ``--data ""`` is a mistake (an unset shell variable, say), not a request for the default.
    """
    if cli_value is not None:
        if not str(cli_value).strip():
            raise PathError("--data: give a file name (it is empty)")
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_VAR, "").strip()
    if env_value:
        return Path(env_value).expanduser()
    return default_data_path()


def real_data_file(path: Path) -> Path:
    """The file a data path really means: symbolic links followed, and a regular file (or none).

    Raises PathError for a folder, a device (``/dev/null``), a pipe or a socket.
    """
    path = Path(os.path.realpath(path.expanduser()))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise PathError(f"{path}: cannot be used as a data file ({error.strerror})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise PathError(f"{path} is {kind}; give the path of a data file (e.g. bonecoach.json)")
    if path.parent.exists() and not path.parent.is_dir():
        raise PathError(f"{path.parent} is not a folder; the data file cannot be kept there")
    return path


def ensure_private_folder(folder: Path) -> None:
    """Create the data folder 0700; tighten it if it is ours (new, or the default folder).

    A folder the person chose that already existed (their home, say) is left as it is: the
    file inside is 0600 either way, and changing the mode of someone's home is not our call.
    Each folder created is fsynced into its parent, so it survives a power cut with the file.
    """
    created = make_folders(folder)
    ours = created or folder.resolve() == default_data_path().parent.resolve()
    if ours and _owned_by_me(folder) and stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
        folder.chmod(DIR_MODE)


def make_folders(folder: Path) -> bool:
    """Create ``folder`` and missing parents (0700), fsyncing each into its parent.

    True if ``folder`` itself was created. A file in the way raises PathError naming it.
    """
    missing: list[Path] = []
    here = folder
    while not here.exists():
        if here.is_symlink():  # a dangling link in the way
            raise PathError(f"{here} is a broken symbolic link; cannot make a folder there")
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    if not here.is_dir():
        raise PathError(f"{here} is a file, not a folder; cannot keep data under it")
    from store.storage import fsync_dir

    for new in reversed(missing):
        try:
            new.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not new.is_dir():
                raise PathError(f"{new} is a file, not a folder") from None
            continue
        fsync_dir(new.parent)
    return bool(missing) and missing[0] == folder


def ensure_private_file(path: Path) -> None:
    """Tighten an existing data file to 0600 (files created by the store already are)."""
    if path.exists() and _owned_by_me(path) and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)


def _owned_by_me(path: Path) -> bool:
    return path.stat().st_uid == os.getuid()
