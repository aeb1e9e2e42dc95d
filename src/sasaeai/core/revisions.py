"""Mid-term reviews of a practice plan: changed items and new projects.

A review (中間見直し) exported from PDF holds two kinds of table:

* revision tables, headed 事業項目 / 現行… / 変更…内容 / 追加・変更: one row per
  plan item, with its number, title and plan page ("(本計画 P19)"), the text
  before and after, and the kind (追加 or 変更; "—" marks an unchanged row);
* new-project tables (【新規事業】), headed 基本 / 重点 / 事業項目 / 事業開始 /
  事業内容 / 担当 / 事業区分: one row per project started since the plan began.

Columns are found by the words of their heading, in any order; a blank line
ends a table; goal cells left blank carry down from the row above.

The revision date is the document's imprint (発行年月 令和6年3月), the formal
date of issue; a greeting dated 令和6年4月 is only used when no imprint is
printed.  A review issued in January–March takes effect from the next fiscal
year (the plan year it was written for), otherwise from the year of issue.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ReaderError
from .periods import FiscalYear, find_years
from .tables import Row, read_table
from .text import collapse_spaces, join_wrapped, normalize

NONE_MARKS = {"—", "－", "-", "―", "ー", "‐", "なし", ""}
KINDS = ("追加", "変更", "削除")
_PAGE_RE = re.compile(r"[(（]\s*本計画\s*P\s*(\d+)\s*[)）]")
_GOAL_RE = re.compile(r"^\s*(?:基本目標|重点目標)?\s*(\d{1,2})\s*(.*)$", re.S)
_WESTERN_MONTH_RE = re.compile(r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[/.\-]\s*(\d{1,2})(?!\d))")
_DOTTED_MONTH_RE = re.compile(r"\s*[./]\s*(\d{1,2})(?!\d)")
_KANJI_MONTH_RE = re.compile(r"(\d{1,2})\s*月")
_RESULTS_RE = re.compile(r"^[(（][^)）]*実績[)）]")
_SPLIT_CAPS_RE = re.compile(r"(?<![A-Za-z])([A-Z]) ([A-Z]{1,3})(?![A-Za-z])")
_ISSUE_RE = re.compile(r"発行(?:年月日?|日)\s*[:：]?\s*(.+)")


@dataclass
class ItemRevision:
    """One changed, added or unchanged plan item as the review prints it."""

    line: int
    number: int | None
    title: str
    page: int | None
    before: str | None
    after: str | None
    kind: str | None  # 追加 / 変更, None when the row is marked unchanged

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "number": self.number,
            "title": self.title,
            "page": self.page,
            "before": self.before,
            "after": self.after,
            "kind": self.kind,
        }


@dataclass
class NewProject:
    """A project started after the plan was written, with its start month."""

    line: int
    name: str
    page: int | None
    start_month: str | None  # "2022-09"
    start_text: str
    description: str
    department: str | None
    project_type: str | None
    basic_goal: dict[str, Any] | None
    priority_goal: dict[str, Any] | None
    results: str = ""
    lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "lines": self.lines or [self.line],
            "name": self.name,
            "page": self.page,
            "start_month": self.start_month,
            "start_text": self.start_text,
            "description": self.description,
            "results": self.results,
            "department": self.department,
            "type": self.project_type,
            "basic_goal": self.basic_goal,
            "priority_goal": self.priority_goal,
            "notes": self.notes,
        }


def clean_cell(cell: str) -> str:
    """Paragraph marks to line breaks, PDF wraps removed, "C SW" back to "CSW"."""
    text = re.sub(r"</p>\s*<p>", "\n", cell or "")
    text = re.sub(r"</?p>", "", text)
    paragraphs = [join_wrapped(part) for part in text.split("\n")]
    return _SPLIT_CAPS_RE.sub(r"\1\2", "\n".join(p for p in paragraphs if p))


def _optional_text(cell: str) -> str | None:
    text = clean_cell(cell)
    return None if text in NONE_MARKS else text


def split_title(cell: str) -> tuple[str, int | None]:
    """ "C SWの配置 (本計画 P19)" -> ("CSWの配置", 19)."""
    text = clean_cell(cell).replace("\n", " ")
    match = _PAGE_RE.search(normalize(text))  # same length: the span fits the printed text
    if not match:
        return collapse_spaces(text), None
    return collapse_spaces(text[: match.start()] + text[match.end() :]), int(match.group(1))


def year_month(text: str) -> str | None:
    """令和4年 9月 -> "2022-09"; 2023年6月, 2023/6, R5.6 -> "2023-06"; None without a year and a month."""
    norm = normalize(text)
    western = _WESTERN_MONTH_RE.search(norm)
    if western:
        year, month_text = int(western.group(1)), western.group(2) or western.group(3)
    else:
        years = find_years(norm)
        if not years:
            return None
        written = norm[years[0].start : years[0].end]
        rest = norm[years[0].end :]
        dotted = None if written.endswith(("年", "度")) else _DOTTED_MONTH_RE.match(rest)  # R5.6
        month_match = dotted or _KANJI_MONTH_RE.search(rest)
        if not month_match:
            return None
        year, month_text = years[0].year, month_match.group(1)
    month = int(month_text)
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


# --- column roles -----------------------------------------------------------------

_REVISION_ROLES = {
    "title": lambda h: "項目" in h,
    "before": lambda h: "現行" in h or "変更前" in h or "見直し前" in h or h.startswith("当初"),
    "after": lambda h: "変更後" in h or "見直し後" in h or ("内容" in h and ("変更" in h or "追加" in h)),
    "kind": lambda h: (
        (h == "区分" or any(k in h for k in KINDS))
        and not any(w in h for w in ("内容", "前", "後"))
        and len(h) <= 8
    ),
}
_PROJECT_ROLES = {
    "basic": lambda h: h.startswith("基本"),
    "priority": lambda h: h.startswith("重点"),
    "title": lambda h: "項目" in h or h in ("事業名", "事業"),
    "start": lambda h: "開始" in h,
    "description": lambda h: "内容" in h,
    "department": lambda h: h.startswith("担当"),
    "type": lambda h: "区分" in h,
}


def _roles(row: Row, tests: dict[str, Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        heading = re.sub(r"\s+", "", normalize(cell))
        for role, test in tests.items():
            if role not in found and heading and test(heading):
                found[role] = index
                break
    return found


def _revision_header(row: Row) -> dict[str, int] | None:
    roles = _roles(row, _REVISION_ROLES)
    if {"title", "before", "after"} <= roles.keys():
        if roles["title"] > 0:
            roles["number"] = roles["title"] - 1  # the unheaded column before the title
        return roles
    return None


def _project_header(row: Row) -> dict[str, int] | None:
    roles = _roles(row, _PROJECT_ROLES)
    return roles if {"title", "start"} <= roles.keys() else None


def _cell(row: Row, roles: dict[str, int], role: str) -> str:
    index = roles.get(role)
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index]


# --- rows ---------------------------------------------------------------------------


def _item_row(row: Row, roles: dict[str, int]) -> ItemRevision | None:
    title, page = split_title(_cell(row, roles, "title"))
    if not title:
        return None
    number_text = normalize(_cell(row, roles, "number")).strip()
    kind_text = re.sub(r"\s+", "", _cell(row, roles, "kind"))
    kind = next((k for k in KINDS if k in kind_text), None)
    return ItemRevision(
        line=row.line,
        number=int(number_text) if number_text.isdecimal() else None,
        title=title,
        page=page,
        before=_optional_text(_cell(row, roles, "before")),
        after=_optional_text(_cell(row, roles, "after")),
        kind=kind,
    )


def _goal(cell: str) -> dict[str, Any] | None:
    text = clean_cell(cell).replace("\n", " ")
    match = _GOAL_RE.match(normalize(text))
    if not text:
        return None
    if not match:
        return {"number": None, "title": text}
    return {"number": int(match.group(1)), "title": collapse_spaces(text[match.start(2) :]) or None}


def _goals(row: Row, roles: dict[str, int]) -> tuple[dict[str, Any] | None, dict[str, Any] | None, bool]:
    """The basic and priority goal cells; a bare number followed by a bare title is one split cell."""
    basic = _goal(_cell(row, roles, "basic"))
    priority = _goal(_cell(row, roles, "priority"))
    split = bool(basic and basic["title"] is None and priority and priority["number"] is None)
    if split and basic is not None and priority is not None:
        basic = {"number": basic["number"], "title": priority["title"]}
        priority = None
    return basic, priority, split


def _continuation(row: Row) -> str | None:
    """The text of a row that only continues the one above (one cell filled, in any column)."""
    filled = [cell for cell in row.cells if cell.strip()]
    return clean_cell(filled[0]) if len(filled) == 1 else None


@dataclass
class _ProjectState:
    roles: dict[str, int]
    basic: dict[str, Any] | None = None
    priority: dict[str, Any] | None = None


def _project_row(row: Row, state: _ProjectState, projects: list[NewProject]) -> None:
    title, page = split_title(_cell(row, state.roles, "title"))
    start_text = collapse_spaces(_cell(row, state.roles, "start"))
    if not title and not start_text:
        extra = _continuation(row)
        if extra and projects:
            _continue_project(projects[-1], row, extra, state.roles)
        return
    basic, priority, split = _goals(row, state.roles)
    if basic is not None:
        state.basic, state.priority = basic, priority
    elif priority is not None:
        state.priority = priority
    project = NewProject(
        line=row.line,
        name=title,
        page=page,
        start_month=year_month(start_text),
        start_text=start_text,
        description=clean_cell(_cell(row, state.roles, "description")),
        department=clean_cell(_cell(row, state.roles, "department")) or None,
        project_type=clean_cell(_cell(row, state.roles, "type")) or None,
        basic_goal=state.basic,
        priority_goal=state.priority,
        lines=[row.line],
    )
    if split:
        project.notes.append(f"line {row.line}: goal number and title were split into two cells; joined")
    projects.append(project)


def _continue_project(project: NewProject, row: Row, text: str, roles: dict[str, int]) -> None:
    project.lines.append(row.line)
    if _RESULTS_RE.match(normalize(text)):
        project.results = "\n".join(part for part in (project.results, text) if part)
    else:
        project.description = "\n".join(part for part in (project.description, text) if part)
    filled = next(i for i, cell in enumerate(row.cells) if cell.strip())
    if filled != roles.get("description"):
        project.notes.append(f"line {row.line}: continuation row shifted to column {filled + 1}; realigned")


# --- the document -------------------------------------------------------------------


def _issue_date(lines: list[str]) -> tuple[str | None, str | None]:
    """The imprint's 発行年月, else the last line that is only a year and month."""
    for line in reversed(lines):
        match = _ISSUE_RE.search(line)
        if match and year_month(match.group(1)):
            return year_month(match.group(1)), collapse_spaces(line)
    for line in reversed(lines):
        text = collapse_spaces(line)
        if text and len(text) <= 12 and year_month(text):
            return year_month(text), text
    return None, None


