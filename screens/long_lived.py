"""Telling Python's cycle collector what lives as long as the app.

A full pass of the collector walks every object it tracks. The app keeps some things for the
whole session: what start-up built, and the records of a diary once read (30 years of them are
some 60,000 objects). Left in the collector's oldest generation, they made every full pass, and
the key press it landed in, slower as the diary aged. Frozen (``gc.freeze``), they are skipped.

Only objects alive at the moment are frozen; one that later dies in a reference cycle would stay
until the next time this runs, which first unfreezes and collects everything.
"""

from __future__ import annotations

import gc

# a whole history smaller than this is not worth a full pass (a 1-year diary: 365 days)
MANY_RECORDS = 2000


def settle_long_lived(app: object, *, collect: bool = True) -> bool:
    """Collect everything (unless ``collect`` is False: right after the first frame, whose
    writing a full pass would hold up), then freeze what survives; False (nothing done) in a
    headless app, where tests run many apps in one process."""
    if getattr(app, "is_headless", True):
        return False
    if collect:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    return True


def settle_records(app: object, count: int, marker: object) -> bool:
    """``settle_long_lived`` once ``count`` records a store keeps were read, unless it was
    done for the same ``marker`` (the store's read of the file) already: a save adds one
    record, not thousands."""
    if count <= MANY_RECORDS or getattr(app, "_long_lived_marker", None) == marker:
        return False
    if not settle_long_lived(app):
        return False
    setattr(app, "_long_lived_marker", marker)  # noqa: B010 (an attribute of any app)
    return True
