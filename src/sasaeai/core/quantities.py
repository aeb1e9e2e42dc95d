"""Quantities written in Japanese text: "3月末:登録世帯 289世帯", "① 164件", "86件(46人)".

:func:`read_quantities` returns each number that counts or measures something,
with its unit (a counter word from :data:`UNITS`), the words that name it, an
optional qualifier (延べ, 累計, 内, 計, 新規, 年…) and as-of date, and the span it
came from.  Dates, era years, ordinals, serial numbers, times and list markers
are found first and masked, so that none of them is ever read as a quantity.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .labels import TRIM, LabelContext, apply_label_rules, label_from_window, qualifier_of
from .markers import Outline
from .patterns import Masked, mask_non_quantities
from .records import Quantity
from .text import normalize

# Counter words, longest first when matched.  Each may carry a lookahead of the
# words it starts but does not mean (4部門 is not "4 copies").  Extend freely.
UNITS: tuple[str, ...] = (
    "人", "名", "件", "回", "日", "世帯", "食", "部", "匹", "頭", "羽", "校", "学級", "クラス", "園", "戸", "台",
    "箇所", "か所", "ヶ所", "カ所", "ヵ所", "ケ所", "個所", "団体", "サークル", "作品", "家族", "法人", "メニュー",
    "円", "千円", "万円", "%", "施設", "事業所", "町内会", "講座", "社", "冊", "枚", "本", "個", "人分",
    "か月", "ヶ月", "カ月", "週", "店舗", "会場", "地区", "チーム", "組", "席", "袋", "箱", "kg", "km",
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

_VERB_LABELS = ("開催", "実施", "発行")  # a headcount "7月21日開催 30名" counts the people who came
_PEOPLE = ("人", "名", "家族", "組")
_AS_OF_AFTER_RE = re.compile(r"\s?[(（](?P<date>[^()（）]*?(?:末日?|\d日))(?:現在|時点)?[^()（）]*[)）]")
_QUALIFIER_AFTER_RE = re.compile(r"\s?[(（](?P<q>延べ|のべ|累計|合計|計|新規)[^()（）\d]{0,6}[)）]")


@dataclass
class _Found:
    quantity: Quantity
    end_with_suffix: int  # where the quantity's own words (unit, following word, parentheses) end


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
) -> list[Quantity]:
    """Every quantity written in ``text``, in order.

    ``items`` gives the meaning of markers such as ① (a list: ① is its first
    entry) or of nested markers such as (1)① (a mapping from marker keys, as
    built by :class:`sasaeai.core.markers.Outline`).  A quantity written right
    after a marker, with no words of its own, takes the item's words as label.
    ``extra_units`` adds counter words to :data:`UNITS` (a council's own, such
    as 包括 or 便).  Spans index ``text`` itself: the text is normalised one
    character for one.
    """
    normalised = normalize(text or "")
    masked = mask_non_quantities(normalised)
    labels = _marker_items(items)
    units = unit_pattern(tuple(dict.fromkeys((*UNITS, *extra_units))))
    found: list[_Found] = []
    for match in _NUMBER_RE.finditer(masked.text):
        quantity = _read_one(normalised, masked, match, found, labels, units)
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
) -> _Found | None:
    start, end = match.span()
    raw = match.group(0)
    unit_match = units.match(masked.text, end)
    unit = unit_match.group("unit") if unit_match else None
    unit_end = unit_match.end() if unit_match else end
    if unit and "." in raw and unit in _WHOLE_UNITS and _starts_token(normalised, start):
        marker_end = start + raw.index(".") + 1  # "8.13校": list marker 8. then 13
        start, raw = marker_end, raw[raw.index(".") + 1 :]
    previous = found[-1] if found else None
    window_start = max(masked.boundary_before(start), previous.end_with_suffix if previous else 0)
    window = normalised[window_start:start]
    label, qualifier, fallback = label_from_window(window)
    if unit is None and not _is_bare_count(normalised, start, end, label):
        return None
    after = unit_end
    as_of = masked.as_of_before(window_start, window)
    m = _AS_OF_AFTER_RE.match(normalised, after)
    if m:
        as_of, after = as_of or m.group("date").strip(), m.end()
    m = _QUALIFIER_AFTER_RE.match(normalised, after)
    words_after = ""
    if m:
        qualifier, after = qualifier or qualifier_of(m.group("q")), m.end()
        words_after = m.group(0).strip(TRIM)
    if not qualifier:
        qualifier = masked.inner_qualifier(start)
    if not label:
        context = LabelContext(
            normalised, masked, start, unit_end, after, window_start, fallback, words_after, qualifier, labels,
            previous.quantity if previous else None,
        )  # fmt: skip
        named = apply_label_rules(context)
        label, qualifier, after = named.label, named.qualifier, max(after, named.end or after)
    if label in _VERB_LABELS and unit in _PEOPLE:
        label = "参加者"
    value = Decimal(raw.replace(",", ""))
    if start and normalised[start - 1] in "△▲":
        value, start = -value, start - 1  # accounting minus: △5人 is five fewer
    quantity = Quantity(value, unit, label, qualifier, as_of, start, unit_end)
    return _Found(quantity, max(after, unit_end))


def _starts_token(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in " \t\u3000(（"


def _is_bare_count(text: str, start: int, end: int, label: str) -> bool:
    """A labelled count with no counter ("受付件数 87", "団体34"): words right before, nothing after."""
    if not label or not re.search(r"[^\W\d_]", label):
        return False
    if "." in text[start:end]:
        return False
    next_char = text[end] if end < len(text) else ""
    if next_char and next_char not in " \t\u3000、。,)）":
        return False
    before = text[max(0, start - 1) : start]
    return before != "(" and before != "（"
