"""The objects a process made while starting are kept out of the garbage collector's rounds."""

from __future__ import annotations

import atexit
import gc


def freeze_startup_objects() -> None:
    """Move every object alive now to the collector's permanent generation (:func:`gc.freeze`).

    Called once Django is set up (by the command line, and by the server before it forks its workers, as
    Python's manual advises for forking servers).  What is alive then (modules, settings, models, URL
    patterns) lives as long as the process, so nothing is lost; but each full collection no longer walks
    it.  A report of 2,000 new projects spent a sixth of its time in 3–4 full collections: 0.90 s → 0.77 s
    here, against 0.085 s for 200 either way.

    Frozen objects are never collected, not even when the process ends, and Django's connections hang from
    them: they are closed at exit instead (SQLite folds its write-ahead log back into the database file when
    the last connection closes; left open, a copy of the file alone missed the last writes).
    """
    gc.freeze()
    atexit.register(_close_connections)


def _close_connections() -> None:
    from django.db import connections

    connections.close_all()
