"""Quantities written in Japanese text: "3月末:登録世帯 289世帯", "① 164件", "86件(46人)".

:func:`read_quantities` returns each number that counts or measures something,
with its unit (a counter word from :data:`UNITS`), the words that name it, an
optional qualifier (延べ, 累計, 内, 計, 新規, 年…) and as-of date, and the span it
came from.  Dates, era years, ordinals, serial numbers, times and list markers
are found first and masked, so that none of them is ever read as a quantity.
The words are read by :mod:`sasaeai.core.labels`.  A number left of an arrow
("130→368 回") is marked ``earlier`` (the comparison period's), a signed one
("(+238)", "2箇所減") is a change (qualifier 増減), and a counter given only by
a heading (件数, 【単位:人】) applies to the labelled bare numbers under it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .labels import (
    LETTER_RE,
    TOTAL_WORDS,
    TRIM,
    VERB_LABELS,
    LabelContext,
    apply_label_rules,
    label_from_window,
    qualifier_of,
)
from .markers import Outline
from .patterns import Masked, mask_non_quantities
from .records import Quantity
from .text import normalize

# Counter words, longest first when matched.  Each may carry a lookahead of the
# words it starts but does not mean (4部門 is not "4 copies").  Extend freely.
UNITS: tuple[str, ...] = (
    "人", "名", "件", "回", "日", "世帯", "食", "部", "匹", "頭", "羽", "校", "学級", "クラス", "園", "戸", "台",
    "箇所", "か所", "ヶ所", "カ所", "ヵ所", "ケ所", "個所", "団体", "サークル", "作品", "家族", "法人", "メニュー",
    "円", "千円", "万円", "%", "口", "施設", "事業所", "町内会", "講座", "社", "冊", "枚", "本", "個", "人分",
    "か月", "ヶ月", "カ月", "週", "店舗", "会場", "地区", "圏域", "校区", "チーム", "組", "席", "袋", "箱", "kg", "km",
)  # fmt: skip
_NOT_UNIT_AFTER = {
    "人": "材権口事間形気生員",
    "名": "簿称前義刺",
    "件": "名",
    "回": "答収覧復転路",
    "日": "本常曜時中間程記",
    "部": "門署会分長局",
    "本": "人会市部日",
    "社": "協会員",
    "食": "事品堂",
    "校": "区長舎",
    "台": "帳風所",
    "個": "別人性",
    "週": "間末",
    "組": "織合",
    "口": "座頭径述調論腔",
}
# Counters of whole things: "8.13校" is the list marker "8." and 13 schools.
_WHOLE_UNITS = frozenset(UNITS) - {"%", "円", "千円", "万円", "kg", "km", "か月", "ヶ月", "カ月"}


@functools.lru_cache(maxsize=16)
def unit_pattern(units: tuple[str, ...] = UNITS) -> re.Pattern[str]:
    """The counter-word pattern for ``units`` (longest first, with the words each one must not start)."""
    return re.compile(
        r"\s?(?P<unit>"
        + "|".join(
            re.escape(u) + (f"(?![{_NOT_UNIT_AFTER[u]}])" if _NOT_UNIT_AFTER.get(u) else "")
            for u in sorted(units, key=len, reverse=True)
        )
        + ")"
    )


_NUMBER_RE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")

_PEOPLE = ("人", "名", "家族", "組")
_AS_OF_AFTER_RE = re.compile(r"\s?[(（](?P<date>[^()（）]*?(?:末日?|\d日))(?:現在|時点)?[^()（）]*[)）]")
_QUALIFIER_AFTER_RE = re.compile(r"\s?[(（](?P<q>延べ|のべ|累計|合計|計|新規)[^()（）\d]{0,6}[)）]")
_ARROW = r"\s?(?:→|⇒|➡|->)\s?"
_ARROW_RE = re.compile(_ARROW)
_ACROSS_ARROW_RE = re.compile(_ARROW + r"(?:[^\d\s→()（）]{1,6}\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CHANGE_AFTER_RE = re.compile(r"(?:増加|減少|増|減)")
CHANGE = "増減"
_MAGNITUDE_RE = re.compile(r"万(?:(?P<thousands>\d)千(?!円)|(?P<rest>\d{1,4})(?![\d,.]))?(?!円)|千(?!円)")
_EARLIER_PARENTHESIS_RE = re.compile(r"[(（]\s?(?:前年度?|昨年度?|前期|前年同期)(?:実績)?\s?[:：]?\s?$")
_LETTER_RE = re.compile(r"[^\W\d_]")  # the qualifier of a written change: (+238), (±0), 2箇所減


@dataclass
class _Found:
    quantity: Quantity
    end_with_suffix: int  # where the quantity's own words (unit, following word, parentheses) end


@dataclass
class _Unit:
    """The counter of one number: its own, one written once after an arrow, or one from a heading."""

    unit: str | None
    end: int  # where the number and its counter end
    earlier: bool = False  # left of an arrow: the comparison period's figure
    change: bool = False  # a written change: +12, ±0, 減


def _marker_items(items: Sequence[str] | Mapping[str, str] | None) -> Mapping[str, str]:
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return items
    return Outline.from_items(list(items)).labels


def read_quantities(
    text: str,
    items: Sequence[str] | Mapping[str, str] | None = None,
    extra_units: Sequence[str] = (),
    default_unit: str | None = None,
) -> list[Quantity]:
    """Every quantity written in ``text``, in order.

    ``items`` gives the meaning of markers such as ① (a list: ① is its first
    entry) or of nested markers such as (1)① (a mapping from marker keys, as
    built by :class:`sasaeai.core.markers.Outline`).  A quantity written right
    after a marker, with no words of its own, takes the item's words as label.
    ``extra_units`` adds counter words to :data:`UNITS` (a council's own, such
    as 包括 or 便).  ``default_unit`` is the counter a column heading gives
    (件数 -> 件): labelled numbers with no counter of their own take it, as do
    numbers under an in-cell heading (【単位:人】, "部署名 人数 総務係 2").
    Spans index ``text`` itself: the text is normalised one character for one.
    """
    normalised = normalize(text or "")
    masked = mask_non_quantities(normalised)
    labels = _marker_items(items)
    units = unit_pattern(tuple(dict.fromkeys((*UNITS, *extra_units))))
    headings = in_text_heading_units(normalised, units)
    found: list[_Found] = []
    for match in _NUMBER_RE.finditer(masked.text):
        if found and match.start() < found[-1].quantity.end:
            continue  # the 2 of "1万2千部", read with the 1
        heading = next((unit for at, unit in reversed(headings) if at <= match.start()), default_unit)
        quantity = _read_one(normalised, masked, match, found, labels, units, heading)
        if quantity is not None:
            found.append(quantity)
    result = [f.quantity for f in found]
    for q in result:
        q.source_text = text[q.start : q.end]
    return result


def _read_one(
    normalised: str,
    masked: Masked,
    match: re.Match[str],
    found: list[_Found],
    labels: Mapping[str, str],
    units: re.Pattern[str],
    heading_unit: str | None,
) -> _Found | None:
    start, end = match.span()
    raw = match.group(0)
    magnified, end = _magnitude(raw, masked.text, end)
    counter = _unit_of(normalised, masked.text, start, end, units)
    if counter.unit and "." in raw and counter.unit in _WHOLE_UNITS and _starts_token(normalised, start):
        marker_end = start + raw.index(".") + 1  # "8.13校": list marker 8. then 13
        start, raw = marker_end, raw[raw.index(".") + 1 :]
    if _is_rate(raw, counter, normalised):
        return None  # "1人 500円": the "per one" of a price, not a count
    previous = found[-1] if found else None
    window_start = max(masked.boundary_before(start), previous.end_with_suffix if previous else 0)
    window = normalised[window_start:start]
    label, qualifier, fallback = label_from_window(window)
    if counter.unit is None:
        counter.unit = _unit_without_counter(
            normalised, start, end, label, qualifier, counter, previous, heading_unit
        )
        if counter.unit is None and not _is_bare_count(normalised, start, end, label):
            return None
    suffix = _read_suffix(normalised, masked, counter, window_start, start, qualifier)
    qualifier, after = suffix.qualifier, suffix.after
    if not label:
        context = LabelContext(
            normalised, masked, start, suffix.words_from, after, window_start, fallback, suffix.words_after,
            qualifier, labels, previous.quantity if previous else None,
        )  # fmt: skip
        named = apply_label_rules(context)
        label, qualifier, after = named.label, named.qualifier, max(after, named.end or after)
    label = _adjusted_label(label, counter, window, previous)
    label = labels.get(label, label) if len(label) <= 3 else label  # "ア 12件": item ア of the activities
    value = magnified if magnified is not None else Decimal(raw.replace(",", ""))
    if counter.change:
        qualifier = CHANGE
        start = start - 1 if _signed(normalised, start) else start
    elif start and normalised[start - 1] in "△▲":
        value, start = -value, start - 1  # accounting minus: △5人 is five fewer
    quantity = Quantity(
        value, counter.unit, label, qualifier, suffix.as_of, start, counter.end, earlier=counter.earlier
    )
    return _Found(quantity, max(after, counter.end))


@dataclass
class _Suffix:
    """What follows a number and its counter: a change word, an as-of date, a qualifier in parentheses."""

    words_from: int  # where words that may name the number start
    after: int  # where the number's own words end
    as_of: str | None
    qualifier: str | None
    words_after: str  # the qualifier's parenthesis, which may also name the count: "(延べ件数)"


def _read_suffix(
    normalised: str, masked: Masked, counter: _Unit, window_start: int, start: int, qualifier: str | None
) -> _Suffix:
    words_from = counter.end
    change_word = _CHANGE_AFTER_RE.match(normalised, counter.end) if counter.unit else None
    if change_word:
        counter.change, words_from = True, change_word.end()  # "2箇所減"
    after = words_from
    as_of = masked.as_of_before(window_start, normalised[window_start:start])
    m = _AS_OF_AFTER_RE.match(normalised, after)
    if m:
        as_of, after = as_of or m.group("date").strip(), m.end()
    m = _QUALIFIER_AFTER_RE.match(normalised, after)
    words_after = ""
    if m:
        qualifier, after = qualifier or qualifier_of(m.group("q")), m.end()
        words_after = m.group(0).strip(TRIM)
    return _Suffix(words_from, after, as_of, qualifier or masked.inner_qualifier(start), words_after)


def _adjusted_label(label: str, counter: _Unit, window: str, previous: _Found | None) -> str:
    if counter.change and label.endswith("比"):  # "相談件数 前年比 +12件", "96件(前年比 +12件)"
        earlier_words = label_from_window(window[: window.rfind(label)])[0]
        return earlier_words or (previous.quantity.label if previous else "") or label
    if label in VERB_LABELS and counter.unit in _PEOPLE:  # "7月21日開催 30名" counts the people who came
        return "参加者"
    return label


def _magnitude(raw: str, masked_text: str, end: int) -> tuple[Decimal | None, int]:
    """ "1万2千部" is 12,000部 and "3万5000人" 35,000人; 万円 and 千円 stay units ("1.5万円")."""
    m = _MAGNITUDE_RE.match(masked_text, end)
    if not m:
        return None, end
    value = Decimal(raw.replace(",", "")) * (10000 if m.group(0).startswith("万") else 1000)
    if m.group("thousands"):
        value += Decimal(m.group("thousands")) * 1000
    elif m.group("rest"):
        value += Decimal(m.group("rest"))
    return value, m.end()


def _unit_of(normalised: str, masked_text: str, start: int, end: int, units: re.Pattern[str]) -> _Unit:
    """The number's own counter, or the one written once after an arrow ("130→368 回")."""
    own = units.match(masked_text, end)
    counter = _Unit(own.group("unit"), own.end()) if own else _Unit(None, end)
    if counter.unit is None:
        across = _ACROSS_ARROW_RE.match(masked_text, end)
        right_unit = units.match(masked_text, across.end()) if across else None
        if right_unit:
            counter.unit, counter.earlier = right_unit.group("unit"), True
    elif _ARROW_RE.match(masked_text, counter.end):
        counter.earlier = True  # "前年度 45件 → 今年度 52件"
    if counter.earlier and _inside_parentheses(normalised, start):
        counter.earlier = False  # "(5箇所→3箇所)": a change described inside one period, not two periods
    if _EARLIER_PARENTHESIS_RE.search(normalised, max(0, start - 12), start):
        counter.earlier = True  # "1,284人（前年度 1,250人）": last year's figure beside this year's
    counter.change = _signed(normalised, start)
    return counter


