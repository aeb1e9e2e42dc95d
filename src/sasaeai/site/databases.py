"""Database settings that depend on the engine: SQLite tuned for several writers at once.

SQLite allows one writer at a time.  By default a transaction that starts
reading and later writes may find another writer in the way and fail at once
with "database is locked".  Write-ahead logging lets readers go on while one
writes, a busy timeout makes a writer wait its turn instead of failing, and
IMMEDIATE transactions take the write lock when the transaction begins, so
that no transaction has to give up half-way.
"""

from __future__ import annotations

from typing import Any

from dj_database_url import DBConfig

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def tuned(database: DBConfig) -> DBConfig:
    """The database settings with SQLite's concurrency options added (other engines are left as they are)."""
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return database
    options: dict[str, Any] = {
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **database.get("OPTIONS", {}),
    }
    return {**database, "OPTIONS": options}
