"""The columns of a report table: finding the header and putting shifted cells back.

A header row names its columns with words (拠点区分, 事業名, 実績 …) in any
order; empty header cells widen the column before them.  PDF exports shift a
row's cells left or right, drop empty cells or add some; :func:`align_row`
puts each cell back under the column whose kind of content it has, by dynamic
programming over the cells in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .numbering import KANA_ORDER, ROMAN, split_number
from .periods import find_years, parse_quarter
from .quantities import heading_unit
from .text import CIRCLED, is_ditto, join_wrapped, normalize

# role -> words in a header cell; the first role whose words appear wins, so order matters.
ROLE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("narrative", ("実績内容", "実施内容", "取組内容", "取組状況", "実施状況", "経過内容", "事業内容")),
    ("results", ("実績", "成果", "結果")),
    ("activities", ("実施事項", "実施項目", "事業計画", "計画内容", "取組事項", "事業概要")),
    ("plan", ("計画体系", "基本目標", "重点目標", "体系")),
    ("segment_and_service", ("拠点区分サービス区分", "拠点区分・サービス区分")),
    ("segment", ("拠点区分",)),
    ("service", ("サービス区分", "事業区分")),
    ("number", ("番号", "No", "NO", "№", "項番")),
    ("name", ("事業名", "事業項目", "項目名", "取組名")),
    ("department", ("担当課", "担当部署", "所管課", "担当部局", "担当係", "担当")),
]
_MAX_HEADING = 25
HEADER_WORDS = ("拠点区分", "サービス区分", "サービス 区分", "事業区分")
_NUMBER_RE = re.compile(r"\d{1,3}")
_COUNT_RE = re.compile(
    r"\d[\d,]*\s?(?:人|名|件|回|日|世帯|食|部|匹|校|学級|園|戸|台|か所|箇所|ヶ所|カ所|団体|円|%)"
)
_PLAN_RE = re.compile(r"^(?:基本目標|重点目標|目標)\s?\d|「[^」]+」$")
_SENTENCE_RE = re.compile(r"。|(?:した|ました|である|った|います|ている)(?:[\s(（、]|$)")
_NUMBERED_START_RE = re.compile(rf"(?:\d|[{CIRCLED}{ROMAN}(（<＜〈《第]|[{KANA_ORDER}][\s.．、)）])")
_DEPT_RE = re.compile(r"[(（【]([^()（）【】]{2,20}(?:課|室|係|センター|所|局|部|協議会|会))[)）】]\s*$")


@dataclass
class Column:
    """One column of a header: its role, the words printed, the cells it spans."""

    role: str
    heading: str
    start: int
    width: int = 1
    fiscal_year: int | None = None
    quarter: int | None = None
    unit: str | None = None  # the counter the heading gives bare numbers: 件数, 実績(人), 単位:円


@dataclass
class Layout:
    """The columns of one header row, in order."""

    columns: list[Column]
    line: int
    roles: set[str] = field(default_factory=set)
    width: int = 0  # the number of cells of the header row

    def __post_init__(self) -> None:
        self.roles = {c.role for c in self.columns}

    def results(self) -> list[Column]:
        return [c for c in self.columns if c.role in ("current", "comparison")]


# Short headings that name the project column on their own (a longer heading with 事業 in it may be
# any column: 事業概要, 事業区分 …).
_NAME_HEADINGS = ("事業", "項目", "取組", "取組項目", "事業・取組", "事業名称", "施策・事業", "主な事業")


def _role_of(heading: str) -> str | None:
    squashed = re.sub(r"\s", "", normalize(heading))
    if not squashed:
        return None
    if squashed in _NAME_HEADINGS:
        return "name"
    for role, words in ROLE_WORDS:
        if any(w in squashed for w in words):
            if role == "segment" and ("サービス区分" in squashed or "事業区分" in squashed):
                return "segment_and_service"
            return role
    return None


def read_header(cells: list[str], line: int) -> Layout | None:
    """A header row's layout, or None when the row is not a header.

    A header has 事業名 and 実績, or at least three known headings with one of them;
    its cells are short and hold no figures.  A few headings of other columns
    (備考, 目標, 評価 …) may stand among them and are kept as "other".
    """
    columns: list[Column] = []
    for index, cell in enumerate(cells):
        if len(re.sub(r"\s", "", cell)) > _MAX_HEADING or _COUNT_RE.search(normalize(cell)):
            return None  # headings are short and count nothing; such cells are data
        role = _role_of(cell)
        if role is None:
            if columns and not cell.strip():
                columns[-1].width += 1
            elif cell.strip():
                columns.append(Column("other", join_wrapped(cell), index))
            continue
        column = Column(role, join_wrapped(cell), index)
        if role == "results":
            column.unit = heading_unit(cell)
            years = find_years(cell)
            column.fiscal_year = years[0].year if years else None
            column.quarter = parse_quarter(cell) or (2 if "上半期" in cell else None)
        columns.append(column)
    known = {c.role for c in columns} - {"other"}
    others = sum(c.role == "other" for c in columns)
    enough = len(known) >= 3 or {"results", "name"} <= known
    if not enough or not ({"results", "name"} & known) or others > max(3, len(known)):
        return None
    _name_results(columns)
    if "name" not in known:
        _take_first_other_as_name(columns)
    if "segment" in known and "service" not in known:
        for column in columns:  # one column for both: "社会福祉事業拠点 地域福祉推進事業"
            column.role = "segment_and_service" if column.role == "segment" else column.role
    return Layout(columns, line, width=len(cells))


def _take_first_other_as_name(columns: list[Column]) -> None:
    """A header whose project column has a heading of its own words (施策名, 取組の内容 …): the first
    unknown column left of the results names the projects, as the leftmost text column does."""
    first_result = min((c.start for c in columns if c.role in ("current", "comparison")), default=0)
    for column in columns:
        if column.role == "other" and column.start < first_result:
            column.role = "name"
            return


_EARLIER_WORDS = ("前年", "昨年", "前期", "前回", "前年度", "比較")


def _name_results(columns: list[Column]) -> None:
    """The latest year's results column is the current one; an earlier one is the comparison.

    Headings without a year say which is which in words: 今期実績 beside 前年同期実績.
    """
    results = [c for c in columns if c.role == "results"]
    if not results:
        return
    dated = [c for c in results if c.fiscal_year is not None]
    undated_now = [
        c for c in results if c.fiscal_year is None and not any(w in c.heading for w in _EARLIER_WORDS)
    ]
    if dated and len({c.fiscal_year for c in dated}) > 1:
        current = max(dated, key=lambda c: (c.fiscal_year or 0, -c.start))
    else:
        current = (undated_now or dated or results)[0]
    for column in results:
        column.role = "current" if column is current else "comparison"


def merge_header_rows(first: list[str], second: list[str]) -> list[str]:
    """Two header rows read as one ("実績" above "令和7年度 | 令和6年度"): cell by cell, upper words first.

    A heading that spans cells in the upper row (its neighbours empty) is repeated over them.
    """
    width = max(len(first), len(second))
    upper = [*first, *[""] * (width - len(first))]
    lower = [*second, *[""] * (width - len(second))]
    for i in range(1, width):
        if not upper[i].strip() and lower[i].strip() and upper[i - 1].strip() and lower[i - 1].strip():
            upper[i] = upper[i - 1]
    return [f"{a.strip()} {b.strip()}".strip() for a, b in zip(upper, lower, strict=True)]


def is_header_continuation(cells: list[str]) -> bool:
    """A second header row: short cells naming years, quarters or result columns, and no figures."""
    filled = [c for c in cells if c.strip()]
    if not filled or any(len(c.strip()) > 14 for c in filled):
        return False
    if any(_COUNT_RE.search(c) for c in filled):
        return False
    words = ("年度", "四半期", "実績", "前年", "今期", "目標", "計画", "上半期", "下半期", "当初", "累計")
    return all(any(w in normalize(c) for w in words) for c in filled)


# ---- fitting cells to columns -------------------------------------------------------------

_ROLES_FOR_TEXT = ("activities", "narrative", "current", "comparison", "other")


def _kind(cell: str) -> str:
    text = join_wrapped(normalize(cell))
    if not text:
        return "empty"
    if is_ditto(text):
        return "ditto"
    if _NUMBER_RE.fullmatch(text):
        return "number"
    if (
        text.endswith("拠点")
        or any(w in text for w in ("拠点区分", "サービス区分"))
        or re.search(r"拠点\s", cell)
    ):
        return "segment"
    if _PLAN_RE.search(text) and len(text) <= 40:
        return "plan"
    numbered = _NUMBERED_START_RE.match(text) and split_number(cell)[1] is not None
    if numbered and len(text) <= 45 and not _COUNT_RE.search(text):
        return "numbered-name"
    if _DEPT_RE.search(text) and len(text) <= 45:
        return "numbered-name"
    if re.fullmatch(r"[^\d\s]{1,15}(?:課|室|係|センター)", text):
        return "department"
    counts = len(_COUNT_RE.findall(text))
    if len(text) > 80 and (_SENTENCE_RE.search(text) or counts * 40 < len(text)):
        return "prose"  # sentences that mention figures are narrative
    if counts and (counts * 25 >= len(text) or len(text) <= 30):
        return "results"
    if len(text) <= 22 and "。" not in text:
        return "short"
    return "prose" if counts == 0 else "mixed"


_FIT: dict[str, dict[str, float]] = {
    "segment": {"segment": 4, "segment_and_service": 4, "service": -1},
    "number": {"number": 4, "name": -2},
    "plan": {"plan": 4},
    "department": {"department": 4, "name": 1, "service": 0.5},
    "numbered-name": {"name": 4, "segment_and_service": -2, "service": -1},
    "short": {"service": 1.5, "name": 1.5, "segment_and_service": 1.5, "plan": 0.5, "activities": 0.5, "current": 0.5,
              "comparison": 0.5, "narrative": 0.3},
    "results": {"current": 2.5, "comparison": 2.5, "narrative": 0.5, "activities": 0.2},
    "mixed": {"current": 1.5, "comparison": 1.5, "narrative": 1.2, "activities": 1},
    "prose": {"activities": 1.5, "narrative": 1.5, "current": -0.5, "comparison": -0.5},
    "ditto": {"plan": 1, "activities": 0.5, "narrative": 0.5, "current": 0.2, "comparison": 0.2},
}  # fmt: skip
_MISFIT = {
    "number": -4,
    "segment": -3,
    "segment_and_service": -3,
    "service": -3,
    "name": -2.5,
    "plan": -2,
    "department": -3,
}


def _fit(kind: str, role: str) -> float:
    if kind == "empty":
        return 0.0
    table = _FIT[kind]
    if role in table:
        return table[role]
    if role in _ROLES_FOR_TEXT:
        return -0.5 if kind in ("segment", "number") else 0.0
    return _MISFIT.get(role, -1.0)


def align_row(cells: list[str], layout: Layout) -> dict[str, list[str]]:
    """Put a row's cells under the layout's columns: role -> the non-empty cells it got, in order.

    Every non-empty cell is placed; columns may stay empty.  Keeping a cell
    where it was printed earns a small bonus, so a well-formed row is never
    moved, and a shifted one moves as far as its contents say.
    """
    slots = [(c.role, c.start + k) for c in layout.columns for k in range(c.width)]
    n, m = len(cells), len(slots)
    kinds = [_kind(c) for c in cells]
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == neg:
                continue
            if j < m and here > best[i][j + 1]:  # leave slot j empty
                best[i][j + 1], back[i][j + 1] = here, (i, j, False)
            if i < n and kinds[i] == "empty" and here - 0.05 > best[i + 1][j]:  # drop an empty cell
                best[i + 1][j], back[i + 1][j] = here - 0.05, (i, j, False)
            if i < n and j < m:
                role, position = slots[j]
                # staying where it was printed only breaks ties: exports shift cells freely
                score = here + _fit(kinds[i], role) + (0.1 if position == i else 0.0)
                if score > best[i + 1][j + 1]:
                    best[i + 1][j + 1], back[i + 1][j + 1] = score, (i, j, True)
    placed: dict[str, list[str]] = {}
    if best[n][m] == neg:  # more non-empty cells than columns: keep them in the last column
        return {layout.columns[-1].role: [c for c in cells if c.strip()]}
    shifts: list[int] = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        pi, pj, used = step
        if used and cells[pi].strip():
            placed.setdefault(slots[pj][0], []).insert(0, cells[pi])
            if slots[pj][0] not in ("current", "comparison"):
                shifts.append(slots[pj][1] - pi)
        i, j = pi, pj
    shift = sorted(shifts)[len(shifts) // 2] if shifts else 0
    _split_results(placed, cells, slots, layout, shift)
    return placed


def place_row(cells: list[str], layout: Layout) -> dict[str, list[str]]:
    """A row whose cells stand where they were printed (a PDF's ruled cells): each under its own column."""
    placed: dict[str, list[str]] = {}
    for column in layout.columns:
        for cell in cells[column.start : column.start + column.width]:
            if cell.strip():
                placed.setdefault(column.role, []).append(cell)
    return placed


def _split_results(
    placed: dict[str, list[str]], cells: list[str], slots: list[tuple[str, int]], layout: Layout, shift: int
) -> None:
    """As many result cells as result columns: one each, in order (exports put them under either half).

    A lone result cell goes where the row's shift puts it: a row printed one
    cell to the right has its current results under the comparison heading.
    """
    result_roles = [c.role for c in layout.results()]
    got = placed.pop("current", []), placed.pop("comparison", [])
    cells_in_order = [*got[0], *got[1]]
    if len(cells_in_order) <= len(result_roles) and len(cells_in_order) > 1:
        for role, cell in zip(result_roles, cells_in_order, strict=False):
            placed.setdefault(role, []).append(cell)
        return
    if len(cells_in_order) == 1:
        index = next(k for k, c in enumerate(cells) if c is cells_in_order[0] or c == cells_in_order[0])
        lone_role = next((r for r, position in slots if position == index + shift), None)
        if lone_role in ("current", "comparison"):
            placed[lone_role] = cells_in_order
            return
    if got[0]:
        placed["current"] = got[0]
    if got[1]:
        placed["comparison"] = got[1]


class NameParts(NamedTuple):
    """A name cell taken apart: its number and marker as written, the name, the department."""

    number: int | None
    marker: str | None
    name: str
    department: str | None


def split_name(cell: str) -> NameParts:
    """ "1 かぎ預かり事業 (地域福祉課)" -> (1, "1", "かぎ預かり事業", "地域福祉課"); "(ア) 配食" -> (1, "(ア)", "配食", None)."""
    number, marker, text = split_number(cell)
    department = None
    d = _DEPT_RE.search(text)
    if d:
        department, text = join_wrapped(d.group(1)), text[: d.start()]
    return NameParts(number, marker, join_wrapped(text), department)


def split_segment(cell: str) -> tuple[str | None, str | None]:
    """ "社会福祉事業拠点 地域福祉推進事業" -> (segment, service); header words that spilled in are dropped."""
    text = normalize(cell)
    for word in HEADER_WORDS:
        text = text.replace(word, " ")
    text = join_wrapped(text)
    if not text:
        return None, None
    m = re.search(r"拠点", text)
    if m:
        segment, service = text[: m.end()].strip(), text[m.end() :].strip()
        return segment or None, service or None
    return None, text