def _unit_without_counter(
    normalised: str,
    start: int,
    end: int,
    label: str,
    qualifier: str | None,
    counter: _Unit,
    previous: _Found | None,
    heading_unit: str | None,
) -> str | None:
    """A change takes the counter of the figure it follows ("368 回(+238)"); a heading's counter
    applies to the labelled bare numbers under it ("件数 車いす 248", "合計 279")."""
    if counter.change and previous is not None:
        return previous.quantity.unit
    named = bool(label) or qualifier in TOTAL_WORDS
    if heading_unit and named and _is_bare_count(normalised, start, end, label or "計"):
        return heading_unit
    return None


_RATE_AFTER_RE = re.compile(r"\s?(?:あたり|当たり|につき)?\s?\d[\d,]*(?:\.\d+)?\s?(?:円|千円|万円)")


def _is_rate(raw: str, counter: _Unit, text: str) -> bool:
    return raw == "1" and counter.unit is not None and bool(_RATE_AFTER_RE.match(text, counter.end))


def _signed(text: str, start: int) -> bool:
    """ "+12件", "(±0)", "(-3)": a sign before the number that no digit or letter precedes."""
    if start == 0 or text[start - 1] not in "+±-−":
        return False
    before = text[start - 2] if start >= 2 else ""
    return not (before.isalnum() or before in ".,/")


