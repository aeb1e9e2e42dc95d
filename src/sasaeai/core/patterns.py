"""Numbers that are not quantities: dates, era years, ordinals, serials, times and list markers.

:func:`mask_non_quantities` finds them in normalised text and returns the text
with each of them blanked out (same length), so that a number scan over the
result can only meet numbers that count something.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .periods import ERA_YEAR_RE
from .text import CIRCLED

_MASK = "\ue000"
_DAY_OR_MONTH = r"(?:\d{1,2})"  # one or two digits: a month or a day
_SLASH_DATE = rf"{_DAY_OR_MONTH}/{_DAY_OR_MONTH}(?:\s?[(（][月火水木金土日祝][)）])?"
_KANJI_DATE = rf"{_DAY_OR_MONTH}\s?月(?:\s?{_DAY_OR_MONTH}\s?日|上旬|中旬|下旬|末日?|頃)?(?:\s?[(（][月火水木金土日祝][)）])?"
_DATE = rf"(?:{_SLASH_DATE}|{_KANJI_DATE})"
_TILDE = r"\s?[~〜～]\s?"
# R7.4.1, 令和7.4.1, 2025.4.1, 2025/4/1: a date with its year, read before the era year alone
_FULL_DATE_RE = re.compile(
    r"(?:(?<![A-Za-z])[RHS]|令和|平成|昭和)\s?(?:元|\d{1,2})\.\d{1,2}\.\d{1,2}(?![\d.])"
    r"|(?<![\d,])(?:19|20)\d{2}([./-])\d{1,2}\1\d{1,2}(?![\d.])"
)

# kind, pattern; the first pattern that matches a stretch of text decides its kind.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "asof",
        re.compile(
            rf"(?<![\d/]){_DAY_OR_MONTH}\s?月(?:\s?{_DAY_OR_MONTH}\s?日|末日?)\s?(?:現在|時点)|(?<![\d/]){_DAY_OR_MONTH}\s?月末日?"
        ),
    ),
    (
        "range",
        re.compile(
            rf"(?<![\d/.]){_DATE}{_TILDE}(?:{_DATE}|{_DAY_OR_MONTH}日?(?![\d/]))(?![\d/])|(?<![\d/.]){_DATE}{_TILDE}"
        ),
    ),
    ("date", re.compile(rf"(?<![\d/,]){_DATE}(?:、{_DAY_OR_MONTH}日(?![\d]))?(?![\d/])")),
    ("year", re.compile(r"(?<!\d)\d{4}\s?年(?:度)?|(?<![\d,])(?:19|20)\d{2}(?=[./-]\d{1,2}[./-])")),
    (
        "time",
        re.compile(
            rf"(?<![\d/]){_DAY_OR_MONTH}:\d{{2}}|(?<!\d){_DAY_OR_MONTH}時(?:{_DAY_OR_MONTH}分|半)?(?!間)"
        ),
    ),
    (
        "ordinal",
        re.compile(r"第\s?\d+(?:\s?[~〜～・、]\s?\d+)*(?:回目|四半期|号|層|弾|期|章|条|項|部|次|位)?"),
    ),
    ("serial", re.compile(r"(?<![\d,])\d+号(?:\s?[~〜～]\s?\d+号?)?|No\.?\s?\d+|№\s?\d+")),
    ("section", re.compile(r"[(（]\d{1,2}[)）]")),
    (
        "marker",
        re.compile(
            rf"[{CIRCLED}]|(?:(?<=^)|(?<=[\s\u3000]))\d{{1,2}}[.)．](?![\d,])|(?<![\w(（+±\-−])\d{{1,2}}\)"
        ),
    ),
]
_HARD_BREAKS = "、。,，※【】→⇒➡\n「」"
_AS_OF_LINK = re.compile(r"^[\s:：]*$")
_HARD_BREAK_RE = re.compile("[" + re.escape(_HARD_BREAKS) + "]")
# A pattern can only match where one of these characters is written: a cheap test that skips it.
_NEEDS = {
    "date": "./-月", "year": "年./-令平昭大明RHSTM", "asof": "月", "range": "~", "time": ":時", "ordinal": "第",
    "serial": "号No№", "section": "(（",
}  # fmt: skip


@dataclass(frozen=True)
class Span:
    """A stretch of text that holds a number but is not a quantity."""

    start: int
    end: int
    kind: str
    text: str


@dataclass
class Masked:
    """Normalised text with its non-quantity numbers blanked out, and where they were."""

    text: str
    spans: list[Span]
    _ends: list[int] = field(default_factory=list)
    _breaks: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ends = [s.end for s in self.spans]
        self._breaks = [m.end() for m in _HARD_BREAK_RE.finditer(self.text)]

    def boundary_before(self, pos: int) -> int:
        """Where the words that may name a number at ``pos`` begin: after the last break or masked number."""
        best = 0
        k = bisect.bisect_right(self._breaks, pos) - 1
        if k >= 0:
            best = self._breaks[k]
        k = bisect.bisect_right(self._ends, pos) - 1
        if k >= 0:
            best = max(best, self._ends[k])
        return best

    def span_ending_at(self, pos: int) -> Span | None:
        """The masked span that ends at ``pos``, allowing spaces or a colon in between."""
        k = bisect.bisect_right(self._ends, pos) - 1
        if k >= 0 and _AS_OF_LINK.match(self.text[self.spans[k].end : pos]):
            return self.spans[k]
        return None

    def as_of_before(self, window_start: int, window: str) -> str | None:
        """ "3月末:登録世帯 289世帯": the as-of date written just before the label."""
        span = self.span_ending_at(window_start)
        if span is None or span.kind != "asof":
            return None
        return re.sub(r"(現在|時点)$", "", span.text)

    def inner_qualifier(self, pos: int) -> str | None:
        """内 / うち / 内訳 when ``pos`` sits inside a parenthesis that opens with one of them."""
        depth = 0
        for i in range(pos - 1, max(-1, pos - 40), -1):
            ch = self.text[i]
            if ch in ")）":
                depth += 1
            elif ch in "(（":
                if depth == 0:
                    m = re.match(r"[(（]\s?(内訳|うち|内)", self.text[i:pos])
                    return m.group(1) if m else None
                depth -= 1
        return None

    def marker_label(self, pos: int, labels: Mapping[str, str]) -> str | None:
        """The item words of the marker written right before ``pos`` ("① 164件"), or the marker itself."""
        k = bisect.bisect_right(self._ends, pos) - 1
        if (
            k < 0
            or self.spans[k].kind not in ("marker", "section")
            or self.text[self.spans[k].end : pos].strip()
        ):
            return None
        marker = self.spans[k].text.strip()
        section = next((s.text for s in reversed(self.spans[:k]) if s.kind == "section"), None)
        keys = [f"{section}{marker}"] if section and self.spans[k].kind == "marker" else []
        keys.append(marker)
        for key in keys:
            key = key.replace("（", "(").replace("）", ")")
            if key in labels:
                return labels[key]
        return marker if marker in CIRCLED else None


def _plausible(kind: str, found: str) -> bool:
    """19/19 is no date: months run 1–12 and days 1–31."""
    if kind not in ("date", "range", "asof"):
        return True
    for month, day in re.findall(r"(\d{1,2})/(\d{1,2})", found):
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return False
    return all(1 <= int(month) <= 12 for month in re.findall(r"(\d{1,2})月", found))


def mask_non_quantities(text: str) -> Masked:
    """Find dates, years, ordinals, serials, times and markers in normalised ``text`` and blank them."""
    taken = [False] * len(text)
    spans: list[Span] = []
    era = [("date", _FULL_DATE_RE), ("year", ERA_YEAR_RE)]
    for kind, pattern in [*era, *_PATTERNS]:
        needs = _NEEDS.get(kind)
        if needs and not any(ch in text for ch in needs):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if s == e or any(taken[s:e]) or not _plausible(kind, m.group(0)):
                continue
            for i in range(s, e):
                taken[i] = True
            spans.append(Span(s, e, kind, m.group(0)))
    spans.sort(key=lambda span: span.start)
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i].isdigit():
                chars[i] = _MASK
    return Masked("".join(chars), spans)
