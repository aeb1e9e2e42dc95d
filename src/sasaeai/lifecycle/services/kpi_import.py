"""Storing a funded project's KPI sheet (交付金事業の実績シート): budget, KPIs, partners and issues."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction

from sasaeai.core.kpi import read_kpi
from sasaeai.figures import refuse_outside_range
from sasaeai.lifecycle.models import Kpi, KpiSheet
from sasaeai.operations import Operation
from sasaeai.people.models import OrganisationKind
from sasaeai.people.roles import Actor
from sasaeai.reports.services.projects import find_organisation

from .checks import require_own, require_secretariat


class KpiImport(Operation):
    """A funded project's KPI sheet (交付金事業の実績シート): budget, grant, KPIs with 達成率, partners."""

    def __init__(
        self,
        user: Actor,
        data: bytes,
        name: str,
        fiscal_year: int | None = None,
        organisation: str | None = None,
    ) -> None:
        super().__init__(user)
        self.data, self.name, self.fiscal_year = data, name, fiscal_year
        self.organisation_name = organisation
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.sheet: dict[str, Any] | None = None

    def check(self) -> None:
        require_secretariat(self.user)
        if self.sheet is None:
            self.sheet = read_kpi(self.data, self.name)

    def execute(self) -> tuple[KpiSheet, bool]:
        self.check()
        assert self.sheet is not None
        with transaction.atomic():
            existing = KpiSheet.objects.filter(
                source_sha256=self.sha256, fiscal_year=self.fiscal_year
            ).first()
            if existing is not None:
                return existing, False
            return self._store(self.sheet), True

    def _store(self, data: dict[str, Any]) -> KpiSheet:
        organisation = find_organisation(
            self.organisation_name or data["municipality"], OrganisationKind.CITY
        )
        require_own(self.user, organisation)
        budget = data["budget"]
        sheet, _ = KpiSheet.objects.update_or_create(
            organisation=organisation,
            project_name=data["project"][:300],
            fiscal_year=self.fiscal_year,
            defaults={
                "project_cost": _amount(budget.get("project_cost"), "The project cost", "個別事業費"),
                "grant": _amount(budget.get("grant"), "The grant", "交付金額"),
                "budget_unit": (budget.get("project_cost") or budget.get("grant") or {}).get("unit", ""),
                "context": "\n".join(data["context"]),
                "goals": "\n".join(data["goals"]),
                "future_issues": "\n".join(data["future_issues"]),
                "partners": data["partners"],
                "partners_open_ended": data["partners_open_ended"],
                "activities": data["activities"],
                "source_name": self.name[:300],
                "source_sha256": self.sha256,
            },
        )
        reasons = dict(sheet.kpis.values_list("name", "reason"))
        sheet.kpis.all().delete()
        for order, kpi in enumerate(data["kpis"]):
            _store_kpi(sheet, order, kpi, reasons.get(kpi["name"], ""))
        return sheet


def _amount(figure: dict[str, Any] | None, where: str = "", where_ja: str = "") -> Decimal | None:
    amount = None if figure is None else Decimal(str(figure["value"]))
    refuse_outside_range(amount, where or "An amount", where_ja or "金額")
    return amount


def _store_kpi(sheet: KpiSheet, order: int, kpi: dict[str, Any], reason: str) -> Kpi:
    target, actual, printed = kpi["target"] or {}, kpi["actual"] or {}, kpi["achievement_rate"]
    return Kpi.objects.create(
        sheet=sheet,
        order=order,
        kind=kpi["kind"][:40],
        name=kpi["name"][:300],
        indicator_type=(kpi["indicator_type"] or "")[:40],
        target_value=_amount(target or None, f"The target of {kpi['name']}", f"「{kpi['name']}」の目標"),
        target_unit=target.get("unit") or "",
        actual_value=_amount(actual or None, f"The actual of {kpi['name']}", f"「{kpi['name']}」の実績"),
        actual_unit=actual.get("unit") or "",
        actual_as_of=(actual.get("as_of") or "")[:40],
        printed_rate=_amount(printed, f"The rate of {kpi['name']}", f"「{kpi['name']}」の達成率"),
        # a printed "-" says no rate applies (the actual is, e.g., a survey baseline)
        rate_applies=kpi["text"]["achievement_rate"].strip() not in ("-", "－", "―", "—", ""),
        reason=reason,
        source_line=kpi["source_line"],
    )


def kpi_sheet_json(sheet: KpiSheet, changed: bool) -> dict[str, Any]:
    """The stored sheet, as ``import-kpi --json`` prints it."""
    return {
        "changed": changed,
        "organisation": sheet.organisation.name,
        "project": sheet.project_name,
        "fiscal_year": sheet.fiscal_year,
        "budget": {
            "project_cost": _number(sheet.project_cost),
            "grant": _number(sheet.grant),
            "unit": sheet.budget_unit,
        },
        "kpis": [
            {
                "kind": k.kind,
                "name": k.name,
                "target": _number(k.target_value),
                "target_unit": k.target_unit,
                "actual": _number(k.actual_value),
                "actual_unit": k.actual_unit,
                "printed_rate": _number(k.printed_rate),
                "computed_rate": _number(k.computed_rate),
                "rate_agrees": k.rate_agrees,
                "below_target": k.below_target,
            }
            for k in sheet.kpis.all()
        ],
        "partners": sheet.partners,
        "partners_open_ended": sheet.partners_open_ended,
        "future_issues": sheet.future_issues,
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)
