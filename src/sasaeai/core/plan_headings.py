"""Hierarchy headings of a plan, whatever its levels are called and however they are numbered.

Municipalities name the four levels of a plan differently: the goal is a
基本目標, 重点目標, まちづくりの目標 or a chapter (第1章); the policy a 施策,
基本施策, 施策の方向 or a section (第2節); the approach a 取組方針, 基本事業,
施策の展開 or 中柱; the item a 取組 or 事業.  They number them 1, １, Ⅰ, ①, 一,
A or 1-2 (a policy numbered under its goal).  A heading is such a word and a
number, then the title: "基本目標Ⅱ 共に支え合う地域づくり", "施策の展開 ③",
"第3節 見守りの充実", "【施策1-2】 相談体制".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import CIRCLED, circled_number, join_wrapped, normalize

# Longest words first within the alternation, so that 施策の展開 is not read as 施策.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "goal": (
        "基本目標",
        "重点目標",
        "まちづくりの目標",
        "政策目標",
        "基本方針",
        "基本方向",
        "政策",
        "大柱",
        "目標",
    ),
    "policy": ("施策の方向性", "施策の方向", "基本施策", "施策目標", "基本的方向", "施策"),
    "approach": (
        "取組方針",
        "取り組み方針",
        "取組の方向",
        "施策の展開",
        "基本事業",
        "具体的施策",
        "主要施策",
        "中柱",
    ),
    "group": ("取組項目", "取り組み項目"),
    "item": ("具体的な取組", "具体的取組", "主な取組", "取り組み", "取組", "個別事業", "事務事業", "事業"),
}
LEVELS = ("goal", "policy", "approach", "item")
_ROMAN_UPPER = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_ROMAN_LOWER = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
_ASCII_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_KANJI = "〇一二三四五六七八九"
# Counters and particles that make "事業1年目" or "施策3の推進" a sentence rather than a heading.
_COUNTERS = "年月日回件人名%割歳万千億時分期次号条位度点倍か箇ヶケカ校園世戸台のをにはがとでもやへ"
_ALL_WORDS = sorted((w for words in LEVEL_WORDS.values() for w in words), key=len, reverse=True)
_WORD_LEVEL = {word: level for level, words in LEVEL_WORDS.items() for word in words}
_NUMBER = (
    rf"\d{{1,3}}(?:\s*[-‐−–.]\s*\d{{1,3}})*|[{CIRCLED}]|[{_ROMAN_UPPER}{_ROMAN_LOWER}]"
    rf"|(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)(?![A-Za-z])|[{_KANJI}十]{{1,3}}|[A-Z](?![A-Za-z])"
)
_OPEN, _CLOSE = r"[(\[【〔〈<]", r"[)\]】〕〉>]"
_WORDED_RE = re.compile(
    rf"^{_OPEN}?\s*(?P<word>{'|'.join(map(re.escape, _ALL_WORDS))})\s*第?\s*{_OPEN}?\s*(?P<n>{_NUMBER})"
    rf"(?P<sep>\s*{_CLOSE}?\s*{_CLOSE}?\s*[.:、]?\s*)(?P<title>.*)$"
)
_NUMBERED_RE = re.compile(
    rf"^{_OPEN}?\s*第\s*(?P<n>{_NUMBER})\s*(?P<word>章|節)(?P<sep>\s*{_CLOSE}?\s*)(?P<title>.*)$"
)
_LABEL_RE = re.compile(rf"^(?P<word>{'|'.join(map(re.escape, _ALL_WORDS))})(?:名|名称|番号|No\.?)?$")
MAX_HEADING = 80


@dataclass(frozen=True)
class Heading:
    """A heading line: its level, the number as printed and as a whole number, and the title."""

    level: str  # goal, policy, approach, group, item, or chapter (第N章) / section (第N節)
    word: str
    marker: str  # the number as printed: "Ⅱ", "③", "1-2", "A"
    number: int | None
    title: str
    path: tuple[int, ...] = ()  # every part of a compound number: 1-2 -> (1, 2)


def _kanji_number(text: str) -> int | None:
    if "十" not in text:
        return int("".join(str(_KANJI.index(c)) for c in text)) if all(c in _KANJI for c in text) else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens + ones).strip(_KANJI[1:]):
        return None
    return (_KANJI.index(tens) if tens else 1) * 10 + (_KANJI.index(ones) if ones else 0)


def number_value(marker: str) -> tuple[int, ...]:
    """The parts of a printed number: "Ⅲ" -> (3,), "③" -> (3,), "十二" -> (12,), "B" -> (2,), "1-2" -> (1, 2).

    An empty tuple when the marker is no number.
    """
    text = normalize(marker).strip()
    parts = re.split(r"\s*[-‐−–.]\s*", text)
    if all(re.fullmatch(r"[0-9]+", part) for part in parts):
        return tuple(int(part) for part in parts)
    for table in (_ROMAN_UPPER, _ROMAN_LOWER):
        if len(text) == 1 and text in table:
            return (table.index(text) + 1,)
    if text in _ASCII_ROMAN:
        return (_ASCII_ROMAN.index(text) + 1,)
    circled = circled_number(text)
    if circled is not None:
        return (circled,)
    if len(text) == 1 and "A" <= text <= "Z":
        return (ord(text) - ord("A") + 1,)
    kanji = _kanji_number(text)
    return (kanji,) if kanji else ()


def _plain_title_start(sep: str, marker: str, title: str) -> bool:
    """A title may follow the number directly (基本目標1自分らしく) unless it reads as a count (事業1年目)."""
    if sep or not title:
        return True
    if title[0].isascii() or title[0] in _COUNTERS:
        return False
    return "0" <= marker[-1] <= "9" or marker[-1] in CIRCLED or marker[-1] in _ROMAN_UPPER + _ROMAN_LOWER


def read_heading(line: str) -> Heading | None:
    """The heading a line is, or None: "基本目標Ⅱ 共に支え合う地域づくり" -> goal 2.

    >>> read_heading("施策の展開③ 見守りの輪").level
    'approach'

    A heading a PDF export spaced out ("基 本 目 標 ２ 共 に 支 え 合 う") is read with its spaces closed up.
    """
    found = _read_heading(line)
    if found is None and re.search(r"[^\x00-\x7f] [^\x00-\x7f]", normalize(line)):
        found = _read_heading(join_wrapped(line))
    return found


def _read_heading(line: str) -> Heading | None:
    text = normalize(line).strip()
    if not text or len(text) > MAX_HEADING or text.endswith("。"):
        return None
    match = _NUMBERED_RE.match(text) or _WORDED_RE.match(text)
    if match is None:
        return None
    marker, title = match.group("n").strip(), match.group("title").strip()
    path = number_value(marker)
    if not path or not _plain_title_start(match.group("sep"), marker, title):
        return None
    word = match.group("word")
    level = {"章": "chapter", "節": "section"}.get(word) or _WORD_LEVEL[word]
    return Heading(level, word, marker, path[-1], title, path)


def read_label(cell: str) -> tuple[str, str] | None:
    """The level and word a form's label cell names ("施策名" -> ("policy", "施策")), else None."""
    match = _LABEL_RE.match(normalize(cell).replace(" ", "").replace("\u3000", ""))
    return (_WORD_LEVEL[match.group("word")], match.group("word")) if match else None


def split_number(cell: str) -> tuple[int | None, str, str]:
    """A hierarchy cell as (number, printed marker, title): "Ⅱ 共に支え合う" -> (2, "Ⅱ", "共に支え合う").

    A cell that starts with a heading word is read as that heading; a cell with no number keeps None.
    """
    heading = read_heading(cell)
    if heading is not None:
        return heading.number, heading.marker, heading.title
    text = normalize(cell).strip()
    match = re.match(rf"^{_OPEN}?\s*(?P<n>{_NUMBER})(?P<sep>\s*{_CLOSE}?\s*[.:、]?\s*)(?P<title>.*)$", text)
    if match and (match.group("sep") or not match.group("title")):
        path = number_value(match.group("n"))
        if path:
            return path[-1], match.group("n").strip(), match.group("title").strip()
    return None, "", cell.strip()
