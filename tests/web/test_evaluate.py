"""Issue 3's Must-show: seeds 003 + 000 + 001 (twice) + links, evaluated through the real command line.

The grades below are worked by hand from the seed texts and DESIGN.md's rules
(baseline B in FY2019, target T in FY2026, expected progress (y − 2019) / 7):

- ふれあいサロン数 68 → 83 か所: FY2021 70 (progress 2/15 = 0.13 < 2/7: b), FY2022 78
  (10/15 = 0.67 ≥ 3/7: a), FY2024 91 and FY2025 87 (≥ 83: 達成).
- CSW 相談件数 14 → 30 件: 83, 63, 90, 102 — all above the target: 達成.
- 福祉学習開催数 21 → 24 校: 13, 14, 17, 18 — all below the baseline: c.
- 福祉学習開催数 150 → 150 学級 (target = baseline: held within 0): 101, 111, 122, 114: c.
- 福祉人材バンク (001's FY2022 column): 求職 118 → 130 人: 114 < B: c; 求人 241 → 250: 315 達成;
  マッチング成功 13 → 20 件: 19, progress 6/7 ≥ 3/7: a.
- 市民後見人数 18 → 40 人: FY2024 49, FY2025 46: 達成 (001 gives no 市民後見人 figure).
- 市民ボランティア講座参加者数 81 → 100 人: FY2021 16, FY2022 30 (the lecture of 7月21日; the four
  分科会 figures beside it are not 参加者 of the lecture), FY2024 43, FY2025 41: c.
"""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from sasaeai.cli import main
from tests.conftest import fresh_copy, links_path, seed_path

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


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _printed(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(argv)) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def module_evaluated(module_transaction: None) -> dict:  # type: ignore[type-arg]
    """The seeds stored and evaluated through the command line, once for this module."""
    _printed("migrate")
    _printed("import-plan", str(seed_path("003")))
    _printed("import-report", str(seed_path("000")), "--published")
    _printed("import-report", str(seed_path("001")), "--published")
    assert "nothing changed" in _printed("import-report", str(seed_path("001")), "--published")
    _printed("import-links", str(links_path()))
    return json.loads(_printed("evaluate", "--json"))  # type: ignore[no-any-return]


@pytest.fixture
def evaluated(module_evaluated: dict, db: None) -> dict:  # type: ignore[type-arg]
    return fresh_copy(module_evaluated)


def _parts(result: dict) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    return {(i["name"], p["label"] or p["unit"]): p for i in result["indicators"] for p in i["parts"]}


def test_lists_every_indicator_and_part_of_the_plan(evaluated, gold) -> None:  # type: ignore[no-untyped-def]
    plan = json.loads(gold("003_plan.json").read_text(encoding="utf-8"))
    names = [
        i["name"]
        for g in plan["goals"]
        for p in g["policies"]
        for a in p["approaches"]
        for i in a["indicators"]
    ]
    assert [i["name"] for i in evaluated["indicators"]] == names
    assert len(names) == 35
    assert sum(len(i["parts"]) for i in evaluated["indicators"]) == 41


def test_linked_parts_have_their_actual_for_every_reported_year(evaluated) -> None:  # type: ignore[no-untyped-def]
    parts = _parts(evaluated)
    found = {
        key: {a["fiscal_year"]: (a["value"], a["grade"]) for a in parts[key]["actuals"]} for key in EXPECTED
    }
    assert found == EXPECTED
    linked = {key for key, part in parts.items() if part["linked"]}
    assert linked == set(EXPECTED)
    assert all(not part["actuals"] for key, part in parts.items() if key not in EXPECTED)


