"""Evaluating the cast: which figures count, for whom, and with which tolerance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sasaeai.cli import main
from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.evaluate import evaluate_plans
from sasaeai.evaluation.services.stored import recompute
from sasaeai.reports.models import PartStatus, Report, ReportStatus
from sasaeai.reports.services.figures import AddQuantity

from .base import Cast

pytestmark = pytest.mark.django_db

# (indicator, part label or unit) -> {fiscal year: (value, grade)}
EXPECTED = {
    ("ふれあいサロン数", "か所"): {2021: (70, "b"), 2022: (78, "a"), 2024: (91, "達成"), 2025: (87, "達成")},
    ("コミュニティソーシャルワーカー (CSW) 相談件数", "件"): {
        2021: (83, "達成"),
        2022: (63, "達成"),
        2024: (90, "達成"),
        2025: (102, "達成"),
    },
    ("福祉学習開催数", "校"): {2021: (13, "c"), 2022: (14, "c"), 2024: (17, "c"), 2025: (18, "c")},
    ("福祉学習開催数", "学級"): {2021: (101, "c"), 2022: (111, "c"), 2024: (122, "c"), 2025: (114, "c")},
    ("福祉人材バンク事業における求職数・求人数・マッチング成功数", "求職"): {2022: (114, "c")},
    ("福祉人材バンク事業における求職数・求人数・マッチング成功数", "求人"): {2022: (315, "達成")},
    ("福祉人材バンク事業における求職数・求人数・マッチング成功数", "マッチング成功"): {2022: (19, "a")},
    ("市民後見人数", "人"): {2024: (49, "達成"), 2025: (46, "達成")},
    ("市民ボランティア講座参加者数", "人"): {
        2021: (16, "c"),
        2022: (30, "c"),
        2024: (43, "c"),
        2025: (41, "c"),
    },
}


def _approve(cast: Cast) -> None:
    """The FY2025 Q4 report approved, department by department: its figures count from now on."""
    cast.draft.parts.update(status=PartStatus.APPROVED)
    Report.objects.filter(pk=cast.draft.pk).update(status=ReportStatus.APPROVED)
    recompute()  # written past the services, as a restored backup would be


def test_an_ambiguous_year_is_reported_not_guessed(cast: Cast) -> None:
    IndicatorLink.objects.filter(part=cast.part).update(label="")  # "the one quantity with the unit"
    AddQuantity(None, cast.salon_entry, label="新規開設", value=Decimal(12), unit="か所").execute()
    _approve(cast)
    part = evaluate_plans(cast.admin)["indicators"][0]["parts"][0]
    assert [a["fiscal_year"] for a in part["actuals"]] == [2024]  # from the published FY2024 report
    assert [(m["fiscal_year"], m["reason"]) for m in part["misses"]] == [
        (2025, "2 quantities with unit か所; name the label in the link.")
    ]


def _years(user: object, **options: object) -> list[tuple[int, int]]:
    part = evaluate_plans(user, **options)["indicators"][0]["parts"][0]  # type: ignore[arg-type]
    return [(a["fiscal_year"], a["value"]) for a in part["actuals"]]


def test_only_approved_figures_count_for_everyone(cast: Cast) -> None:
    """Reproduces the committee's sheet that showed a draft's figure: the FY2025 report is still a draft."""
    for user in (cast.anonymous, cast.committee, cast.editor, cast.admin, None):
        assert _years(user) == [(2024, 91)]


def test_approved_figures_count_for_staff_and_committee_and_published_ones_for_the_public(cast: Cast) -> None:
    _approve(cast)
    assert _years(cast.anonymous) == [(2024, 91)]
    assert _years(cast.committee) == _years(cast.editor) == [(2024, 91), (2025, 87)]


def test_the_secretariat_may_preview_with_unapproved_figures(cast: Cast) -> None:
    assert _years(cast.admin, include_unapproved=True) == [(2024, 91), (2025, 87)]
    assert _years(cast.editor, include_unapproved=True) == [(2024, 91)]  # a preview is the secretariat's only


def test_a_parts_own_tolerance_replaces_the_plans(cast: Cast) -> None:
    _approve(cast)
    cast.part.baseline_value, cast.part.target_value = Decimal(93), Decimal(93)  # 'hold 93'
    cast.part.save()
    assert [a["grade"] for a in evaluate_plans(cast.admin)["indicators"][0]["parts"][0]["actuals"]] == [
        "c",
        "c",
    ]
    cast.part.tolerance = Decimal(6)
    cast.part.save()
    assert [a["grade"] for a in evaluate_plans(cast.admin)["indicators"][0]["parts"][0]["actuals"]] == [
        "a",
        "a",
    ]


def test_evaluate_without_json_prints_a_line_per_part(capsys, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    _approve(cast)
    assert main(["evaluate"]) == 0
    assert capsys.readouterr().out == "ふれあいサロン数: FY2024 91 達成, FY2025 87 達成\n"
