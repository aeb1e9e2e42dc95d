"""What the readers return: plain records, and their interchange JSON form.

The JSON form is the report interchange format (``docs/interchange.md``);
the extra keys (``text``, ``span``, ``columns`` …) carry provenance and are
ignored by consumers that do not need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def json_number(value: Decimal) -> int | float:
    """3121 for Decimal('3121'), 90.08 for Decimal('90.08')."""
    return int(value) if value == value.to_integral_value() else float(value)


def format_number(value: Decimal | None) -> str:
    """3,121 / 90.08 / "" — digits as a person writes them."""
    if value is None:
        return ""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Quantity:
    """実績: a number that counts or measures something, with its unit and label.

    ``start``/``end`` index the text the quantity was read from; ``source_text``
    is that text's slice, kept so that a person can check the reading.
    """

    value: Decimal
    unit: str | None
    label: str
    qualifier: str | None = None
    as_of: str | None = None
    start: int = 0
    end: int = 0
    source_text: str = ""
    earlier: bool = False  # written left of an arrow ("130→368回"): the comparison period's figure

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "value": json_number(self.value), "unit": self.unit}
        if self.qualifier:
            data["qualifier"] = self.qualifier
        if self.as_of:
            data["as_of"] = self.as_of
        data["text"] = self.source_text
        data["span"] = [self.start, self.end]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quantity:
        span = data.get("span") or [0, 0]
        return cls(
            value=Decimal(str(data["value"])),
            unit=data.get("unit"),
            label=data.get("label") or "",
            qualifier=data.get("qualifier"),
            as_of=data.get("as_of"),
            start=int(span[0]),
            end=int(span[1]),
            source_text=data.get("text") or "",
        )


@dataclass
class YearFigures:
    """One year of an item in a year-column table: the actual and the planned value (目標, 見込量)."""

    fiscal_year: int
    actual: Quantity | None = None
    planned: Quantity | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "actual": self.actual.to_json() if self.actual else None,
            "planned": self.planned.to_json() if self.planned else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> YearFigures:
        actual, planned = data.get("actual"), data.get("planned")
        return cls(
            int(data["fiscal_year"]),
            Quantity.from_json(actual) if actual else None,
            Quantity.from_json(planned) if planned else None,
        )


@dataclass
class ProjectEntry:
    """One project's row of a report (事業), with the cells as printed and the quantities read."""

    line: int
    name: str
    segment: str | None = None
    service: str | None = None
    number: int | None = None
    department: str | None = None
    plan_goal: int | None = None
    plan_text: str = ""
    marker: str | None = None  # the numbering as written before the name: "1", "(ア)", "1-2", "②"
    activities: str = ""  # 具体的な実施事項
    narrative: str = ""  # 事業実績内容
    current_text: str = ""  # the current period's results as printed
    comparison_text: str = ""  # the comparison period's results; "previous" in the interchange JSON
    current: list[Quantity] = field(default_factory=list)
    comparison: list[Quantity] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # every source line merged into this entry
    targets: list[Quantity] = field(default_factory=list)  # planned values of the report's year
    years: list[YearFigures] = field(default_factory=list)  # each year's actual and plan (year tables)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "lines": self.lines or [self.line],
            "segment": self.segment,
            "service": self.service,
            "number": self.number,
            "marker": self.marker,
            "name": self.name,
            "department": self.department,
            "plan_goal": self.plan_goal,
            "plan_text": self.plan_text,
            "activities": self.activities,
            "narrative": self.narrative,
            "current_text": self.current_text,
            "previous_text": self.comparison_text,
            "current": [q.to_json() for q in self.current],
            "previous": [q.to_json() for q in self.comparison],
        } | self._year_json()

    def _year_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.targets:
            data["targets"] = [q.to_json() for q in self.targets]
        if self.years:
            data["years"] = [y.to_json() for y in self.years]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProjectEntry:
        return cls(
            line=int(data.get("line") or 0),
            name=data["name"],
            segment=data.get("segment"),
            service=data.get("service"),
            number=data.get("number"),
            department=data.get("department"),
            plan_goal=data.get("plan_goal"),
            plan_text=data.get("plan_text") or "",
            marker=data.get("marker"),
            activities=data.get("activities") or "",
            narrative=data.get("narrative") or "",
            current_text=data.get("current_text") or "",
            comparison_text=data.get("previous_text") or "",
            current=[Quantity.from_json(q) for q in data.get("current") or []],
            comparison=[Quantity.from_json(q) for q in data.get("previous") or []],
            lines=list(data.get("lines") or []),
            targets=[Quantity.from_json(q) for q in data.get("targets") or []],
            years=[YearFigures.from_json(y) for y in data.get("years") or []],
        )


@dataclass
class ReportDocument:
    """A business report (事業経過報告 / 事業実績報告) as read from one file."""

    source: str
    fiscal_year: int
    period: str  # "Q1".."Q4" or "FY"
    comparison_fiscal_year: int | None
    projects: list[ProjectEntry]
    title: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # role -> heading as printed
    sha256: str = ""
    encoding: str = ""
    fiscal_year_source: str = "document"  # "document", "given" (by the caller) or "as_of_date" (inferred)
    fiscal_year_inferred_from: str | None = None  # the as-of words, when inferred

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "fiscal_year": self.fiscal_year,
            "period": self.period,
            "compare_fiscal_year": self.comparison_fiscal_year,
            "fiscal_year_source": self.fiscal_year_source,
        }
        if self.fiscal_year_inferred_from:
            data["fiscal_year_inferred_from"] = self.fiscal_year_inferred_from
        return data | {
            "sha256": self.sha256,
            "encoding": self.encoding,
            "columns": self.columns,
            "projects": [p.to_json() for p in self.projects],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportDocument:
        return cls(
            source=data.get("source") or "",
            fiscal_year=int(data["fiscal_year"]),
            period=data.get("period") or "FY",
            comparison_fiscal_year=data.get("compare_fiscal_year"),
            projects=[ProjectEntry.from_json(p) for p in data.get("projects") or []],
            title=data.get("title") or "",
            columns=dict(data.get("columns") or {}),
            sha256=data.get("sha256") or "",
            encoding=data.get("encoding") or "",
            fiscal_year_source=data.get("fiscal_year_source") or "document",
            fiscal_year_inferred_from=data.get("fiscal_year_inferred_from"),
        )