def test_the_numbers_behind_a_grade(evaluated) -> None:  # type: ignore[no-untyped-def]
    salons = _parts(evaluated)[("ふれあいサロン数", "か所")]
    assert salons["baseline"] == {"fiscal_year": 2019, "value": 68, "text": "68 か所"}
    assert salons["target"] == {"fiscal_year": 2026, "value": 83, "text": "83 か所"}
    fy2022 = salons["actuals"][1]
    assert (fy2022["achievement_rate"], fy2022["progress"], fy2022["expected_progress"]) == (
        0.9398,
        0.6667,
        0.4286,
    )
    assert fy2022["source"].startswith("001_")
    fy2024 = salons["actuals"][2]
    assert "comparison FY2024 Q4" in fy2024["source"]
    # Least squares through (2021, 70), (2022, 78), (2024, 91), (2025, 87): slope 4.7, 95.6 in FY2026.
    assert salons["projection"]["value"] == 95.6
    assert salons["projection"]["meets_target"] is True


def test_roll_up_of_an_approach(evaluated) -> None:  # type: ignore[no-untyped-def]
    rollups = {(r["level"], r["title"]): r["grade"] for r in evaluated["rollups"]}
    # 地域支え合いの機能の充実: CSW 達成 (a) and an unlinked part (未評価, left out) -> A.
    assert rollups[("approach", "地域支え合いの機能の充実")] == "A"
    # 福祉教育の推進: 福祉学習 校 c and 学級 c -> D.
    assert rollups[("approach", "福祉教育の推進")] == "D"
    assert rollups[("approach", "包括的な支援を行う体制づくり")] is None


def test_year_option_keeps_the_actuals_up_to_that_year(capsys, evaluated) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(_run(capsys, "evaluate", "--json", "--year", "2022"))
    salons = _parts(result)[("ふれあいサロン数", "か所")]
    assert [(a["fiscal_year"], a["grade"]) for a in salons["actuals"]] == [(2021, "b"), (2022, "a")]
    assert Decimal(str(salons["projection"]["value"])) == Decimal("110")  # (70, 78): +8 a year to FY2026


def _relabelled_000(tmp_path: Path) -> Path:
    """Report 000 as if it were 令和8年度 第2四半期 (comparison 令和7年度 第2四半期): a year in progress."""
    text = seed_path("000").read_text(encoding="utf-8")
    text = (
        text.replace("令和7年度", "令和8年度")
        .replace("令和6年度", "令和7年度")
        .replace("第4四半期", "第2四半期")
    )
    text = text.replace("2025年度", "2026年度").replace("2024年度", "2025年度")
    path = tmp_path / "000_as_FY2026_Q2.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _without_years(result: dict, *years: int) -> dict:  # type: ignore[type-arg]
    """The evaluation with the actuals of ``years`` taken out (to compare everything else)."""
    copy = json.loads(json.dumps(result))
    for indicator in copy["indicators"]:
        for part in indicator["parts"]:
            part["actuals"] = [a for a in part["actuals"] if a["fiscal_year"] not in years]
            part["misses"] = [m for m in part["misses"] if m["fiscal_year"] not in years]
    return copy  # type: ignore[no-any-return]


def test_a_draft_changes_nothing_and_an_approved_quarter_is_a_year_in_progress(
    evaluated, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.reports.models import Report
    from sasaeai.reports.services.workflow import ApprovePart, SubmitPart

    _printed("import-report", str(_relabelled_000(tmp_path)))
    assert json.loads(_printed("evaluate", "--json")) == evaluated  # a draft counts nowhere
    report = Report.objects.get(fiscal_year=2026, period="Q2")
    for part in report.parts.all():
        SubmitPart(COMMAND_LINE, part).execute()
        ApprovePart(COMMAND_LINE, part).execute()
    after = json.loads(_printed("evaluate", "--json"))
    guardians = _parts(after)[("市民後見人数", "人")]["actuals"]
    assert [(a["fiscal_year"], a["value"], a["period"], a["complete"], a["grade"]) for a in guardians] == [
        (2024, 49, "Q4", True, "達成"),
        (2025, 46, "Q4", True, "達成"),  # still graded from the Q4 report
        (2026, 46, "Q2", False, None),  # the copy's figure, a year in progress: never graded as the year
    ]
    in_progress = [a for p in _parts(after).values() for a in p["actuals"] if a["fiscal_year"] == 2026]
    assert in_progress and all(not a["complete"] and a["grade"] is None for a in in_progress)
    assert _without_years(after, 2026) == _without_years(evaluated, 2026)  # no roll-up or projection moves
