"""The ``bonecoach`` command and ``python -m coach``: the data file read ahead, then the CLI.

Importing the command line takes some 30 ms; the data file it will read is known from the
arguments before that. So the file is first read in a thread (store/prefetch.py: at 30 years
5.5 MB and its checksum, about 3.5 ms, on the other core), while ``coach.cli`` is imported.
This looks at the arguments only to find ``--data``; whatever it gets wrong costs a read that
is not used, never a different result: the store uses the bytes only for the very file it
opens, unchanged since (``prefetch.take``), and reads the file itself otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# commands that read the data file their own way (a read ahead would not be used)
NOT_READ_AHEAD = frozenset({"demo", "doctor", "import"})


def data_argument(argv: Sequence[str]) -> str | None:
    """The value of the last ``--data`` in ``argv`` (as ``--data PATH`` or ``--data=PATH``),
    or None; what looks like a command rather than a data file is not its business."""
    value = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--data" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--data="):
            value = arg.removeprefix("--data=")
    return value


def command_word(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor ``--data``'s value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def read_ahead(argv: Sequence[str]) -> None:
    """Start reading the data file ``argv`` names (or the default one) in a thread."""
    if {"-h", "--help", "--version"} & set(argv) or command_word(argv) in NOT_READ_AHEAD:
        return
    try:
        from store import prefetch
        from store.paths import resolve_data_path

        prefetch.start(resolve_data_path(data_argument(argv)))
    except Exception:  # (a path the command will refuse, with its own message)
        return


def main() -> int:
    read_ahead(sys.argv[1:])
    from coach.cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