def effective_fiscal_year(issued: str | None) -> int | None:
    """A review issued in January–March applies from the next fiscal year, else from its own."""
    if not issued:
        return None
    # Jan–Mar of year Y close FY Y-1, so the next fiscal year is FY Y; April–December
    # of year Y lie in FY Y itself: either way, the calendar year of issue.
    return FiscalYear(int(issued.split("-")[0])).year


_LEGAL_FORMS = ("社会福祉法人", "一般社団法人", "公益社団法人", "特定非営利活動法人", "NPO法人")


def _publisher(lines: list[str]) -> str | None:
    """The imprint's publisher (発行 社会福祉法人 ○○社会福祉協議会), without its legal form."""
    for line in reversed(lines):
        text = collapse_spaces(line)
        if text.startswith("発行") and not _ISSUE_RE.match(text):
            name = text[len("発行") :].strip(" :：")
            for form in _LEGAL_FORMS:
                name = name.replace(form, "")
            return collapse_spaces(name) or None
    return None


def _plan_heading(lines: list[str]) -> tuple[str, list[int]]:
    title = next((collapse_spaces(line) for line in lines if "計画" in line and len(line) < 40), "")
    for line in lines[:40]:
        years = [y.year for y in find_years(line) if y.is_fiscal]
        if len(years) == 2 and ("～" in line or "~" in normalize(line)):
            return title, years
    return title, []


