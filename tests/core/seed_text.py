"""Text read from the seed documents of ../shared by line and cell, so that no test copies seed phrases.

``seed_line("003", 123)`` is line 123 of seed 003 and ``seed_cell("000", line=16,
column=6)`` the sixth tab-separated cell of line 16 of seed 000 (lines and
columns counted from 1, as an editor and a spreadsheet show them).  A test
that needs a seed fails, saying so, when ../shared is missing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pytest

from tests.conftest import SEEDS


@functools.cache
def _seed_lines(prefix: str) -> list[str]:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: this test reads the shared seed documents; check out ../shared")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.fail(f"no seed {prefix}_* in {SEEDS}")
    return matches[0].read_text(encoding="utf-8").splitlines()


def seed_lines(prefix: str) -> tuple[str, ...]:
    """Every line of the seed whose name starts with ``prefix`` (index 0 is line 1)."""
    return tuple(_seed_lines(prefix))


def seed_line(prefix: str, line: int) -> str:
    """Line ``line`` (from 1) of the seed whose name starts with ``prefix``."""
    lines = _seed_lines(prefix)
    if not 1 <= line <= len(lines):
        pytest.fail(f"seed {prefix} has no line {line}")
    return lines[line - 1]


def seed_cell(prefix: str, line: int, column: int) -> str:
    """The cell at ``line`` and ``column`` (both from 1) of the seed whose name starts with ``prefix``."""
    cells = seed_line(prefix, line).split("\t")
    if not 1 <= column <= len(cells):
        pytest.fail(f"line {line} of seed {prefix} has no cell {column}")
    return cells[column - 1]


@dataclass(frozen=True)
class SeedText:
    """A piece of one seed cell, read when a test runs: characters ``start`` to ``end`` (the whole cell by default)."""

    seed: str
    line: int
    column: int
    start: int = 0
    end: int | None = None

    def read(self) -> str:
        return seed_cell(self.seed, self.line, self.column)[self.start : self.end]

    def __str__(self) -> str:
        piece = (
            ""
            if (self.start, self.end) == (0, None)
            else f"[{self.start}:{self.end if self.end is not None else ''}]"
        )
        return f"seed{self.seed}-L{self.line}C{self.column}{piece}"


def text_of(phrase: str | SeedText) -> str:
    """The text of a test phrase: a seed piece read now, or an invented phrase as written."""
    return phrase.read() if isinstance(phrase, SeedText) else phrase