def _inside_parentheses(text: str, pos: int) -> bool:
    head = text[:pos]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）")


_HEADING_NOUNS = {
    "人数": "人", "実人数": "人", "延べ人数": "人", "件数": "件", "延べ件数": "件", "台数": "台", "回数": "回",
    "世帯数": "世帯", "箇所数": "箇所", "か所数": "か所", "日数": "日", "団体数": "団体", "校数": "校",
    "金額": "円", "人員": "人",
}  # fmt: skip
_UNIT_NOTE_RE = re.compile(r"単位\s?[:：]?\s?")
_LONE_HEADING_RE = re.compile(r"(?:(?<=^)|(?<=[\s【(（]))(?P<noun>[^\s\d]{2,4})(?=\s+[^\s\d])")


def heading_unit(heading: str, units: re.Pattern[str] | None = None) -> str | None:
    """The counter a heading gives its bare numbers: 件数 -> 件, 実績（人） -> 人, 単位:円 -> 円."""
    text = re.sub(r"\s", "", normalize(heading))
    units = units or unit_pattern()
    note = _UNIT_NOTE_RE.search(text)
    if note:
        m = units.match(text, note.end())
        if m:
            return m.group("unit")
    for m in re.finditer(r"[(（【\[]", text):
        inner = units.match(text, m.end())
        if inner and text[inner.end() : inner.end() + 1] in ")）】]":
            return inner.group("unit")
    for noun, unit in _HEADING_NOUNS.items():
        if text.endswith(noun):
            return unit
    return None


