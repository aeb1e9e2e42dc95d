"""Tables without rules on a PDF page: columns from the header's words, rows from the gaps between lines.

Many reports print their table with no cell borders.  The header row's words
give the columns (a heading's left edge is its column's), and a row ends
where the space between two lines is wider than the leading inside a cell.
Each word then goes to the column whose left edge is nearest on its left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .layout import read_header

_ROW_GAP = 0.6  # a gap between lines wider than this many characters starts a new row
_WORD_GAP = 0.9  # characters further apart than this are separate words (or separate cells)
LINE_TOLERANCE = 1.5  # points: characters closer than this in a line are one word


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    size: float


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[_Word] = field(default_factory=list)


def _words(chars: list[dict[str, Any]]) -> list[_Word]:
    words: list[_Word] = []
    for char in sorted(chars, key=lambda c: c["x0"]):
        size = float(char.get("size") or 8.0)
        if words and char["x0"] - words[-1].x1 < _WORD_GAP * size:
            gap = char["x0"] - words[-1].x1
            words[-1].text += (" " if gap > LINE_TOLERANCE else "") + char["text"]
            words[-1].x1 = char["x1"]
        elif char["text"].strip():
            words.append(_Word(char["text"], char["x0"], char["x1"], size))
    return words


def _lines(page: Any) -> list[_Line]:
    found = page.extract_text_lines(x_tolerance=LINE_TOLERANCE, strip=True, return_chars=True)
    return [_Line(line["top"], line["bottom"], _words(line["chars"])) for line in found]


def _groups(lines: list[_Line]) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    for line in lines:
        size = max((w.size for w in line.words), default=8.0)
        if groups and line.top - groups[-1][-1].bottom <= _ROW_GAP * size:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _column_starts(group: list[_Line]) -> list[float]:
    """The left edges of the header's cells: its words, merged where they overlap across lines."""
    spans = sorted((w.x0, w.x1) for line in group for w in line.words)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [span[0] for span in merged]


def _cells(group: list[_Line], starts: list[float], right: float) -> list[str]:
    """A row's cells: each line's words under their columns; a cell's lines joined as wrapped or broken."""
    cells = [""] * len(starts)
    wrapped = [False] * len(starts)  # the cell's last line ran to the column's edge
    for line in group:
        pieces: dict[int, list[_Word]] = {}
        for word in line.words:
            index = max((k for k, x in enumerate(starts) if x <= word.x0 + word.size), default=0)
            pieces.setdefault(index, []).append(word)
        for index, words in pieces.items():
            text = " ".join(w.text for w in words)
            if cells[index]:
                text = ("" if wrapped[index] else " ") + text
            cells[index] += text
            edge = starts[index + 1] if index + 1 < len(starts) else right
            wrapped[index] = words[-1].x1 + 2 * words[-1].size >= edge
    return cells


def unruled_rows(page: Any) -> list[list[str]]:
    """The rows of a page whose table has no rules, or [] when no line of it reads as a header."""
    groups = _groups(_lines(page))
    for index, group in enumerate(groups):
        starts = _column_starts(group)
        header = _cells(group, starts, page.width)
        if len(starts) >= 3 and read_header(header, 0) is not None:
            right = max(w.x1 for g in groups[index:] for line in g for w in line.words)
            before = [[" ".join(w.text for line in g for w in line.words)] for g in groups[:index]]
            return [
                *before,
                _cells(group, starts, right),
                *(_cells(g, starts, right) for g in groups[index + 1 :]),
            ]
    return []
