"""Text normalisation that keeps every character where it was.

Spans reported by the readers index the original text, so normalisation is
character for character: full-width ASCII and digits become half-width, and
nothing else moves.  Circled numbers (①) stay as they are because they are
list markers, not digits (NFKC would turn ① into 1).
"""

from __future__ import annotations

import re
import unicodedata

import jaconv

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚"
WAVE_DASHES = "〜～~"  # ranges: 9/18～10/3, 5月～10月
DITTO = ("〃", "\u3003", "〃", "同上")
_SPACE_RE = re.compile(r"[\s\u3000]+")


def circled_number(marker: str) -> int | None:
    """Return 3 for ③, None for anything that is not a circled number."""
    index = CIRCLED.find(marker)
    return index + 1 if index >= 0 else None


def _narrow(char: str) -> str:
    if char in CIRCLED:
        return char
    narrow: str = jaconv.z2h(char, kana=False, ascii=True, digit=True)
    if len(narrow) == 1:
        return "~" if narrow in WAVE_DASHES else narrow
    return char


# Every character that narrows, computed once with jaconv: full-width ASCII, the
# ideographic space and the wave dashes.
_CANDIDATES = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000", *WAVE_DASHES]
_NARROW_TABLE = {ord(c): _narrow(c) for c in _CANDIDATES if _narrow(c) != c}


def normalize(text: str) -> str:
    """Full-width ASCII and digits to half-width, one character for one.

    The result has the same length as ``text`` so that offsets carry over.
    """
    if text.isascii():
        return text
    return text.translate(_NARROW_TABLE)


def squash(text: str) -> str:
    """A key for comparing names: NFKC, no whitespace (how staff match names by eye)."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text or ""))


def collapse_spaces(text: str) -> str:
    """Join the pieces of a cell that a PDF export broke with spaces."""
    return _SPACE_RE.sub(" ", text or "").strip()


def join_wrapped(text: str) -> str:
    """Remove spaces that a PDF line break put inside a Japanese word.

    A space between two non-ASCII characters is a wrap; a space next to
    Latin letters or digits is kept ("igocoti 中央店" stays readable).
    """
    text = collapse_spaces(text)
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


def is_ditto(cell: str) -> bool:
    """A cell that means "same as the row above"."""
    return collapse_spaces(cell) in DITTO
