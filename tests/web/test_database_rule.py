"""Which database every command uses (DATABASE_URL, else the demo's, else var/sasaeai.sqlite3), and one
sentence with exit 2 from every command on a database that is missing or has no tables.

The commands run as separate processes through the real entry point, since the
settings choose the database once, when a process starts; no test database here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sasaeai.cli import build_parser
from sasaeai.demo.documents import plan_document
from sasaeai.site.database import DEMO_MARKER, Database, choose_database, record_demo, sqlite_url
from tests.web.one_process import run_commands

pytestmark = pytest.mark.heavy  # started first (conftest.py)

ENTRY_POINT = Path(sys.executable).with_name("sasaeai")

# Every command that reads or writes the database, with arguments that are otherwise good.
ON_DATABASE = {
    "import-plan": ["{file}"],
    "import-report": ["{file}"],
    "import-links": ["{file}"],
    "import-revisions": ["{file}"],
    "import-kpi": ["{file}"],
    "import-goal-links": ["{file}"],
    "evaluate": ["--json"],
    "recompute": [],
    "propose-merges": [],
    "merge-projects": ["ふれあいサロン事業", "サロン事業"],
    "check-consistency": [],
    "createuser": ["someone", "--role", "committee", "--password", "a-long-pass-phrase"],
    "export-report": ["--fiscal-year", "2025", "--period", "Q4", "-o", "{tmp}/report.xlsx"],
    "export-evaluation": ["-o", "{tmp}/evaluation.xlsx"],
    "export-opendata": ["-o", "{tmp}/opendata"],
    "api-token": ["jimukyoku"],
    "verify-audit": [],
    "doctor": [],
    "backup": ["-o", "{tmp}/backup.zip"],
    "export-plan": ["--format", "json", "-o", "{tmp}/plan.json"],
    "send-reminders": [],
    "serve": ["--port", "0"],
    "open-period": ["--fiscal-year", "2026", "--period", "Q1"],
}
# migrate, demo and restore make the database; where tells about it; check looks at the settings and code;
# extract-* read files only.
NOT_ON_DATABASE = {"migrate", "demo", "restore", "where", "check", "extract-report", "extract-quantities"}


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SASAEAI_VAR_DIR")}
    # serve refuses to start without a key before it looks at the database (tests/web/test_deployment.py)
    environ.setdefault("SECRET_KEY", "a-key-for-the-database-rule-tests-only-" + "k" * 20)
    environ.update(extra)
    return environ


def _run(tmp_path: Path, *argv: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """``sasaeai ARGV`` in ``tmp_path`` (so var/ is tmp_path/var), without DATABASE_URL unless given."""
    return subprocess.run(
        [str(ENTRY_POINT), *argv],
        cwd=tmp_path,
        env=_environment(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _run_each(tmp_path: Path, argvs: dict[str, list[str]]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each command with its arguments, as if run one by one from ``tmp_path`` (in one process)."""
    done = run_commands([[name, *argv] for name, argv in argvs.items()], _environment(tmp_path), tmp_path)
    return dict(zip(argvs, done, strict=True))


def _arguments(tmp_path: Path) -> dict[str, list[str]]:
    document = tmp_path / "document.txt"
    document.write_text(
        "令和7年度 事業経過報告\n事業名\t実績\nふれあいサロン事業\t87箇所\n", encoding="utf-8"
    )
    fill = {"file": str(document), "tmp": str(tmp_path)}
    return {name: [a.format(**fill) for a in argv] for name, argv in ON_DATABASE.items()}


def _assert_one_sentence(result: subprocess.CompletedProcess[str], command: str, words: str) -> None:
    assert result.returncode == 2, f"{command}: exit {result.returncode}\n{result.stderr}"
    assert result.stdout == "", f"{command} printed {result.stdout!r}"
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, f"{command}: {result.stderr}"
    assert result.stderr.startswith(f"sasaeai {command}: ") and words in result.stderr, result.stderr


def test_the_table_names_every_command() -> None:
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    commands = set(subparsers.choices)
    assert commands == set(ON_DATABASE) | NOT_ON_DATABASE


def test_every_command_on_a_database_without_tables_says_so_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "sasaeai.sqlite3").touch()  # what sqlite leaves after a command met no table
    for command, result in _run_each(tmp_path, _arguments(tmp_path)).items():
        _assert_one_sentence(result, command, "has no tables yet; run `sasaeai migrate`")


