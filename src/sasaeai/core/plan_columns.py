"""The columns of a plan's tables, told by the words of their header row.

Plans and evaluation sheets print their tables with many headers for the same
thing: the indicator is 指標, 成果指標 or 数値目標; the baseline 基準値, 現状値 or
策定時; the target 目標値 or 最終目標.  A header may carry a year
("基準値 (R1)", "目標値（令和11年度）", "26年度現状値") or be a year alone
("平成23年度", "H18"), whose cells are that year's target or actual as the row
says (目標値 / 実績値 rows) or as the header says ("平成13年実績").  Hierarchy
columns (基本目標, 施策, 取組方針, 事業) place each row in the plan.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .errors import SasaeaiError
from .periods import find_years, parse_fiscal_year
from .plan_indicators import PLAN_UNITS
from .text import normalize

_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "other": (
        "指標の定義",
        "指標の説明",
        "定義",
        "説明",
        "算出方法",
        "算定方法",
        "根拠",
        "設定理由",
        "考え方",
        "出典",
        "備考",
        "評価",
        "評価理由",
        "コメント",
        "課題",
        "今後の方向性",
        "施策の成果",
        "データの出典",
    ),
    "number": ("No", "No.", "NO", "番号", "№", "項番", "通番", "指標No", "指標番号"),
    "goal": ("基本目標", "重点目標", "まちづくりの目標", "基本方針", "基本方向", "政策", "大柱"),
    "policy": ("施策", "基本施策", "施策の方向", "施策の方向性", "施策目標"),
    "approach": ("取組方針", "取り組み方針", "取組の方向", "施策の展開", "基本事業", "中柱"),
    "title": (
        "取組項目",
        "取り組み項目",
        "事業名",
        "項目",
        "主な取組",
        "具体的な取組",
        "具体的取組",
        "取組",
        "取り組み",
        "事業",
        "個別事業",
        "事務事業",
        "主な事業",
    ),
    "content": ("取組内容", "取り組み内容", "内容", "概要", "事業内容", "事業概要"),
    "departments": ("担当課", "所管課", "担当", "担当部署", "所管", "担当部局", "主管課"),
    "name": (
        "指標",
        "評価指標",
        "成果指標",
        "数値目標",
        "目標指標",
        "目標(指標)",
        "重要業績評価指標",
        "活動指標",
        "数値目標項目",
        "目標項目",
        "指標名及び単位",
    ),
    "unit": ("単位",),
    "baseline": (
        "基準値",
        "現状値",
        "策定時",
        "現状",
        "基準",
        "当初値",
        "初期値",
        "計画策定時",
        "策定時の値",
    ),
    "target": ("目標値", "目標", "最終目標", "最終目標値", "目標水準", "中間目標", "中間目標値", "計画値"),
    "actual": ("実績値", "実績"),
    "estimate": ("見込", "見込み", "実績見込", "見込値"),  # a year not yet closed: neither actual nor target
    "rate": ("達成率", "達成度", "進捗率", "達成状況"),
    "direction": ("方向性", "目指す方向", "方向", "増減の方向", "目標の方向"),
    "kind": ("区分", "種別", "値の区分"),
    "baseline_year": ("基準年度", "基準年", "基準値の年度"),
    "target_year": ("目標年度", "目標年", "目標年次", "目標値の年度"),
    "year_of": ("年度", "年"),
}
_SUFFIXES = ("名", "値", "名称", "等", "数")
# How many words may qualify a role word in front of it ("めざす姿の" 成果指標, "5ヵ年" 目標).
_QUALIFIED = {"name": 8, "baseline": 4, "target": 4, "actual": 4}
_WORDS = sorted(((w, role) for role, words in _ROLE_WORDS.items() for w in words), key=lambda p: -len(p[0]))
HIERARCHY = ("goal", "policy", "approach", "title")
VALUE_ROLES = ("baseline", "target", "actual", "year")
_BARE_ERA_RE = re.compile(r"(令和|平成|昭和|[RHS])\s*(元|\d{1,2})(?![\d年])")
_ERALESS_RE = re.compile(r"(?<![\d.,])(\d{1,2})\s*年度?(?!\d)")
_BRACKETS = "()[]【】〔〕<>〈〉「」:"
_UNIT_RE = re.compile(r"[(\[【]\s*(?P<said>単位\s*:)?\s*(?P<unit>[^()\[\]【】\d]{1,4})\s*[)\]】]")


@dataclass(frozen=True)
class Column:
    """One column of a header: its role, and the fiscal year its header names (None when it names none)."""

    index: int
    role: str
    year: int | None = None
    text: str = ""
    unit: str = ""  # a unit the header names: 目標値（人）, 基準値 (単位:%)


def _western(era: str, number: str) -> int | None:
    try:
        return parse_fiscal_year(f"{era}{number}年度").year
    except SasaeaiError:
        return None


def header_years(text: str, era: str | None) -> tuple[list[int], str]:
    """The fiscal years a header cell names and the words left: "平成25 (基準値)" -> ([2013], "基準値")."""
    norm = normalize(text)
    years: list[tuple[int, int, int]] = []
    try:
        found = find_years(norm)
    except SasaeaiError:
        found = []
    years.extend((mention.start, mention.end, mention.year) for mention in found)
    taken = [(start, end) for start, end, _ in years]
    for pattern in (_BARE_ERA_RE, _ERALESS_RE):
        for match in pattern.finditer(norm):
            if any(start <= match.start() < end for start, end in taken):
                continue
            if pattern is _BARE_ERA_RE:
                year = _western(match.group(1), match.group(2))
            else:  # "26年度": the era the document writes its other years in
                year = _western(era, match.group(1)) if era else None
            if year is not None:
                years.append((match.start(), match.end(), year))
                taken.append((match.start(), match.end()))
    for start, end in sorted(taken, reverse=True):
        norm = norm[:start] + norm[end:]
    words = re.sub(r"\d{4}|\s", "", norm).translate({ord(c): None for c in _BRACKETS})
    if years:
        words = words.strip("年度~-・,、")
    return [year for _, _, year in sorted(years)], words


def role_of(words: str) -> str | None:
    """The role a header's words give a column ("目標値" -> "target"), None for words of no known role."""
    if not words:
        return None
    for word, role in _WORDS:
        if words == word or (words.startswith(word) and words[len(word) :] in _SUFFIXES):
            return role
    stem = next((words[: -len(s)] for s in _SUFFIXES if words.endswith(s) and len(words) > len(s)), words)
    for word, role in _WORDS:
        longest = _QUALIFIED.get(role, 0)
        if 0 < len(stem) - len(word) <= longest and stem.endswith(word):
            return role  # 5ヵ年目標, めざす姿の成果指標名
    return None


