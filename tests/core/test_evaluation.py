"""Grades, rates, roll-ups and projections of indicator parts (DESIGN.md, "Evaluation").

Every expected value here is worked out by hand, not by the code under test.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sasaeai.core import ReaderError
from sasaeai.core.evaluation import (
    Actual,
    IndicatorPart,
    Measure,
    Thresholds,
    evaluate_actual,
    evaluate_part,
    grade_value,
    project,
    roll_up,
)

D = Decimal


def make_part(
    baseline: str | None,
    target: str | None,
    direction: str = "increase",
    unit: str | None = "人",
    years: tuple[int | None, int | None] = (2020, 2026),
    qualifier: str | None = None,
) -> IndicatorPart:
    return IndicatorPart(
        label=None,
        unit=unit,
        direction=direction,  # type: ignore[arg-type]
        baseline=Measure(years[0], None if baseline is None else D(baseline), baseline or "—"),
        target=Measure(years[1], None if target is None else D(target), target or "", qualifier),
    )


# (case, baseline, target, direction, unit, actual, fiscal year, grade); path 2020 -> 2026.
GRADE_TABLE = [
    ("increase reached", "100", "200", "increase", "人", "200", 2023, "達成"),
    ("increase beyond target", "100", "200", "increase", "人", "250", 2023, "達成"),
    ("increase exactly on the path", "100", "200", "increase", "人", "150", 2023, "a"),
    ("increase ahead of the path", "100", "200", "increase", "人", "199", 2023, "a"),
    ("increase just behind the path", "100", "200", "increase", "人", "149", 2023, "b"),
    ("increase barely better than baseline", "100", "200", "increase", "人", "101", 2023, "b"),
    ("increase equal to baseline", "100", "200", "increase", "人", "100", 2023, "b"),
    ("increase one below baseline", "100", "200", "increase", "人", "99", 2023, "c"),
    ("increase after the target year, short", "100", "200", "increase", "人", "199", 2027, "b"),
    ("increase in the baseline year at baseline", "100", "200", "increase", "人", "100", 2020, "a"),
    ("decrease reached", "200", "100", "decrease", "件", "100", 2023, "達成"),
    ("decrease below target", "200", "100", "decrease", "件", "90", 2023, "達成"),
    ("decrease on the path", "200", "100", "decrease", "件", "150", 2023, "a"),
    ("decrease behind the path", "200", "100", "decrease", "件", "151", 2023, "b"),
    ("decrease equal to baseline", "200", "100", "decrease", "件", "200", 2023, "b"),
    ("decrease worse than baseline", "200", "100", "decrease", "件", "201", 2023, "c"),
    ("percent at tolerance edge", "50", "60", "increase", "%", "47", 2023, "b"),
    ("percent just beyond tolerance", "50", "60", "increase", "%", "46.99", 2023, "c"),
    ("percent better but behind", "50", "60", "increase", "%", "53", 2023, "b"),
    ("percent on the path", "50", "60", "increase", "%", "55", 2023, "a"),
    ("percent reached", "50", "60", "increase", "%", "60", 2023, "達成"),
    ("full-width percent sign", "50", "60", "increase", "％", "47", 2023, "b"),
    ("percent decrease at tolerance edge", "50", "40", "decrease", "%", "53", 2023, "b"),
    ("percent decrease beyond tolerance", "50", "40", "decrease", "%", "53.01", 2023, "c"),
    ("maintain holds", "680", None, "maintain", "回", "680", 2023, "a"),
    ("maintain falls", "680", None, "maintain", "回", "679", 2023, "c"),
    ("maintain rises (holding means staying)", "680", None, "maintain", "回", "681", 2023, "c"),
    ("maintain percent upper edge", "90.08", "90.08", "maintain", "%", "93.08", 2023, "a"),
    ("maintain percent beyond upper edge", "90.08", "90.08", "maintain", "%", "93.09", 2023, "c"),
    ("maintain percent lower edge", "90.08", "90.08", "maintain", "%", "87.08", 2023, "a"),
    ("maintain percent beyond lower edge", "90.08", "90.08", "maintain", "%", "87.07", 2023, "c"),
    ("target equals baseline, reached", "150", "150", "increase", "学級", "150", 2023, "達成"),
    ("target equals baseline, exceeded", "150", "150", "increase", "学級", "160", 2023, "達成"),
    ("target equals baseline, fell", "150", "150", "increase", "学級", "149", 2023, "c"),
    ("target equals baseline, percent within tolerance", "80", "80", "increase", "%", "78", 2023, "a"),
    ("target equals baseline, percent beyond tolerance", "80", "80", "increase", "%", "76.99", 2023, "c"),
    ("no baseline, reached", None, "1", "increase", "戸", "1", 2022, "達成"),
    ("no baseline, on a path from zero", None, "10", "increase", "戸", "5", 2023, "a"),
    ("no baseline, behind a path from zero", None, "10", "increase", "戸", "4", 2023, "b"),
    ("no baseline, nothing yet", None, "1", "increase", "戸", "0", 2021, "b"),
    ("no baseline, decrease not reached", None, "10", "decrease", "件", "12", 2023, "b"),
    ("no baseline, decrease reached", None, "10", "decrease", "件", "9", 2023, "達成"),
    ("no target, increasing part", "10", None, "increase", "件", "12", 2023, "未評価"),
    ("neither baseline nor target", None, None, "increase", "件", "12", 2023, "未評価"),
]


@pytest.mark.parametrize(
    ("baseline", "target", "direction", "unit", "actual", "year", "grade"),
    [case[1:] for case in GRADE_TABLE],
    ids=[case[0] for case in GRADE_TABLE],
)
def test_grades_follow_the_design_rules(baseline, target, direction, unit, actual, year, grade):
    part = make_part(baseline, target, direction, unit)
    assert grade_value(part, D(actual), year) == grade


@pytest.mark.parametrize(
    ("actual", "grade"),
    [("1", "達成"), ("3", "達成"), ("0", "c")],
)
def test_target_qualified_ijou_is_reached_at_or_above_its_value(actual, grade):
    # 実務者ネットワーク会議開催回数: 1回 (R1) -> 年1回以上 (R8); equal numbers make it a maintain part.
    part = make_part("1", "1", "maintain", "回", (2019, 2026), qualifier="以上")
    assert grade_value(part, D(actual), 2024) == grade


def test_target_qualified_ika_is_reached_at_or_below_its_value():
    part = make_part("12", "10", "decrease", "件", (2019, 2026), qualifier="以下")
    assert grade_value(part, D("10"), 2024) == "達成"
    assert grade_value(part, D("11"), 2024) == "b"


def test_no_actual_is_not_evaluated():
    assert grade_value(make_part("1", "2"), None, 2023) == "未評価"


def test_a_wider_tolerance_turns_a_small_fall_into_b():
    part = make_part("100", "200", unit="人")
    assert grade_value(part, D("98"), 2023) == "c"
    assert grade_value(part, D("98"), 2023, Thresholds(default_tolerance=D("2"))) == "b"


def test_a_narrower_percent_tolerance_applies_to_percent_parts_only():
    strict = Thresholds(percent_tolerance=D("1"))
    assert grade_value(make_part("50", "60", unit="%"), D("48"), 2023, strict) == "c"
    assert grade_value(make_part("50", "60", unit="%"), D("49"), 2023, strict) == "b"


# The links of ../shared/data/links/tomakomai.yaml with the figures seeds 000 (FY2025 Q4, FY2024 beside it)
# and 001 (FY2022, FY2021 beside it) print; baselines R1 (2019) and targets R8 (2026) from seed 003.
# (indicator part, baseline, target, unit, fiscal year, actual, achievement rate, progress, expected, grade)
SEED_LINKS = [
    ("市民後見人数", "18", "40", "人", 2025, "46", "1.15", "1.2727", "0.8571", "達成"),
    ("市民後見人数", "18", "40", "人", 2024, "49", "1.225", "1.4091", "0.7143", "達成"),
    ("ふれあいサロン数", "68", "83", "か所", 2025, "87", "1.0482", "1.2667", "0.8571", "達成"),
    ("ふれあいサロン数", "68", "83", "か所", 2024, "91", "1.0964", "1.5333", "0.7143", "達成"),
    ("ふれあいサロン数", "68", "83", "か所", 2022, "78", "0.9398", "0.6667", "0.4286", "a"),
    ("ふれあいサロン数", "68", "83", "か所", 2021, "70", "0.8434", "0.1333", "0.2857", "b"),
    ("CSW相談件数", "14", "30", "件", 2025, "102", "3.4", "5.5", "0.8571", "達成"),
    ("CSW相談件数", "14", "30", "件", 2024, "90", "3", "4.75", "0.7143", "達成"),
    ("CSW相談件数", "14", "30", "件", 2022, "63", "2.1", "3.0625", "0.4286", "達成"),
    ("CSW相談件数", "14", "30", "件", 2021, "83", "2.7667", "4.3125", "0.2857", "達成"),
    ("福祉学習開催数 校", "21", "24", "校", 2025, "18", "0.75", "-1", "0.8571", "c"),
    ("福祉学習開催数 校", "21", "24", "校", 2024, "17", "0.7083", "-1.3333", "0.7143", "c"),
    ("福祉学習開催数 校", "21", "24", "校", 2022, "14", "0.5833", "-2.3333", "0.4286", "c"),
    ("福祉学習開催数 校", "21", "24", "校", 2021, "13", "0.5417", "-2.6667", "0.2857", "c"),
    ("福祉学習開催数 学級", "150", "150", "学級", 2025, "114", "0.76", None, "0.8571", "c"),
    ("福祉学習開催数 学級", "150", "150", "学級", 2024, "122", "0.8133", None, "0.7143", "c"),
    ("福祉学習開催数 学級", "150", "150", "学級", 2022, "111", "0.74", None, "0.4286", "c"),
    ("福祉学習開催数 学級", "150", "150", "学級", 2021, "101", "0.6733", None, "0.2857", "c"),
    ("福祉人材バンク 求職", "118", "130", "人", 2022, "114", "0.8769", "-0.3333", "0.4286", "c"),
    ("福祉人材バンク 求人", "241", "250", "人", 2022, "315", "1.26", "8.2222", "0.4286", "達成"),
    ("福祉人材バンク マッチング成功", "13", "20", "件", 2022, "19", "0.95", "0.8571", "0.4286", "a"),
    ("市民ボランティア講座参加者数", "81", "100", "人", 2025, "41", "0.41", "-2.1053", "0.8571", "c"),
    ("市民ボランティア講座参加者数", "81", "100", "人", 2024, "43", "0.43", "-2", "0.7143", "c"),
    ("市民ボランティア講座参加者数", "81", "100", "人", 2022, "30", "0.3", "-2.6842", "0.4286", "c"),
    ("市民ボランティア講座参加者数", "81", "100", "人", 2021, "16", "0.16", "-3.4211", "0.2857", "c"),
]


@pytest.mark.parametrize(
    ("baseline", "target", "unit", "year", "actual", "rate", "progress", "expected", "grade"),
    [case[1:] for case in SEED_LINKS],
    ids=[f"{case[0]} FY{case[4]}" for case in SEED_LINKS],
)
def test_seed_links_are_graded_as_worked_by_hand(
    baseline, target, unit, year, actual, rate, progress, expected, grade
):
    direction = "maintain" if baseline == target else "increase"
    part = make_part(baseline, target, direction, unit, (2019, 2026))
    graded = evaluate_actual(part, Actual(year, D(actual), source="seed"))
    assert graded.grade == grade
    assert graded.achievement_rate == D(rate)
    assert graded.progress == (None if progress is None else D(progress))
    assert graded.expected_progress == D(expected)


def test_part_json_has_the_shape_evaluate_prints():
    part = make_part("68", "83", unit="か所", years=(2019, 2026))
    actuals = [
        Actual(2022, D("78"), source="001 FY2022"),
        Actual(2021, D("70"), source="001 FY2021"),
    ]
    data = json.loads(json.dumps(evaluate_part(part, actuals).to_json(), ensure_ascii=False))
    assert data == {
        "label": None,
        "unit": "か所",
        "direction": "increase",
        "baseline": {"fiscal_year": 2019, "value": 68, "text": "68"},
        "target": {"fiscal_year": 2026, "value": 83, "text": "83"},
        "actuals": [
            {
                "fiscal_year": 2021,
                "period": "FY",
                "complete": True,
                "value": 70,
                "achievement_rate": 0.8434,
                "progress": 0.1333,
                "expected_progress": 0.2857,
                "grade": "b",
                "source": "001 FY2021",
            },
            {
                "fiscal_year": 2022,
                "period": "FY",
                "complete": True,
                "value": 78,
                "achievement_rate": 0.9398,
                "progress": 0.6667,
                "expected_progress": 0.4286,
                "grade": "a",
                "source": "001 FY2022",
            },
        ],
        # 70 -> 78 in one year: 78 + 4 x 8 = 110 in FY2026.
        "projection": {
            "fiscal_year": 2026,
            "value": 110,
            "slope": 8,
            "meets_target": True,
            "actuals_used": 2,
        },
    }


def test_partial_actuals_say_so_in_json():
    part = make_part("68", "83", unit="か所", years=(2019, 2026))
    evaluation = evaluate_part(part, [Actual(2025, D("80"), source="Q3", partial=True, period="Q3")])
    data = evaluation.actuals[0].to_json()
    assert (data["period"], data["complete"], data["grade"], data["achievement_rate"]) == (
        "Q3",
        False,
        None,
        None,
    )
    assert evaluation.projection is None


def test_a_year_in_progress_is_never_graded_nor_projected_nor_rolled_up():
    """Reproduces the public indicator page that graded a mid-year 115件 悪化 although the last full year (206)
    had beaten the target (200), and projected 目標に届かない見込み from it."""
    part = make_part("120", "200", unit="件", years=(2019, 2026))
    actuals = [
        Actual(2023, D("180"), source="FY2023"),
        Actual(2024, D("206"), source="FY2024"),
        Actual(2025, D("115"), source="Q2", partial=True, period="Q2", same_period_last_year=D("100")),
    ]
    evaluation = evaluate_part(part, actuals)
    in_progress = evaluation.actuals[-1]
    assert (in_progress.grade, in_progress.pace) == (None, D("1.15"))
    assert in_progress.to_json()["pace"] == {"same_period_last_year": 100, "ratio": 1.15}
    assert evaluation.grade_in(2025) == "達成"  # the roll-ups take the last complete year
    assert evaluation.projection is not None and evaluation.projection.actuals_used == 2
    assert evaluation.projection.meets_target is True


# (actuals by fiscal year, baseline, target, projected value in FY2026, slope, meets target)
PROJECTIONS = [
    # ふれあいサロン数 from seeds 000 and 001: mean (2023, 81.5), Σdxdy 47, Σdx² 10.
    ({2021: "70", 2022: "78", 2024: "91", 2025: "87"}, "68", "83", "95.6", "4.7", True),
    # 市民ボランティア講座参加者数: mean (2023, 32.5), Σdxdy 63, Σdx² 10.
    ({2021: "16", 2022: "30", 2024: "43", 2025: "41"}, "81", "100", "51.4", "6.3", False),
    # flat line stays at 5 in FY2026.
    ({2022: "5", 2023: "5"}, "1", "10", "5", "0", False),
    # exactly reaching: 2, 4 -> 10 in FY2026 (slope 2 from 2022).
    ({2022: "2", 2023: "4"}, "0", "10", "10", "2", True),
]


@pytest.mark.parametrize(("actuals", "baseline", "target", "value", "slope", "meets"), PROJECTIONS)
def test_projection_is_a_least_squares_line_read_at_the_target_year(
    actuals, baseline, target, value, slope, meets
):
    part = make_part(baseline, target, years=(2019, 2026))
    result = project(part, [Actual(year, D(v)) for year, v in actuals.items()])
    assert result is not None
    assert (result.value, result.slope, result.meets_target) == (D(value), D(slope), meets)
    assert result.fiscal_year == 2026


def test_projection_of_a_decreasing_part():
    part = make_part("100", "80", "decrease", "件", (2019, 2026))
    result = project(part, [Actual(2020, D("98")), Actual(2021, D("95")), Actual(2022, D("92"))])
    # slope -3: 92 - 3 x 4 = 80 in FY2026, the target exactly.
    assert result is not None
    assert (result.value, result.meets_target) == (D("80"), True)


def test_projection_of_a_maintain_part():
    part = make_part("680", None, "maintain", "回", (2019, 2026))
    result = project(part, [Actual(2020, D("680")), Actual(2021, D("680"))])
    assert result is not None
    assert (result.value, result.meets_target) == (D("680"), True)


@pytest.mark.parametrize(
    "actuals",
    [[], [Actual(2022, D("5"))], [Actual(2022, D("5")), Actual(2022, D("6"))]],
    ids=["none", "one", "one year twice"],
)
def test_projection_needs_two_years(actuals):
    assert project(make_part("1", "10"), actuals) is None


def test_evaluate_part_keeps_one_actual_per_year_in_year_order():
    part = make_part("1", "10")
    evaluation = evaluate_part(part, [Actual(2023, D("4")), Actual(2021, D("2")), Actual(2023, D("5"))])
    assert [(a.fiscal_year, a.value) for a in evaluation.actuals] == [(2021, D("2")), (2023, D("5"))]
    assert evaluation.grade_in(2022) == evaluation.actuals[0].grade
    assert evaluation.grade_in() == evaluation.actuals[1].grade
    assert evaluation.grade_in(2020) == "未評価"


# Defaults: A when a (達成 counts as a) >= 80%; B when a or b >= 50%; C when a or b >= 20%; else D.
ROLLUPS = [
    (["a", "a", "a", "a", "b"], "A"),
    (["達成", "達成", "達成", "達成", "c"], "A"),
    (["a", "a", "a", "b", "b"], "B"),
    (["a", "a", "a", "c", "c"], "B"),
    (["a", "b", "c", "c"], "B"),
    (["b"], "B"),
    (["a", "c", "c", "c"], "C"),
    (["b", "c", "c", "c", "c"], "C"),
    (["b", "c", "c", "c", "c", "c"], "D"),
    (["c"], "D"),
    (["a", "未評価"], "A"),
    (["未評価", "未評価"], None),
    ([], None),
]


@pytest.mark.parametrize(("grades", "expected"), ROLLUPS)
def test_roll_up_boundaries(grades, expected):
    assert roll_up(grades) == expected


def test_roll_up_uses_the_plans_thresholds():
    grades = ["a", "a", "a", "b"]
    assert roll_up(grades) == "B"
    assert roll_up(grades, Thresholds(rollup_a=D("0.75"))) == "A"


def test_thresholds_round_trip_through_json():
    custom = Thresholds(percent_tolerance=D("2.5"), rollup_a=D("0.9"))
    text = json.dumps(custom.to_json())
    assert Thresholds.from_json(json.loads(text)) == custom
    assert json.loads(json.dumps(Thresholds().to_json())) == {
        "percent_tolerance": 3,
        "default_tolerance": 0,
        "rollup_a": 0.8,
        "rollup_b": 0.5,
        "rollup_c": 0.2,
    }


def test_thresholds_missing_keys_keep_defaults():
    assert Thresholds.from_json({}) == Thresholds()
    assert Thresholds.from_json(None) == Thresholds()
    assert Thresholds.from_json({"rollup_b": "0.6"}).rollup_b == D("0.6")


@pytest.mark.parametrize(
    "data",
    [
        {"tolerance": 3},
        {"percent_tolerance": "three"},
        {"percent_tolerance": True},
        {"percent_tolerance": -1},
        {"rollup_b": 0.1, "rollup_c": 0.2},
        {"rollup_a": 1.5},
        {"percent_tolerance": "NaN"},
        [1, 2],
    ],
)
def test_bad_thresholds_are_refused_with_one_sentence(data):
    with pytest.raises(ReaderError) as caught:
        Thresholds.from_json(data)
    assert caught.value.message_ja


def test_part_from_plan_dict():
    part = IndicatorPart.from_plan(
        {
            "label": None,
            "direction": "maintain",
            "baseline": {"year": 2019, "value": 1, "unit": "回", "text": "1回"},
            "target": {"year": 2026, "value": 1, "unit": "回", "text": "年1回以上", "qualifier": "以上"},
        }
    )
    assert part.unit == "回"
    assert part.target == Measure(2026, D("1"), "年1回以上", "以上")
    assert grade_value(part, D("2"), 2023) == "達成"


_VALUES = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@given(_VALUES, _VALUES, _VALUES, st.integers(2015, 2035), st.sampled_from(["人", "%"]))
def test_decrease_mirrors_increase(baseline, target, actual, year, unit):
    rising = make_part(str(baseline), str(target), "increase", unit, (2019, 2026))
    falling = make_part(str(-baseline), str(-target), "decrease", unit, (2019, 2026))
    assert grade_value(rising, actual, year) == grade_value(falling, -actual, year)


@given(
    _VALUES, _VALUES, _VALUES, st.integers(2015, 2035), st.sampled_from(["increase", "decrease", "maintain"])
)
def test_every_actual_gets_one_of_the_five_grades(baseline, target, actual, year, direction):
    part = make_part(str(baseline), str(target), direction, "件", (2019, 2026))
    assert grade_value(part, actual, year) in ("達成", "a", "b", "c", "未評価")
    assert evaluate_actual(part, Actual(year, actual)).to_json()["grade"] == grade_value(part, actual, year)


def test_part_from_plan_derives_a_missing_direction():
    part = IndicatorPart.from_plan(
        {
            "baseline": {"year": 2019, "value": 321, "unit": "回"},
            "target": {"year": 2026, "value": 320, "unit": "回"},
        }
    )
    assert part.direction == "decrease"


def test_a_parts_own_tolerance_replaces_the_plans():
    part = IndicatorPart.from_plan(
        {
            "tolerance": 5,
            "baseline": {"year": 2019, "value": 100, "unit": "人"},
            "target": {"year": 2026, "value": 120, "unit": "人"},
        }
    )
    assert part.tolerance == D("5")
    assert grade_value(part, D("95"), 2023) == "b"
    assert grade_value(part, D("94"), 2023) == "c"