def test_every_command_on_a_missing_database_says_so_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    for command, result in _run_each(tmp_path, _arguments(tmp_path)).items():
        _assert_one_sentence(result, command, f"There is no database at {tmp_path}/var/sasaeai.sqlite3")
    assert not (tmp_path / "var").exists()


def test_the_entry_point_refuses_an_empty_database_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "sasaeai.sqlite3").touch()
    _assert_one_sentence(_run(tmp_path, "evaluate", "--json"), "evaluate", "has no tables yet")


def test_an_unreachable_postgresql_is_one_sentence(tmp_path: Path) -> None:
    result = _run(tmp_path, "evaluate", DATABASE_URL="postgres://nobody@127.0.0.1:9/none")
    _assert_one_sentence(result, "evaluate", "Cannot open the database none on 127.0.0.1:9")


@pytest.fixture(scope="module")
def demo_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose var/ names a migrated database holding the demo city's plan as the demo's."""
    folder = tmp_path_factory.mktemp("city")
    database = folder / "elsewhere" / "demo.sqlite3"
    database.parent.mkdir()
    url = sqlite_url(database)
    assert _run(folder, "migrate", DATABASE_URL=url).returncode == 0
    plan = folder / "plan.json"
    plan.write_text(json.dumps(plan_document(), ensure_ascii=False), encoding="utf-8")
    stored = _run(folder, "import-plan", str(plan), DATABASE_URL=url)
    assert stored.returncode == 0, stored.stderr
    record_demo(folder / "var", database)  # what `sasaeai demo` does once it has loaded the city
    return folder


def test_without_database_url_the_commands_use_the_demo_database(demo_city: Path) -> None:
    result = _run(demo_city, "evaluate", "--json")
    assert result.returncode == 0, result.stderr
    names = [indicator["name"] for indicator in json.loads(result.stdout)["indicators"]]
    assert "コミュニティソーシャルワーカー相談件数" in names and len(names) == 24


def test_where_and_version_name_the_demo_database_and_why(demo_city: Path) -> None:
    where = _run(demo_city, "where")
    database = demo_city / "elsewhere" / "demo.sqlite3"
    assert where.returncode == 0, where.stderr
    assert f"database: sqlite:///{database}\n" in where.stdout
    assert f"the demo's, named in {demo_city}/var/{DEMO_MARKER}" in where.stdout
    assert "state:    ready\n" in where.stdout
    version = _run(demo_city, "--version")
    assert version.returncode == 0
    assert version.stdout.startswith("sasaeai ")
    assert f"database: sqlite:///{database} (the demo's" in version.stdout


def test_database_url_overrides_the_demo_database(demo_city: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    shutil.copy(demo_city / "elsewhere" / "demo.sqlite3", other)
    where = _run(demo_city, "where", DATABASE_URL=sqlite_url(other))
    assert f"database: sqlite:///{other}\nbecause:  DATABASE_URL is set\n" in where.stdout


def test_where_on_an_empty_folder_names_the_default_and_what_to_do(tmp_path: Path) -> None:
    where = _run(tmp_path, "where")
    assert where.returncode == 0
    assert f"database: sqlite:///{tmp_path}/var/sasaeai.sqlite3\n" in where.stdout
    assert "state:    There is no database at" in where.stdout


@pytest.mark.parametrize(
    "environ, marker, expected",
    [
        (
            {"DATABASE_URL": "postgres://u:p@h/db"},
            "demo",
            Database("postgres://u:p@h/db", "DATABASE_URL is set"),
        ),
        ({}, "demo", "demo"),
        ({}, "gone", "default"),
        ({}, None, "default"),
    ],
)
def test_the_rule(tmp_path: Path, environ: dict[str, str], marker: str | None, expected: object) -> None:
    var, demo = tmp_path / "var", tmp_path / "demo.sqlite3"
    demo.touch()
    if marker == "demo":
        record_demo(var, demo)
    elif marker == "gone":
        record_demo(var, tmp_path / "gone.sqlite3")
    chosen = choose_database(var, environ)
    if expected == "demo":
        assert chosen.url == sqlite_url(demo) and chosen.reason.startswith("the demo's")
    elif expected == "default":
        assert chosen.url == sqlite_url(var / "sasaeai.sqlite3") and chosen.reason.startswith("the default")
        assert ("is gone" in chosen.reason) == (marker == "gone")
    else:
        assert chosen == expected


def test_a_shown_url_hides_its_password() -> None:
    assert Database("postgres://u:secret@h:5432/db", "").shown() == "postgres://u:***@h:5432/db"
    assert Database("sqlite:////x/y.sqlite3", "").shown() == "sqlite:////x/y.sqlite3"
