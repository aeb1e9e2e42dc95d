"""Funded-project KPI sheets: budget, KPIs with achievement rates, partners, activities.

A sheet (like the ones municipalities file for a grant) is free text with a
few tab-separated rows: amounts (個別事業費 / 交付金額), a KPI table headed
目標 / 実績 / 達成率, and sections named by short headings (地域の実情と課題,
目的・目標, 連携団体, 今後の課題, 事業の概要 …).  The achievement rate is
computed from target and actual and compared with the printed one; a printed
"-" means the sheet declares that no rate applies (for example when the actual
is a survey baseline), so none is computed.
"""

from __future__ import annotations

import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .errors import ReaderError
from .periods import find_years
from .quantities import read_quantities
from .records import json_number
from .tables import read_text_input
from .text import collapse_spaces, normalize

SECTIONS: dict[str, str] = {
    "地域の実情と課題": "context",
    "事業の特徴": "features",
    "事業の効果": "effects",
    "目的・目標": "purpose",
    "連携団体": "partners",
    "今後の課題": "future_issues",
    "事業の概要": "overview",
}
BUDGET_LABELS: dict[str, str] = {"個別事業費": "project_cost", "交付金額": "grant", "事業費": "project_cost"}
OPEN_ENDED_SUFFIXES = ("など", "等")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_AMOUNT_RE = re.compile(rf"^{_NUMBER}\s*(千円|万円|円)$")
_VALUE_RE = re.compile(rf"{_NUMBER}\s*(%|％|[^\s\d()（）]{{1,3}})?")
_PAREN_RE = re.compile(r"[(（]([^)）]*)[)）]")
_HEADLINE_RE = re.compile(
    rf"^(?P<name>[^（(]+?)\s*[（(](?P<label>[^）)\d]*?)\s*{_NUMBER}\s*(?P<unit>[^）)\s]+)[）)]$"
)
_RATE_RE = re.compile(
    rf"(?<![\d月])(?P<period>毎月|毎週|毎年|週|月|年)\s*{_NUMBER}\s*(?P<unit>回|日|か所|ヶ所|箇所|カ所)"
)
_COLON_RE = re.compile(
    rf"(?P<label>[^\s・：:]+)\s*[：:]\s*{_NUMBER}\s*(?P<unit>人|名|件|回)(?:\s*[(（](?P<q>[^)）]+)[)）])?"
)
_SURVEY_RE = re.compile(rf"(?P<source>[^。、]+?)において、(?P<label>[^。]*?)が{_NUMBER}\s*(?P<unit>%|％)")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _number(value: Decimal) -> int | float:
    return json_number(value)


def _sections(lines: list[str]) -> dict[str, list[tuple[int, str]]]:
    """Lines under each known heading, with their 1-based line numbers."""
    sections: dict[str, list[tuple[int, str]]] = {"head": []}
    current = "head"
    for number, line in enumerate(lines, 1):
        key = SECTIONS.get(collapse_spaces(line))
        if key:
            current = key
            sections.setdefault(current, [])
            continue
        sections[current].append((number, line))
    return sections


def _paragraphs(section: list[tuple[int, str]]) -> list[str]:
    """The prose lines of a section (table rows, which hold tabs, are read elsewhere)."""
    return [
        collapse_spaces(re.sub(r"^-\s*", "", line.strip()))
        for _, line in section
        if line.strip() and "\t" not in line
    ]


