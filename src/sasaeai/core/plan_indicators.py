"""Indicator cells of a plan: names with ①② sub-measures, baseline and target cells, direction.

A cell such as "求職 118 人 求人 241 人 マッチング成功 13 件" or "① 1回 ② 40件"
holds several parts; "160 件", "年1回以上", "90.08%" or "街頭巡回 年間 680 回"
hold one; "—", "R4" (a year) or "巡回体制を維持します。" hold no number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .records import json_number
from .text import CIRCLED, collapse_spaces, normalize, squash

_UNIT_WORDS = """
人 名 件 回 日 世帯 食 部 匹 校 学級 園 戸 台 箇所 か所 ヶ所 ケ所 カ所 ヵ所 個所 団体 町内会 事業所
サークル 作品 家族 法人 メニュー 円 千円 万円 % ％ ポイント 時間 か月 ヶ月 カ月 人日 店 社 施設
床 室 冊 枚 組 チーム 地区 校区 地域 講座 教室 種類 本 号 棟 区 ha km
"""
# Counter words, longest first so that 学級 wins over 学 and 千円 over 円.
PLAN_UNITS = tuple(sorted(_UNIT_WORDS.split(), key=len, reverse=True))
QUALIFIERS = ("以上", "以下", "未満", "超")
_DECREASE_WORDS = ("削減", "減少", "抑制", "低減", "以下", "未満", "減らす")
_MAINTAIN_WORDS = ("維持", "継続", "現状")
_NUMBER_RE = re.compile(r"(?<![A-Za-z\d.,])(?<!第)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_RUN_RE = re.compile(r"\s*([^\s\d、,，。.:：()（）「」【】\[\]/／・]+)")
_ERA_BEFORE_RE = re.compile(r"(令和|平成|昭和|[RHS])\s*$")
_SEPARATORS = " 、,，・:：;；/／"
_MAX_UNKNOWN_UNIT = 4


@dataclass
class Figure:
    """A number written in a cell, with its unit, qualifier, marker and label, and where it stands."""

    value: Decimal
    unit: str | None
    qualifier: str | None
    start: int  # where the figure's own words begin (label or marker), in the cell text
    number_start: int
    end: int
    label: str | None = None
    marker: str | None = None


def _unit_and_qualifier(text: str, pos: int) -> tuple[str | None, str | None, int]:
    run = _RUN_RE.match(text, pos)
    if not run:
        return None, None, pos
    word, end = run.group(1), run.end()
    unit = next((u for u in PLAN_UNITS if word.startswith(u)), None)
    rest = word[len(unit) :] if unit else word
    qualifier = next((q for q in QUALIFIERS if rest.startswith(q)), None)
    if unit is None and qualifier is None:
        if len(word) > _MAX_UNKNOWN_UNIT or any(q in word for q in QUALIFIERS):
            return None, None, pos
        return word, None, end
    used = len(unit or "") + len(qualifier or "")
    return unit, qualifier, run.start(1) + used


def find_figures(cell: str) -> list[Figure]:
    """Every figure in a cell (years such as R4 or 令和4年 are not figures)."""
    text = normalize(cell)
    figures: list[Figure] = []
    for match in _NUMBER_RE.finditer(text):
        if _ERA_BEFORE_RE.search(text[max(0, match.start() - 4) : match.start()]):
            continue
        unit, qualifier, end = _unit_and_qualifier(text, match.end())
        if unit in ("年", "年度"):
            continue
        number = match.group(1).replace(",", "") + (match.group(2) or "")
        figures.append(Figure(Decimal(number), unit, qualifier, match.start(), match.start(), end))
    _label_figures(text, figures)
    return figures


def _label_figures(text: str, figures: list[Figure]) -> None:
    previous_end = 0
    for figure in figures:
        lead = text[previous_end : figure.number_start]
        offset = len(lead) - len(lead.lstrip(_SEPARATORS))
        figure.start = previous_end + offset
        words = lead.strip(_SEPARATORS)
        marker = next((char for char in words if char in CIRCLED), None)
        if marker:
            words = words.replace(marker, "")
        figure.marker = marker
        figure.label = collapse_spaces(words).strip(_SEPARATORS) or None
        previous_end = figure.end


def split_name(name: str) -> tuple[str, dict[str, str]]:
    """ "ケアマネジャーの質の向上 ① 研修開催回数 ② ケアプラン点検数" -> base name and {marker: label}."""
    positions = [i for i, char in enumerate(name) if char in CIRCLED]
    if not positions:
        return collapse_spaces(name), {}
    labels: dict[str, str] = {}
    for index, start in enumerate(positions):
        stop = positions[index + 1] if index + 1 < len(positions) else len(name)
        labels[name[start]] = collapse_spaces(name[start + 1 : stop])
    # "①相談件数 ②訪問件数" names only its parts: the whole is the indicator's name.
    return collapse_spaces(name[: positions[0]]) or collapse_spaces(name), labels


def _measure(cell: str, figure: Figure | None, year: int | None, whole: bool) -> dict[str, Any]:
    text = collapse_spaces(cell)
    if figure is not None and not whole:
        text = collapse_spaces(cell[figure.start : figure.end])  # normalize() keeps offsets
    data: dict[str, Any] = {
        "year": year,
        "value": None if figure is None else json_number(figure.value),
        "unit": None if figure is None else figure.unit,
        "text": text,
    }
    if figure is not None and figure.qualifier:
        data["qualifier"] = figure.qualifier
    return data


def _pair(base: list[Figure], goal: list[Figure]) -> list[tuple[Figure | None, Figure | None]]:
    if len(base) == len(goal) or not base or not goal:
        count = max(len(base), len(goal), 1)
        return [
            (base[i] if i < len(base) else None, goal[i] if i < len(goal) else None) for i in range(count)
        ]
    pairs: list[tuple[Figure | None, Figure | None]] = []
    unused = list(goal)
    for figure in base:
        match = next((g for g in unused if _same_part(figure, g)), None)
        if match is not None:
            unused.remove(match)
        pairs.append((figure, match))
    pairs.extend((None, g) for g in unused)
    return pairs


def _same_part(left: Figure, right: Figure) -> bool:
    if left.marker or right.marker:
        return left.marker == right.marker
    if left.label or right.label:
        return squash(left.label or "") == squash(right.label or "")
    return left.unit == right.unit


def _share_unit(baseline: dict[str, Any], target: dict[str, Any]) -> None:
    """A bare number beside a counted one counts the same thing: "160件" → "180" is 180 件."""
    if baseline["value"] is not None and target["value"] is not None:
        baseline["unit"] = baseline["unit"] or target["unit"]
        target["unit"] = target["unit"] or baseline["unit"]


def direction_of(baseline: dict[str, Any], target: dict[str, Any]) -> str:
    """increase, decrease or maintain: from the words (維持, 削減…) or else from baseline and target values."""
    words = unicodedata.normalize("NFKC", f"{target.get('text') or ''}")
    if any(word in words for word in _MAINTAIN_WORDS) and target.get("value") is None:
        return "maintain"
    base, goal = baseline.get("value"), target.get("value")
    if base is not None and goal is not None:
        if goal > base:
            return "increase"
        return "decrease" if goal < base else "maintain"
    if any(word in words for word in _DECREASE_WORDS):
        return "decrease"
    return "increase"


def read_parts(
    name: str, baseline_cell: str, target_cell: str, years: tuple[int | None, int | None]
) -> tuple[str, list[dict[str, Any]]]:
    """The indicator's name (without ①② sub-measures) and its parts, each with baseline, target and direction."""
    base_name, marker_labels = split_name(name)
    pairs = _pair(find_figures(baseline_cell), find_figures(target_cell))
    whole = len(pairs) == 1
    parts: list[dict[str, Any]] = []
    for base, goal in pairs:
        marker = (base.marker if base else None) or (goal.marker if goal else None)
        label = None
        if not whole:
            label = (
                marker_labels.get(marker or "")
                or (base.label if base else None)
                or (goal.label if goal else None)
            )
        part: dict[str, Any] = {"label": label}
        if marker and not whole:
            part["marker"] = marker
        part["baseline"] = _measure(baseline_cell, base, years[0], whole or base is None)
        part["target"] = _measure(target_cell, goal, years[1], whole or goal is None)
        _share_unit(part["baseline"], part["target"])
        part["direction"] = direction_of(part["baseline"], part["target"])
        parts.append(part)
    return base_name, parts