def _header_unit(cell: str) -> tuple[str, str]:
    """The cell without a unit in brackets, and the unit: "目標値（人）" -> ("目標値", "人")."""
    match = _UNIT_RE.search(normalize(cell))
    if match is None:
        return cell, ""
    unit = match.group("unit").strip()
    if not match.group("said") and unit not in PLAN_UNITS:
        return cell, ""
    return cell[: match.start()] + cell[match.end() :], unit


def read_column(index: int, cell: str, era: str | None) -> Column | None:
    """A header cell as a column ("目標値（令和11年度）" -> target of 2029), or None for words of no known role."""
    text, unit = _header_unit(cell)
    years, words = header_years(text, era)
    role = role_of(words)
    if role is None and not words and years:
        role = "year"
    if role is None:
        return None
    return Column(index, role, years[-1] if years else None, cell.strip(), unit)


def read_header(cells: list[str], era: str | None = None) -> list[Column] | None:
    """The columns of a header row, or None when the row reads as data rather than as a header.

    A header has at least two cells of known roles, no cell that holds a figure, and
    fewer unknown cells than known ones: "指標名 | 単位 | 平成23年度 | … | 平成29年度".
    """
    columns: list[Column] = []
    unknown = 0
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        column = read_column(index, cell, era)
        if column is None:
            if re.search(r"\d", header_years(cell, era)[1]):
                return None
            unknown += 1
        else:
            columns.append(column)
    if len(columns) < 2 or unknown >= len(columns):
        return None
    columns = _current_values_as_actuals(columns)
    # A column under an empty header cell holds row labels (目標値 / 実績値) or, first of all, the names.
    last = max(index for index, cell in enumerate(cells) if cell.strip())
    blanks = [Column(index, "blank") for index in range(last) if not cells[index].strip()]
    roles = {column.role for column in columns}
    if blanks and blanks[0].index == 0 and not unknown and "name" not in roles and roles & set(VALUE_ROLES):
        blanks[0] = Column(0, "name")
    return sorted(columns + blanks, key=lambda column: column.index)


def _current_values_as_actuals(columns: list[Column]) -> list[Column]:
    """現状値 is the baseline, unless a 基準値 column is there too: then it is the latest actual."""
    baselines = [c for c in columns if c.role == "baseline"]
    if len(baselines) < 2 or not any("基準" in c.text or "策定" in c.text for c in baselines):
        return columns
    return [
        Column(c.index, "actual", c.year, c.text) if c.role == "baseline" and "現状" in c.text else c
        for c in columns
    ]


def predominant_era(text: str) -> str | None:
    """The era most years of a document are written in (平成 / 令和), for headers such as "26年度"."""
    eras = Counter(
        m.group(1) for m in re.finditer(r"(令和|平成|昭和)\s*(?:元|\d{1,2})\s*年", normalize(text))
    )
    heads = Counter(
        {"R": "令和", "H": "平成", "S": "昭和"}.get(m.group(1), m.group(1))
        for m in _BARE_ERA_RE.finditer(normalize(text))
    )
    eras.update(heads)
    return eras.most_common(1)[0][0] if eras else None
