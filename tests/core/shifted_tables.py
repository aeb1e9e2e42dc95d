"""Invented tables whose results a PDF export moved a row up or down, block by block (tests/core/shifted/).

:func:`shifted_tables` takes the invented projects and, for every block of
two or more projects that a gap (a project with no result) allows, moves the
block's results one row down or up into the gap, as exports do; it returns
the shifted rows and, for each project, the row its result now stands on.
"""

from __future__ import annotations

from pathlib import Path

from sasaeai.core.realign import ProjectRow

PROJECTS = Path(__file__).resolve().parent / "shifted" / "projects.tsv"


def invented_rows() -> list[ProjectRow]:
    lines = PROJECTS.read_text(encoding="utf-8").splitlines()[1:]
    return [ProjectRow(*line.split("\t")) for line in lines]


def _shift(
    rows: list[ProjectRow], first: int, last: int, offset: int
) -> tuple[list[ProjectRow], dict[int, int]]:
    results = [r.result for r in rows]
    moved = {k: k + offset for k in range(first, last + 1)}
    new = list(results)
    for k in range(first, last + 1):
        new[k] = ""
    for k, target in moved.items():
        new[target] = results[k]
    shifted = [ProjectRow(r.name, r.activities, r.narrative, new[i]) for i, r in enumerate(rows)]
    return shifted, moved


def shifted_tables() -> list[tuple[list[ProjectRow], dict[int, int]]]:
    """Every block of 2–6 projects with results that can move into a gap below (down) or above (up)."""
    rows = invented_rows()
    empty = {i for i, r in enumerate(rows) if not r.result.strip()}
    tables = []
    for first in range(len(rows)):
        for last in range(first + 1, min(first + 6, len(rows))):
            if any(k in empty for k in range(first, last + 1)):
                continue
            if last + 1 in empty:
                tables.append(_shift(rows, first, last, +1))
            if first - 1 in empty:
                tables.append(_shift(rows, first, last, -1))
    return tables
