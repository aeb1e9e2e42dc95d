"""Goal links between two plans printed side by side (city 基本目標 ↔ council 重点目標).

A city plan shows how its goals meet the council's practice plan in a
two-column table: the left cell of a row names one goal of the one plan (with
its policies), the right cell the goals of the other plan that serve it.
Cells may hold several paragraphs (``<p>…</p>``); every goal heading in a cell
("基本目標1 自分らしく生きるための仕組みづくり", "重点目標2 …") is read with its
number and title.  The row above the first linked row names the two plans.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ReaderError
from .tables import read_table
from .text import join_wrapped, normalize

GOAL_WORDS = ("基本目標", "重点目標")
_GOAL_RE = re.compile(r"(?P<kind>基本目標|重点目標)\s*(?P<number>\d{1,2})\s*(?P<title>.*)")


def goals_in_cell(cell: str) -> list[dict[str, Any]]:
    """Every goal heading of a cell, one per paragraph: [{"kind", "number", "title"}]."""
    goals = []
    for paragraph in re.split(r"</?p>", cell):
        match = _GOAL_RE.match(normalize(join_wrapped(paragraph)))
        if match:
            title = join_wrapped(paragraph)[match.start("title") :].strip()
            goals.append({"kind": match.group("kind"), "number": int(match.group("number")), "title": title})
    return goals


def _plan_name(cell: str) -> str:
    paragraphs = [join_wrapped(p) for p in re.split(r"</?p>", cell) if p.strip()]
    return paragraphs[0] if paragraphs else ""


def read_goal_links(data: bytes, name: str) -> dict[str, Any]:
    """The goal-to-goal links of a two-plan table: {"plans": [left, right], "links": [...]}."""
    table = read_table(data, name)
    links: list[dict[str, Any]] = []
    plans: list[str] = []
    previous: list[str] = []
    for row in table.rows:
        cells = [cell for cell in row.cells if cell.strip()]
        if len(cells) == 2:
            left, right = goals_in_cell(cells[0]), goals_in_cell(cells[1])
            if len(left) == 1 and right and left[0]["kind"] != right[0]["kind"]:
                if not links and len(previous) == 2:
                    plans = [_plan_name(previous[0]), _plan_name(previous[1])]
                links.append({"line": row.line, "left": left[0], "right": right})
                continue
        if not row.is_blank():
            previous = cells
    if not links:
        raise ReaderError(
            f"{name} holds no table linking the goals of two plans (基本目標 ↔ 重点目標).",
            f"{name} に二つの計画の目標を対応づける表（基本目標 ↔ 重点目標）が見つかりません。",
        )
    return {"source": name, "plans": plans, "links": links}
