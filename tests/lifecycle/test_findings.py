"""Consistency findings over stored data and the commands around them; the data stays untouched."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sasaeai.cli import main
from sasaeai.lifecycle.findings import report_findings
from sasaeai.reports.models import Quantity, Side

from ..web.base import Cast

pytestmark = pytest.mark.django_db


def test_a_figure_ten_times_last_year_is_found_and_not_changed(cast: Cast):
    # the cast's draft (FY2025 Q4) says 87 箇所; the published FY2024 Q4 says 91
    assert [f.finding.kind for f in report_findings(cast.draft)] == []
    cast.salon_count.value = Decimal(1000)
    cast.salon_count.save()
    found = report_findings(cast.draft)
    assert [(f.finding.kind, f.finding.subject) for f in found] == [("quantity_jump", "ふれあいサロン事業")]
    assert found[0].finding.details["previous"] == 91
    assert "前年" in found[0].finding.message_ja
    cast.salon_count.refresh_from_db()
    assert cast.salon_count.value == Decimal(1000)


def test_the_comparison_column_counts_as_last_year(cast: Cast):
    Quantity.objects.create(
        entry=cast.newsletter_entry, side=Side.COMPARISON, label="発行", value=Decimal(34740), unit="部"
    )
    found = report_findings(cast.draft)
    assert [(f.finding.subject, f.finding.details["ratio"]) for f in found] == [("社協だより発行業務", 10.0)]


def test_check_consistency_command_prints_json(cast: Cast, capsys):
    cast.salon_count.value = Decimal(9)
    cast.salon_count.save()
    assert main(["check-consistency", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["kind"], f["report"]) for f in findings] == [
        ("quantity_jump", {"fiscal_year": 2025, "period": "Q4"})
    ]
