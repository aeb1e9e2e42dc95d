"""Numbers written before a project's or an item's name: 1, ①, (1), （１）, <1>, 1., 1-2, ア, (ア), Ⅰ, 第1.

:func:`split_number` takes them off the name and reads the number they stand
for: ① and (1) are 1, ア is 1 and イ is 2 (the order of 五十音), Ⅲ is 3.
Nested numbering ("1-2", "(2)①") keeps its parent in the marker as written,
and the number is the last one (the item's number under its parent); a row
numbered one level below the rows above it keeps their marker too
(:class:`MarkerPath`: "1" then "(2)" is "1(2)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import CIRCLED, normalize

KANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

_ONE = (
    rf"(?P<circled>[{CIRCLED}])"
    r"|[(（](?P<paren>\d{1,3}|[" + KANA_ORDER + r"])[)）]"
    r"|[<＜〈《](?P<angle>\d{1,3})[>＞〉》]"
    r"|(?P<roman>[" + ROMAN + r"])"
    r"|第\s?(?P<ordinal>\d{1,3})(?=[\s.．、])"
    r"|(?P<digits>\d{1,3})(?:[-‐－―](?P<sub>\d{1,3}))?(?=[\s.．、)）]|$)"
    r"|(?P<kana>[" + KANA_ORDER + r"])(?=[\s.．、)）])"
)
_MARKER_RE = re.compile(rf"\s*(?:{_ONE})[.．、)）]?\s*")


def _value(m: re.Match[str]) -> int:
    if m.group("circled"):
        return CIRCLED.index(m.group("circled")) + 1
    if m.group("roman"):
        return ROMAN.index(m.group("roman")) + 1
    for name in ("sub", "digits", "angle", "ordinal"):
        if m.group(name):
            return int(m.group(name))
    written = m.group("paren") or m.group("kana")
    return int(written) if written.isdecimal() else KANA_ORDER.index(written) + 1


def split_number(text: str) -> tuple[int | None, str | None, str]:
    """ "(2)① 見守り訪問" -> (1, "(2)①", "見守り訪問"); "アウトリーチ事業" -> (None, None, "アウトリーチ事業").

    The text is normalised first (full-width digits and brackets to half
    width, ① kept: NFKC would make it a plain 1).  A marker is taken only when
    words follow it, so a name is never emptied.
    """
    norm = normalize(text).strip()
    number: int | None = None
    position = 0
    while True:
        m = _MARKER_RE.match(norm, position)
        if not m or m.end() == position or m.end() >= len(norm):
            break
        number, position = _value(m), m.end()
    if position == 0:
        return None, None, norm
    marker = re.sub(r"\s+", "", norm[:position]).rstrip(".．、")
    return number, marker, norm[position:].strip()


# The depth a numbering style usually has in Japanese documents: Ⅰ > 第1 > 1 > (1) > ① > ア > (ア) > <1>.
_LEVELS = (
    (re.compile(rf"^[{ROMAN}]"), 0),
    (re.compile(r"^第"), 1),
    (re.compile(r"^\d"), 2),
    (re.compile(r"^[(（]\d"), 3),
    (re.compile(rf"^[{CIRCLED}]"), 4),
    (re.compile(rf"^[{KANA_ORDER}]"), 5),
    (re.compile(rf"^[(（][{KANA_ORDER}]"), 6),
    (re.compile(r"^[<＜〈《]"), 7),
)


def marker_level(marker: str) -> int:
    """How deep a marker's style numbers: Ⅲ is 0, 第2 is 1, 2 is 2, (2) is 3, ② is 4, イ is 5, (イ) 6, <2> 7."""
    return next((level for pattern, level in _LEVELS if pattern.match(marker)), 2)


@dataclass
class MarkerPath:
    """The markers in force above a row, so that a nested item keeps its parent: 1 then (2) is "1(2)"."""

    stack: list[tuple[int, str]] = field(default_factory=list)

    def full(self, marker: str) -> str:
        """The marker with its parents, remembering it for the rows below."""
        level = marker_level(marker)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, marker))
        return "".join(m for _, m in self.stack)
