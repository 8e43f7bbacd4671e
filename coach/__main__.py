"""``python -m coach`` runs the same entry point as the ``bonecoach`` command."""

import sys

from coach.cli import main

sys.exit(main())