def _budget(lines: list[str]) -> dict[str, Any]:
    budget: dict[str, Any] = {}
    for number, line in enumerate(lines, 1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2:
            continue
        label, amount = collapse_spaces(cells[0]), collapse_spaces(cells[1])
        match = _AMOUNT_RE.match(normalize(amount))
        if match and label in BUDGET_LABELS and BUDGET_LABELS[label] not in budget:
            budget[BUDGET_LABELS[label]] = {
                "value": _number(_decimal(match.group(1))),
                "unit": match.group(2),
                "text": amount,
                "label": label,
                "source_line": number,
            }
    return budget


def _value(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """ "12.4% (R3時点)" -> ({"value": 12.4, "unit": "%", …}, "R3時点")."""
    norm = normalize(text)
    paren = _PAREN_RE.search(norm)
    note = paren.group(1).strip() if paren else None
    match = _VALUE_RE.search(_PAREN_RE.sub("", norm))
    if not match:
        return None, note
    unit = (match.group(2) or "").replace("％", "%") or None
    return {"value": _number(_decimal(match.group(1))), "unit": unit}, note


def achievement_rate(target: Decimal, actual: Decimal) -> Decimal:
    """Actual over target in percent, one decimal (1,063 / 1,000 -> 106.3)."""
    return (actual / target * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate_agrees(printed: Decimal, computed: Decimal) -> bool:
    """A printed rate agrees when it is the computed one rounded or cut to the printed digits."""
    exponent = printed.as_tuple().exponent
    # 1E+2 (a normalised 100) still counts in units, not hundreds
    places = Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)
    low, high = printed - places, printed + places
    return low < computed < high


def _kpi(cells: list[str], roles: dict[str, int], number: int) -> dict[str, Any]:
    def cell(role: str) -> str:
        index = roles.get(role)
        return collapse_spaces(cells[index]) if index is not None and index < len(cells) else ""

    kind, name, target_text, actual_text, rate_text = (
        cell(role) for role in ("kind", "name", "target", "actual", "rate")
    )
    target, indicator_type = _value(target_text)
    actual, as_of = _value(actual_text)
    printed, _ = _value(rate_text)
    kpi: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "indicator_type": indicator_type,
        "target": target,
        "actual": actual,
        "achievement_rate": printed,
        "computed_rate": None,
        "rate_agrees": None,
        "text": {"target": target_text, "actual": actual_text, "achievement_rate": rate_text},
        "source_line": number,
    }
    if actual is not None and as_of:
        actual["as_of"] = as_of
        years = find_years(as_of)
        if years:
            actual["year"] = years[0].year
    if printed and target and actual and target["value"]:
        try:
            computed = achievement_rate(Decimal(str(target["value"])), Decimal(str(actual["value"])))
        except InvalidOperation:  # figures too long to divide exactly: leave the rate to a person
            return kpi
        kpi["computed_rate"] = {"value": _number(computed), "unit": "%"}
        kpi["rate_agrees"] = rate_agrees(Decimal(str(printed["value"])), computed)
    return kpi


def kpi_columns(cells: list[str]) -> dict[str, int] | None:
    """Column roles of a KPI table heading (目標・KPI / 目標 / 実績 / 達成率, in any order), or None."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        heading = re.sub(r"\s+", "", normalize(cell))
        if "達成" in heading:
            roles.setdefault("rate", index)
        elif "実績" in heading:
            roles.setdefault("actual", index)
        elif any(word in heading for word in ("KPI", "指標", "項目", "名称")):
            roles.setdefault("name", index)
        elif heading.startswith("目標"):
            roles.setdefault("target", index)
    if not {"target", "actual", "rate"} <= roles.keys():
        return None
    roles.setdefault("name", roles["target"] - 1)
    if roles["name"] > 0:
        roles["kind"] = roles["name"] - 1  # the unheaded column of 事業目標 / 事業KPI
    return roles if roles["name"] >= 0 else None


def _kpis(lines: list[str]) -> list[dict[str, Any]]:
    kpis: list[dict[str, Any]] = []
    roles: dict[str, int] | None = None
    for number, line in enumerate(lines, 1):
        cells = line.split("\t")
        header = kpi_columns(cells) if len(cells) >= 3 else None
        if header is not None:
            roles = header
        elif roles is not None and not line.strip():
            roles = None
        elif roles is not None and len(cells) > roles["name"] and cells[roles["name"]].strip():
            kpis.append(_kpi(cells, roles, number))
    return kpis


def split_partners(text: str) -> tuple[list[str], bool]:
    """ "A、B、C等" -> (["A", "B", "C"], True): a trailing 等 / など makes the list open-ended."""
    names = [collapse_spaces(p) for p in re.split(r"[、，,]", text) if p.strip()]
    open_ended = False
    if names:
        for suffix in OPEN_ENDED_SUFFIXES:
            if names[-1].endswith(suffix) and len(names[-1]) > len(suffix):
                names[-1] = names[-1][: -len(suffix)]
                open_ended = True
                break
    return names, open_ended


def _quantity(label: str, value: str, unit: str | None, qualifier: str | None = None) -> dict[str, Any]:
    quantity: dict[str, Any] = {"label": label, "value": _number(_decimal(value)), "unit": unit}
    if qualifier:
        quantity["qualifier"] = qualifier
    return quantity


_WORD = r"[^\s\d、。，,（）()・のでにをはがもや]+"


def _label_near(text: str, start: int, end: int) -> str:
    """The word before a quantity (夜間（週1回） -> 夜間), else the word after it (週6日対応 -> 対応)."""
    head = re.sub(r"[（(]$", "", text[:start].rstrip()).rstrip("をはがもやのでに")
    before = re.search(rf"({_WORD})$", head)
    if before and not re.search(r"\d\D{0,3}$", head):  # not a second figure of the same thing
        return before.group(1)
    after = re.match(rf"[）)]?({_WORD})", text[end:])
    return after.group(1) if after else ""


def body_quantities(text: str) -> list[dict[str, Any]]:
    """Quantities of an activity's description: rates (週6日, 月4回), "label：68人(再掲)", and the rest.

    Rates keep their period (週, 月, 年, 毎月) as qualifier; the remaining
    quantities come from the core reader of quantities.
    """
    norm = normalize(text)
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for match in _RATE_RE.finditer(norm):
        label = _label_near(norm, match.start(), match.end())
        found.append(_quantity(label, match.group(2), match.group("unit"), match.group("period")))
        taken.append(match.span())
    for match in _COLON_RE.finditer(norm):
        found.append(_quantity(match.group("label"), match.group(2), match.group("unit"), match.group("q")))
        taken.append(match.span())
    for quantity in read_quantities(norm):
        if any(start <= quantity.start < end for start, end in taken):
            continue
        found.append(_quantity(quantity.label, str(quantity.value), quantity.unit, quantity.qualifier))
    return found


def _merge(target: list[dict[str, Any]], extra: list[dict[str, Any]]) -> None:
    keys = {(q["value"], q["unit"], q.get("qualifier")) for q in target}
    for quantity in extra:
        key = (quantity["value"], quantity["unit"], quantity.get("qualifier"))
        if key not in keys:
            keys.add(key)
            target.append(quantity)


def _unnamed_activity_name(line: str) -> str:
    """The first sentence of an activity printed without a heading, without its date and verb."""
    sentence = collapse_spaces(line).split("。")[0]
    sentence = re.sub(r"^\d{1,2}月\d{1,2}日の?", "", normalize(sentence))
    return re.sub(r"を(?:実施|開催|行った|行う)$", "", sentence)


def _activities(section: list[tuple[int, str]]) -> list[dict[str, Any]]:
    activities: list[dict[str, Any]] = []
    blank_run = 0
    for number, raw in section:
        line = collapse_spaces(raw)
        if not line:
            blank_run += 1
            continue
        headline = _HEADLINE_RE.match(normalize(line))
        if headline:
            quantity = _quantity(
                collapse_spaces(headline.group("label")), headline.group(3), headline.group("unit")
            )
            activities.append(
                {"name": headline.group("name"), "quantities": [quantity], "text": [], "source_line": number}
            )
        elif blank_run >= 2 and not line.startswith(("-", "（", "(")) and activities:
            activities.append(
                {
                    "name": _unnamed_activity_name(line),
                    "quantities": [],
                    "text": [line],
                    "source_line": number,
                }
            )
        elif activities:
            activities[-1]["text"].append(re.sub(r"^[-\s・]+", "", line))
        blank_run = 0
    for activity in activities:
        _merge(activity["quantities"], body_quantities("\n".join(activity["text"])))
        activity["text"] = "\n".join(activity["text"])
    return activities


def _mentions(activities: list[dict[str, Any]], paragraphs: list[str]) -> None:
    """Rates written elsewhere on the sheet in a sentence that names an activity join that activity."""
    for paragraph in paragraphs:
        for sentence in normalize(paragraph).split("。"):
            for activity in activities:
                if activity["name"] and activity["name"] in sentence:
                    rates = [q for q in body_quantities(sentence) if q.get("qualifier")]
                    _merge(activity["quantities"], rates)


def _context_quantities(section: list[tuple[int, str]]) -> list[dict[str, Any]]:
    found = []
    for number, line in section:
        for match in _SURVEY_RE.finditer(normalize(line)):
            # normalize() keeps offsets, so the printed words are sliced from the line itself
            label = line[match.start("label") : match.end("label")].strip()
            quantity = _quantity(label, match.group(3), "%")
            source = line[match.start("source") : match.end("source")].strip()
            quantity.update({"as_of": source, "source_line": number})
            found.append(quantity)
    return found


def _title(lines: list[str]) -> tuple[str, str | None]:
    first = next((collapse_spaces(line) for line in lines if line.strip()), "")
    match = re.match(r"^(.*?)\s*【(.+?)】\s*$", first)
    return (match.group(1), match.group(2)) if match else (first, None)


def read_kpi(data: bytes, name: str) -> dict[str, Any]:
    """A funded project's KPI sheet (目標・KPI / 達成率) as a dict; see the module docstring."""
    text = read_text_input(data, name)
    lines = text.splitlines()
    kpis = _kpis(lines)
    if not kpis:
        raise ReaderError(
            f"{name} holds no KPI table (a row headed 目標 / 実績 / 達成率).",
            f"{name} に目標・実績・達成率の表が見つかりません。",
        )
    sections = _sections(lines)
    project, municipality = _title(lines)
    partners_text = " ".join(_paragraphs(sections.get("partners", [])))
    partners, open_ended = split_partners(partners_text)
    activities = _activities(sections.get("overview", []))
    _mentions(
        activities, _paragraphs(sections.get("effects", [])) + _paragraphs(sections.get("features", []))
    )
    return {
        "source": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "project": project,
        "municipality": municipality,
        "budget": _budget(lines),
        "context": _paragraphs(sections.get("context", [])),
        "context_quantities": _context_quantities(sections.get("context", [])),
        "features": _paragraphs(sections.get("features", [])),
        "effects": _paragraphs(sections.get("effects", [])),
        "goals": _paragraphs(sections.get("purpose", [])),
        "kpis": kpis,
        "partners": partners,
        "partners_text": partners_text,
        "partners_open_ended": open_ended,
        "future_issues": _paragraphs(sections.get("future_issues", [])),
        "activities": activities,
    }
