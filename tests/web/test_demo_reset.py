"""`sasaeai demo` asks before replacing the demo database it made, refuses away from a terminal, and
`--reset` replaces it without asking.

The city itself is not loaded here (tests/web/test_demo_command.py loads it):
the loader is replaced by one that notes it was called.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from sasaeai.cli import main
from sasaeai.demo import load

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def existing_demo(settings: Any, tmp_path: Path) -> Path:
    """A var/ whose demo database exists already."""
    settings.VAR_DIR = tmp_path
    database = tmp_path / "demo.sqlite3"
    database.write_bytes(b"SQLite format 3\x00 a demo made before")
    return database


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the demo loaded a city into (none unless it replaced the database)."""
    loaded: list[Path] = []

    def load_demo(directory: Path, seed: int) -> load.DemoSite:
        loaded.append(directory)
        return load.DemoSite(directory, load.demo_logins(directory))

    monkeypatch.setattr(load, "load_demo", load_demo)
    return loaded


def _answer(monkeypatch: pytest.MonkeyPatch, answer: str | None) -> list[str]:
    """Stand at a terminal and answer ``answer`` (None: not at a terminal); the questions asked."""
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        if answer is None:
            raise AssertionError("asked away from a terminal")
        return answer

    monkeypatch.setattr(sys, "stdin", Terminal() if answer is not None else io.StringIO())
    monkeypatch.setattr("builtins.input", ask)
    return asked


def test_away_from_a_terminal_demo_refuses_to_replace_its_database_in_one_sentence(
    existing_demo: Path,
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _answer(monkeypatch, None)
    assert main(["demo", "--no-serve"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"sasaeai demo: {existing_demo} already holds a demo city; run `sasaeai demo --reset` to replace it "
        "(not at a terminal, nothing was asked and nothing changed).\n"
    )
    assert loads == [] and existing_demo.read_bytes().endswith(b"a demo made before")


def test_demo_asks_and_keeps_the_demo_when_told_no(
    existing_demo: Path,
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked = _answer(monkeypatch, "n")
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert asked == [f"{existing_demo} already holds a demo city. Replace it with a fresh one? [y/N] "]
    assert loads == []
    assert f"Kept the demo city in {existing_demo}." in out
    assert f"jimukyoku      {load.demo_password('jimukyoku')}" in out
    sample = existing_demo.parent / "demo" / "upload_sample_2026_Q1_chiiki.tsv"
    assert f"file to try on the upload page: {sample}" in out and sample.is_file()


def test_demo_asks_and_replaces_the_demo_when_told_yes(
    existing_demo: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answer(monkeypatch, "y")
    assert main(["demo", "--no-serve"]) == 0
    assert len(asked) == 1 and loads == [existing_demo.parent / "demo"]


def test_reset_replaces_the_demo_without_asking(
    existing_demo: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answer(monkeypatch, None)
    assert main(["demo", "--reset", "--no-serve"]) == 0
    assert asked == [] and loads == [existing_demo.parent / "demo"]


def test_a_first_demo_asks_nothing(
    settings: Any, tmp_path: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.VAR_DIR = tmp_path
    asked = _answer(monkeypatch, None)
    assert main(["demo", "--no-serve"]) == 0
    assert asked == [] and loads == [tmp_path / "demo"]


def test_with_database_url_set_the_demo_says_the_commands_use_that_instead(
    settings: Any,
    tmp_path: Path,
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example/sasaeai")
    assert main(["demo", "--no-serve"]) == 0
    assert "DATABASE_URL is set, so the other sasaeai commands use that database" in capsys.readouterr().out