_DIRECTION_WORDS = (
    ("maintain", ("維持", "横ばい", "→", "現状")),
    ("decrease", ("減", "低下", "削減", "抑制", "↓", "↘", "低く", "少なく")),
    ("increase", ("増", "上昇", "向上", "拡大", "↑", "↗", "高く", "多く")),
)


def direction_word(text: str) -> str | None:
    """The direction a 方向性 cell names: "増加を目指す" -> increase, "↓" -> decrease, "維持" -> maintain."""
    words = unicodedata.normalize("NFKC", text)
    return next((d for d, markers in _DIRECTION_WORDS if any(m in words for m in markers)), None)


def yearly_values(
    parts: list[dict[str, Any]], cells: list[tuple[int, str]]
) -> tuple[list[list[dict[str, Any]]], list[str]]:
    """Each part's values by fiscal year from cells printed for the whole indicator, and the cells not read.

    One part takes the first figure of each cell; several parts take one figure each, in order,
    when the cell holds as many figures as there are parts:
    ``yearly_values([a, b], [(2022, "12 校 140 学級")])`` -> a: 12 in 2022, b: 140 in 2022.
    """
    found: list[list[dict[str, Any]]] = [[] for _ in parts]
    unread: list[str] = []
    for year, cell in cells:
        figures = find_figures(cell)
        if not figures or (len(parts) > 1 and len(figures) != len(parts)):
            unread.append(cell)
            continue
        for index in range(len(parts)):
            figure = figures[index if len(parts) > 1 else 0]
            found[index].append({"fiscal_year": year, "value": json_number(figure.value)})
    return found, unread
