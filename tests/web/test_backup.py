"""`sasaeai backup` then `sasaeai restore` into an empty database gives the same evaluation, the same report
exports and an audit trail that still verifies — SQLite to SQLite and SQLite to PostgreSQL.

Runs the real commands in child processes on databases of their own: the demo city (a plan, twelve quarterly
reports through the department workflow, comments, accounts, hundreds of audit rows) is built once, backed up,
and restored.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.web.one_process import run_commands

pytestmark = pytest.mark.heavy  # started first (conftest.py)

POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def _env(url: str, folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATABASE_URL=url, SASAEAI_VAR_DIR=str(folder), SASAEAI_TESTING="1")
    return env


def sasaeai(url: str, folder: Path, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "sasaeai.cli", *argv],
        capture_output=True,
        text=True,
        env=_env(url, folder),
        timeout=600,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _sheet_values(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


def _what_it_holds(url: str, folder: Path, name: str) -> tuple[object, list[list[object]]]:
    """The evaluation and the FY2025 Q3 report's workbook, after `verify-audit` has passed (one process)."""
    export = folder / f"{name}.xlsx"
    evaluation, exported, verified = run_commands(
        [
            ["evaluate", "--json"],
            ["export-report", "--fiscal-year", "2025", "--period", "Q3", "-o", str(export)],
            ["verify-audit"],
        ],
        _env(url, folder),
    )
    assert [evaluation.returncode, exported.returncode, verified.returncode] == [0, 0, 0], verified.stderr
    return json.loads(evaluation.stdout), _sheet_values(export)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    folder = tmp_path_factory.mktemp("backup")
    source = f"sqlite:///{folder / 'source.sqlite3'}"
    sasaeai(source, folder, "demo", "--no-serve", "--database", str(folder / "source.sqlite3"))
    backup = folder / "city.zip"
    written = sasaeai(source, folder, "backup", "-o", str(backup))
    assert "rows of" in written.stdout
    return folder, backup, _what_it_holds(source, folder, "source")


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    import psycopg

    name = f"sasaeai_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_into_an_empty_sqlite_database_gives_the_same_city(backed_up) -> None:  # type: ignore[no-untyped-def]
    folder, backup, before = backed_up
    target = f"sqlite:///{folder / 'restored.sqlite3'}"
    assert "restored" in sasaeai(target, folder, "restore", str(backup)).stdout
    assert _what_it_holds(target, folder, "restored") == before


def _never_analysed(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'reports_%' AND last_analyze IS NULL"
            " AND last_autoanalyze IS NULL ORDER BY relname"
        ).fetchall()
    return [name for (name,) in rows]


def test_restore_into_postgresql_gives_the_same_city(backed_up, fresh_postgres: str) -> None:  # type: ignore[no-untyped-def]
    folder, backup, before = backed_up
    sasaeai(fresh_postgres, folder, "restore", str(backup))
    assert _never_analysed(fresh_postgres) == []  # PostgreSQL plans its queries from fresh statistics
    assert _what_it_holds(fresh_postgres, folder, "postgres") == before
    # the sequences follow the restored rows: a new audit row can be written after them
    sasaeai(
        fresh_postgres,
        folder,
        "createuser",
        "after-restore",
        "--role",
        "committee",
        "--password",
        "hoge-fuga-2025-x",
    )


def test_restore_refuses_a_database_that_holds_data(backed_up) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _ = backed_up
    again = sasaeai(f"sqlite:///{folder / 'source.sqlite3'}", folder, "restore", str(backup), check=False)
    assert again.returncode == 2
    assert "restore into an empty database" in again.stderr


def test_a_file_that_is_no_backup_is_one_sentence(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    done = sasaeai(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path, "restore", str(junk), check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is not a Sasaeai backup" in done.stderr