def read_revisions(data: bytes, name: str) -> dict[str, Any]:
    """A mid-term review (中間見直し) as a dict: plan, issue date, item revisions, new projects."""
    table = read_table(data, name)
    items: list[ItemRevision] = []
    projects: list[NewProject] = []
    revision_roles: dict[str, int] | None = None
    project_state: _ProjectState | None = None
    for row in table.rows:
        if row.is_blank():
            revision_roles, project_state = None, None
            continue
        if header := _revision_header(row):
            revision_roles, project_state = header, None
        elif header := _project_header(row):
            revision_roles, project_state = None, _ProjectState(header)
        elif revision_roles is not None:
            if item := _item_row(row, revision_roles):
                items.append(item)
        elif project_state is not None:
            _project_row(row, project_state, projects)
    if not items and not projects:
        raise ReaderError(
            f"{name} holds no revision table (事業項目 / 現行 / 変更内容) and no new-project table (事業開始).",
            f"{name} に見直しの表（事業項目・現行・変更内容）も新規事業の表（事業開始）も見つかりません。",
        )
    lines = ["\t".join(row.cells) for row in table.rows]
    issued, issued_text = _issue_date(lines)
    title, period = _plan_heading(lines)
    return {
        "source": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": title,
        "organisation": _publisher(lines),
        "plan_period": {"start": period[0], "end": period[1]} if period else None,
        "issued": issued,
        "issued_text": issued_text,
        "effective_fiscal_year": effective_fiscal_year(issued),
        "items": [item.to_json() for item in items if item.kind],
        "unchanged": [item.to_json() for item in items if not item.kind],
        "new_projects": [project.to_json() for project in projects],
    }
