"""The command line's doors into the site: each module registers its commands with ``sasaeai``.

Handlers set Django up inside themselves (:func:`setup_django`), so ``--help``
stays quick and the core commands work without a database.  Setting up also
checks the database once, so that no command meets a missing table halfway:
a database that is missing, empty or behind the code is refused in one sentence.
"""

from __future__ import annotations

import os
from pathlib import Path

from sasaeai.core.errors import SasaeaiError
from sasaeai.site.heap import freeze_startup_objects

SETTINGS = "sasaeai.site.settings"


_database_ready = False  # checked once per process, the first time a command needs the database


def setup_django(database: bool = True) -> None:
    """Configure Django once, with the project's settings unless told otherwise.

    With ``database`` (every command but ``migrate``, ``demo`` and ``where``),
    refuse a database the command cannot use (:func:`database_problem`).
    """
    global _database_ready
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
        freeze_startup_objects()
    if database and not _database_ready:
        if (problem := database_problem()) is not None:
            raise SasaeaiError(*problem)
        _database_ready = True


def database_problem() -> tuple[str, str] | None:
    """Why the configured database cannot be used (English, Japanese), or None when it is ready."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and not _in_memory(name) and not Path(name).is_file():
        return (
            f"There is no database at {name}; run `sasaeai migrate` to create it, "
            "or `make demo` for the demo city (`sasaeai where` tells which database commands use).",
            f"データベース {name} がありません。`sasaeai migrate` で作成してください。",
        )
    shown = _shown(connection.settings_dict)
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"Cannot open the database {shown}: {reason.rstrip('.')}.",
            f"データベース {shown} を開けません（{reason}）。",
        )
    if not executor.loader.applied_migrations:
        return (
            f"The database {shown} has no tables yet; run `sasaeai migrate` "
            "(or `make demo` for the demo city).",
            f"データベース {shown} にはまだ表がありません。`sasaeai migrate` を実行してください。",
        )
    if pending:
        return (
            f"The database {shown} lacks {len(pending)} changes of this version; run `sasaeai migrate`.",
            f"データベース {shown} はこの版より古い形です。`sasaeai migrate` を実行してください。",
        )
    return None


def _in_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


def _shown(settings: dict[str, object]) -> str:
    """The database as a person would name it: its file, or its host and name (never its password)."""
    if settings.get("HOST"):
        return f"{settings['NAME']} on {settings['HOST']}:{settings.get('PORT') or 'default port'}"
    return str(settings["NAME"])


def read_input(path: Path) -> bytes:
    """The bytes of an input file, or one sentence saying why it cannot be read."""
    from sasaeai.core.tables import read_file_bytes

    return read_file_bytes(path)
