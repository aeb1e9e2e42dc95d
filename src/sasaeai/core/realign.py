"""Putting back results that a PDF export moved up or down a row, block by block.

An export sometimes prints a run of result cells one row above or below
their projects.  :func:`realign_results` decides, for the whole table, which
result belongs to which project by a small dynamic programme: a banded
alignment of projects to result cells (a result may sit one row above, on or
below its project) that scores how well each result's words match the
project's name, planned activities and narrative, and pays for every change
of offset, so that a block moves together or not at all.  Words every project
uses count for little (rarity weights), so the choice rests on the words that
tell projects apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .similarity import bigrams, rarity_weights_of

SHIFT_COST = 0.35  # starting or ending a shifted block: needs that much better matches to pay off
STAY_BONUS = 0.05  # a result on its own row wins ties
DOUBT_MARGIN = 0.1  # a choice less than this better than the next best offset stays doubtful
RIVAL_FLOOR = 0.15  # ... when that other offset shares this much: below it, words matched by chance


@dataclass(frozen=True)
class ProjectRow:
    """One project's row in table order: what it planned and did, and the result cell printed on its row."""

    name: str
    activities: str
    narrative: str
    result: str


@dataclass(frozen=True)
class Placement:
    """Where a project's result was found: ``row`` (an index into the rows), or None for no result."""

    project: int
    row: int | None
    score: float
    rival: float  # the best score of the other offsets for this project

    @property
    def margin(self) -> float:
        return self.score - self.rival

    @property
    def offset(self) -> int:
        return 0 if self.row is None else self.row - self.project

    @property
    def doubtful(self) -> bool:
        return self.row is not None and self.margin < DOUBT_MARGIN and self.rival >= RIVAL_FLOOR


def _similarities(rows: Sequence[ProjectRow]) -> dict[tuple[int, int], float]:
    """How well each result cell (on the row, above, below) describes each project: shared rare words."""
    described = [bigrams(f"{r.name} {r.activities} {r.narrative}") for r in rows]
    weights = rarity_weights_of(described)
    unseen = weights.get("", 1.0)
    results = [bigrams(r.result) for r in rows]
    scores = {}
    for i in range(len(rows)):
        for j in (i - 1, i, i + 1):
            if 0 <= j < len(rows) and rows[j].result.strip():
                total = sum(weights.get(w, unseen) for w in results[j])
                shared = sum(weights.get(w, unseen) for w in results[j] & described[i])
                scores[i, j] = (shared / total if total else 0.0) + (STAY_BONUS if i == j else 0)
    return scores


def realign_results(rows: Sequence[ProjectRow]) -> list[Placement]:
    """The placement of every project's result, deciding shifted blocks as a whole.

    A banded alignment: state (i, j) has placed projects < i and result rows
    < j; a project takes row j when |i − j| ≤ 1, or takes none; a row may be
    left to nobody.  Leaving the diagonal costs :data:`SHIFT_COST`.
    """
    n = len(rows)
    scores = _similarities(rows)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, int | None]] = {
        (0, 0): (0.0, None, None)
    }
    for i in range(n + 1):
        for j in range(max(0, i - 2), min(n, i + 2) + 1):
            if (i, j) not in best:
                continue
            here = best[i, j][0]
            steps: list[tuple[tuple[int, int], float, int | None]] = []
            if i < n and (i, j) in scores:
                steps.append(((i + 1, j + 1), scores[i, j], j))  # project i takes row j
            if i < n:
                steps.append(((i + 1, j), -SHIFT_COST / 2 if rows[i].result.strip() or j != i else 0.0, None))
            if j < n:
                steps.append(((i, j + 1), -SHIFT_COST / 2 if rows[j].result.strip() else 0.0, None))
            for target, gain, taken in steps:
                if abs(target[0] - target[1]) > 2:
                    continue
                if target not in best or here + gain > best[target][0]:
                    best[target] = (here + gain, (i, j), taken)
    return _trace(best, n, scores)


def _trace(
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, int | None]],
    n: int,
    scores: dict[tuple[int, int], float],
) -> list[Placement]:
    taken_by: dict[int, int] = {}
    state: tuple[int, int] | None = (n, n)
    while state is not None and state != (0, 0):
        _, previous, taken = best[state]
        if previous is not None and taken is not None and previous[0] == state[0] - 1:
            taken_by[previous[0]] = taken
        state = previous
    placements = []
    for i in range(n):
        row = taken_by.get(i)
        score = scores.get((i, row), 0.0) if row is not None else 0.0
        others = [scores[i, r] for r in (i - 1, i, i + 1) if r != row and (i, r) in scores]
        placements.append(Placement(i, row, score, max(others, default=0.0)))
    return placements


def moved_blocks(placements: Sequence[Placement]) -> list[tuple[int, int, int]]:
    """The runs of projects whose result was found off their row: (first, last, offset)."""
    blocks: list[tuple[int, int, int]] = []
    for p in placements:
        if p.offset == 0:
            continue
        if blocks and blocks[-1][1] == p.project - 1 and blocks[-1][2] == p.offset:
            blocks[-1] = (blocks[-1][0], p.project, p.offset)
        else:
            blocks.append((p.project, p.project, p.offset))
    return blocks


def clean_blocks(rows: Sequence[ProjectRow], placements: Sequence[Placement]) -> list[tuple[int, int, int]]:
    """The moved blocks that can be put back without losing a result: the block as a whole matches
    clearly better where it moved (its margins add up to :data:`DOUBT_MARGIN`), and the row it leaves
    (its first row when it moved down, its last when it moved up) is empty, as when a gap in the
    column absorbed the shift."""
    blocks = []
    for first, last, offset in moved_blocks(placements):
        vacated = first if offset > 0 else last
        margin = sum(placements[k].margin for k in range(first, last + 1))
        if rows[vacated].result.strip() or margin < DOUBT_MARGIN:
            continue
        blocks.append((first, last, offset))
    return blocks


def put_back(
    texts: Sequence[tuple[str, str]], blocks: Sequence[tuple[int, int, int]]
) -> list[tuple[str, str]]:
    """Each project's (current, comparison) result texts once ``blocks`` are moved back to their projects."""
    result = list(texts)
    for first, last, offset in blocks:
        for k in range(first, last + 1):
            result[k] = texts[k + offset]
        beyond = last + 1 if offset > 0 else first - 1  # its row's results belonged to the block
        result[beyond] = ("", "")
    return result
