"""Numbered outlines such as "(1) 見出し ① 項目 ② 項目 (2) …" in a plan or activities cell.

Results cells often write "(1) … ① 164件 ② 149件" (or "ア 12件") and leave the
meaning of ① (or ア) to the activities cell beside them.  :class:`Outline` reads such a cell into
keys ("①", "(1)", "(1)①") and the words of each item, which
:func:`sasaeai.core.read_quantities` uses as labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import CIRCLED, normalize

_MARKER_RE = re.compile(
    rf"(?P<section>[(（]\d{{1,2}}[)）])|(?P<item>[{CIRCLED}])"
    r"|(?P<kana>[(（][アイウエオカキクケコ][)）]|(?<![\w(（])[アイウエオカキクケコ](?=[\s.．、]))"
)
_QUOTED_RE = re.compile(r"「([^「」]{2,40})」")
_MAX_WORDS = 60


def item_words(text: str) -> str:
    """The name of an item: its quoted name (「防災ボランティア講座」) if it has one, else its words."""
    text = text.strip(" \u3000・、。")
    quoted = _QUOTED_RE.search(text)
    if quoted:
        return quoted.group(1)
    return text[:_MAX_WORDS].strip()


@dataclass
class Outline:
    """The markers of a cell and the words each one stands for."""

    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_items(cls, items: list[str]) -> Outline:
        """① is ``items[0]``, ② is ``items[1]`` …"""
        return cls({CIRCLED[i]: item_words(normalize(text)) for i, text in enumerate(items[: len(CIRCLED)])})

    @classmethod
    def parse(cls, text: str) -> Outline:
        """Read "(1) 見出し ① a ② b (2) 見出し ① c" into {"(1)": 見出し, "(1)①": a, "①": a, …}.

        A bare "①" key keeps the first item so numbered, a "(1)①" key the item
        under its section.
        """
        norm = normalize(text or "")
        labels: dict[str, str] = {}
        matches = list(_MARKER_RE.finditer(norm))
        section: str | None = None
        for index, m in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(norm)
            words = item_words(norm[m.end() : end])
            if m.group("section"):
                section = m.group("section").replace("（", "(").replace("）", ")")
                labels.setdefault(section, words)
                continue
            if m.group("kana"):  # ア, (イ): a list of its own, keyed as written
                labels.setdefault(m.group("kana").strip("(（)）"), words)
                continue
            marker = m.group("item")
            if section:
                labels.setdefault(f"{section}{marker}", words)
            labels.setdefault(marker, words)
        return cls(labels)
