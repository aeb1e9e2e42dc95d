"""Items (取組項目 / 事業) of an approach, from item-table rows or item headings, with their departments.

An item row is numbered (No) or, in a table with no number column, counted; a
row with no number under a 取組項目① heading is one of that group's
``subitems``.  An item with no 担当課 of its own takes the approach's
(``departments_inherited_from_approach``); a department may also follow its
title in brackets ("オンライン相談の導入（福祉政策課）").
"""

from __future__ import annotations

import re
from typing import Any

from .plan_summary import cell
from .plan_tables import Row, Table
from .text import collapse_spaces, join_wrapped, normalize

_REPRINT_RE = re.compile(r"[(（]\s*No\.?\s*(\d+)\s*再掲\s*[)）]")
_DEPARTMENT_SPLIT_RE = re.compile(r"[\s/／、,，]+")
# A department named in brackets after a title: its last word ends as departments' names do.
_OWNER_RE = re.compile(
    r"^(?P<title>.+?)\s*[(（](?P<owner>[^()（）]*(?:課|室|係|局|部|センター|協議会))[)）]$"
)


def departments_of(text: str) -> list[str]:
    """ "福祉課/市民課、交通課" -> ["福祉課", "市民課", "交通課"]."""
    return [part for part in _DEPARTMENT_SPLIT_RE.split(collapse_spaces(text)) if part]


def title_and_departments(title: str) -> tuple[str, list[str]]:
    """ "オンライン相談の導入（福祉政策課）" -> ("オンライン相談の導入", ["福祉政策課"])."""
    match = _OWNER_RE.match(title)
    if match is None:
        return title, []
    return match.group("title").strip(), [d for d in re.split(r"[、,，/／]\s*", match.group("owner")) if d]


def _inherit(item: dict[str, Any], approach: dict[str, Any]) -> dict[str, Any]:
    if not item["departments"]:
        item["departments"] = list(approach["departments"])
        item["departments_inherited_from_approach"] = True
    return item


def add_item_heading(approach: dict[str, Any], number: int | None, title: str) -> dict[str, Any]:
    """An item headed in the text ("事業2 オンライン相談の導入（福祉政策課）"), numbered by its order when unnumbered."""
    title, departments = title_and_departments(join_wrapped(title))
    number = number if number is not None else len(approach["items"]) + 1
    item = _inherit({"number": number, "title": title, "departments": departments}, approach)
    approach["items"].append(item)
    return item


def add_item_row(approach: dict[str, Any], row: Row, table: Table, group: tuple[str, str] | None) -> None:
    """The item of a table row, or a subitem of the item above under a 取組項目 group heading."""
    items: list[dict[str, Any]] = approach["items"]
    number = re.fullmatch(r"(?:No\.?\s*)?(\d{1,4})", normalize(cell(row, table, "number")).strip())
    title = join_wrapped(cell(row, table, "title"))
    if number is None and "number" in table.columns:
        if not cell(row, table, "number").strip() and title and group and items:
            items[-1].setdefault("subitems", []).append(title)
        return
    if not title and number is None:
        return
    departments = departments_of(cell(row, table, "departments"))
    number_value = int(number.group(1)) if number else len(items) + 1
    item = _inherit({"number": number_value, "title": title, "departments": departments}, approach)
    if group is not None:
        item["group"], item["title"] = group
        item["subitems"] = [title] if title else []
    reprint = _REPRINT_RE.search(normalize(f"{cell(row, table, 'title')} {cell(row, table, 'content')}"))
    if reprint:
        item["reprint_of"] = int(reprint.group(1))
    items.append(item)
