"""Text of the shared seed documents, for tests that feed a reader a real line or cell.

Tests do not copy seed text into their own source: a line or cell the seed
prints is read from ``../shared/data/seeds/`` by its 1-based line number (and
0-based tab-separated column), so that the test says where its input comes
from and fails loudly when ``../shared`` is missing::

    seed_line("003", 123)        # the whole line, tabs included
    seed_cell("003", 130, 1)     # one cell of that line
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("SASAEAI_SHARED", _REPO.parent / "shared")) / "data" / "seeds"


@cache
def seed_lines(prefix: str) -> tuple[str, ...]:
    """Every line of the seed document whose name starts with ``prefix`` (index 0 is line 1)."""
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: this test reads the shared seed documents; check out ../shared")
    matches = sorted(SEEDS.glob(f"{prefix}*"))
    if not matches:
        pytest.fail(f"no seed document {prefix}* in {SEEDS}")
    return tuple(matches[0].read_text(encoding="utf-8").splitlines())


def seed_line(prefix: str, number: int) -> str:
    """Line ``number`` (1-based, as an editor shows it) of a seed document."""
    lines = seed_lines(prefix)
    if not 1 <= number <= len(lines):
        pytest.fail(f"seed {prefix} has {len(lines)} lines, not {number}")
    return lines[number - 1]


def seed_cell(prefix: str, number: int, column: int) -> str:
    """Cell ``column`` (0-based) of the tab-separated line ``number`` of a seed document."""
    cells = seed_line(prefix, number).split("\t")
    if not 0 <= column < len(cells):
        pytest.fail(f"line {number} of seed {prefix} has {len(cells)} cells, not a cell {column}")
    return cells[column]