def in_text_heading_units(text: str, units: re.Pattern[str]) -> list[tuple[int, str]]:
    """Where a heading inside a cell sets a counter for the numbers after it: 【単位:人】, or a lone
    heading noun followed by names ("貸出物品 件数 車いす 248", not "受付件数 87")."""
    if "単位" not in text and not any(noun in text for noun in _HEADING_NOUNS):
        return []  # most cells have none: skip the scans
    found = []
    for note in _UNIT_NOTE_RE.finditer(text):
        m = units.match(text, note.end())
        if m:
            found.append(
                (0, m.group("unit"))
            )  # a note (単位:円) speaks for the whole cell, wherever it stands
    for m in _LONE_HEADING_RE.finditer(text):
        unit = _HEADING_NOUNS.get(m.group("noun"))
        if unit:
            found.append((m.end(), unit))
    return sorted(found)


def _starts_token(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in " \t\u3000(（"


def _is_bare_count(text: str, start: int, end: int, label: str) -> bool:
    """A labelled count with no counter ("受付件数 87", "団体34"): words right before, nothing after."""
    if not label or not LETTER_RE.search(label):
        return False
    if "." in text[start:end]:
        return False
    next_char = text[end] if end < len(text) else ""
    if next_char and next_char not in " \t\u3000、。,)）":
        return False
    before = text[max(0, start - 1) : start]
    return before != "(" and before != "（"
